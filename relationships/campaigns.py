"""Win-back campaigns: a segment, a sequence, an inactivity threshold of at least 30 days (seed 001:
no win-back on a short gap between scheduled visits), a dry run, and a launch.

The dry run asks the send gate about the sequence's first text for every targeted customer, as of
the planned start, and counts refused (by cause), deferred and allowed; nothing is written. The
launch enrolls the targets in bulk and spreads their first texts over the allowed hours at the
business number's send rate (relationships.pacing); each text still asks the gate when it runs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from compliance import gate, ledger
from compliance.quiet_hours import local_span
from config import Settings
from crm import fields
from crm.errors import Conflict, InvalidField
from crm.fields import Field
from crm.rows import Saved, found, referenced
from jobs.connection import BULK
from jobs.queue import schedule
from relationships import bulk, segments, templates
from relationships.enrollment import step_at, step_job_key, unenroll_all
from store.models import (
    Campaign,
    Contact,
    Enrollment,
    FollowupSequence,
    QueuedJob,
    Segment,
    WorkAddress,
    utcnow,
)

MIN_INACTIVITY_DAYS = 30
DRAFT, LAUNCHED = "draft", "launched"
HAND_OVER_JOB = "jobs.relationships.hand_over_campaign"


def _inactivity(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidField(name, "must be a whole number of days")
    if value < MIN_INACTIVITY_DAYS:
        raise InvalidField(name, f"must be at least {MIN_INACTIVITY_DAYS} days (a win-back must not fire on a "
                                 "short gap between scheduled visits)")
    if value > 36500:
        raise InvalidField(name, "must be at most 36500 days")
    return value


CAMPAIGN_FIELDS = {
    "name": Field(fields.text(200), required=True, nullable=False),
    "segment_id": Field(fields.identifier, required=True, nullable=False),
    "sequence_id": Field(fields.identifier, required=True, nullable=False),
    "inactivity_days": Field(_inactivity, required=True, nullable=False),
}
CAMPAIGN_CHANGES = {name: field for name, field in CAMPAIGN_FIELDS.items()}
LAUNCH_FIELDS = {"at": Field(fields.aware_datetime)}


def create(session: Session, data: dict[str, Any]) -> Saved:
    values = fields.parse_every(data, CAMPAIGN_FIELDS)
    _check_references(session, values)
    now = utcnow()
    campaign = Campaign(status=DRAFT, created_at=now, updated_at=now, **values)
    session.add(campaign)
    session.flush()
    return Saved(campaign, created=True)


def get(session: Session, campaign_id: int) -> Campaign:
    return found(session, Campaign, campaign_id, "campaign", hide_deleted=True)


def listing(session: Session) -> list[Campaign]:
    return list(session.scalars(select(Campaign).where(Campaign.deleted_at.is_(None)).order_by(Campaign.id)))


def update(session: Session, campaign_id: int, data: dict[str, Any]) -> Saved:
    campaign = get(session, campaign_id)
    values = fields.parse_every(data, CAMPAIGN_CHANGES, partial=True)
    if campaign.status == LAUNCHED and set(values) - {"name"}:
        raise Conflict(f"campaign {campaign.id} is launched; only its name can change")
    _check_references(session, values)
    for name, value in values.items():
        setattr(campaign, name, value)
    campaign.updated_at = utcnow()
    session.flush()
    return Saved(campaign)


def delete(session: Session, campaign_id: int) -> int:
    campaign = get(session, campaign_id)
    campaign.deleted_at = campaign.updated_at = utcnow()
    return unenroll_all(session, campaign_id=campaign.id, reason=f"campaign {campaign.id} was deleted")


def targets(session: Session, campaign: Campaign, now: datetime) -> Select:
    """The segment's contacts whose last completed job is at least the campaign's inactivity ago."""
    segment = session.get(Segment, campaign.segment_id)
    filters = dict(segment.filters)
    filters["inactive_days_min"] = max(filters.get("inactive_days_min", 0), campaign.inactivity_days)
    return segments.compile_filters(session, filters, now, now.month)


def dry_run(session: Session, settings: Settings, campaign_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """What the gate would say about the first text for every target at the planned start; writes nothing."""
    campaign = get(session, campaign_id)
    at = fields.parse_every(data, LAUNCH_FIELDS).get("at") or utcnow()
    sequence = session.get(FollowupSequence, campaign.sequence_id)
    first = step_at(session, sequence.id, 1)
    people = bulk.recipients(session, targets(session, campaign, at))
    counts: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    deferred: Counter[str] = Counter()
    facts = _facts(session, settings, [row[0] for row in people], f"sequence:{sequence.id}")
    rules = settings.compliance_rules
    purpose = rules.purpose(first.purpose)
    for contact_id, phone, state, tz in people:
        contact_facts, first_name = facts[contact_id]
        body = templates.render(first.template, {"first_name": first_name, "business": settings.business_name,
                                                 "review_link": settings.review_url})
        decision = gate.check(contact_facts, first.purpose, body, at, rules=rules)
        counts[decision.action] += 1
        if decision.action == gate.REFUSE:
            refused[_refusal_cause(decision.reasons[-1])] += 1
        elif decision.action == gate.DEFER:
            zones = bulk.zones_of(settings, phone, state, tz)
            closed = any(local_span(at.astimezone(ZoneInfo(zone.tz)).date(), zone, purpose, rules) is None
                         for zone in zones)
            deferred["closed day (Sunday or holiday)" if closed else "outside the allowed hours"] += 1
    return {"campaign_id": campaign.id, "at": fields.iso(at), "purpose": first.purpose, "targeted": len(people),
            "allowed": counts[gate.ALLOW], "deferred": counts[gate.DEFER], "refused": counts[gate.REFUSE],
            "refused_by_cause": dict(refused), "deferred_by_cause": dict(deferred), "planned": 0}


def launch(session: Session, settings: Settings, campaign_id: int, data: dict[str, Any]) -> Saved:
    """Enroll the targets (once: a launched campaign refuses a second launch) with paced first texts."""
    campaign = get(session, campaign_id)
    at = fields.parse_every(data, LAUNCH_FIELDS).get("at") or utcnow()
    if campaign.status == LAUNCHED:
        raise Conflict(f"campaign {campaign.id} was launched at {campaign.launched_at.isoformat()}")
    sequence = session.get(FollowupSequence, campaign.sequence_id)
    if sequence.deleted_at is not None or not sequence.active:
        raise Conflict(f"sequence {sequence.id} is deleted or paused")
    enrolled = bulk.enroll_many(session, settings, sequence, targets(session, campaign, at),
                                f"campaign:{campaign.id}", at, campaign_id=campaign.id, pace=True)
    campaign.status, campaign.launched_at, campaign.enrolled = LAUNCHED, utcnow(), enrolled.count
    campaign.updated_at = utcnow()
    # Handing 100,000 planned steps to RQ takes about a minute: a job does it, not the request.
    hand_over = schedule(session, HAND_OVER_JOB, dedupe_key=f"campaign-hand-over:{campaign.id}", queue=BULK,
                         campaign_id=campaign.id)
    return Saved(campaign, job_ids=[hand_over] if hand_over else [])


def planned_job_ids(session: Session, campaign_id: int) -> list[int]:
    """The first-step jobs of the campaign's enrollments that RQ does not hold yet (by their unique keys)."""
    enrollment_ids = list(session.scalars(select(Enrollment.id).where(Enrollment.campaign_id == campaign_id)
                                          .order_by(Enrollment.id)))
    job_ids: list[int] = []
    for start in range(0, len(enrollment_ids), bulk.ID_CHUNK):
        keys = [step_job_key(enrollment_id, 1) for enrollment_id in enrollment_ids[start:start + bulk.ID_CHUNK]]
        job_ids += session.scalars(select(QueuedJob.id).where(
            QueuedJob.dedupe_key.in_(keys), QueuedJob.enqueued_at.is_(None), QueuedJob.finished_at.is_(None)))
    return job_ids


