"""Every upcoming confirmed booking's reminder, planned and handed to RQ in bulk (`flask jobs plan-reminders`).

booking_changed plans a booking's reminder as staff or the customer confirm it; this plans the ones
missing for bookings written around it (a sync straight into the database, a restore, a Redis and
database recovery) at 100,000 bookings in seconds: bookings read by id in chunks, a multi-row INSERT
per thousand reminders, a Redis pipeline per thousand jobs. Running it again plans nothing twice: a
reminder keeps its dedupe key (booking and window), whichever path planned it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from config import Settings
from jobs import connection, planner
from jobs.queue import enqueue_rows
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
    last_id = 0
    while True:
        with session_scope(settings.database_url) as session:
            chunk = session.execute(
                select(Booking.id, Booking.window_start)
                .where(Booking.status == "confirmed", Booking.window_start > earliest, Booking.id > last_id)
                .order_by(Booking.id).limit(BOOKING_CHUNK)).all()
            rows = planner.plan_reminders(session, settings, chunk)
        if not chunk:
            return Planned(bookings, planned, handed)
        last_id = chunk[-1].id
        bookings, planned = bookings + len(chunk), planned + len(rows)
        if redis_answers and rows:
            sent = enqueue_rows(settings, rows, redis)
            handed += sent
            redis_answers = sent == len(rows)
