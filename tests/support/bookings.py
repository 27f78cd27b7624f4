"""A visit on the books for a conversation test: what staff (or an import) would have entered."""

from __future__ import annotations

from datetime import datetime, timedelta

from store.db import session_scope
from store.models import Booking


def add_visit(settings, phone: str, start: datetime, *, status: str = "confirmed", hours: int = 2) -> int:
    """Book a visit for `phone` (its contact made if new) from `start`; the booking's id."""
    from compliance import ledger

    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, phone)
        booking = Booking(contact_id=contact.id, window_start=start, window_end=start + timedelta(hours=hours),
                          status=status)
        session.add(booking)
        session.flush()
        return booking.id
