"""Follow-up sequences on real Redis and databases: a completed job starts the post-job sequence,
a reply stops it, a marketing opt-out stops win-back and birthday but not a reminder, unenrolling
cancels what is unsent, and a birthday text goes at 10am local on the day, not on a banned Sunday.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from compliance import ledger
from jobs import planner
from jobs.queue import dispatch
from jobs.relationships import run_daily
from relationships import enrollment, sequences
from store.db import session_scope
from store.models import Booking, Contact, Enrollment, FollowupSequence, Message, QueuedJob, WorkAddress
from tests.conftest import BUSINESS_NAME
from tests.support.webhooks import sms

MIAMI = "+13055550100"
MOBILE_AL = "+12515550100"  # Mobile, Alabama: no marketing texts on Sundays


def _customer(settings, phone=MIAMI, *, state="FL", zone="America/New_York", marketing=True, name="Dana Reyes",
              birthday=None):
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, phone, lead_source="manual")
        contact.name, contact.birthday = name, birthday
        ledger.record(session, contact, "existing_relationship", source="staff", recorded_by="test")
        if marketing:
            ledger.record(session, contact, "express", scope="marketing", source="web_form", recorded_by="test")
        session.add(WorkAddress(contact_id=contact.id, line1="1 Main St", state=state, time_zone=zone))
        return contact.id


def _complete_job(settings, contact_id, start=datetime(2026, 11, 24, 13, 0, tzinfo=UTC), service="water heater"):
    with session_scope(settings.database_url) as session:
        booking = Booking(contact_id=contact_id, window_start=start, window_end=start + timedelta(hours=2),
                          status="completed", service=service, invoice_total_cents=45000)
        session.add(booking)
        session.flush()
        job_ids = planner.booking_changed(session, settings, booking)
        booking_id = booking.id
    dispatch(settings, job_ids)
    return booking_id


def _sent(twilio_http):
    return [message["Body"] for message in twilio_http.sent_messages]


def _enrollments(settings):
    with session_scope(settings.database_url) as session:
        rows = session.scalars(select(Enrollment).order_by(Enrollment.id))
        return [(row.kind, row.status, row.reason) for row in rows]


def test_completed_job_starts_post_job_and_a_reply_stops_it(settings, client, run_jobs, twilio_http, weekday_morning):
    contact_id = _customer(settings)
    _complete_job(settings, contact_id)
    run_jobs()
    assert _sent(twilio_http) == []  # the review request waits 20 hours
    assert _enrollments(settings) == [("post_job", "active", None)]

    weekday_morning.move_to(datetime(2026, 11, 25, 15, 0, tzinfo=UTC))  # Wednesday 10am in Miami
    run_jobs()
    [review] = _sent(twilio_http)
    assert review.startswith(f"{BUSINESS_NAME}: thanks for choosing us, Dana!")

    sms(client, "Thanks, great job!")
    assert _enrollments(settings) == [("post_job", "stopped", "the customer replied")]
    weekday_morning.move_to(datetime(2026, 11, 28, 15, 0, tzinfo=UTC))  # past the satisfaction check-in
    run_jobs()
    assert [body for body in _sent(twilio_http) if "0 to 10" in body] == []
    with session_scope(settings.database_url) as session:
        [planned] = session.scalars(select(QueuedJob).where(QueuedJob.dedupe_key.like("sequence-step:%:2"))).all()
        assert planned.finished_at is not None and planned.last_error == "not run: the customer replied"


def test_without_a_reply_the_post_job_sequence_runs_its_steps(settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _customer(settings)
    _complete_job(settings, contact_id)
    weekday_morning.move_to(datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    run_jobs()
    weekday_morning.move_to(datetime(2026, 11, 27, 15, 0, tzinfo=UTC))  # two days after the review request
    run_jobs()
    assert [purpose for purpose in _purposes(settings)] == ["review_request", "satisfaction_checkin"]
    weekday_morning.move_to(datetime(2027, 5, 24, 15, 0, tzinfo=UTC))  # 6 months on: a Monday, 11am Miami
    run_jobs()
    assert _purposes(settings)[-1] == "maintenance_reminder"
    assert "water heater" in _sent(twilio_http)[-1] and _sent(twilio_http)[-1].endswith("Reply STOP to opt out")
    assert _enrollments(settings) == [("post_job", "completed", "every step ran")]


def _purposes(settings):
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(Message.purpose).where(
            Message.direction == "outbound", Message.status.in_(("sent", "queued", "delivered")),
            Message.job_key.like("sequence:%")).order_by(Message.id)))


def test_enrolling_the_same_occurrence_twice_enrolls_once(settings, weekday_morning):
    contact_id = _customer(settings)
    booking_id = _complete_job(settings, contact_id)
    with session_scope(settings.database_url) as session:
        booking = session.get(Booking, booking_id)
        assert planner.booking_changed(session, settings, booking) == []
        sequence = sequences.by_key(session, "post_job")
        contact = session.get(Contact, contact_id)
        again = enrollment.enroll(session, settings, contact, sequence, f"booking:{booking_id}", booking.window_end)
        other_job = enrollment.enroll(session, settings, contact, sequence, "booking:999", booking.window_end)
        assert again == (None, []) and other_job == (None, [])  # one post-job sequence at a time
        assert session.query(Enrollment).count() == 1


def test_marketing_opt_out_stops_win_back_and_birthday_but_not_the_reminder(
        settings, client, run_jobs, twilio_http, weekday_morning):
    contact_id = _customer(settings, birthday=date(1980, 11, 25))
    with session_scope(settings.database_url) as session:
        sequences.ensure_defaults(session)
        contact = session.get(Contact, contact_id)
        win_back = sequences.by_key(session, "win_back")
        enrollment.enroll(session, settings, contact, win_back, "test", datetime(2026, 11, 26, 12, tzinfo=UTC))
        booking = Booking(contact_id=contact_id, window_start=datetime(2026, 11, 27, 15, tzinfo=UTC),
                          window_end=datetime(2026, 11, 27, 17, tzinfo=UTC), status="confirmed")
        session.add(booking)
        session.flush()
        job_ids = planner.booking_changed(session, settings, booking)
    dispatch(settings, job_ids)
    run_daily(settings, datetime(2026, 11, 24, 16, tzinfo=UTC))  # enrolls tomorrow's birthday
    assert sorted(kind for kind, status, _ in _enrollments(settings) if status == "active") == ["birthday", "win_back"]
    run_jobs()
    assert len(_sent(twilio_http)) == 1  # the booking confirmation

    sms(client, "stop sending me promotions")
    assert {kind: (status, reason) for kind, status, reason in _enrollments(settings)} == {
        "win_back": ("stopped", "the customer opted out (marketing)"),
        "birthday": ("stopped", "the customer opted out (marketing)")}
    weekday_morning.move_to(datetime(2026, 11, 26, 15, 30, tzinfo=UTC))  # past the birthday and the win-back
    run_jobs()
    bodies = _sent(twilio_http)
    assert not any("birthday" in body or "it's been a while" in body for body in bodies)
    assert any("reminder of your visit" in body for body in bodies)


def test_unenroll_cancels_a_deferred_step(settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _customer(settings)
    _complete_job(settings, contact_id)
    weekday_morning.move_to(datetime(2026, 11, 25, 12, 0, 5, tzinfo=UTC))  # 7am in Miami: the step is deferred
    run_jobs()
    assert _sent(twilio_http) == []
    with session_scope(settings.database_url) as session:
        [row] = session.scalars(select(Enrollment)).all()
        enrollment.unenroll(session, row.id)
        [message] = session.scalars(select(Message).where(Message.job_key.like("sequence:%"))).all()
        assert message.status == "cancelled"
    weekday_morning.move_to(datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    run_jobs()
    assert _sent(twilio_http) == []


def test_birthday_text_goes_at_10am_local_on_the_day(settings, run_jobs, twilio_http, weekday_morning):
    _customer(settings, birthday=date(1975, 12, 1))  # Tuesday 1 December 2026
    run_daily(settings, datetime(2026, 11, 30, 8, tzinfo=UTC))
    weekday_morning.move_to(datetime(2026, 12, 1, 14, 59, tzinfo=UTC))  # 9:59am in Miami
    run_jobs()
    assert _sent(twilio_http) == []
    weekday_morning.move_to(datetime(2026, 12, 1, 15, 0, 5, tzinfo=UTC))
    run_jobs()
    [text] = _sent(twilio_http)
    assert "happy birthday, Dana" in text
    assert _sent_at(settings).astimezone(ZoneInfo("America/New_York")).hour == 10


def _sent_at(settings):
    with session_scope(settings.database_url) as session:
        return session.scalars(select(Message.sent_at).where(Message.purpose == "birthday")).one()


def test_birthday_on_a_sunday_in_alabama_waits_for_monday(settings, run_jobs, twilio_http, weekday_morning):
    # Sunday 29 November 2026
    _customer(settings, MOBILE_AL, state="AL", zone="America/Chicago", birthday=date(1990, 11, 29))
    run_daily(settings, datetime(2026, 11, 28, 8, tzinfo=UTC))
    weekday_morning.move_to(datetime(2026, 11, 29, 17, 0, tzinfo=UTC))  # Sunday 11am in Alabama
    run_jobs()
    assert _sent(twilio_http) == []
    with session_scope(settings.database_url) as session:
        message = session.scalars(select(Message).where(Message.purpose == "birthday")).one()
        assert message.status == "deferred"
        assert message.not_before == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)  # Monday 10am Central
    weekday_morning.move_to(datetime(2026, 11, 30, 16, 0, 5, tzinfo=UTC))
    run_jobs()
    assert ["happy birthday" in body for body in _sent(twilio_http)] == [True]


def test_deleting_a_sequence_unenrolls_its_members_with_a_reason(settings, weekday_morning):
    contact_id = _customer(settings)
    _complete_job(settings, contact_id)
    with session_scope(settings.database_url) as session:
        sequence = session.scalars(select(FollowupSequence).where(FollowupSequence.key == "post_job")).one()
        assert sequences.delete(session, sequence.id) == 1
    assert _enrollments(settings) == [("post_job", "unenrolled", f"sequence {sequence.id} was deleted")]


def test_service_anniversary_is_the_first_completed_jobs_date(settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _customer(settings)
    _complete_job(settings, contact_id, start=datetime(2025, 11, 25, 15, 0, tzinfo=UTC))
    _complete_job(settings, contact_id, start=datetime(2026, 6, 2, 15, 0, tzinfo=UTC))
    run_daily(settings, datetime(2026, 11, 24, 16, tzinfo=UTC))
    run_daily(settings, datetime(2026, 11, 25, 8, tzinfo=UTC))  # a second run enrolls nobody twice
    with session_scope(settings.database_url) as session:
        assert session.query(Enrollment).filter(Enrollment.kind == "anniversary").count() == 1
    weekday_morning.move_to(datetime(2026, 11, 25, 15, 0, 5, tzinfo=UTC))  # Wednesday 10am in Miami
    run_jobs()
    assert any("a year since our first visit" in body for body in _sent(twilio_http))


@pytest.mark.parametrize("answer, last_step, outcome", [
    ("9", "maintenance_reminder", ("post_job", "completed", "every step ran")),
    ("3", "satisfaction_checkin", ("post_job", "stopped", "the customer has an open complaint")),
])
def test_an_nps_answer_is_not_a_reply_but_a_low_one_is_a_complaint(settings, client, run_jobs, twilio_http,
                                                                   weekday_morning, answer, last_step, outcome):
    contact_id = _customer(settings)
    _complete_job(settings, contact_id)
    weekday_morning.move_to(datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    run_jobs()
    weekday_morning.move_to(datetime(2026, 11, 27, 15, 0, tzinfo=UTC))
    run_jobs()
    assert "0 to 10" in _sent(twilio_http)[-1]
    sms(client, answer)
    assert _enrollments(settings) == [("post_job", "active", None)]
    weekday_morning.move_to(datetime(2027, 5, 24, 15, 0, tzinfo=UTC))
    run_jobs()
    assert _purposes(settings)[-1] == last_step
    assert _enrollments(settings) == [outcome]
