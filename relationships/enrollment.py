"""Enrollments: a customer in a sequence for one trigger occurrence, and the steps it plans.

Enrolling is idempotent per (contact, sequence, occurrence) and a customer is in one active
sequence of a kind at a time: both are unique constraints, so a second enrollment is a no-op.
Steps are planned one at a time as ordinary `queued_jobs` rows (`jobs.sequences.run_step`), so
an edit to the sequence reaches every step not yet planned; each step's message goes through the
send gate when its job runs. Unenrolling or a stop condition cancels the planned step and any
message of the enrollment not sent yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import Session

from compliance import ledger
from compliance.timezones import Recipient, recipient_zones
from config import Settings
from crm import fields
from crm.errors import Conflict, InvalidField
from crm.fields import Field
from crm.rows import Saved, found, referenced
from jobs.connection import BULK
from jobs.queue import schedule
from store.models import (
    Booking,
    Contact,
    Enrollment,
    Escalation,
    FollowupSequence,
    Message,
    QueuedJob,
    SequenceStep,
    WorkAddress,
    utcnow,
)
from store.upsert import insert_ignoring_conflict

ACTIVE, COMPLETED, STOPPED, UNENROLLED = "active", "completed", "stopped", "unenrolled"
STATUSES = (ACTIVE, COMPLETED, STOPPED, UNENROLLED)
STEP_JOB = "jobs.sequences.run_step"
UNSENT = ("pending", "deferred", "retrying")
CANCELLED = "cancelled"
COMPLAINT_REASONS = ("complaint", "low_nps")
# Inbound texts the follow-up system answered itself (relationships.replies): not a "reply" that stops a sequence.
NPS_ANSWER, BIRTHDAY_SHARED = "nps_answer", "birthday_shared"
CONSUMED_INTENTS = (NPS_ANSWER, BIRTHDAY_SHARED)
OPEN_ESCALATION = ("open", "claimed")
LIST_LIMIT = 500

ENROLL_FIELDS = {
    "contact_id": Field(fields.identifier, required=True, nullable=False),
    "sequence_id": Field(fields.identifier, required=True, nullable=False),
    "occurrence": Field(fields.text(64)),
}
FILTERS = {
    "contact_id": Field(fields.identifier_param),
    "sequence_id": Field(fields.identifier_param),
    "campaign_id": Field(fields.identifier_param),
    "status": Field(fields.choice(*STATUSES)),
}


def step_job_key(enrollment_id: int, position: int) -> str:
    return f"sequence-step:{enrollment_id}:{position}"


def message_key(enrollment_id: int, position: int) -> str:
    return f"sequence:{enrollment_id}:{position}"


def recipient_zone(settings: Settings, phone: str, state: str | None, tz: str | None) -> str:
    """The zone a step's local time is read in: the first of the recipient's zones (the gate checks them all)."""
    return recipient_zones(Recipient(phone, state, tz), settings.business_time_zone)[0].tz


def enroll(session: Session, settings: Settings, contact: Contact, sequence: FollowupSequence, occurrence: str,
           trigger_at: datetime, *, booking_id: int | None = None, campaign_id: int | None = None,
           address_id: int | None = None) -> tuple[Enrollment | None, list[int]]:
    """Enroll one customer; (None, []) when this occurrence is enrolled already or a sequence of
    the kind is running for them. Returns the enrollment and the planned job ids."""
    address = _address(session, contact.id, address_id)
    zone = recipient_zone(settings, contact.phone, address.state if address else None,
                          address.time_zone if address else None)
    now = utcnow()
    new_id = insert_ignoring_conflict(session, Enrollment, {
        "contact_id": contact.id, "sequence_id": sequence.id, "kind": sequence.kind, "occurrence": occurrence,
        "campaign_id": campaign_id, "booking_id": booking_id, "status": ACTIVE, "trigger_at": trigger_at,
        "time_zone": zone, "next_position": 1, "enrolled_at": now})
    if new_id is None:
        return None, []
    enrollment = session.get(Enrollment, new_id)
    job_id = plan_next(session, enrollment)
    return enrollment, [job_id] if job_id else []


def enroll_by_staff(session: Session, settings: Settings, data: dict) -> Saved:
    values = fields.parse_every(data, ENROLL_FIELDS)
    contact = referenced(session, Contact, values["contact_id"], "contact_id", "contact")
    sequence = referenced(session, FollowupSequence, values["sequence_id"], "sequence_id", "sequence")
    if sequence.deleted_at is not None:
        raise InvalidField("sequence_id", "names a deleted sequence")
    if not sequence.active:
        raise Conflict(f"sequence {sequence.id} is paused (active is false)")
    now = utcnow()
    occurrence = values.get("occurrence") or f"manual:{now:%Y-%m-%d}"
    enrollment, job_ids = enroll(session, settings, contact, sequence, occurrence, now)
    if enrollment is None:
        existing = session.scalars(select(Enrollment).where(
            Enrollment.contact_id == contact.id,
            or_(and_(Enrollment.sequence_id == sequence.id, Enrollment.occurrence == occurrence),
                and_(Enrollment.kind == sequence.kind, Enrollment.status == ACTIVE)))
            .order_by(Enrollment.id.desc()).limit(1)).first()
        return Saved(existing)
    return Saved(enrollment, created=True, job_ids=job_ids)


def planned_run_at(step: SequenceStep, trigger_at: datetime, previous_at: datetime | None, zone: str,
                   now: datetime) -> datetime:
    """When a step is due: its delay after the trigger or the previous step, at its local time if it has one."""
    base = trigger_at if step.after == "trigger" or previous_at is None else previous_at
    due = base + timedelta(days=step.delay_days, hours=step.delay_hours)
    if step.local_time:
        local = due.astimezone(ZoneInfo(zone))
        wall = datetime.combine(local.date(), time.fromisoformat(step.local_time), tzinfo=ZoneInfo(zone))
        due = wall.astimezone(due.tzinfo)
    return max(due, now)


def plan_next(session: Session, enrollment: Enrollment, *, at: datetime | None = None) -> int | None:
    """Plan the enrollment's next step as a queued job; completes the enrollment when none is left."""
    step = step_at(session, enrollment.sequence_id, enrollment.next_position)
    now = utcnow()
    if step is None:
        enrollment.status, enrollment.ended_at, enrollment.reason = COMPLETED, now, "every step ran"
        return None
    run_at = at or planned_run_at(step, enrollment.trigger_at, enrollment.last_planned_at,
                                  enrollment.time_zone or "UTC", now)
    enrollment.last_planned_at = run_at
    return schedule(session, STEP_JOB, run_at=run_at, dedupe_key=step_job_key(enrollment.id, step.position),
                    queue=BULK, enrollment_id=enrollment.id, position=step.position)


