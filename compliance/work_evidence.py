"""The consent evidence that work entered for a contact gives (docs/compliance.md section 1).

- A booking or an estimate entered for the contact (by staff, an import or field-service software)
  is `transactional_context`: the customer gave their number for that work. It supports service
  purposes only while that work is active (rules.toml, [evidence]), never marketing.
- A completed booking is an `existing_relationship`, dated when the work ended; it supports service
  purposes for `existing_relationship_months` after the last completed job.

Each piece is keyed by the row, so creating, re-sending (upserting) or completing a row records its
evidence once, in the caller's transaction.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from compliance import ledger
from store.models import Booking, Contact, Estimate, utcnow

TRANSACTIONAL_CONTEXT = "transactional_context"
EXISTING_RELATIONSHIP = "existing_relationship"


def booking_saved(session: Session, booking: Booking) -> None:
    contact = session.get(Contact, booking.contact_id)
    ledger.record_once(session, contact, TRANSACTIONAL_CONTEXT,
                       evidence_key=f"booking:{booking.id}:{TRANSACTIONAL_CONTEXT}", source="booking",
                       notes=f"booking {booking.id}")
    if booking.status == "completed":
        done_at = min(booking.window_end, utcnow())
        ledger.record_once(session, contact, EXISTING_RELATIONSHIP,
                           evidence_key=f"booking:{booking.id}:{EXISTING_RELATIONSHIP}", source="booking",
                           notes=f"booking {booking.id} completed", occurred_at=done_at)


def estimate_saved(session: Session, estimate: Estimate) -> None:
    contact = session.get(Contact, estimate.contact_id)
    ledger.record_once(session, contact, TRANSACTIONAL_CONTEXT,
                       evidence_key=f"estimate:{estimate.id}:{TRANSACTIONAL_CONTEXT}", source="estimate",
                       notes=f"estimate {estimate.id} (#{estimate.number})")
