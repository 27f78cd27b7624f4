"""Follow-up jobs ask the gate when they run: quiet hours defer, opt-outs and sales stop, doubles send once.

Real Redis and real burst workers; the clock is moved with time-machine.
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from compliance import ledger
from jobs import planner
from jobs.queue import dispatch
from store.db import session_scope
from store.models import Booking, Estimate, GateDecision, Message, WorkAddress
from tests.conftest import BUSINESS_NAME
from tests.support.webhooks import sms

MIAMI = "+13055550100"
LOS_ANGELES = "+12135550100"


def _contact(settings, phone, *, evidence="implied_inquiry", state=None, zone=None):
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, phone, lead_source="manual")
        if evidence:
            ledger.record(session, contact, evidence, source="staff", recorded_by="test")
        if state or zone:
            session.add(WorkAddress(contact_id=contact.id, line1="1 Main St", state=state, time_zone=zone))
        return contact.id


def _booking(settings, contact_id, start: datetime, *, status="confirmed") -> int:
    with session_scope(settings.database_url) as session:
        booking = Booking(contact_id=contact_id, window_start=start, window_end=start + timedelta(hours=2),
                          status=status)
        session.add(booking)
        session.flush()
        job_ids = planner.booking_changed(session, settings, booking)
        booking_id = booking.id
    dispatch(settings, job_ids)
    return booking_id


def _outbound(settings, purpose=None) -> list[Message]:
    with session_scope(settings.database_url) as session:
        query = select(Message).where(Message.direction == "outbound").order_by(Message.id)
        if purpose:
            query = query.where(Message.purpose == purpose)
        return list(session.scalars(query))


def test_confirmed_booking_is_confirmed_now_and_reminded_a_day_before(settings, run_jobs, twilio_http,
                                                                       weekday_morning):
    contact_id = _contact(settings, MIAMI)
    start = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)  # Friday 9-11am in Miami
    _booking(settings, contact_id, start)
    run_jobs()
    [confirmation] = twilio_http.sent_messages
    assert BUSINESS_NAME in confirmation["Body"] and "Fri Nov 27, 9-11am" in confirmation["Body"]
    weekday_morning.move_to(start - timedelta(hours=24) + timedelta(seconds=5))
    run_jobs()
    assert len(twilio_http.sent_messages) == 2
    assert "reminder" in twilio_http.sent_messages[1]["Body"]


def test_reminder_due_at_10pm_in_miami_is_deferred_to_8am_eastern(settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _contact(settings, MIAMI)
    start = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)  # the visit: 10pm Wednesday Miami time
    with session_scope(settings.database_url) as session:
        booking = Booking(contact_id=contact_id, window_start=start, window_end=start + timedelta(hours=2),
                          status="confirmed")
        session.add(booking)
        session.flush()
        booking_id = booking.id
    weekday_morning.move_to(datetime(2026, 11, 25, 3, 0, 5, tzinfo=UTC))  # Tuesday 10:00:05pm in Miami
    from jobs.followups import booking_reminder

    assert booking_reminder(booking_id, start.isoformat()) == "deferred"
    [reminder] = _outbound(settings)
    assert reminder.not_before == datetime(2026, 11, 25, 13, 0, tzinfo=UTC)  # 8am EST
    weekday_morning.move_to(datetime(2026, 11, 25, 13, 0, 1, tzinfo=UTC))
    run_jobs()
    assert [message["Body"] for message in twilio_http.sent_messages] == [reminder.body]
    with session_scope(settings.database_url) as session:
        actions = list(session.scalars(select(GateDecision.action).order_by(GateDecision.id)))
    assert actions == ["defer", "allow"]


def test_los_angeles_customer_of_a_new_york_business_waits_until_8am_pacific(settings, run_jobs, twilio_http,
                                                                             weekday_morning):
    contact_id = _contact(settings, LOS_ANGELES)
    weekday_morning.move_to(datetime(2026, 11, 24, 15, 30, tzinfo=UTC))  # 7:30am Pacific, 10:30 New York
    with session_scope(settings.database_url) as session:
        from delivery.oneoff import schedule_message

        contact = ledger.find_contact(session, LOS_ANGELES)
        _, job_id = schedule_message(session, contact, "transactional",
                                     f"{BUSINESS_NAME}: your invoice #88 is ready.")
    dispatch(settings, [job_id])
    run_jobs()
    assert twilio_http.sent_messages == []
    [message] = _outbound(settings)
    assert message.status == "deferred" and message.not_before == datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    weekday_morning.move_to(datetime(2026, 11, 24, 16, 0, 1, tzinfo=UTC))
    run_jobs()
    assert len(twilio_http.sent_messages) == 1
    assert contact_id


def test_spring_forward_weekend_defers_to_8am_local_daylight_time(settings, run_jobs, twilio_http, weekday_morning):
    _contact(settings, MIAMI)
    # Sunday 8 March 2026, 2:30am EST does not exist; 7:30am is EDT. 8am EDT is 12:00 UTC.
    weekday_morning.move_to(datetime(2026, 3, 8, 11, 30, tzinfo=UTC))
    with session_scope(settings.database_url) as session:
        from delivery.oneoff import schedule_message

        _, job_id = schedule_message(session, ledger.find_contact(session, MIAMI), "transactional",
                                     f"{BUSINESS_NAME}: your invoice #12 is ready.")
    dispatch(settings, [job_id])
    run_jobs()
    [message] = _outbound(settings)
    assert message.not_before == datetime(2026, 3, 8, 12, 0, tzinfo=UTC)


def test_stop_after_enqueue_before_run_sends_nothing(client, settings, run_jobs, twilio_http):
    contact_id = _contact(settings, MIAMI)
    _booking(settings, contact_id, datetime(2026, 11, 27, 14, 0, tzinfo=UTC))
    sms(client, "STOP", phone=MIAMI)
    run_jobs()
    assert twilio_http.sent_messages == []
    [refused] = _outbound(settings, "booking_confirmation")
    assert refused.status == "refused" and "opted out" in refused.status_reason


def test_marketing_to_a_contact_with_only_implied_inquiry_is_refused(settings, run_jobs, twilio_http):
    _contact(settings, MIAMI)
    with session_scope(settings.database_url) as session:
        from delivery.oneoff import schedule_message

        _, job_id = schedule_message(session, ledger.find_contact(session, MIAMI), "marketing",
                                     f"{BUSINESS_NAME}: 15% off drain cleaning this week. Reply STOP to opt out")
    dispatch(settings, [job_id])
    run_jobs()
    assert twilio_http.sent_messages == []
    [message] = _outbound(settings)
    assert message.status == "refused" and "express consent" in message.status_reason


def _estimate(settings, contact_id, *, sent_at, status="open", portal="https://portal.example.com/e/12"):
    with session_scope(settings.database_url) as session:
        estimate = Estimate(contact_id=contact_id, number="12", amount_cents=18900, status=status,
                            portal_url=portal, sent_at=sent_at)
        session.add(estimate)
        session.flush()
        job_ids = planner.estimate_changed(session, settings, estimate)
        estimate_id = estimate.id
    dispatch(settings, job_ids)
    return estimate_id


def test_quote_follow_ups_go_on_day_2_and_day_5_with_the_portal_link(settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _contact(settings, MIAMI)
    sent_at = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    _estimate(settings, contact_id, sent_at=sent_at)
    run_jobs()
    assert twilio_http.sent_messages == []
    weekday_morning.move_to(sent_at + timedelta(days=2, seconds=5))
    run_jobs()
    [first] = twilio_http.sent_messages
    assert "estimate #12 is still open" in first["Body"] and "https://portal.example.com/e/12" in first["Body"]
    weekday_morning.move_to(sent_at + timedelta(days=5, seconds=5))
    run_jobs()
    assert len(twilio_http.sent_messages) == 2


def test_estimate_sold_between_enqueue_and_run_sends_nothing(settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _contact(settings, MIAMI)
    sent_at = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    estimate_id = _estimate(settings, contact_id, sent_at=sent_at)
    with session_scope(settings.database_url) as session:
        session.get(Estimate, estimate_id).status = "sold"
    weekday_morning.move_to(sent_at + timedelta(days=6))
    run_jobs()
    assert twilio_http.sent_messages == [] and _outbound(settings) == []


def test_quote_follow_up_stops_when_the_customer_replied(client, settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _contact(settings, MIAMI)
    sent_at = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)
    _estimate(settings, contact_id, sent_at=sent_at)
    weekday_morning.move_to(sent_at + timedelta(hours=3))
    sms(client, "Thanks, let me talk to my wife about the quote", phone=MIAMI)
    weekday_morning.move_to(sent_at + timedelta(days=6))
    run_jobs()
    assert [message for message in _outbound(settings) if message.purpose == "quote_followup"] == []


def test_double_enqueue_of_a_reminder_sends_once(settings, run_jobs, twilio_http):
    contact_id = _contact(settings, MIAMI)
    start = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    booking_id = _booking(settings, contact_id, start)
    with session_scope(settings.database_url) as session:
        again = planner.booking_changed(session, settings, session.get(Booking, booking_id))
    assert again == []
    from jobs.followups import booking_confirmation

    run_jobs()
    assert booking_confirmation(booking_id, start.isoformat()) == "queued"  # the job run again: no second text
    assert len(twilio_http.sent_messages) == 1


def test_rescheduled_booking_confirms_the_new_window_only(settings, run_jobs, twilio_http):
    contact_id = _contact(settings, MIAMI)
    booking_id = _booking(settings, contact_id, datetime(2026, 11, 27, 14, 0, tzinfo=UTC))
    with session_scope(settings.database_url) as session:
        booking = session.get(Booking, booking_id)
        booking.window_start = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
        booking.window_end = booking.window_start + timedelta(hours=2)
        job_ids = planner.booking_changed(session, settings, booking)
    dispatch(settings, job_ids)
    run_jobs()
    bodies = [message["Body"] for message in twilio_http.sent_messages]
    assert len(bodies) == 1 and "Mon Nov 30" in bodies[0]


def test_post_job_check_in_respects_after_sales_care(settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _contact(settings, MIAMI, state="FL")
    with session_scope(settings.database_url) as session:
        session.scalars(select(WorkAddress)).one().after_sales_care = False
    _booking(settings, contact_id, datetime(2026, 11, 24, 13, 0, tzinfo=UTC), status="completed")
    weekday_morning.move_to(datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    run_jobs()
    assert twilio_http.sent_messages == []
    [message] = _outbound(settings, "review_request")  # the post-job sequence's first step (seed 001)
    assert message.status == "refused" and "after-sales care" in message.status_reason


@pytest.mark.parametrize("already_sent, action", [(2, "allow"), (3, "refuse")])
def test_florida_marketing_cap_on_one_subject(settings, already_sent, action):
    _contact(settings, MIAMI, evidence=None)
    from delivery import gatekeeper
    from store.models import utcnow

    with session_scope(settings.database_url) as session:
        contact = ledger.find_contact(session, MIAMI)
        ledger.record(session, contact, "express", scope="marketing", source="web_form", recorded_by="test")
        for index in range(already_sent):
            session.add(Message(contact_id=contact.id, direction="outbound", body="offer", purpose="marketing",
                                subject="spring-tuneup", status="delivered",
                                sent_at=utcnow() - timedelta(hours=index + 1)))
        session.flush()
        decision = gatekeeper.decide(session, settings, contact, "marketing",
                                     f"{BUSINESS_NAME}: spring tune-up, $20 off. Reply STOP to opt out",
                                     utcnow(), subject="spring-tuneup")
    assert decision.action == action