@dataclass
class StepOutcome:
    message_id: int | None
    note: str
    job_ids: list[int]


def stop_reason(session: Session, enrollment: Enrollment, stop_on: Iterable[str]) -> str | None:
    """Why the enrollment must stop now, or None. A marketing opt-out always stops it (seed 001)."""
    if ledger.state_of(session, enrollment.contact_id).opted_out_marketing:
        return "the customer opted out of marketing texts"
    since, contact_id = enrollment.enrolled_at, enrollment.contact_id
    if "replied" in stop_on and session.scalar(select(exists(select(Message.id).where(
            Message.contact_id == contact_id, Message.direction == "inbound", Message.created_at > since,
            or_(Message.intent.is_(None), Message.intent.not_in(CONSUMED_INTENTS)))))):
        return "the customer replied"
    if "booked" in stop_on and session.scalar(select(exists(select(Booking.id).where(
            Booking.contact_id == contact_id, Booking.created_at > since, Booking.status != "cancelled",
            Booking.id != (enrollment.booking_id or 0))))):
        return "the customer booked again"
    if "complaint" in stop_on and session.scalar(select(exists(select(Escalation.id).where(
            Escalation.contact_id == contact_id, Escalation.reason.in_(COMPLAINT_REASONS),
            Escalation.status.in_(OPEN_ESCALATION))))):
        return "the customer has an open complaint"
    return None


def stop(session: Session, enrollment: Enrollment, status: str, reason: str) -> None:
    """End an active enrollment and cancel what it has not sent: the planned step and unsent messages."""
    if enrollment.status != ACTIVE:
        return
    enrollment.status, enrollment.reason, enrollment.ended_at = status, reason, utcnow()
    now = utcnow()
    session.execute(update(QueuedJob).where(
        QueuedJob.dedupe_key.like(f"sequence-step:{enrollment.id}:%"), QueuedJob.finished_at.is_(None))
        .values(finished_at=now, last_error=f"not run: {reason}"))
    session.execute(update(Message).where(
        Message.job_key.like(f"sequence:{enrollment.id}:%"), Message.status.in_(UNSENT))
        .values(status=CANCELLED, status_reason=f"not sent: {reason}"))


