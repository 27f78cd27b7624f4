"""Leads: a customer's request for work or a quote, from opening to won, lost or duplicate.

A lead is opened by the desk (a service or quote request), listed, read, updated and closed by
staff through the API. While open it counts as an active request for the send gate only within
ACTIVE_REQUEST_DAYS (delivery/facts.py). A lead nobody has answered after LEAD_REMINDER_MINUTES
gets one reminder text to staff (jobs/leads.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import exists, insert, or_, select
from sqlalchemy.orm import Session

from config import Settings
from crm import fields
from crm.errors import Conflict, InvalidField
from crm.fields import Field
from crm.rows import Saved, found
from delivery.outbound import REPLIED
from jobs.queue import Planned
from store.models import Booking, Contact, Estimate, Lead, MediaFile, Message, utcnow

STATUSES = ("open", "closed")
OUTCOMES = ("won", "lost", "duplicate")
KINDS = ("service_request", "quote_request")
REMINDER_JOB = "jobs.leads.remind_unanswered"
LIST_LIMIT = 500
# Photos sent just before the request count as the lead's ("here's the leak. can you come fix it?").
MEDIA_LEAD_IN = timedelta(hours=24)

LEAD_CHANGES = {
    "summary": Field(fields.text(2000), nullable=False),
    "kind": Field(fields.choice(*KINDS), nullable=False),
    "assigned_to": Field(fields.text(64)),
    "notes": Field(fields.text(4000)),
}
CLOSE_FIELDS = {
    "outcome": Field(fields.choice(*OUTCOMES), required=True, nullable=False),
    "duplicate_of": Field(fields.identifier),
    "notes": Field(fields.text(4000)),
}
FILTERS = {
    "contact_id": Field(fields.identifier_param),
    "status": Field(fields.choice(*STATUSES)),
}


def open_lead(session: Session, settings: Settings, contact: Contact, kind: str, summary: str) -> tuple[int, Planned]:
    """A new open lead's id, and its one reminder job (run when it may still be unanswered) for the caller to
    schedule with the staff alert's jobs (jobs.queue.schedule_all: one INSERT).

    A Core INSERT on the session's connection: the text's own pending rows are not flushed for it.
    """
    now = utcnow()
    lead_id = session.connection().execute(_INSERT_LEAD, {
        "contact_id": contact.id, "kind": kind, "status": "open", "summary": summary, "created_at": now}).scalar_one()
    remind_at = now + timedelta(minutes=settings.lead_reminder_minutes)
    return lead_id, Planned(REMINDER_JOB, {"lead_id": lead_id}, run_at=remind_at, dedupe_key=f"lead-reminder:{lead_id}")


_INSERT_LEAD = insert(Lead).returning(Lead.id)


def open_lead_of(session: Session, contact_id: int) -> tuple[int, str] | None:
    """The contact's newest open lead (its id and summary), or None."""
    row = session.execute(select(Lead.id, Lead.summary).where(Lead.contact_id == contact_id, Lead.status == "open")
                          .order_by(Lead.id.desc()).limit(1)).first()
    return None if row is None else (row.id, row.summary or "")


def get_lead(session: Session, lead_id: int) -> Lead:
    return found(session, Lead, lead_id, "lead")


def search(session: Session, query: dict[str, str]) -> tuple[list[Lead], bool]:
    """Leads matching the filters (default: open ones), newest first; True when there are more."""
    filters = fields.parse(query, FILTERS)
    statement = select(Lead).where(Lead.status == filters.get("status", "open"))
    if "contact_id" in filters:
        statement = statement.where(Lead.contact_id == filters["contact_id"])
    rows = list(session.scalars(statement.order_by(Lead.id.desc()).limit(LIST_LIMIT + 1)))
    return rows[:LIST_LIMIT], len(rows) > LIST_LIMIT


def update_lead(session: Session, lead_id: int, data: dict[str, Any]) -> Saved:
    lead = get_lead(session, lead_id)
    values = fields.parse(data, LEAD_CHANGES, partial=True)
    if lead.status != "open":
        raise Conflict(f"lead {lead.id} is closed ({lead.outcome})")
    for name, value in values.items():
        setattr(lead, name, value)
    lead.answered_at = lead.answered_at or utcnow()
    return Saved(lead)


def close_lead(session: Session, lead_id: int, data: dict[str, Any]) -> Saved:
    lead = get_lead(session, lead_id)
    values = fields.parse(data, CLOSE_FIELDS)
    duplicate_of = values.get("duplicate_of")
    if values["outcome"] == "duplicate":
        if duplicate_of is None:
            raise InvalidField("duplicate_of", "is required when the outcome is duplicate")
        original = session.get(Lead, duplicate_of)
        if original is None or original.id == lead.id:
            raise InvalidField("duplicate_of", "names no other lead")
    elif duplicate_of is not None:
        raise InvalidField("duplicate_of", "is only for the outcome duplicate")
    if lead.status == "closed":
        if lead.outcome == values["outcome"] and lead.duplicate_of == duplicate_of:
            return Saved(lead)  # the same close again
        raise Conflict(f"lead {lead.id} is already closed ({lead.outcome})")
    now = utcnow()
    lead.status, lead.outcome, lead.duplicate_of, lead.closed_at = "closed", values["outcome"], duplicate_of, now
    lead.notes = values.get("notes", lead.notes)
    lead.answered_at = lead.answered_at or now
    return Saved(lead)


def is_answered(session: Session, lead: Lead) -> bool:
    """Staff acted on it: through the API, a text to the customer, a booking or an estimate since it opened."""
    if lead.status != "open" or lead.answered_at is not None:
        return True
    since, contact_id = lead.created_at, lead.contact_id
    staff_text = select(Message.id).where(
        Message.contact_id == contact_id, Message.direction == "outbound", Message.created_at > since,
        Message.status != REPLIED,
        or_(Message.subject.like("escalation:%"), Message.job_key.like("one-off:%")))
    booking = select(Booking.id).where(Booking.contact_id == contact_id, Booking.created_at > since)
    estimate = select(Estimate.id).where(Estimate.contact_id == contact_id, Estimate.created_at > since)
    return any(session.scalar(select(exists(check))) for check in (staff_text, booking, estimate))


def media_of(session: Session, lead: Lead) -> list[MediaFile]:
    """The photos the customer texted from a day before the lead until it closed."""
    until = lead.closed_at or utcnow()
    return list(session.scalars(select(MediaFile).where(
        MediaFile.contact_id == lead.contact_id, MediaFile.kind == "mms",
        MediaFile.created_at >= lead.created_at - MEDIA_LEAD_IN, MediaFile.created_at <= until)
        .order_by(MediaFile.id)))


def to_json(lead: Lead, media: list[dict] | None = None) -> dict[str, Any]:
    body = {"id": lead.id, "contact_id": lead.contact_id, "kind": lead.kind, "status": lead.status,
            "outcome": lead.outcome, "duplicate_of": lead.duplicate_of, "summary": lead.summary,
            "assigned_to": lead.assigned_to, "notes": lead.notes, "created_at": fields.iso(lead.created_at),
            "answered_at": fields.iso(lead.answered_at), "reminded_at": fields.iso(lead.reminded_at),
            "closed_at": fields.iso(lead.closed_at)}
    if media is not None:
        body["media"] = media
    return body
