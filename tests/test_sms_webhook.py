"""Inbound SMS: the consent ledger, opt-out first, once-only processing of Twilio's retries."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from phones import for_display
from store.db import session_scope
from store.models import ConsentEvent, Contact, Message, WebhookReceipt
from tests.conftest import BUSINESS_NAME, BUSINESS_PHONE
from tests.support.webhooks import replies, sid, sms

PHONE = "+13055550100"


def _events(settings, phone=PHONE) -> list[tuple[str, str]]:
    with session_scope(settings.database_url) as session:
        return [(event.kind, event.scope) for event in session.scalars(
            select(ConsentEvent).where(ConsentEvent.phone == phone).order_by(ConsentEvent.id))]


def test_first_text_creates_the_contact_in_e164_and_records_implied_inquiry(client, settings):
    message_sid = sid("SM")
    response = sms(client, "Do you have anything open Saturday for a leaky faucet?",
                   phone="(305) 555-0100", message_sid=message_sid)
    assert response.status_code == 200
    with session_scope(settings.database_url) as session:
        # a leak named with the ask for times is a lead too: staff are texted, so theirs are contacts as well
        contact = session.scalars(select(Contact).where(Contact.phone == PHONE)).one()
        event = session.scalars(select(ConsentEvent).where(ConsentEvent.contact_id == contact.id)).one()
    assert contact.lead_source == "inbound"
    assert (event.kind, event.channel, event.sid, event.source) == ("implied_inquiry", "sms", message_sid, "sms")
    assert "leaky faucet" in event.snippet


def test_a_text_that_says_nothing_is_kept_as_unknown_inbound_context(client, settings):
    sms(client, "hi")
    assert _events(settings) == [("unknown_inbound_context", "all")]


@pytest.mark.parametrize("keyword", ["STOP", "stop", " Stop. ", "STOPALL", "stop all", "UNSUBSCRIBE", "cancel",
                                     "END", "quit!", "REVOKE", "optout", "opt out", "STOP 🛑",
                                     "please stop texting me", "remove me from your list"])
def test_opt_out_is_recorded_and_confirmed_once_naming_the_business(client, settings, keyword):
    response = sms(client, keyword)
    [confirmation] = replies(response)
    assert BUSINESS_NAME in confirmation and "START" in confirmation
    assert _events(settings) == [("opt_out", "all")]


def test_second_stop_is_recorded_but_not_confirmed_again(client, settings):
    sms(client, "STOP")
    assert replies(sms(client, "STOP")) == []
    assert _events(settings) == [("opt_out", "all"), ("opt_out", "all")]


@pytest.mark.parametrize("text", ["Cancel my appointment", "can you stop by tomorrow?",
                                  "the toilet won't stop running", "my furnace quit"])
def test_keyword_inside_a_sentence_is_not_an_opt_out(client, settings, text):
    response = sms(client, text)
    assert ("opt_out", "all") not in _events(settings)
    assert all("unsubscribed" not in reply for reply in replies(response))


def test_twilio_opt_out_type_is_trusted_and_not_confirmed_twice(client, settings):
    response = sms(client, "STOP", OptOutType="STOP")
    assert replies(response) == []
    assert _events(settings) == [("opt_out", "all")]


def test_start_and_unstop_opt_back_in(client, settings):
    sms(client, "STOP")
    [confirmation] = replies(sms(client, "START"))
    assert BUSINESS_NAME in confirmation
    sms(client, "STOP")
    sms(client, "unstop")
    assert [kind for kind, _ in _events(settings)] == ["opt_out", "opt_in", "opt_out", "opt_in"]


def test_yes_opts_in_only_while_opted_out(client, settings):
    sms(client, "yes")
    assert "opt_in" not in [kind for kind, _ in _events(settings)]
    sms(client, "STOP")
    sms(client, "YES")
    assert [kind for kind, _ in _events(settings)][-1] == "opt_in"


@pytest.mark.parametrize("keyword", ["HELP", "help", "Info"])
def test_help_names_business_phone_and_how_to_opt_out(client, keyword):
    [answer] = replies(sms(client, keyword))
    assert BUSINESS_NAME in answer and for_display(BUSINESS_PHONE) in answer and "STOP" in answer
    assert for_display(BUSINESS_PHONE).startswith("(")  # as a customer dials it, not +1...


def test_marketing_only_opt_out_keeps_the_contact_subscribed_to_service_texts(client, settings):
    [confirmation] = replies(sms(client, "stop sending me promotions"))
    assert BUSINESS_NAME in confirmation
    assert _events(settings) == [("opt_out", "marketing")]


def test_opted_out_contact_gets_no_automated_answer_but_staff_hear_of_it(client, settings, run_jobs, twilio_http):
    sms(client, "STOP")
    assert replies(sms(client, "what time do you open?")) == []
    assert replies(sms(client, "gas smell in the kitchen, help")) == []
    run_jobs()
    staff = settings.profile.staff_numbers
    on_call = settings.profile.on_call_numbers
    assert all(message["To"] in staff + on_call for message in twilio_http.sent_messages)
    alerts = [message["Body"] for message in twilio_http.sent_messages]
    assert any("opted out texted" in body for body in alerts)
    assert any("emergency" in body and message["To"] in on_call
               for message, body in zip(twilio_http.sent_messages, alerts, strict=True))


def test_twilio_retry_is_processed_once_and_answered_the_same(client, settings):
    message_sid = sid("SM")
    first = sms(client, "STOP", message_sid=message_sid)
    retry = sms(client, "STOP", message_sid=message_sid)
    assert first.data == retry.data and replies(first)
    assert _events(settings) == [("opt_out", "all")]


def test_parallel_duplicates_are_processed_once(app, settings):
    message_sid = sid("SM")

    def deliver(_):
        return sms(app.test_client(), "Can someone look at my water heater this week?", message_sid=message_sid)

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(deliver, range(8)))
    assert {response.status_code for response in responses} == {200}
    assert len({response.data for response in responses}) == 1
    with session_scope(settings.database_url) as session:
        assert session.scalar(select(func.count()).select_from(Message)
                              .where(Message.direction == "inbound")) == 1
        assert session.scalar(select(func.count()).select_from(ConsentEvent)) == 1
        assert session.scalar(select(func.count()).select_from(WebhookReceipt)) == 1


def test_parallel_first_texts_from_one_new_number_make_one_contact(app, settings):
    def deliver(index):
        return sms(app.test_client(), f"hello {index}")

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert {response.status_code for response in pool.map(deliver, range(6))} == {200}
    with session_scope(settings.database_url) as session:
        assert session.scalar(select(func.count()).select_from(Contact).where(Contact.phone == PHONE)) == 1
        assert session.scalar(select(func.count()).select_from(ConsentEvent).where(ConsentEvent.phone == PHONE)) == 6


def test_every_reply_is_stored_as_an_outbound_message(client, settings):
    sms(client, "HELP")
    with session_scope(settings.database_url) as session:
        outbound = session.scalars(select(Message).where(Message.direction == "outbound")).one()
    assert outbound.status == "replied" and BUSINESS_NAME in outbound.body