def to_json(campaign: Campaign) -> dict[str, Any]:
    return {"id": campaign.id, "name": campaign.name, "segment_id": campaign.segment_id,
            "sequence_id": campaign.sequence_id, "inactivity_days": campaign.inactivity_days,
            "status": campaign.status, "launched_at": fields.iso(campaign.launched_at),
            "enrolled": campaign.enrolled, "created_at": fields.iso(campaign.created_at),
            "updated_at": fields.iso(campaign.updated_at)}


def _check_references(session: Session, values: dict[str, Any]) -> None:
    if "segment_id" in values:
        referenced(session, Segment, values["segment_id"], "segment_id", "segment")
    if "sequence_id" in values:
        sequence = referenced(session, FollowupSequence, values["sequence_id"], "sequence_id", "sequence")
        if sequence.deleted_at is not None:
            raise InvalidField("sequence_id", "names a deleted sequence")


def _facts(session: Session, settings: Settings, contact_ids: list[int], subject: str):
    """The gate's facts for many contacts in a few queries (no sending history: nothing of the campaign went yet)."""
    events: dict[int, list] = defaultdict(list)
    contacts: dict[int, Contact] = {}
    addresses: dict[int, WorkAddress] = {}
    for start in range(0, len(contact_ids), bulk.ID_CHUNK):
        chunk = contact_ids[start:start + bulk.ID_CHUNK]
        events.update(ledger.newest_events_of_many(session, chunk))
        contacts.update((contact.id, contact)
                        for contact in session.scalars(select(Contact).where(Contact.id.in_(chunk))))
        for address in session.scalars(select(WorkAddress).where(WorkAddress.contact_id.in_(chunk))
                                       .order_by(WorkAddress.id)):
            addresses[address.contact_id] = address  # the latest wins, as in delivery.facts
    facts = {}
    for contact_id in contact_ids:
        contact, address = contacts[contact_id], addresses.get(contact_id)
        facts[contact_id] = (gate.ContactFacts(
            contact_id=contact_id, phone_e164=contact.phone, lead_source=contact.lead_source,
            business_name=settings.business_name, business_tz=settings.business_time_zone,
            events=tuple(events[contact_id]), address_state=address.state if address else None,
            address_tz=address.time_zone if address else None, has_active_request=False,
            after_sales_care=contact.after_sales_care and (address.after_sales_care if address else True),
            subject=subject), templates.first_name(contact.name))
    return facts


def _refusal_cause(reason: str) -> str:
    if "opted out" in reason:
        return "opted out"
    if "after-sales care" in reason:
        return "after-sales care off"
    if "consent" in reason:
        return "no marketing consent" if "marketing" in reason or "express" in reason else "no consent"
    return "other"
