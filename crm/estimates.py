"""Estimates (quotes) sent to customers: amount, portal link, and whether they sold."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from compliance import work_evidence
from config import Settings
from crm import fields
from crm.errors import Conflict, InvalidField
from crm.fields import Field
from crm.rows import Saved, found, referenced
from jobs import planner
from store.models import Booking, Contact, Estimate, utcnow
from store.upsert import insert_ignoring_conflict

STATUSES = ("open", "sold", "declined")
LIST_LIMIT = 500

ESTIMATE_FIELDS = {
    "contact_id": Field(fields.identifier, required=True, nullable=False),
    "number": Field(fields.text(32), required=True, nullable=False),
    "amount": Field(fields.money_cents, required=True, nullable=False),
    "portal_url": Field(fields.http_url),
    "sent_at": Field(fields.aware_datetime, nullable=False),
    "status": Field(fields.choice(*STATUSES), nullable=False),
    "booking_id": Field(fields.identifier),
    "external_ref": Field(fields.text(64)),
}
ESTIMATE_CHANGES = {name: ESTIMATE_FIELDS[name] for name in ("status", "amount", "portal_url", "booking_id")}
FILTERS = {
    "contact_id": Field(fields.identifier_param),
    "status": Field(fields.choice(*STATUSES)),
}


def create_estimate(session: Session, settings: Settings, data: dict[str, Any]) -> Saved:
    """Create an estimate; one whose external_ref already exists is updated instead.

    The field-service software re-sends its estimates, so its id (external_ref) makes a re-send an
    update of the same estimate (`created` False); sent_at then changes only when the body has it.
    """
    values = _columns(fields.parse(data, ESTIMATE_FIELDS))
    contact = referenced(session, Contact, values["contact_id"], "contact_id", "contact")
    _check_booking(session, contact.id, values.get("booking_id"))
    now = utcnow()
    new_id = insert_ignoring_conflict(session, Estimate, {
        "status": "open", "sent_at": now, **values, "created_at": now, "updated_at": now})
    if new_id is not None:
        estimate = session.get(Estimate, new_id)
    else:
        estimate = session.scalars(select(Estimate).where(Estimate.external_ref == values.pop("external_ref"))
                                   .with_for_update()).one()
        if estimate.contact_id != values.pop("contact_id"):
            raise Conflict(f"external_ref belongs to estimate {estimate.id} of another contact")
        _apply(estimate, values)
    session.flush()
    work_evidence.estimate_saved(session, estimate)
    return Saved(estimate, created=new_id is not None,
                 job_ids=planner.estimate_changed(session, settings, estimate))


def get_estimate(session: Session, estimate_id: int) -> Estimate:
    return found(session, Estimate, estimate_id, "estimate")


def update_estimate(session: Session, settings: Settings, estimate_id: int, data: dict[str, Any]) -> Saved:
    estimate = get_estimate(session, estimate_id)
    values = _columns(fields.parse(data, ESTIMATE_CHANGES, partial=True))
    _check_booking(session, estimate.contact_id, values.get("booking_id"))
    _apply(estimate, values)
    session.flush()
    return Saved(estimate, job_ids=planner.estimate_changed(session, settings, estimate))


def search(session: Session, query: dict[str, str]) -> tuple[list[Estimate], bool]:
    """Estimates matching the filters, oldest sent first; True when there are more than the limit."""
    filters = fields.parse(query, FILTERS)
    statement = select(Estimate)
    if "contact_id" in filters:
        statement = statement.where(Estimate.contact_id == filters["contact_id"])
    if "status" in filters:
        statement = statement.where(Estimate.status == filters["status"])
    rows = list(session.scalars(statement.order_by(Estimate.sent_at, Estimate.id).limit(LIST_LIMIT + 1)))
    return rows[:LIST_LIMIT], len(rows) > LIST_LIMIT


def to_json(estimate: Estimate) -> dict[str, Any]:
    return {"id": estimate.id, "contact_id": estimate.contact_id, "number": estimate.number,
            "amount": fields.cents_to_dollars(estimate.amount_cents), "amount_cents": estimate.amount_cents,
            "status": estimate.status, "portal_url": estimate.portal_url, "booking_id": estimate.booking_id,
            "sent_at": fields.iso(estimate.sent_at), "external_ref": estimate.external_ref,
            "created_at": fields.iso(estimate.created_at), "updated_at": fields.iso(estimate.updated_at)}


def _columns(values: dict[str, Any]) -> dict[str, Any]:
    if "amount" in values:
        values["amount_cents"] = values.pop("amount")
    return values


def _apply(estimate: Estimate, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if getattr(estimate, name) != value:
            setattr(estimate, name, value)


def _check_booking(session: Session, contact_id: int, booking_id: int | None) -> None:
    if booking_id is None:
        return
    booking = referenced(session, Booking, booking_id, "booking_id", "booking")
    if booking.contact_id != contact_id:
        raise InvalidField("booking_id", f"is not a booking of contact {contact_id}")
