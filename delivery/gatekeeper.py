"""Asks the send gate, right before a send, and records its answer on the message."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from compliance import gate
from config import Settings
from delivery.facts import contact_facts
from jobs import refusals
from jobs.queue import DELIVER_JOB, schedule
from store.models import Contact, GateDecision, Message, utcnow


def decide(session: Session, settings: Settings, contact: Contact, purpose: str, body: str,
           now: datetime, *, subject: str | None = None, address_id: int | None = None) -> gate.Decision:
    facts = contact_facts(session, settings, contact, now, subject=subject, address_id=address_id)
    return gate.check(facts, purpose, body, now, rules=settings.compliance_rules)


def admit(session: Session, settings: Settings, message: Message, contact: Contact,
          now: datetime | None = None) -> tuple[gate.Decision, int | None]:
    """Ask the gate about a stored message, record the decision, and act on a refusal or deferral.

    Returns the decision and the id of a job to hand to RQ after the commit: for a deferral, the send at
    the allowed time; for a refusal staff must hear of, the day's digest of that reason (jobs.refusals).
    """
    now = now or utcnow()
    decision = decide(session, settings, contact, message.purpose, message.body, now, subject=message.subject,
                      address_id=message.address_id)
    return decision, record(session, settings, message, contact, decision, now)


def record(session: Session, settings: Settings, message: Message, contact: Contact, decision: gate.Decision,
           now: datetime, *, staff_told: bool = False) -> int | None:
    """Record the gate's decision on a message and act on it; the id of a job to hand to RQ after the commit.

    staff_told: the refusal is answered to the staff member who wrote the message, so the day's digest
    of refusals need not tell staff again.
    """
    session.add(GateDecision(message_id=message.id, contact_id=contact.id, purpose=message.purpose,
                             action=decision.action, reasons=list(decision.reasons), spans=list(decision.spans),
                             defer_until=decision.defer_until, decided_at=now, rule=decision.rule))
    message.segments = decision.segments
    message.status_reason = "; ".join(decision.reasons)
    if decision.action == gate.REFUSE:
        message.status = "refused"
        if staff_told:
            return None
        return refusals.refusal_noticed(session, settings, message.purpose, decision.rule, now)
    if decision.action == gate.DEFER:
        message.status = "deferred"
        message.not_before = decision.defer_until
        return schedule(session, DELIVER_JOB, run_at=decision.defer_until,
                        dedupe_key=f"deliver:{message.id}:{decision.defer_until.isoformat()}",
                        message_id=message.id)
    return None
