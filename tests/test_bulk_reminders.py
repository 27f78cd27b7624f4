"""Reminders planned in bulk (`flask jobs plan-reminders`): every upcoming confirmed booking gets exactly
its reminder, in the database and in RQ's schedule, whichever path planned it; a rerun plans nothing."""

from datetime import UTC, datetime, timedelta

from rq.job import Job
from rq.registry import ScheduledJobRegistry
from sqlalchemy import func, insert, select, update

from compliance import ledger
from jobs import connection, planner, reminders
from jobs.queue import DELIVER_JOB, RUNNER, dispatch, schedule
from jobs.sweeper import sweep
from store.db import session_scope
from store.models import Booking, QueuedJob, rq_job_id_of
from tests.conftest import WEEKDAY_MORNING

# More bookings than one chunk read (reminders.BOOKING_CHUNK), so the chunk boundary is crossed.
UPCOMING = 5003


def _bookings(settings, count: int, *, first_start: datetime, status: str = "confirmed") -> list[int]:
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, f"+1305555{count % 10000:04d}", lead_source="manual")
        ledger.record(session, contact, "implied_inquiry", source="staff", recorded_by="test")
        rows = [{"contact_id": contact.id, "window_start": first_start + timedelta(minutes=30 * index),
                 "window_end": first_start + timedelta(minutes=30 * index + 120), "status": status,
                 "access_notes": {}, "source": "staff", "created_at": WEEKDAY_MORNING,
                 "updated_at": WEEKDAY_MORNING} for index in range(count)]
        return list(session.scalars(insert(Booking).returning(Booking.id, sort_by_parameter_order=True), rows))


def _reminder_rows(settings) -> dict[str, QueuedJob]:
    with session_scope(settings.database_url) as session:
        return {row.dedupe_key: row for row in session.scalars(
            select(QueuedJob).where(QueuedJob.func == planner.REMINDER_JOB))}


def test_every_upcoming_confirmed_booking_gets_exactly_its_reminder_and_a_rerun_plans_nothing(settings,
                                                                                               redis_connection):
    upcoming = _bookings(settings, UPCOMING, first_start=WEEKDAY_MORNING + timedelta(days=2))
    _bookings(settings, 3, first_start=WEEKDAY_MORNING + timedelta(hours=5))  # its reminder moment has passed
    _bookings(settings, 2, first_start=WEEKDAY_MORNING + timedelta(days=3), status="requested")
    _bookings(settings, 2, first_start=WEEKDAY_MORNING + timedelta(days=3), status="cancelled")
    with session_scope(settings.database_url) as session:  # confirmed by staff: booking_changed planned it
        already = planner.booking_changed(session, settings, session.get(Booking, upcoming[0]))
    dispatch(settings, already)

    outcome = reminders.plan_upcoming(settings)

    assert (outcome.bookings, outcome.planned, outcome.handed) == (UPCOMING, UPCOMING - 1, UPCOMING - 1)
    rows = _reminder_rows(settings)
    assert len(rows) == UPCOMING
    with session_scope(settings.database_url) as session:
        windows = dict(session.execute(select(Booking.id, Booking.window_start).where(Booking.id.in_(upcoming))).all())
    registry = ScheduledJobRegistry(queue=connection.queue(settings, redis_connection, connection.BULK))
    scheduled = dict(redis_connection.zrange(registry.key, 0, -1, withscores=True))
    for booking_id, window_start in windows.items():
        row = rows[f"booking-reminder:{booking_id}:{window_start.isoformat()}"]
        assert row.kwargs == {"booking_id": booking_id, "window_start": window_start.isoformat()}
        assert row.run_at == window_start - timedelta(hours=settings.reminder_hours_before)
        assert row.queue == connection.BULK and row.enqueued_at is not None
        assert scheduled[rq_job_id_of(row.id).encode()] == row.run_at.timestamp()
    assert len(scheduled) == UPCOMING

    again = reminders.plan_upcoming(settings)
    assert (again.bookings, again.planned, again.handed) == (UPCOMING, 0, 0)
    assert len(_reminder_rows(settings)) == UPCOMING
    assert redis_connection.zcard(registry.key) == UPCOMING


def test_a_reminder_planned_in_bulk_goes_out_a_day_before_the_visit(settings, run_jobs, twilio_http,
                                                                    weekday_morning):
    start = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)  # Friday 9-11am in Miami
    [booking_id] = _bookings(settings, 1, first_start=start)
    assert reminders.plan_upcoming(settings).handed == 1
    run_jobs()
    assert twilio_http.sent_messages == []  # not before its time
    weekday_morning.move_to(start - timedelta(hours=24) + timedelta(seconds=5))
    run_jobs()
    [reminder] = twilio_http.sent_messages
    assert "reminder" in reminder["Body"] and "Fri Nov 27, 9-11am" in reminder["Body"]
    assert booking_id


