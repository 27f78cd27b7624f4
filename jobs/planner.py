"""What follow-ups a change to a booking or an estimate calls for; queued in the caller's transaction.

Each returns the ids of the queued jobs, for the caller to hand to RQ after its commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from config import Settings
from store.models import Booking, Estimate


def booking_changed(session: Session, settings: Settings, booking: Booking) -> list[int]:
    return []


def estimate_changed(session: Session, settings: Settings, estimate: Estimate) -> list[int]:
    return []
