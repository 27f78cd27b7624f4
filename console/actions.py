"""What staff do on the console: reply, re-submit a refused text, claim and close, reveal an access code.

Plain functions over a Session (no Flask); the caller commits, then hands the returned job ids to RQ.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from compliance import gate
from compliance.hygiene import contains_phrase
from config import Settings
from console.queries import PLAIN_ACCESS_FIELDS, ContactFilter, contact_conditions
from crm import after_sales, directory
from delivery import gatekeeper, oneoff
from delivery.outbound import new_outbound
from responder import wording
from store.models import (
    AccessReveal,
    Booking,
    Contact,
    ConversationRead,
    Escalation,
    Message,
    StaffUser,
    WorkAddress,
    utcnow,
)
from store.upsert import upsert

MAX_BODY = 1600
DEFAULT_PURPOSE = "service_followup"
SUPERSEDED = "superseded"


class ActionError(ValueError):
    """The action cannot be done as asked; the message is shown to the user."""


@dataclass(frozen=True)
class Reply:
    message: Message
    decision: gate.Decision
    job_id: int | None


def staff_purposes(settings: Settings) -> tuple[str, ...]:
    """The purposes a person may send for: never the opt-out confirmation, never one without quiet hours.

    The same list as the staff outbound API's: a conversational answer is the webhook's own.
    """
    rules = settings.compliance_rules
    return tuple(name for name, spec in rules.purposes.items() if not spec.confirms_opt_out and spec.quiet_hours)


def reply(session: Session, settings: Settings, contact: Contact, body: str, purpose: str) -> Reply:
    """Send a text from the business number: stored, then sent by the deliver job through the gate.

    When the gate refuses it already (an opted-out contact, promotional wording), the refusal is
    recorded at once with its reasons and spans, and no job is queued.
    """
    body = (body or "").strip()
    if not body:
        raise ActionError("write a message first")
    if len(body) > MAX_BODY:
        raise ActionError(f"a text has at most {MAX_BODY} characters")
    if purpose not in staff_purposes(settings):
        raise ActionError(f"purpose must be one of {', '.join(staff_purposes(settings))}")
    body = signed(settings, body)
    decision = gatekeeper.decide(session, settings, contact, purpose, body, utcnow())
    if decision.action == gate.REFUSE:
        message = new_outbound(session, contact, body, purpose=purpose, job_key=f"console:{uuid.uuid4().hex}")
        decision, _ = gatekeeper.admit(session, settings, message, contact)
        return Reply(message, decision, None)
    message, job_id = oneoff.schedule_message(session, contact, purpose, body,
                                              job_key=f"console:{uuid.uuid4().hex}")
    return Reply(message, decision, job_id)


def signed(settings: Settings, body: str) -> str:
    """The body naming the business, as every text must: "Name: words" (as a relayed staff text)."""
    if settings.business_name and contains_phrase(body, settings.business_name):
        return body
    return wording.say("relayed", business=settings.business_name, words=body)


def resubmit(session: Session, settings: Settings, message_id, body: str) -> Reply:
    """An edited copy of a refused text goes through the gate again; the refused one is kept, superseded."""
    old = session.get(Message, message_id) if isinstance(message_id, int) else None
    if old is None or old.direction != "outbound" or old.status != "refused":
        raise ActionError("only a refused text can be edited and re-submitted")
    contact = session.get(Contact, old.contact_id)
    result = reply(session, settings, contact, body, old.purpose)
    old.status = SUPERSEDED
    old.status_reason = f"{old.status_reason or ''}; edited and re-submitted as message {result.message.id}"[:2000]
    return result


def mark_read(session: Session, contact_id: int, user_id: int) -> None:
    last = session.scalar(select(func.max(Message.id)).where(Message.contact_id == contact_id)) or 0
    upsert(session, ConversationRead,
                     {"contact_id": contact_id, "last_read_message_id": last, "read_by": user_id, "read_at": utcnow()},
                     key=["contact_id"], update=["last_read_message_id", "read_by", "read_at"])


def claim(session: Session, escalation_id: int, user: StaffUser) -> Escalation:
    escalation = _escalation(session, escalation_id)
    if escalation.status == "closed":
        raise ActionError("the escalation is closed")
    escalation.status, escalation.claimed_by = "claimed", user.email[:64]
    return escalation


def close(session: Session, escalation_id: int, user: StaffUser) -> Escalation:
    escalation = _escalation(session, escalation_id)
    if escalation.status != "closed":
        escalation.status, escalation.closed_at, escalation.closed_by = "closed", utcnow(), user.email[:64]
        escalation.claimed_by = escalation.claimed_by or user.email[:64]
    return escalation


def reveal(session: Session, contact: Contact, source: str, source_id, name: str, user: StaffUser) -> str:
    """An access detail in full, with a row saying who saw it and when."""
    model = {"booking": Booking, "address": WorkAddress}.get(source)
    row = session.get(model, source_id) if model is not None and isinstance(source_id, int) else None
    if row is None or row.contact_id != contact.id:
        raise ActionError("no such access detail for this contact")
    notes = row.access_notes or {}
    if name not in notes or name in PLAIN_ACCESS_FIELDS:
        raise ActionError("no such access detail for this contact")
    session.add(AccessReveal(user_id=user.id, contact_id=contact.id, source=source, source_id=row.id, field=name[:32],
                             revealed_at=utcnow()))
    return str(notes[name])


def set_after_sales_care(session: Session, wanted: ContactFilter, on: bool, user) -> int:
    """Turn after-sales care on or off for every contact the filter matches; how many changed.

    Kept in the audit of bulk changes (after_sales_care_changes), as the staff API's bulk change is.
    """
    filters = {name: value for name, value in (("name", wanted.name), ("after_sales_care", wanted.care),
                                               ("place", wanted.place),
                                               ("customer_type", wanted.customer_type)) if value}
    record = after_sales.apply_change(session, directory.CONTACTS, contact_conditions(wanted), filters=filters,
                                      every=not filters, value=on, by=user.email[:64])
    return record.changed


def _escalation(session: Session, escalation_id) -> Escalation:
    escalation = session.get(Escalation, escalation_id) if isinstance(escalation_id, int) else None
    if escalation is None:
        raise ActionError("no escalation with that id")
    return escalation
