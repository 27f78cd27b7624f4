"""An inbound SMS costs at most 8 SQL statements in its common cases, on SQLite and PostgreSQL.

Counted with tests/support/sql_statements.py: every statement SQLAlchemy executes, plus what the
driver sends on its own (psycopg's BEGIN, every COMMIT and ROLLBACK, an idle connection's ping).
The answers are checked too: fewer statements must not mean a different answer.
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from compliance import ledger
from store import db
from store.db import session_scope
from store.models import ConsentEvent, Contact, Message, WebhookReceipt
from tests.conftest import BUSINESS_NAME
from tests.support.sql_statements import StatementCounter
from tests.support.webhooks import replies, sid, sms

BUDGET = 8
CUSTOMER = "+13055550100"


@pytest.fixture
def statements(settings):
    counter = StatementCounter(db.get_engine(settings.database_url))
    yield counter
    counter.close()


def _counted(statements, client, body, **extra):
    statements.reset()
    response = sms(client, body, **extra)
    assert response.status_code == 200
    return response, statements.total


def _messages(settings, phone=CUSTOMER) -> list[tuple[str, str]]:
    with session_scope(settings.database_url) as session:
        return [(message.direction, message.body) for message in session.scalars(
            select(Message).join(Contact, Contact.id == Message.contact_id).where(Contact.phone == phone)
            .order_by(Message.id))]


def test_a_new_contact_asking_for_times(client, settings, statements):
    response, count = _counted(statements, client, "can someone come tomorrow morning?")
    [reply] = replies(response)
    assert "1) " in reply and BUSINESS_NAME in reply
    assert count <= BUDGET, statements.statements
    assert _messages(settings) == [("inbound", "can someone come tomorrow morning?"), ("outbound", reply)]


def test_a_known_contact_asking_for_times(client, settings, statements):
    sms(client, "hi")
    response, count = _counted(statements, client, "are you open saturday?")
    [reply] = replies(response)
    assert "Sat" in reply
    assert count <= BUDGET, statements.statements
    with session_scope(settings.database_url) as session:
        kinds = list(session.scalars(select(ConsentEvent.kind).order_by(ConsentEvent.id)))
    assert kinds == ["unknown_inbound_context", "implied_inquiry"]


def test_a_known_contact_with_an_address_and_a_running_sequence_still_gets_times(client, settings, statements):
    """The history the sender's statement reports is acted on (more statements are allowed here)."""
    from store.models import WorkAddress

    sms(client, "hi")
    with session_scope(settings.database_url) as session:
        contact = ledger.find_contact(session, CUSTOMER)
        session.add(WorkAddress(contact_id=contact.id, line1="1 Main St", city="Boston", state="MA",
                                postal_code="02108"))
    response, _ = _counted(statements, client, "are you open saturday?")
    assert "Sat" in replies(response)[0]


def test_an_opt_out(client, settings, statements):
    sms(client, "hi")
    response, count = _counted(statements, client, "STOP")
    [confirmation] = replies(response)
    assert BUSINESS_NAME in confirmation
    assert count <= BUDGET, statements.statements
    with session_scope(settings.database_url) as session:
        assert ledger.state_of(session, ledger.find_contact(session, CUSTOMER).id).opted_out_all


def test_a_text_after_an_opt_out_is_not_answered(client, settings, statements):
    """The opt-out the sender's statement reports is honoured (staff hear of it: not a budgeted case)."""
    sms(client, "STOP")
    response, _ = _counted(statements, client, "can someone come tomorrow morning?")
    assert replies(response) == []


def test_a_duplicate_retry_gets_the_first_answer(client, settings, statements):
    message_sid = sid("SM")
    first = sms(client, "are you open saturday?", message_sid=message_sid)
    retry, count = _counted(statements, client, "are you open saturday?", message_sid=message_sid)
    assert retry.data == first.data
    assert count <= BUDGET, statements.statements
    with session_scope(settings.database_url) as session:
        assert len(list(session.scalars(select(WebhookReceipt)))) == 1
        assert len(list(session.scalars(select(Message)))) == 2


def test_a_reply_to_an_automated_text_is_an_engagement(client, settings):
    """The reply context travels with the sender's statement: an automated text sent an hour ago."""
    from store.models import Engagement

    sms(client, "hi")
    with session_scope(settings.database_url) as session:
        contact = ledger.find_contact(session, CUSTOMER)
        sent = Message(contact_id=contact.id, direction="outbound", channel="sms", body="Time for a tune-up?",
                       purpose="maintenance_reminder", status="delivered",
                       sent_at=datetime.now(UTC) - timedelta(hours=1))
        session.add(sent)
        session.flush()
        sent_id = sent.id
    sms(client, "sure, what days do you have?")
    with session_scope(settings.database_url) as session:
        assert [row.message_id for row in session.scalars(select(Engagement))] == [sent_id]


