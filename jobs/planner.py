"""What follow-ups a change to a booking or an estimate calls for; queued in the caller's transaction.

Each returns the ids of the queued jobs, for the caller to hand to RQ after its commit. Dedupe keys
name the booking's window or the estimate's step, so a double enqueue queues once, and a reschedule
queues a new confirmation and reminder (the jobs for the old window find it changed and send nothing).
Reminders, check-ins and quote follow-ups go to the bulk queue: they come by the thousand and none
is urgent to the minute; a confirmation answers what staff just did and goes to the default queue.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from config import Settings
from jobs.bulk import Job, dedupe_keys_between, schedule_many
from jobs.connection import BULK
from jobs.queue import Handover, schedule
from relationships import triggers
from store.models import Booking, Estimate, utcnow

REMINDER_JOB = "jobs.followups.booking_reminder"


def booking_changed(session: Session, settings: Settings, booking: Booking) -> list[int]:
    window = booking.window_start.isoformat()
    now = utcnow()
    planned: list[int | None] = []
    if booking.status == "confirmed" and booking.window_end > now:
        planned.append(schedule(session, "jobs.followups.booking_confirmation",
                                dedupe_key=f"booking-confirmation:{booking.id}:{window}",
                                booking_id=booking.id, window_start=window))
        reminder = _reminder(settings, booking.id, booking.window_start, now)
        if reminder is not None:
            planned.append(schedule(session, REMINDER_JOB, run_at=reminder.run_at, queue=BULK,
                                    dedupe_key=reminder.dedupe_key, **reminder.kwargs))
    if booking.status == "completed":  # the post-job sequence (seed 001)
        planned += triggers.job_completed(session, settings, booking)
    return [job_id for job_id in planned if job_id is not None]


def plan_reminders(session: Session, settings: Settings,
                   bookings: Iterable[tuple[int, datetime]]) -> list[Handover]:
    """The reminders of confirmed bookings, given as (id, window start), in bulk: the rows new to the
    queue (a booking whose window already has its reminder, planned here or by booking_changed, is
    skipped by the dedupe key), for the caller to hand to RQ after its commit (jobs.queue.enqueue_rows).

    The reminders already queued for the bookings' stretch of time are read first and dropped, so a
    rerun writes nothing; the INSERT's ON CONFLICT still settles a reminder planned meanwhile.
    """
    now = utcnow()
    reminders = [reminder for booking_id, window_start in bookings
                 if (reminder := _reminder(settings, booking_id, window_start, now)) is not None]
    if not reminders:
        return []
    queued = dedupe_keys_between(session, REMINDER_JOB, min(reminder.run_at for reminder in reminders),
                                 max(reminder.run_at for reminder in reminders))
    return schedule_many(session, REMINDER_JOB, [reminder for reminder in reminders
                                                 if reminder.dedupe_key not in queued], queue=BULK)


def _reminder(settings: Settings, booking_id: int, window_start: datetime, now: datetime) -> Job | None:
    """A booking window's reminder, REMINDER_HOURS_BEFORE its start; None when that moment has passed."""
    remind_at = window_start - timedelta(hours=settings.reminder_hours_before)
    if remind_at <= now:
        return None
    window = window_start.isoformat()
    return Job(run_at=remind_at, dedupe_key=f"booking-reminder:{booking_id}:{window}",
               kwargs={"booking_id": booking_id, "window_start": window})


def estimate_changed(session: Session, settings: Settings, estimate: Estimate) -> list[int]:
    if estimate.status != "open":
        return []
    planned = [
        schedule(session, "jobs.followups.quote_followup", run_at=estimate.sent_at + timedelta(days=days), queue=BULK,
                 dedupe_key=f"quote-followup:{estimate.id}:{step}", estimate_id=estimate.id, step=step)
        for step, days in enumerate(settings.quote_followup_days, start=1)
    ]
    return [job_id for job_id in planned if job_id is not None]
