"""Delivery status callbacks update our record; error 21610 marks the contact opted out."""

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from compliance import ledger
from delivery.outbound import new_outbound
from store.db import session_scope
from store.models import ConsentEvent, Message
from tests.support.webhooks import post

RECIPIENT = "+13055550100"


def _sent_message(settings, twilio_sid="SM" + "a" * 32) -> str:
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, RECIPIENT)
        message = new_outbound(session, contact, "Your visit is confirmed.", purpose="booking_confirmation",
                               status="queued")
        message.twilio_sid = twilio_sid
    return twilio_sid


def _status(client, sid, status, **extra):
    return post(client, "/twilio/status", {"MessageSid": sid, "MessageStatus": status, "To": RECIPIENT, **extra})


def test_status_updates_the_stored_message(client, settings):
    sid = _sent_message(settings)
    assert _status(client, sid, "delivered").status_code == 200
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Message.status)).one() == "delivered"


def test_error_21610_records_an_opt_out(client, settings):
    sid = _sent_message(settings)
    _status(client, sid, "undelivered", ErrorCode="21610")
    with session_scope(settings.database_url) as session:
        event = session.scalars(select(ConsentEvent).where(ConsentEvent.kind == "opt_out")).one()
        message = session.scalars(select(Message)).one()
    assert (event.source, event.scope, event.phone) == ("twilio", "all", RECIPIENT)
    assert (message.status, message.error_code) == ("undelivered", "21610")


def test_21610_for_a_message_we_do_not_know_still_opts_the_number_out(client, settings):
    _status(client, "SM" + "f" * 32, "failed", ErrorCode="21610")
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(ConsentEvent.phone)).one() == RECIPIENT


def test_the_same_status_delivered_in_parallel_is_processed_once(app, settings):
    sid = _sent_message(settings)

    def deliver(_):
        return _status(app.test_client(), sid, "undelivered", ErrorCode="21610")

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert {response.status_code for response in pool.map(deliver, range(6))} == {200}
    with session_scope(settings.database_url) as session:
        assert session.scalar(select(func.count()).select_from(ConsentEvent)) == 1
