"""What starts a sequence: a completed job (at once), and once a day birthdays, service
anniversaries and inactivity. Each occurrence is named (the booking, the year, the last job's
date), so running a trigger twice enrolls once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Date, cast, exists, func, select, type_coerce
from sqlalchemy.orm import Session

from config import Settings
from relationships import bulk, sequences
from relationships.enrollment import enroll
from store.models import Booking, Contact, Enrollment, utcnow

COMPLETED = "completed"
UNKNOWN_YEAR = 1904  # a birthday given without its year ("my birthday is March 3"); a leap year, for Feb 29


def job_completed(session: Session, settings: Settings, booking: Booking) -> list[int]:
    """A completed booking starts the post-job sequence(s); returns the planned job ids."""
    sequences.ensure_defaults(session)
    contact = session.get(Contact, booking.contact_id)
    job_ids: list[int] = []
    for sequence in sequences.active_for_trigger(session, "job_completed"):
        _, planned = enroll(session, settings, contact, sequence, f"booking:{booking.id}", utcnow(),
                            booking_id=booking.id, address_id=booking.address_id)
        job_ids += planned
    return job_ids


def birthdays_and_anniversaries(session: Session, settings: Settings, today: date) -> list[int]:
    """Enroll today's and tomorrow's birthdays and anniversaries (the business's calendar); the step's
    local time puts the text on the day itself in the customer's zone."""
    job_ids: list[int] = []
    for day in (today, today + timedelta(days=1)):
        for contact, _ in _celebrating(session, day, "birthday"):
            job_ids += _enroll_trigger(session, settings, "birthday", contact, f"birthday:{day.year}", day)
        for contact, when in _celebrating(session, day, "anniversary"):
            if when.year < day.year:
                job_ids += _enroll_trigger(session, settings, "anniversary", contact, f"anniversary:{day.year}", day)
    return job_ids


def inactivity(session: Session, settings: Settings, now: datetime) -> list[int]:
    """Enroll customers whose last completed job is at least a sequence's inactivity_days ago,
    once per last job (its date names the occurrence)."""
    job_ids: list[int] = []
    for sequence in sequences.active_for_trigger(session, "inactivity"):
        cutoff = now - timedelta(days=sequence.inactivity_days)
        last_jobs = (select(Booking.contact_id, func.max(Booking.window_start).label("last_job"))
                     .where(Booking.status == COMPLETED).group_by(Booking.contact_id).subquery())
        enrolled_since = exists(select(Enrollment.id).where(
            Enrollment.contact_id == last_jobs.c.contact_id, Enrollment.sequence_id == sequence.id,
            Enrollment.enrolled_at >= last_jobs.c.last_job))
        rows = session.execute(select(last_jobs.c.contact_id, last_jobs.c.last_job)
                               .where(last_jobs.c.last_job <= cutoff, ~enrolled_since)).all()
        if not rows:
            continue
        occurrences = {contact_id: f"inactive-since:{last_job:%Y-%m-%d}" for contact_id, last_job in rows}
        people = bulk.recipients(session, select(last_jobs.c.contact_id).where(
            last_jobs.c.last_job <= cutoff, ~enrolled_since))
        job_ids += bulk.enroll_many(session, settings, sequence, None, "", now, people=people,
                                    occurrences=occurrences).job_ids
    return job_ids


def anniversary_of(session: Session, contact: Contact) -> tuple[date | None, str]:
    """The service anniversary: the date staff set, else the first completed job's (business calendar)."""
    if contact.anniversary is not None:
        return contact.anniversary, "staff"
    first = session.scalar(select(func.min(Booking.window_start)).where(
        Booking.contact_id == contact.id, Booking.status == COMPLETED))
    return (first.date() if first else None), "first_completed_job"


def _enroll_trigger(session: Session, settings: Settings, trigger: str, contact: Contact, occurrence: str,
                    day: date) -> list[int]:
    sequences.ensure_defaults(session)
    job_ids: list[int] = []
    for sequence in sequences.active_for_trigger(session, trigger):
        # The trigger is the start of the day in UTC; each step's local_time places it in the customer's day.
        trigger_at = datetime.combine(day, time(12), tzinfo=ZoneInfo("UTC"))
        _, planned = enroll(session, settings, contact, sequence, occurrence, trigger_at)
        job_ids += planned
    return job_ids


def _celebrating(session: Session, day: date, which: str) -> list[tuple[Contact, date]]:
    """Contacts whose birthday (or anniversary) falls on `day`; Feb 29 counts on Feb 28 in other years."""
    days = [(day.month, day.day)]
    if (day.month, day.day) == (2, 28) and not _leap(day.year):
        days.append((2, 29))
    if which == "birthday":
        query = select(Contact).where(Contact.birthday.is_not(None), _month_day(session, Contact.birthday, days))
        return [(contact, contact.birthday) for contact in session.scalars(query)]
    first_jobs = (select(Booking.contact_id, func.min(Booking.window_start).label("first_job"))
                  .where(Booking.status == COMPLETED).group_by(Booking.contact_id).subquery())
    when = func.coalesce(Contact.anniversary, _date_of(session, first_jobs.c.first_job), type_=Date)
    rows = session.execute(select(Contact, when).outerjoin(first_jobs, first_jobs.c.contact_id == Contact.id)
                           .where(when.is_not(None), _month_day(session, when, days)))
    return [(contact, moment if isinstance(moment, date) else date.fromisoformat(moment)) for contact, moment in rows]


def _date_of(session: Session, column):
    if session.get_bind().dialect.name == "sqlite":
        return type_coerce(func.date(column), Date)
    return cast(column, Date)


def _month_day(session: Session, column, days: list[tuple[int, int]]):
    if session.get_bind().dialect.name == "sqlite":
        text = func.strftime("%m-%d", column)
    else:
        text = func.to_char(column, "MM-DD")
    return text.in_([f"{month:02d}-{mday:02d}" for month, mday in days])


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
