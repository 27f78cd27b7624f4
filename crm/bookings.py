"""Bookings: a visit's window and status, entered by staff or sent by their field-service software."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from compliance import work_evidence
from config import Settings
from crm import access, fields
from crm.errors import Conflict, InvalidField
from crm.fields import Field
from crm.rows import Saved, found, referenced
from jobs import planner
from store.models import Booking, Contact, WorkAddress, utcnow
from store.upsert import insert_ignoring_conflict

STATUSES = ("requested", "confirmed", "cancelled", "completed")
NEW_STATUSES = ("requested", "confirmed")
STAFF_DEFAULT_STATUS = "confirmed"  # staff enter bookings they have agreed with the customer
CANCELLED = "cancelled"
TRANSITIONS = {
    "requested": ("confirmed", "cancelled"),
    "confirmed": ("confirmed", "cancelled", "completed"),  # confirmed -> confirmed: a reschedule
    "cancelled": (),
    "completed": (),
}
MAX_WINDOW = timedelta(hours=12)
LIST_LIMIT = 500
STAFF_SOURCE = "staff"

BOOKING_FIELDS = {
    "contact_id": Field(fields.identifier, required=True, nullable=False),
    "address_id": Field(fields.identifier),
    "window_start": Field(fields.aware_datetime, required=True, nullable=False),
    "window_end": Field(fields.aware_datetime, required=True, nullable=False),
    "status": Field(fields.choice(*NEW_STATUSES), nullable=False),
    "service": Field(fields.text(200)),
    "notes": Field(fields.text(5000)),
    "external_ref": Field(fields.text(64)),
    "invoice_total": Field(fields.money_cents),  # dollars; the job's invoice, for the relationship score
}
BOOKING_CHANGES = {
    "window_start": BOOKING_FIELDS["window_start"],
    "window_end": BOOKING_FIELDS["window_end"],
    "status": Field(fields.choice(*STATUSES), nullable=False),
    "service": BOOKING_FIELDS["service"],
    "notes": BOOKING_FIELDS["notes"],
    "invoice_total": BOOKING_FIELDS["invoice_total"],
}
FILTERS = {
    "contact_id": Field(fields.identifier_param),
    "status": Field(fields.choice(*STATUSES)),
    "from": Field(fields.aware_datetime_param),
    "to": Field(fields.aware_datetime_param),
}


def create_booking(session: Session, settings: Settings, data: dict[str, Any]) -> Saved:
    """Create a booking; one whose external_ref already exists is updated instead.

    The field-service software re-sends its bookings, so its id (external_ref) makes a re-send an
    update of the same booking (`created` False), subject to the same status rules as a PATCH.
    """
    values = _invoice_in_cents(fields.parse(data, BOOKING_FIELDS))
    contact = referenced(session, Contact, values["contact_id"], "contact_id", "contact")
    _check_address(session, contact.id, values.get("address_id"))
    _check_window(values["window_start"], values["window_end"])
    now = utcnow()
    new_id = insert_ignoring_conflict(session, Booking, {
        "status": STAFF_DEFAULT_STATUS, **values, "access_notes": {}, "source": STAFF_SOURCE,
        "created_at": now, "updated_at": now})
    if new_id is not None:
        booking = session.get(Booking, new_id)
    else:
        booking = session.scalars(select(Booking).where(Booking.external_ref == values.pop("external_ref"))
                                  .with_for_update()).one()
        if booking.contact_id != values.pop("contact_id"):
            raise Conflict(f"external_ref belongs to booking {booking.id} of another contact")
        _change(booking, values)
    session.flush()
    work_evidence.booking_saved(session, booking)
    return Saved(booking, created=new_id is not None, job_ids=planner.booking_changed(session, settings, booking))


def get_booking(session: Session, booking_id: int) -> Booking:
    return found(session, Booking, booking_id, "booking")


def update_booking(session: Session, settings: Settings, booking_id: int, data: dict[str, Any]) -> Saved:
    booking = get_booking(session, booking_id)
    _change(booking, _invoice_in_cents(fields.parse(data, BOOKING_CHANGES, partial=True)))
    session.flush()
    work_evidence.booking_saved(session, booking)
    return Saved(booking, job_ids=planner.booking_changed(session, settings, booking))


def cancel_booking(session: Session, settings: Settings, booking_id: int) -> Saved:
    """Cancel a booking; cancelling a cancelled one again changes nothing and is not an error."""
    return update_booking(session, settings, booking_id, {"status": CANCELLED})


def search(session: Session, query: dict[str, str]) -> tuple[list[Booking], bool]:
    """Bookings matching the filters, by window start (`from` <= start < `to`); True when there are more."""
    filters = fields.parse(query, FILTERS)
    statement = select(Booking)
    if "contact_id" in filters:
        statement = statement.where(Booking.contact_id == filters["contact_id"])
    if "status" in filters:
        statement = statement.where(Booking.status == filters["status"])
    if "from" in filters:
        statement = statement.where(Booking.window_start >= filters["from"])
    if "to" in filters:
        if "from" in filters and filters["to"] <= filters["from"]:
            raise InvalidField("to", "must be after from")
        statement = statement.where(Booking.window_start < filters["to"])
    rows = list(session.scalars(statement.options(selectinload(Booking.contact))
                                .order_by(Booking.window_start, Booking.id).limit(LIST_LIMIT + 1)))
    return rows[:LIST_LIMIT], len(rows) > LIST_LIMIT


def to_json(booking: Booking, *, reveal: bool = False) -> dict[str, Any]:
    return {"id": booking.id, "contact_id": booking.contact_id, "address_id": booking.address_id,
            "window_start": fields.iso(booking.window_start), "window_end": fields.iso(booking.window_end),
            "status": booking.status, "service": booking.service, "notes": booking.notes,
            "access_notes": access.masked(booking.access_notes or {}, reveal), "source": booking.source,
            "external_ref": booking.external_ref, "created_at": fields.iso(booking.created_at),
            "invoice_total": None if booking.invoice_total_cents is None
            else fields.cents_to_dollars(booking.invoice_total_cents),
            "vip": booking.contact.vip,
            "updated_at": fields.iso(booking.updated_at)}


def _invoice_in_cents(values: dict[str, Any]) -> dict[str, Any]:
    if "invoice_total" in values:
        values["invoice_total_cents"] = values.pop("invoice_total")
    return values


def _change(booking: Booking, values: dict[str, Any]) -> None:
    """Apply the values that differ; a booking that is cancelled or completed refuses any change."""
    changes = {name: value for name, value in values.items() if getattr(booking, name) != value}
    if not changes:
        return
    invoicing = booking.status == "completed" and set(changes) == {"invoice_total_cents"}
    if not TRANSITIONS[booking.status] and not invoicing:  # a completed job may still get its invoice total
        raise Conflict(f"booking {booking.id} is {booking.status}; cancelled and completed bookings are final")
    status = changes.get("status")
    if status is not None and status not in TRANSITIONS[booking.status]:
        raise Conflict(f"booking {booking.id} cannot go from {booking.status} to {status}; "
                       f"a {booking.status} booking can become {' or '.join(TRANSITIONS[booking.status])}")
    _check_window(changes.get("window_start", booking.window_start), changes.get("window_end", booking.window_end))
    for name, value in changes.items():
        setattr(booking, name, value)


def _check_window(start: datetime, end: datetime) -> None:
    if end <= start:
        raise InvalidField("window_end", "must be after window_start")
    if end - start > MAX_WINDOW:
        raise InvalidField("window_end", f"must be at most {MAX_WINDOW // timedelta(hours=1)} hours after window_start")


def _check_address(session: Session, contact_id: int, address_id: int | None) -> None:
    if address_id is None:
        return
    address = referenced(session, WorkAddress, address_id, "address_id", "work address")
    if address.contact_id != contact_id:
        raise InvalidField("address_id", f"is not an address of contact {contact_id}")