# The texts that open a lead, page staff or save access details write more rows (the lead and its
# reminder, the staff thread, each staff member's alert and its job, the escalation with its
# transcript, the address's notes): their own budgets, counted once staff are contacts already (the
# first alert a staff number ever gets creates its contact).
LEAD_BUDGET = 11
EMERGENCY_BUDGET = 12
ACCESS_BUDGET = 9
OTHER_CUSTOMER = "+13055550111"


def _staff_alerts(settings) -> list[tuple[str, str]]:
    staff = {*settings.profile.staff_numbers, *settings.profile.on_call_numbers}
    with session_scope(settings.database_url) as session:
        return [(phone, body) for phone, body in session.execute(
            select(Contact.phone, Message.body).join(Contact, Contact.id == Message.contact_id)
            .where(Contact.phone.in_(staff)).order_by(Message.id))]


def test_a_service_request_opens_a_lead_and_alerts_staff(client, settings, statements):
    from store.models import Lead, QueuedJob

    sms(client, "My kitchen faucet drips, can someone fix it?", phone=OTHER_CUSTOMER)  # staff become contacts
    alerted_before = len(_staff_alerts(settings))
    with session_scope(settings.database_url) as session:
        jobs_before = session.scalar(select(func.max(QueuedJob.id)))
    response, count = _counted(statements, client, "My water heater is leaking, can someone come?")
    [reply] = replies(response)
    assert count <= LEAD_BUDGET, statements.statements
    with session_scope(settings.database_url) as session:
        lead = session.scalars(select(Lead).join(Contact, Contact.id == Lead.contact_id)
                               .where(Contact.phone == CUSTOMER)).one()
        assert (lead.kind, lead.status, lead.summary) == ("service_request", "open",
                                                          "My water heater is leaking, can someone come?")
        funcs = list(session.scalars(select(QueuedJob.func).where(QueuedJob.id > jobs_before)))
    alerts = _staff_alerts(settings)[alerted_before:]
    assert [phone for phone, _ in alerts] == list(settings.profile.staff_numbers)
    assert all("water heater" in body and CUSTOMER in body for _, body in alerts)
    assert funcs.count("jobs.leads.remind_unanswered") == 1
    assert funcs.count("jobs.staff.notify") == len(settings.profile.staff_numbers)
    assert _messages(settings) == [("inbound", "My water heater is leaking, can someone come?"), ("outbound", reply)]


def test_an_emergency_pages_on_call_staff_with_the_transcript(client, settings, statements):
    from store.models import Escalation

    text = "Water is pouring through the ceiling and I can't shut it off!"
    sms(client, text, phone=OTHER_CUSTOMER)  # on-call and staff numbers become contacts
    sms(client, "are you open saturday?")
    alerted_before = len(_staff_alerts(settings))
    response, count = _counted(statements, client, text)
    [reply] = replies(response)
    assert count <= EMERGENCY_BUDGET, statements.statements
    profile = settings.profile
    alerts = _staff_alerts(settings)[alerted_before:]
    assert [phone for phone, _ in alerts] == list(dict.fromkeys(profile.on_call_numbers + profile.staff_numbers))
    with session_scope(settings.database_url) as session:
        escalation = session.scalars(select(Escalation).join(Contact, Contact.id == Escalation.contact_id)
                                     .where(Contact.phone == CUSTOMER)).one()
        reason, transcript = escalation.reason, [entry["text"] for entry in escalation.transcript]
    messages = _messages(settings)
    assert messages[-2:] == [("inbound", text), ("outbound", reply)]
    assert reason == "emergency"
    assert transcript[-2:] == [messages[-3][1], text]  # the times offered, then the emergency itself


def test_access_details_are_saved_for_the_technician(client, settings, statements):
    from store.models import WorkAddress

    response, count = _counted(statements, client, "What's the gate code policy? Code is 4411")
    [reply] = replies(response)
    assert "gate code" in reply and "11" in reply and "4411" not in reply
    assert count <= ACCESS_BUDGET, statements.statements
    with session_scope(settings.database_url) as session:
        [address] = session.scalars(select(WorkAddress))
        assert address.access_notes["gate_code"] == "4411"
    assert _messages(settings) == [("inbound", "What's the gate code policy? Code is 4411"), ("outbound", reply)]


BOOKING_BUDGET = 12


def test_picking_an_offered_time_books_it_and_tells_staff(client, settings, statements):
    from store.models import Booking

    sms(client, "My kitchen faucet drips, can someone fix it?", phone=OTHER_CUSTOMER)  # staff become contacts
    sms(client, "can someone come tomorrow morning?")
    alerted_before = len(_staff_alerts(settings))
    response, count = _counted(statements, client, "1")
    [reply] = replies(response)
    assert count <= BOOKING_BUDGET, statements.statements
    with session_scope(settings.database_url) as session:
        [booking] = session.scalars(select(Booking))
        status, source = booking.status, booking.source
    assert (status, source) == ("requested", "sms")
    assert [phone for phone, _ in _staff_alerts(settings)[alerted_before:]] == list(settings.profile.staff_numbers)
    assert _messages(settings)[-2:] == [("inbound", "1"), ("outbound", reply)]
