"""The staff console through Flask's test client: sign-in, lockout, CSRF, every page and action."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import create_app
from compliance import ledger
from console import lockout, queries
from jobs.relationships import run_daily
from relationships import scoring
from store.db import session_scope
from store.models import (
    AccessReveal,
    AfterSalesCareChange,
    Booking,
    Contact,
    Escalation,
    GateDecision,
    Message,
    QueuedJob,
    StaffUser,
    WorkAddress,
    utcnow,
)
from tests.support import twilio_account
from tests.support.console import OWNER, PASSWORD, STAFF, csrf_token, make_user, sign_in
from tests.support.webhooks import sms

CUSTOMER = "+13055550100"


@pytest.fixture
def owner(settings):
    return make_user(settings)


@pytest.fixture
def signed_in(client, owner):
    assert sign_in(client).status_code == 302
    return client


def _customer(settings, phone=CUSTOMER, name="Dana Diaz", **fields) -> int:
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, phone)
        contact.name = name
        for key, value in fields.items():
            setattr(contact, key, value)
        ledger.record(session, contact, "implied_inquiry", source="test")
        return contact.id


def _count(settings, model) -> int:
    with session_scope(settings.database_url) as session:
        return session.scalar(select(func.count()).select_from(model))


# -- signing in ---------------------------------------------------------------------------------

def test_every_page_needs_a_session(client):
    for path in ("/console/inbox", "/console/conversations/1", "/console/escalations", "/console/held",
                 "/console/contacts", "/console/contacts/1", "/console/settings", "/console/inbox/rows"):
        response = client.get(path)
        assert response.status_code == 302 and "/console/login" in response.headers["Location"], path


def test_an_htmx_poll_without_a_session_is_sent_to_the_sign_in_page(client):
    response = client.get("/console/inbox/rows", headers={"HX-Request": "true"})
    assert response.status_code == 401 and response.headers["HX-Redirect"] == "/console/login"


def test_sign_in_returns_to_the_page_asked_for_and_never_elsewhere(client, owner):
    response = client.get("/console/held?status=deferred")
    assert response.headers["Location"] == "/console/login?next=/console/held?status%3Ddeferred"
    token = csrf_token(client)
    response = client.post("/console/login?next=/console/held?status%3Ddeferred",
                           data={"email": OWNER, "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/console/held?status=deferred"
    client.post("/console/logout", headers={"X-CSRFToken": csrf_token(client, "/console/inbox")})
    response = client.post("/console/login?next=https://evil.example/console/",
                           data={"email": OWNER, "password": PASSWORD, "csrf_token": csrf_token(client)})
    assert response.headers["Location"] == "/console/inbox"


def test_sign_in_sets_an_httponly_lax_session_cookie(client, owner):
    response = sign_in(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/console/inbox")
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("frontdesk_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert client.get("/console/inbox").status_code == 200


def test_a_session_follows_the_secret_key_when_it_is_rotated(signed_in):
    """The session's signing serializer is built once per set of keys: a new key (the old one kept as a
    fallback) still reads the session signed with the old one; with the old one dropped, it is refused."""
    app = signed_in.application
    old = app.secret_key
    app.secret_key, app.config["SECRET_KEY_FALLBACKS"] = "a-new-secret-key-" + "x" * 32, [old]
    assert signed_in.get("/console/inbox").status_code == 200
    app.config["SECRET_KEY_FALLBACKS"] = []
    response = signed_in.get("/console/inbox")
    assert response.status_code == 302 and "/console/login" in response.headers["Location"]


def test_the_cookie_is_secure_when_the_public_url_is_https(settings, owner):
    from app import create_app

    client = create_app(settings.with_overrides(public_base_url="https://desk.example.com")).test_client()
    response = sign_in(client)
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("frontdesk_session="))
    assert "Secure" in cookie


def test_a_wrong_password_is_refused(client, owner):
    response = sign_in(client, password="not the password")
    assert response.status_code == 401 and "Wrong email or password" in response.get_data(as_text=True)
    assert client.get("/console/inbox").status_code == 302


def test_five_failures_lock_the_account_for_fifteen_minutes(client, owner, redis_connection, weekday_morning):
    for _ in range(lockout.MAX_FAILURES):
        sign_in(client, password="wrong password")
    response = sign_in(client)  # the right password, but the account is locked
    assert response.status_code == 401 and "locked for 15 minutes" in response.get_data(as_text=True)
    key = lockout.KEY.format(email=OWNER)
    assert 0 < redis_connection.ttl(key) <= lockout.LOCK_SECONDS
    redis_connection.delete(key)  # what Redis does when the 15 minutes are over
    assert sign_in(client).status_code == 302


def test_a_successful_sign_in_clears_the_failures(client, owner, redis_connection):
    for _ in range(lockout.MAX_FAILURES - 1):
        sign_in(client, password="wrong password")
    assert sign_in(client).status_code == 302
    assert redis_connection.get(lockout.KEY.format(email=OWNER)) is None


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(signed_in, settings):
    contact_id = _customer(settings)
    before = _count(settings, Message)
    response = signed_in.post(f"/console/conversations/{contact_id}/reply", data={"body": "hello",
                                                                                   "purpose": "service_followup"})
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    assert _count(settings, Message) == before
    response = signed_in.post("/console/login", data={"email": OWNER, "password": PASSWORD})
    assert response.status_code == 400


def test_the_webhooks_and_the_bearer_api_need_no_csrf_token(client, settings):
    assert sms(client, "hi, is Tuesday free?").status_code == 200
    response = client.post("/api/contacts", json={"phone": "+13055550177"},
                           headers={"Authorization": f"Bearer {settings.staff_api_token}"})
    assert response.status_code == 201


def test_settings_are_for_the_owner_only(client, settings, owner):
    make_user(settings, STAFF, "staff")
    sign_in(client, STAFF)
    assert client.get("/console/settings").status_code == 403
    assert "Settings" not in client.get("/console/inbox").get_data(as_text=True).split("<main")[0]


def test_owner_sees_the_business_profile_as_loaded(signed_in, settings):
    page = signed_in.get("/console/settings").get_data(as_text=True)
    assert settings.business_name in page and settings.profile.time_zone.key in page
    assert "post_job" in page


def test_settings_say_twilio_is_not_configured_without_a_public_url_and_ask_twilio_nothing(signed_in, client,
                                                                                          twilio_http):
    page = client.get("/console/settings").get_data(as_text=True)
    assert "Twilio is not configured: set PUBLIC_BASE_URL" in page
    assert "Configure the webhooks now" not in page
    token = csrf_token(client, "/console/contacts")
    client.post("/console/settings/twilio-webhooks", data={"csrf_token": token})
    assert "Twilio is not configured" in client.get("/console/settings").get_data(as_text=True)
    assert twilio_http.requests == []


def test_settings_show_the_webhooks_as_twilio_reports_them_and_configure_them(settings, twilio_http):
    configured = settings.with_overrides(public_base_url="https://desk.example.com",
                                         twilio_messaging_service_sid=twilio_account.SERVICE_SID)
    client = create_app(configured).test_client()
    make_user(settings)
    make_user(settings, STAFF, "staff")
    twilio_account.healthy(twilio_http, settings, "https://old.example.com")
    twilio_http.answer("POST", twilio_account.number_url(settings), body={"sid": twilio_account.NUMBER_SID})
    sign_in(client, STAFF)
    token = csrf_token(client, "/console/contacts")
    assert client.post("/console/settings/twilio-webhooks", data={"csrf_token": token}).status_code == 403
    client.post("/console/logout", headers={"X-CSRFToken": token})
    sign_in(client)
    page = client.get("/console/settings").get_data(as_text=True)
    row = page[page.index("<td>inbound_request_url</td>"):]
    row = row[:row.index("</tr>")]
    assert "https://old.example.com/twilio/sms" in row and "https://desk.example.com/twilio/sms" in row
    assert "will change" in row
    assert [request for request in twilio_http.requests if request["method"] == "POST"] == []
    assert client.post("/console/settings/twilio-webhooks").status_code == 400  # no CSRF token
    assert [request for request in twilio_http.requests if request["method"] == "POST"] == []
    token = csrf_token(client, "/console/settings")
    response = client.post("/console/settings/twilio-webhooks", data={"csrf_token": token})
    assert response.status_code == 302
    (service_update,) = twilio_http.calls("POST", twilio_account.service_url())
    assert service_update["data"]["InboundRequestUrl"] == "https://desk.example.com/twilio/sms"
    (number_update,) = twilio_http.calls("POST", twilio_account.number_url(settings))
    assert number_update["data"]["VoiceUrl"] == "https://desk.example.com/twilio/voice"
    page = client.get("/console/settings").get_data(as_text=True)
    assert f"Messaging Service {twilio_account.SERVICE_SID}: set fallback_url, inbound_request_url</p>" in page


# -- inbox and conversation ---------------------------------------------------------------------

def test_inbox_lists_conversations_by_last_activity_with_unread_counts_and_badges(signed_in, client, settings):
    sms(client, "hello from the first", phone="+13055550101")
    sms(client, "my basement is flooding, water everywhere!", phone="+13055550102")
    sms(client, "STOP", phone="+13055550103")
    page = client.get("/console/inbox/rows").get_data(as_text=True)
    order = [page.index(phone) for phone in ("+13055550103", "+13055550102", "+13055550101")]
    assert order == sorted(order)
    with session_scope(settings.database_url) as session:
        rows = {row.contact.phone: row for row in queries.inbox(session)}
    assert rows["+13055550102"].emergency and rows["+13055550102"].open_escalation
    assert rows["+13055550103"].opted_out and not rows["+13055550101"].opted_out
    assert rows["+13055550101"].unread == 1
    client.get(f"/console/conversations/{rows['+13055550101'].contact.id}")
    with session_scope(settings.database_url) as session:
        assert {row.contact.phone: row.unread for row in queries.inbox(session)}["+13055550101"] == 0


def test_a_vip_contact_wears_a_vip_badge_in_the_inbox_and_on_its_pages(signed_in, client, settings):
    sms(client, "hello from a regular", phone="+13055550101")
    sms(client, "hello from a VIP", phone="+13055550102")
    with session_scope(settings.database_url) as session:
        vip = session.scalars(select(Contact).where(Contact.phone == "+13055550102")).one()
        vip.vip, vip_id = True, vip.id
        regular = session.scalars(select(Contact.id).where(Contact.phone == "+13055550101")).one()
    rows = client.get("/console/inbox/rows").get_data(as_text=True)
    vip_row = rows[rows.index(f'data-contact="{vip_id}"'):]
    regular_row = rows[rows.index(f'data-contact="{regular}"'):]
    vip_row, regular_row = vip_row[:vip_row.index("</li>")], regular_row[:regular_row.index("</li>")]
    assert 'class="badge vip"' in vip_row and 'class="badge vip"' not in regular_row
    for path in (f"/console/conversations/{vip_id}", f"/console/contacts/{vip_id}"):
        assert 'class="badge vip"' in client.get(path).get_data(as_text=True), path
    for path in (f"/console/conversations/{regular}", f"/console/contacts/{regular}"):
        assert 'class="badge vip"' not in client.get(path).get_data(as_text=True), path


@pytest.mark.parametrize("scan_batch", [1, 2, 500])
def test_inbox_order_is_the_newest_message_per_contact_whatever_the_scan_batch(settings, scan_batch):
    phones = [f"+1305555011{index}" for index in range(5)]
    staff = settings.profile.staff_numbers[0]
    with session_scope(settings.database_url) as session:
        ids = {phone: ledger.contact_for(session, phone).id for phone in [*phones, staff]}
        # Oldest to newest: contact 0, 1, 2, 3, 4, then 1 again, then a burst of staff alerts.
        for phone in [*phones, phones[1], *[staff] * 7]:
            session.add(Message(contact_id=ids[phone], direction="inbound", body=phone, status="received"))
            session.flush()
    with session_scope(settings.database_url) as session:
        rows = queries.inbox(session, exclude_phones=[staff], limit=3, scan_batch=scan_batch)
        assert [row.contact.phone for row in rows] == [phones[1], phones[4], phones[3]]
        everyone = queries.inbox(session, exclude_phones=[staff], scan_batch=scan_batch)
        assert [row.contact.phone for row in everyone] == [phones[1], phones[4], phones[3], phones[2], phones[0]]
        assert all(row.last.body == row.contact.phone for row in everyone)
        searched = queries.inbox(session, search="0113", exclude_phones=[staff])
        assert [row.contact.phone for row in searched] == [phones[3]]


def test_times_show_on_the_business_clock_with_its_zone(signed_in, client, settings):
    contact_id = _customer(settings)
    with session_scope(settings.database_url) as session:
        session.add(Message(contact_id=contact_id, direction="inbound", body="are you open saturday?",
                            status="received", created_at=utcnow().replace(month=1, day=15, hour=17, minute=5)))
    zone = settings.profile.time_zone
    expected = utcnow().replace(month=1, day=15, hour=17, minute=5).astimezone(zone).strftime("%b %d %H:%M %Z")
    assert expected != "Jan 15 17:05 UTC"
    assert expected in client.get("/console/inbox/rows").get_data(as_text=True)
    assert expected in client.get(f"/console/conversations/{contact_id}").get_data(as_text=True)


def test_inbox_search_by_name_or_phone(signed_in, settings):
    _customer(settings, "+13055550101", "Ann Smith")
    _customer(settings, "+13055550102", "Bob Jones")
    with session_scope(settings.database_url) as session:
        for phone in ("+13055550101", "+13055550102"):
            contact = ledger.find_contact(session, phone)
            session.add(Message(contact_id=contact.id, direction="inbound", body="hi", status="received"))
    ann = signed_in.get("/console/inbox/rows?q=smith").get_data(as_text=True)
    assert "Ann Smith" in ann and "Bob Jones" not in ann
    bob = signed_in.get("/console/inbox/rows?q=555-0102").get_data(as_text=True)
    assert "Bob Jones" in bob and "Ann Smith" not in bob
    assert "No conversations" in signed_in.get("/console/inbox/rows?q=%25").get_data(as_text=True)


def test_message_bodies_are_escaped(signed_in, client, settings):
    sms(client, "<script>alert(1)</script> <img src=x onerror=alert(2)>")
    for path in ("/console/inbox/rows", "/console/conversations/1"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;" in page


def test_an_access_code_texted_by_a_customer_is_masked_in_the_thread_and_the_inbox(signed_in, client, settings):
    sms(client, "2 please. The gate code is 4821 and we have a dog")
    contact_id = _contact_id_of(settings, CUSTOMER)
    thread = client.get(f"/console/conversations/{contact_id}/thread").get_data(as_text=True)
    assert "4821" not in thread and "The gate code is <span class=\"masked\"" in thread and "we have a dog" in thread
    with session_scope(settings.database_url) as session:
        message = session.scalars(select(Message).where(Message.direction == "inbound")).one()
        assert queries.masked_body(message) == "2 please. The gate code is •••• and we have a dog"
    assert "4821" not in client.get("/console/inbox/rows").get_data(as_text=True)


def _contact_id_of(settings, phone: str) -> int:
    with session_scope(settings.database_url) as session:
        return ledger.find_contact(session, phone).id


def test_unknown_contacts_are_404(signed_in):
    for path in ("/console/conversations/999", "/console/contacts/999", "/console/conversations/99999999999",
                 "/console/conversations/999/thread"):
        assert signed_in.get(path).status_code == 404, path


def test_a_reply_is_queued_and_sent_through_the_gate(signed_in, client, settings, run_jobs, twilio_http):
    contact_id = _customer(settings)
    token = csrf_token(client, "/console/inbox")
    response = client.post(f"/console/conversations/{contact_id}/reply",
                           data={"body": "We can come Tuesday at 9.", "purpose": "service_followup"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200 and "Queued for sending" in response.get_data(as_text=True)
    run_jobs()
    assert [sent["Body"] for sent in twilio_http.sent_messages] == ["Test Plumbing Co: We can come Tuesday at 9."]
    assert twilio_http.sent_messages[0]["To"] == CUSTOMER
    with session_scope(settings.database_url) as session:
        message = session.scalars(select(Message).where(Message.direction == "outbound")).one()
        assert message.status == "queued" and message.purpose == "service_followup"


def test_a_reply_to_an_opted_out_contact_is_refused_with_the_reason(signed_in, client, settings, twilio_http):
    contact_id = _customer(settings)
    sms(client, "STOP")
    twilio_http.requests.clear()
    response = client.post(f"/console/conversations/{contact_id}/reply",
                           data={"body": "Are you still there?", "purpose": "service_followup"},
                           headers={"X-CSRFToken": csrf_token(client, "/console/inbox")})
    page = response.get_data(as_text=True)
    assert "Not sent" in page and "opted out of all texts" in page
    with session_scope(settings.database_url) as session:
        message = session.scalars(select(Message).where(Message.body.like("%Are you still there?"))).one()
        assert message.status == "refused"
        assert session.scalar(select(func.count()).select_from(QueuedJob)
                              .where(QueuedJob.kwargs["message_id"].as_integer() == message.id)) == 0
    assert twilio_http.sent_messages == []


def test_a_reply_with_a_purpose_staff_may_not_use_is_refused(signed_in, client, settings):
    contact_id = _customer(settings)
    response = client.post(f"/console/conversations/{contact_id}/reply",
                           data={"body": "STOP confirmed", "purpose": "opt_out_confirmation"},
                           headers={"X-CSRFToken": csrf_token(client, "/console/inbox")})
    assert "purpose must be one of" in response.get_data(as_text=True)
    assert _count(settings, Message) == 0


def test_access_codes_are_masked_and_a_reveal_is_recorded(signed_in, client, settings, owner):
    contact_id = _customer(settings)
    with session_scope(settings.database_url) as session:
        address = WorkAddress(contact_id=contact_id, line1="1 Main St", access_notes={"gate_code": "4821#",
                                                                                       "pet": "a friendly dog"})
        other = WorkAddress(contact_id=_customer(settings, "+13055550111", "Other"), line1="2 Elm St",
                            access_notes={"gate_code": "999999"})
        session.add_all([address, other])
        session.flush()
        address_id, other_id = address.id, other.id
    page = client.get(f"/console/conversations/{contact_id}").get_data(as_text=True)
    assert "4821#" not in page and "a friendly dog" in page
    token = {"X-CSRFToken": csrf_token(client, "/console/inbox")}
    response = client.post(f"/console/contacts/{contact_id}/access/address/{address_id}/gate_code/reveal",
                           headers=token)
    assert response.status_code == 200 and "4821#" in response.get_data(as_text=True)
    # Another contact's address, through this contact's URL, is not there.
    assert client.post(f"/console/contacts/{contact_id}/access/address/{other_id}/gate_code/reveal",
                       headers=token).status_code == 404
    with session_scope(settings.database_url) as session:
        reveals = list(session.scalars(select(AccessReveal)))
        assert [(row.user_id, row.contact_id, row.source, row.source_id, row.field) for row in reveals] == [
            (owner, contact_id, "address", address_id, "gate_code")]
    assert "gate code by owner@plumbing.test" in client.get(f"/console/conversations/{contact_id}").get_data(
        as_text=True)


# -- escalations and held back ------------------------------------------------------------------

def test_escalations_emergencies_first_claim_and_close_record_the_user(signed_in, client, settings):
    contact_id = _customer(settings)
    with session_scope(settings.database_url) as session:
        session.add(Escalation(contact_id=contact_id, reason="low_confidence", status="open", transcript=[]))
        session.add(Escalation(contact_id=contact_id, reason="emergency", status="open", transcript=[]))
        session.add(Escalation(contact_id=contact_id, reason="complaint", status="open", transcript=[]))
    page = client.get("/console/escalations").get_data(as_text=True)
    assert page.index('data-escalation="2"') < page.index('data-escalation="3"') < page.index('data-escalation="1"')
    token = {"X-CSRFToken": csrf_token(client, "/console/inbox")}
    assert client.post("/console/escalations/2/claim", headers=token).status_code == 302
    assert client.post("/console/escalations/2/close", headers=token).status_code == 302
    with session_scope(settings.database_url) as session:
        escalation = session.get(Escalation, 2)
        assert (escalation.status, escalation.claimed_by, escalation.closed_by) == ("closed", OWNER, OWNER)
        assert escalation.closed_at is not None
    assert "closed by owner@plumbing.test" in client.get("/console/escalations?status=closed").get_data(as_text=True)
    client.post("/console/escalations/2/claim", headers=token)
    assert "the escalation is closed" in client.get("/console/escalations").get_data(as_text=True)


def test_codes_in_transcripts_and_ledger_snippets_are_masked(signed_in, client, settings):
    contact_id = _customer(settings)
    with session_scope(settings.database_url) as session:
        contact = session.get(Contact, contact_id)
        ledger.record(session, contact, "express", source="sms", snippet="yes texts are fine, gate code is 4821")
        session.add(Escalation(contact_id=contact_id, reason="low_confidence", status="open",
                               transcript=[{"from": "customer", "text": "the gate code is 4821, come in"}]))
    for path in ("/console/escalations", f"/console/conversations/{contact_id}", f"/console/contacts/{contact_id}"):
        page = client.get(path).get_data(as_text=True)
        assert "4821" not in page and "**21" in page, path


def _refused_for_content(settings) -> int:
    contact_id = _customer(settings)
    with session_scope(settings.database_url) as session:
        message = Message(contact_id=contact_id, direction="outbound", body="Thanks! Get 20% off today only!",
                          purpose="service_followup", status="refused",
                          status_reason="promotional language in a service_followup message")
        session.add(message)
        session.flush()
        session.add(GateDecision(message_id=message.id, contact_id=contact_id, purpose="service_followup",
                                 action="refuse", reasons=["promotional language in a service_followup message"],
                                 spans=[{"start": 12, "end": 19, "text": "20% off", "reason": "discount"}],
                                 decided_at=utcnow()))
        return message.id


def test_held_back_shows_reasons_and_highlights_the_spans(signed_in, settings):
    _refused_for_content(settings)
    page = signed_in.get("/console/held").get_data(as_text=True)
    assert '<mark class="span" title="discount">20% off</mark>' in page
    assert "promotional language in a service_followup message" in page
    assert "Edit and re-submit" in page


def test_a_refused_text_edited_and_resubmitted_goes_through_the_gate(signed_in, client, settings, run_jobs,
                                                                     twilio_http):
    message_id = _refused_for_content(settings)
    token = {"X-CSRFToken": csrf_token(client, "/console/inbox")}
    response = client.post(f"/console/held/{message_id}/resubmit", data={"body": "Thanks for choosing us!"},
                           headers=token)
    assert response.status_code == 302
    run_jobs()
    assert [sent["Body"] for sent in twilio_http.sent_messages] == ["Test Plumbing Co: Thanks for choosing us!"]
    with session_scope(settings.database_url) as session:
        assert session.get(Message, message_id).status == "superseded"
    # A second re-submission of the same (now superseded) text is refused.
    client.post(f"/console/held/{message_id}/resubmit", data={"body": "again"}, headers=token)
    assert "only a refused text" in client.get("/console/held").get_data(as_text=True)


def test_a_resubmission_that_is_still_promotional_is_refused_again(signed_in, client, settings):
    message_id = _refused_for_content(settings)
    client.post(f"/console/held/{message_id}/resubmit", data={"body": "Act now: 50% off every repair today only!"},
                headers={"X-CSRFToken": csrf_token(client, "/console/inbox")})
    with session_scope(settings.database_url) as session:
        again = session.scalars(select(Message).where(Message.body.like("%Act now%"))).one()
        assert again.status == "refused"
    assert "Act now" in client.get("/console/held").get_data(as_text=True)


# -- contacts -----------------------------------------------------------------------------------

def test_contacts_filter_by_name_care_and_place(signed_in, settings):
    ann = _customer(settings, "+13055550101", "Ann Smith")
    bob = _customer(settings, "+13055550102", "Bob Jones", after_sales_care=False)
    with session_scope(settings.database_url) as session:
        session.add(WorkAddress(contact_id=ann, line1="1 Main St", city="Miami", state="FL", postal_code="33101"))
        session.add(WorkAddress(contact_id=bob, line1="2 Elm St", city="Boston", state="MA", postal_code="02110"))

    def listed(query: str) -> set[int]:
        page = signed_in.get(f"/console/contacts?{query}").get_data(as_text=True)
        return {contact for contact in (ann, bob) if f'data-contact="{contact}"' in page}

    assert listed("") == {ann, bob}
    assert listed("name=smith") == {ann}
    assert listed("care=off") == {bob}
    assert listed("care=on") == {ann}
    assert listed("place=boston") == {bob}
    assert listed("place=33101") == {ann}
    page = signed_in.get(f"/console/contacts/{bob}").get_data(as_text=True)
    assert "Bob Jones" in page and "2 Elm St" in page


def test_contacts_filter_by_customer_type_and_the_contact_page_shows_it(signed_in, client, settings):
    ann = _customer(settings, "+13055550101", "Ann Smith", customer_type="Schools")
    bob = _customer(settings, "+13055550102", "Bob Jones", customer_type="Company")
    cy = _customer(settings, "+13055550103", "Cy Young")

    def listed(query: str) -> set[int]:
        page = signed_in.get(f"/console/contacts?{query}").get_data(as_text=True)
        return {contact for contact in (ann, bob, cy) if f'data-contact="{contact}"' in page}

    assert listed("") == {ann, bob, cy}
    assert listed("type=Schools") == {ann}
    assert listed("type=Company&name=bob") == {bob}
    assert listed("type=Company&name=ann") == set()
    assert listed("type=Estate+Agents") == set()
    page = signed_in.get("/console/contacts").get_data(as_text=True)
    assert '<option value="Estate Agents">Estate Agents</option>' in page
    assert "Schools" in signed_in.get(f"/console/contacts/{ann}").get_data(as_text=True)
    assert "not set" in signed_in.get(f"/console/contacts/{cy}").get_data(as_text=True)
    token = csrf_token(client, "/console/contacts")
    form = {"type": "Schools", "value": "off", "confirm": "yes", "csrf_token": token}
    assert client.post("/console/contacts/after-sales-care", data=form).status_code == 302
    with session_scope(settings.database_url) as session:
        care = dict(session.execute(select(Contact.id, Contact.after_sales_care)).all())
    assert care == {ann: False, bob: True, cy: True}


def test_bulk_after_sales_care_change_counts_confirms_and_applies_to_the_filter(signed_in, client, settings):
    ann = _customer(settings, "+13055550101", "Ann Smith")
    bob = _customer(settings, "+13055550102", "Bob Jones")
    cy = _customer(settings, "+13055550103", "Cy Young")
    with session_scope(settings.database_url) as session:
        for contact_id, city in ((ann, "Miami"), (bob, "Miami"), (cy, "Boston")):
            session.add(WorkAddress(contact_id=contact_id, line1="1 Main St", city=city, state="FL"))
    token = csrf_token(client, "/console/contacts")
    form = {"name": "", "care": "", "place": "miami", "value": "off", "csrf_token": token}
    confirm = client.post("/console/contacts/after-sales-care", data=form)
    page = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and '<strong class="bulk-count">2</strong>' in page
    with session_scope(settings.database_url) as session:  # nothing changes before the confirmation
        assert all(contact.after_sales_care for contact in session.scalars(select(Contact)))
    applied = client.post("/console/contacts/after-sales-care", data={**form, "confirm": "yes"})
    assert applied.status_code == 302
    with session_scope(settings.database_url) as session:
        care = {contact.id: contact.after_sales_care for contact in session.scalars(select(Contact))}
    assert care == {ann: False, bob: False, cy: True}
    with session_scope(settings.database_url) as session:
        audit = session.scalars(select(AfterSalesCareChange)).one()
        assert (audit.target, audit.filter, audit.value, audit.changed, audit.changed_by) == (
            "contacts", {"place": "miami"}, False, 2, OWNER)
    assert "now off for 2 more contact(s)" in client.get(applied.headers["Location"]).get_data(as_text=True)


def test_bulk_change_is_for_the_owner_only(client, settings, owner):
    make_user(settings, STAFF, "staff")
    sign_in(client, STAFF)
    _customer(settings)
    token = csrf_token(client, "/console/contacts")
    response = client.post("/console/contacts/after-sales-care",
                           data={"value": "off", "confirm": "yes", "csrf_token": token})
    assert response.status_code == 403
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Contact)).one().after_sales_care is True


# -- the users command --------------------------------------------------------------------------

def test_users_create_prompts_for_the_password_and_hashes_it(app, settings):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "Boss@Plumbing.test", "--role", "owner"],
                           input="a long password\na long password\n")
    assert result.exit_code == 0, result.output
    with session_scope(settings.database_url) as session:
        user = session.scalars(select(StaffUser)).one()
        assert (user.email, user.role) == ("boss@plumbing.test", "owner")
        assert user.password_hash != "a long password" and user.password_hash.startswith(("scrypt:", "pbkdf2:"))
    again = runner.invoke(args=["users", "create", "boss@plumbing.test"], input="another password\nanother password\n")
    assert again.exit_code != 0 and "already has an account" in again.output
    short = runner.invoke(args=["users", "create", "x@plumbing.test"], input="short\nshort\n")
    assert short.exit_code != 0 and "at least" in short.output


def test_bookings_appear_in_the_side_panel(signed_in, settings):
    contact_id = _customer(settings)
    with session_scope(settings.database_url) as session:
        session.add(Booking(contact_id=contact_id, window_start=utcnow(), window_end=utcnow(), status="confirmed",
                            service="Water heater", access_notes={"lockbox_code": "7712"}))
    page = signed_in.get(f"/console/conversations/{contact_id}").get_data(as_text=True)
    assert "Water heater" in page and "7712" not in page and "lockbox code" in page
    assert session_scope and Contact  # noqa: B018


# -- relationships ------------------------------------------------------------------------------

def _api(client, settings, path, body):
    response = client.post(path, json=body, headers={"Authorization": f"Bearer {settings.staff_api_token}"})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def _job_customer(settings, phone, name, days_ago, *, marketing=True, state="FL"):
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, phone, lead_source="manual")
        contact.name = name
        ledger.record(session, contact, "existing_relationship", source="staff", recorded_by="test")
        if marketing:
            ledger.record(session, contact, "express", scope="marketing", source="web_form", recorded_by="test")
        session.add(WorkAddress(contact_id=contact.id, line1="1 Main St", state=state, time_zone="America/New_York"))
        start = utcnow() - timedelta(days=days_ago)
        session.add(Booking(contact_id=contact.id, window_start=start, window_end=start + timedelta(hours=2),
                            status="completed", service="drain cleaning", invoice_total_cents=20000))
        return contact.id


def test_relationships_page_shows_segments_live_counts_and_the_campaign_dry_run(signed_in, client, settings):
    _job_customer(settings, "+13055550101", "Ann Smith", 60)
    _job_customer(settings, "+13055550102", "Bob Jones", 60, marketing=False)
    _job_customer(settings, "+12065550103", "Cy Young", 60, state="WA")
    florida = _api(client, settings, "/api/segments", {"name": "Quiet Floridians", "filters": {"state": "FL"}})
    everyone = _api(client, settings, "/api/segments", {"name": "Everyone", "filters": {}})
    sequence = _api(client, settings, "/api/sequences", {"name": "Win-back", "trigger": "manual", "steps": [{
        "after": "trigger", "delay_days": 0, "local_time": "10:00", "purpose": "win_back",
        "template": "{business}: we miss you, {first_name}! Reply STOP to opt out"}]})
    campaign = _api(client, settings, "/api/campaigns", {"name": "Winter", "segment_id": florida,
                                                         "sequence_id": sequence, "inactivity_days": 30})
    page = client.get("/console/relationships").get_data(as_text=True)

    def cell(row: str, css: str) -> str:
        part = page[page.index(row):]
        part = part[part.index(f'class="{css}">') + len(css) + 9:]
        return part[:part.index("<")]

    assert "Quiet Floridians" in page and cell(f'data-segment="{florida}"', "live-count") == "2"
    assert cell(f'data-segment="{everyone}"', "live-count") == "3"
    row = f'data-campaign="{campaign}"'
    assert cell(row, "targeted") == "2" and cell(row, "refused") == "1"
    assert int(cell(row, "allowed")) + int(cell(row, "deferred")) == 1  # allowed or deferred by the hour now
    assert "no marketing consent: 1" in page
    with session_scope(settings.database_url) as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 0


def test_a_contacts_score_page_shows_its_factors_and_trend(signed_in, client, settings):
    ann = _job_customer(settings, "+13055550101", "Ann Smith", 20)
    fresh = _customer(settings, "+13055550109", "New Person")
    assert "Not scored yet" in client.get(f"/console/contacts/{fresh}/score").get_data(as_text=True)
    today = utcnow()
    run_daily(settings, today - timedelta(days=1))
    run_daily(settings, today)
    page = client.get(f"/console/contacts/{ann}/score").get_data(as_text=True)
    with session_scope(settings.database_url) as session:
        expected = scoring.history(session, ann)
    latest = expected["latest"]
    assert f'<strong class="score">{latest["score"]}</strong>' in page
    assert f'since {latest["change"]["since"]}' in page
    for name in scoring.FACTORS:
        row = page[page.index(f'data-factor="{name}"'):]
        assert f"<td>{latest['points'][name]}</td>" in row[:row.index("</tr>")]
    assert page.count("<tr><td>20") == 2  # two days of history
    assert f"/console/contacts/{ann}/score" in client.get(f"/console/contacts/{ann}").get_data(as_text=True)
    assert client.get("/console/contacts/999999/score").status_code == 404