def test_reminders_planned_while_redis_is_down_wait_for_the_sweeper(settings, redis_connection):
    _bookings(settings, 3, first_start=WEEKDAY_MORNING + timedelta(days=2))
    down = settings.with_overrides(redis_url="redis://127.0.0.1:1/0")

    outcome = reminders.plan_upcoming(down)

    assert (outcome.planned, outcome.handed) == (3, 0)
    assert all(row.enqueued_at is None for row in _reminder_rows(settings).values())
    assert sweep(settings) == 3
    registry = ScheduledJobRegistry(queue=connection.queue(settings, redis_connection, connection.BULK))
    assert registry.count == 3


def test_bookings_sharing_a_window_across_the_chunk_boundary_each_get_their_reminder_once(settings,
                                                                                         redis_connection):
    """Bookings are read in window order: ties on the window start span a chunk (reminders.BOOKING_CHUNK)."""
    same_start = WEEKDAY_MORNING + timedelta(days=2)
    first = _bookings(settings, reminders.BOOKING_CHUNK - 1, first_start=same_start)
    with session_scope(settings.database_url) as session:
        session.execute(update(Booking).where(Booking.id.in_(first)).values(window_start=same_start))
    later = _bookings(settings, 4, first_start=same_start)  # the first of them also starts at same_start

    outcome = reminders.plan_upcoming(settings)

    assert (outcome.bookings, outcome.planned, outcome.handed) == (len(first) + 4,) * 3
    rows = _reminder_rows(settings)
    assert {row.kwargs["booking_id"] for row in rows.values()} == set(first + later)
    again = reminders.plan_upcoming(settings)
    assert (again.bookings, again.planned) == (len(first) + 4, 0)


def test_a_rerun_writes_nothing_so_it_spends_no_job_ids(settings, redis_connection):
    """PostgreSQL spends a sequence value on every INSERT that ON CONFLICT skips: a rerun that tried them all
    again would leave a gap of a whole run's worth of ids."""
    _bookings(settings, 20, first_start=WEEKDAY_MORNING + timedelta(days=2))
    reminders.plan_upcoming(settings)
    reminders.plan_upcoming(settings)
    with session_scope(settings.database_url) as session:
        last = session.scalar(select(func.max(QueuedJob.id)))
        new = schedule(session, DELIVER_JOB, dedupe_key="after-the-rerun", message_id=1)
    assert new == last + 1


def test_jobs_scheduled_in_bulk_are_stored_as_rq_stores_them(settings, redis_connection):
    """connection.schedule_each writes RQ's own job hash (built once, varied by the argument), registry entry
    and queue registration: what `queue.enqueue_at` writes for the same job."""
    queue = connection.queue(settings, redis_connection, connection.BULK)
    retry = connection.retry_policy(settings)
    when = WEEKDAY_MORNING + timedelta(days=1, seconds=17)
    queue.enqueue_at(when, RUNNER, 41, job_id="by-rq", retry=retry)
    by_rq = redis_connection.hgetall(Job.key_for("by-rq"))
    redis_connection.delete(queue.redis_queues_keys)
    with redis_connection.pipeline() as pipe:
        pipe.multi()
        connection.schedule_each(pipe, queue, RUNNER, [("ours-41", 41, when), ("ours-7", 7, when + timedelta(hours=1))],
                                 retry)
        pipe.execute()

    ours = redis_connection.hgetall(Job.key_for("ours-41"))
    assert {key: value for key, value in ours.items() if key != b"created_at"} == {
        key: value for key, value in by_rq.items() if key != b"created_at"}
    assert redis_connection.smembers(queue.redis_queues_keys) == {queue.key.encode()}
    registry = ScheduledJobRegistry(queue=queue)
    assert redis_connection.zscore(registry.key, "ours-41") == redis_connection.zscore(registry.key, "by-rq")
    assert redis_connection.zscore(registry.key, "ours-7") == (when + timedelta(hours=1)).timestamp()
    job = Job.fetch("ours-7", connection=redis_connection)
    assert (job.func_name, job.args, job.kwargs, job.description) == (RUNNER, (7,), {}, f"{RUNNER}(7)")
    assert (job.get_status(), job.retries_left, job.retry_intervals, job.origin) == (
        "scheduled", retry.max, retry.intervals, queue.name)
