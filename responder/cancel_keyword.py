"""A bare "Cancel" (or the Spanish "Cancelar") from a customer with a visit coming up.

CANCEL is an opt-out keyword (carriers and Twilio block the number too), so it stays one. But a
customer with an upcoming booking usually means the visit: the opt-out confirmation tells them how to
cancel it, and staff are alerted at once with the booking, so no technician drives to a job the
customer thinks is cancelled. The booking itself is left as it is: a person decides. "Bare" is the
keyword's reading in classifiers.keywords: the word alone, misspelt as the classifier accepts it
("CANSELAR"), with polite words around it ("cancel please", "cancelar por favor").
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifiers.keywords import POLITE_WORDS, SPANISH_POLITE_WORDS
from classifiers.text import squeeze
from config import Settings
from phones import for_display
from responder import wording
from responder.availability import MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS, Slot, describe_slot
from responder.escalations import alert_staff, who
from responder.zones import job_zone
from store.models import Booking, Contact, WorkAddress

CANCEL_WORDS = frozenset({"CANCEL", "CANCELAR", "CANSELAR", "CANCELARR"})
HOLDING_STATUSES = ("requested", "confirmed")


def upcoming_visit_after_cancel(session: Session, settings: Settings, contact: Contact, body: str,
                                now: datetime) -> tuple[str, list[int]]:
    """For a bare "Cancel" with a visit coming: the confirmation's note ("" when none), the staff alert's jobs."""
    if not is_bare_cancel(body):
        return "", []
    booking = session.scalars(
        select(Booking).where(Booking.contact_id == contact.id, Booking.status.in_(HOLDING_STATUSES),
                              Booking.window_end > now).order_by(Booking.window_start).limit(1)).first()
    if booking is None:
        return "", []
    profile = settings.profile
    address = session.get(WorkAddress, booking.address_id) if booking.address_id else None
    zone = job_zone(contact.phone, address or (contact.addresses[-1] if contact.addresses else None),
                    profile.time_zone)
    start = booking.window_start.astimezone(zone)
    day = f"{WEEKDAY_ABBREVIATIONS[start.weekday()]} {MONTH_ABBREVIATIONS[start.month - 1]} {start.day}"
    window = describe_slot(Slot(booking.window_start.astimezone(profile.time_zone),
                                booking.window_end.astimezone(profile.time_zone)), profile.time_zone, now)
    jobs = alert_staff(session, profile.staff_numbers, contact, f"booking:{booking.id}",
                       lambda reference: wording.say("staff_cancel_keyword", reference=reference, **who(contact),
                                                     window=window, booking=booking.id))
    phone = for_display(settings.business_phone)
    note = wording.say("opt_out_upcoming_visit", day=day, phone=phone) if phone else ""
    return note, jobs


def is_bare_cancel(body: str) -> bool:
    """ "Cancel", "CANCELAR.", "cancelar por favor": the cancel keyword with nothing but polite words."""
    words = [word for word in squeeze(body) if word not in POLITE_WORDS | SPANISH_POLITE_WORDS]
    return bool(words) and all(word in CANCEL_WORDS for word in words)
