"""The staff console in a real browser: live updates, replies, escalations, reveals, XSS, phone width, CSRF."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from compliance import ledger
from store.db import session_scope
from store.models import AccessReveal, Contact, Escalation, Message, WorkAddress
from tests.console.conftest import sign_in
from tests.support.console import OWNER

CUSTOMER = "+13055550100"


def _contact_id(settings, phone: str = CUSTOMER) -> int:
    with session_scope(settings.database_url) as session:
        return ledger.find_contact(session, phone).id


def _sent_to_customer(twilio_http) -> list[str]:
    return [sent["Body"] for sent in twilio_http.sent_messages if sent["To"] == CUSTOMER]


def test_sign_in_and_out(page: Page, served, owner):
    page.goto("/console/inbox")
    expect(page).to_have_url(re.compile(r"/console/login"))
    page.get_by_label("Email").fill(OWNER)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong email or password")
    sign_in(page)
    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.goto("/console/inbox")
    expect(page).to_have_url(re.compile(r"/console/login"))


def test_a_new_inbound_text_appears_in_the_open_inbox_without_a_reload(signed_in: Page, text_in):
    page = signed_in
    expect(page.locator("ul.inbox")).to_contain_text("No conversations")
    page.evaluate("window.notReloaded = true")
    text_in("Hi, can someone look at my water heater this week?")
    row = page.locator("li.conversation", has_text=CUSTOMER)
    expect(row).to_be_visible(timeout=5000)
    expect(row.locator(".unread-count")).to_have_text("1")
    assert page.evaluate("window.notReloaded") is True


def test_reply_appears_in_the_thread_and_the_outbox(signed_in: Page, text_in, settings, run_jobs, twilio_http):
    page = signed_in
    text_in("Do you install water softeners?")
    page.locator("li.conversation", has_text=CUSTOMER).click()
    twilio_http.requests.clear()
    page.get_by_label("Reply").fill("Yes, we do. Want a quote?")
    page.get_by_role("button", name="Send").click()
    outgoing = page.locator("ol.thread li.outbound", has_text="Yes, we do. Want a quote?")
    expect(outgoing).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Queued for sending")
    expect(outgoing.locator(".status")).to_have_text("pending")
    run_jobs()
    expect(outgoing.locator(".status")).to_have_text("queued", timeout=5000)  # the next poll shows Twilio's status
    assert _sent_to_customer(twilio_http) == ["Test Plumbing Co: Yes, we do. Want a quote?"]


def test_a_reply_to_an_opted_out_contact_is_refused_with_the_reason(signed_in: Page, text_in, twilio_http):
    page = signed_in
    text_in("STOP")
    page.locator("li.conversation", has_text="+13055550100").click()
    expect(page.locator("hgroup mark.opted-out")).to_be_visible()
    twilio_http.requests.clear()
    page.get_by_label("Reply").fill("Sorry to see you go")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("opted out of all texts")
    refused = page.locator("ol.thread li.status-refused", has_text="Sorry to see you go")
    expect(refused).to_contain_text("opted out of all texts")
    assert _sent_to_customer(twilio_http) == []


def test_claim_and_close_an_escalation(signed_in: Page, text_in, settings):
    page = signed_in
    text_in("Help! A pipe burst and water is pouring into the basement")
    page.get_by_role("link", name="Escalations").click()
    item = page.locator("li.escalation.emergency")
    expect(item).to_contain_text("emergency")
    item.get_by_role("button", name="Claim").click()
    page.get_by_role("link", name=re.compile(r"^claimed")).click()
    item = page.locator("li.escalation.emergency")
    expect(item.locator(".claimed-by")).to_have_text(f"claimed by {OWNER}")
    item.get_by_role("button", name="Close").click()
    page.get_by_role("link", name=re.compile(r"^closed")).click()
    expect(page.locator("li.escalation .closed-by")).to_have_text(f"closed by {OWNER}")
    with session_scope(settings.database_url) as session:
        escalation = session.scalars(select(Escalation)).one()
        assert (escalation.status, escalation.claimed_by, escalation.closed_by) == ("closed", OWNER, OWNER)


def test_reveal_an_access_code_and_find_the_audit_row(signed_in: Page, text_in, settings, owner):
    page = signed_in
    text_in("Hello")
    contact_id = _contact_id(settings)
    with session_scope(settings.database_url) as session:
        session.add(WorkAddress(contact_id=contact_id, line1="1 Main St", access_notes={"gate_code": "4821"}))
    page.goto(f"/console/conversations/{contact_id}")
    access = page.locator("ul.access li", has_text="gate code")
    expect(access.locator(".masked")).to_have_text("••••")
    expect(page.locator("body")).not_to_contain_text("4821")
    access.get_by_role("button", name="Reveal").click()
    expect(access.locator(".revealed")).to_have_text("4821")
    with session_scope(settings.database_url) as session:
        reveal = session.scalars(select(AccessReveal)).one()
        assert (reveal.user_id, reveal.contact_id, reveal.field) == (owner, contact_id, "gate_code")


def test_a_refused_message_shows_its_highlighted_span(signed_in: Page, text_in, settings):
    page = signed_in
    text_in("Thanks for the visit yesterday")
    page.goto(f"/console/conversations/{_contact_id(settings)}")
    page.get_by_label("Reply").fill("Get 20% off your next repair, this week only!")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("promotional wording")
    page.get_by_role("link", name="Held back").click()
    held = page.locator("li.held-message", has_text="your next repair")
    expect(held.locator("mark.span").first).to_be_visible()
    flagged = " ".join(held.locator("mark.span").all_inner_texts())
    assert "20% off" in flagged or "this week only" in flagged, flagged
    background = held.locator("mark.span").first.evaluate("node => getComputedStyle(node).backgroundColor")
    assert background == "rgb(255, 213, 79)"
    expect(held.locator(".reasons")).to_contain_text("promotional wording")
    held.locator("summary", has_text="Edit and re-submit").click()
    held.get_by_label("Edited text").fill("Thanks again for having us out yesterday.")
    held.get_by_role("button", name="Re-submit through the gate").click()
    expect(page.get_by_role("status")).to_contain_text("Re-submitted")
    expect(page.locator("li.held-message", has_text="your next repair")).to_have_count(0)


def test_a_bulk_after_sales_care_change_on_a_filter(signed_in: Page, settings):
    page = signed_in
    with session_scope(settings.database_url) as session:
        for index, city in enumerate(("Miami", "Miami", "Miami", "Boston")):
            contact = ledger.contact_for(session, f"+1305555012{index}")
            contact.name = f"Customer {index}"
            session.add(WorkAddress(contact_id=contact.id, line1=f"{index} Main St", city=city, state="FL"))
    page.get_by_role("link", name="Contacts").click()
    page.get_by_label("Place").fill("miami")
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page.locator("table.contacts tbody tr")).to_have_count(3)
    page.get_by_label("Set after-sales care").select_option("off")
    page.get_by_role("button", name=re.compile("Change communication preferences")).click()
    expect(page.locator(".bulk-count")).to_have_text("3")
    page.get_by_role("button", name="Change 3 contact(s)").click()
    expect(page.get_by_role("status")).to_contain_text("now off for 3 more contact(s)")
    expect(page.locator("table.contacts tbody tr", has_text="off")).to_have_count(3)
    with session_scope(settings.database_url) as session:
        care = {contact.phone: contact.after_sales_care for contact in session.scalars(select(Contact))}
    assert care == {"+13055550120": False, "+13055550121": False, "+13055550122": False, "+13055550123": True}


def test_a_customer_text_with_markup_shows_as_text_and_runs_nothing(signed_in: Page, text_in, settings):
    page = signed_in
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    attack = '<script>alert(1)</script> <img src=x onerror="document.body.dataset.pwned=1;alert(2)">'
    text_in(attack)
    row = page.locator("li.conversation", has_text=CUSTOMER)
    expect(row).to_be_visible(timeout=5000)
    row.click()
    inbound = page.locator("ol.thread li.inbound").first
    expect(inbound.locator(".body")).to_have_text(attack)
    page.wait_for_timeout(500)
    assert dialogs == []
    assert page.evaluate("document.body.dataset.pwned") is None
    assert page.locator("ol.thread img, ol.thread script, ul.inbox img").count() == 0


def test_inbox_and_reply_work_on_a_390_pixel_phone(browser, base_url, served, owner, text_in, run_jobs, twilio_http):
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    try:
        page = sign_in(context.new_page())
        text_in("Is anyone free Friday morning?")
        row = page.locator("li.conversation", has_text=CUSTOMER)
        expect(row).to_be_visible(timeout=5000)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        row.tap()
        page.get_by_label("Reply").fill("Yes, 9-11 works.")
        page.get_by_role("button", name="Send").tap()
        expect(page.locator("ol.thread li.outbound", has_text="Yes, 9-11 works.")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        run_jobs()
        assert _sent_to_customer(twilio_http)[-1] == "Test Plumbing Co: Yes, 9-11 works."
    finally:
        context.close()


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(signed_in: Page, text_in, settings, base_url):
    page = signed_in
    text_in("Hello there")
    contact_id = _contact_id(settings)
    with session_scope(settings.database_url) as session:
        before = session.scalar(select(func.count()).select_from(Message))
    # The browser's own session cookie goes with it; only the token is missing.
    response = page.request.post(f"{base_url}/console/conversations/{contact_id}/reply",
                                 form={"body": "forged", "purpose": "service_followup"})
    assert response.status == 400 and "CSRF" in response.text()
    response = page.request.post(f"{base_url}/console/escalations/1/close")
    assert response.status == 400
    with session_scope(settings.database_url) as session:
        assert session.scalar(select(func.count()).select_from(Message)) == before


def test_contacts_by_customer_type_with_the_vip_badge_and_the_relationships_page(signed_in: Page, settings):
    page = signed_in
    with session_scope(settings.database_url) as session:
        for index, (kind, vip) in enumerate((("Schools", True), ("Schools", False), ("Company", False))):
            contact = ledger.contact_for(session, f"+1305555013{index}")
            contact.name, contact.customer_type, contact.vip = f"Customer {index}", kind, vip
    page.get_by_role("link", name="Contacts").click()
    page.get_by_label("Customer type").select_option("Schools")
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page.locator("table.contacts tbody tr")).to_have_count(2)
    expect(page.locator("table.contacts tbody tr", has_text="VIP")).to_have_count(1)
    page.get_by_role("link", name="Customer 0").click()
    expect(page.locator("mark.badge.vip")).to_have_text("VIP")
    expect(page.locator("dd.customer-type")).to_have_text("Schools")
    page.get_by_role("link", name="relationship score").click()
    expect(page.locator(".no-score")).to_contain_text("Not scored yet")
    page.get_by_role("link", name="Relationships").click()
    expect(page.get_by_role("heading", name="Relationships")).to_be_visible()
    expect(page.locator("table.segments")).to_contain_text("No segments yet")