def stop_for_contact(session: Session, contact_id: int, condition: str, reason: str) -> int:
    """Stop the contact's active enrollments whose sequence stops on `condition` (all, for an opt-out)."""
    query = select(Enrollment).join(FollowupSequence, FollowupSequence.id == Enrollment.sequence_id).where(
        Enrollment.contact_id == contact_id, Enrollment.status == ACTIVE)
    stopped = 0
    for enrollment in session.scalars(query).all():
        sequence = session.get(FollowupSequence, enrollment.sequence_id)
        if condition == "opted_out" or condition in sequence.stop_on:
            stop(session, enrollment, STOPPED, reason)
            stopped += 1
    return stopped


def unenroll(session: Session, enrollment_id: int, reason: str = "unenrolled by staff") -> Enrollment:
    enrollment = get(session, enrollment_id)
    stop(session, enrollment, UNENROLLED, reason)
    return enrollment


def unenroll_all(session: Session, *, sequence_id: int | None = None, campaign_id: int | None = None,
                 reason: str) -> int:
    """Unenroll every active member of a sequence or a campaign, a chunk at a time."""
    query = select(Enrollment).where(Enrollment.status == ACTIVE)
    if sequence_id is not None:
        query = query.where(Enrollment.sequence_id == sequence_id)
    if campaign_id is not None:
        query = query.where(Enrollment.campaign_id == campaign_id)
    members = list(session.scalars(query))
    now = utcnow()
    for start in range(0, len(members), 1000):
        chunk = members[start:start + 1000]
        for enrollment in chunk:
            enrollment.status, enrollment.reason, enrollment.ended_at = UNENROLLED, reason, now
        session.execute(update(QueuedJob).where(
            QueuedJob.dedupe_key.in_([step_job_key(e.id, e.next_position) for e in chunk]),
            QueuedJob.finished_at.is_(None)).values(finished_at=now, last_error=f"not run: {reason}"))
        session.execute(update(Message).where(
            Message.job_key.in_([message_key(e.id, e.next_position - 1) for e in chunk]),
            Message.status.in_(UNSENT)).values(status=CANCELLED, status_reason=f"not sent: {reason}"))
    return len(members)


def get(session: Session, enrollment_id: int) -> Enrollment:
    return found(session, Enrollment, enrollment_id, "enrollment")


def search(session: Session, query: dict[str, str]) -> tuple[list[Enrollment], bool]:
    filters = fields.parse_every(query, FILTERS)
    statement = select(Enrollment)
    for name, value in filters.items():
        statement = statement.where(getattr(Enrollment, name) == value)
    rows = list(session.scalars(statement.order_by(Enrollment.id).limit(LIST_LIMIT + 1)))
    return rows[:LIST_LIMIT], len(rows) > LIST_LIMIT


def to_json(enrollment: Enrollment) -> dict:
    return {"id": enrollment.id, "contact_id": enrollment.contact_id, "sequence_id": enrollment.sequence_id,
            "kind": enrollment.kind, "occurrence": enrollment.occurrence, "campaign_id": enrollment.campaign_id,
            "booking_id": enrollment.booking_id, "status": enrollment.status, "reason": enrollment.reason,
            "next_step": enrollment.next_position, "next_step_at": fields.iso(enrollment.last_planned_at),
            "enrolled_at": fields.iso(enrollment.enrolled_at), "ended_at": fields.iso(enrollment.ended_at)}


def step_at(session: Session, sequence_id: int, position: int) -> SequenceStep | None:
    return session.scalars(select(SequenceStep).where(
        SequenceStep.sequence_id == sequence_id, SequenceStep.position == position)).one_or_none()


def _address(session: Session, contact_id: int, address_id: int | None) -> WorkAddress | None:
    query = select(WorkAddress).where(WorkAddress.contact_id == contact_id)
    if address_id is not None:
        query = query.where(WorkAddress.id == address_id)
    return session.scalars(query.order_by(WorkAddress.id.desc()).limit(1)).first()
