"""Every upcoming confirmed booking's reminder, planned and handed to RQ in bulk (`flask jobs plan-reminders`).

booking_changed plans a booking's reminder as staff or the customer confirm it; this plans the ones
missing for bookings written around it (a sync straight into the database, a restore, a Redis and
database recovery) at 100,000 bookings in seconds: bookings read in window order in chunks (so a
chunk's reminders already queued are read by their time, and a rerun writes nothing), an INSERT per
thousand reminders written already marked as handed over, a Redis pipeline per thousand jobs.
Running it again plans nothing twice: a reminder keeps its dedupe key (booking and window),
whichever path planned it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, and_, or_, select

from config import Settings
from jobs import connection, planner
from jobs.queue import enqueue_rows, hand_over_at_commit
from store.db import session_scope
from store.models import Booking, utcnow

log = logging.getLogger(__name__)
BOOKING_CHUNK = 5000


@dataclass(frozen=True)
class Planned:
    bookings: int  # upcoming confirmed bookings looked at
    planned: int  # reminders new to the queue
    handed: int  # of those, handed to RQ now (the rest wait for the sweeper)


def plan_upcoming(settings: Settings) -> Planned:
    redis = connection.handover_redis(settings)
    earliest = utcnow() + timedelta(hours=settings.reminder_hours_before)
    bookings = planned = handed = 0
    redis_answers = True
    after = None  # keyset: (window start, id) of the last booking read
    while True:
        with session_scope(settings.database_url) as session:
            if redis_answers:  # the rows go to RQ right after this commit; if that fails they are unmarked
                hand_over_at_commit(session)
            chunk = session.execute(_upcoming(earliest, after)).all()
            rows = planner.plan_reminders(session, settings, chunk)
        if not chunk:
            return Planned(bookings, planned, handed)
        after = (chunk[-1].window_start, chunk[-1].id)
        bookings, planned = bookings + len(chunk), planned + len(rows)
        if redis_answers and rows:
            sent = enqueue_rows(settings, rows, redis)
            handed += sent
            redis_answers = sent == len(rows)


def _upcoming(earliest: datetime, after: tuple[datetime, int] | None) -> Select:
    """The next chunk of confirmed bookings whose reminder is still ahead, in window order, after `after`."""
    statement = select(Booking.id, Booking.window_start).where(Booking.status == "confirmed",
                                                               Booking.window_start > earliest)
    if after is not None:
        window_start, booking_id = after
        statement = statement.where(Booking.window_start >= window_start, or_(
            Booking.window_start > window_start, and_(Booking.window_start == window_start, Booking.id > booking_id)))
    return statement.order_by(Booking.window_start, Booking.id).limit(BOOKING_CHUNK)
