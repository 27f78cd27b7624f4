"""Enroll many customers at once (a campaign, the day's new VIPs): a few statements, not a loop of
single enrollments. The enrollments and the first step's jobs are inserted in bulk; the unique
constraints make a second run enroll nobody twice."""

from __future__ import annotations

from collections.abc import Sequence as Seq
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Select, func, insert, select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from compliance.timezones import Recipient, Zone, recipient_zones
from config import Settings
from jobs.connection import BULK
from relationships import pacing, sequences
from relationships.enrollment import ACTIVE, STEP_JOB, planned_run_at, step_at, step_job_key
from store.models import Contact, Enrollment, FollowupSequence, QueuedJob, WorkAddress, utcnow

ID_CHUNK = 10_000


@dataclass
class Enrolled:
    count: int = 0
    job_ids: list[int] = field(default_factory=list)


def enroll_trigger(session: Session, settings: Settings, trigger: str, contact_ids: list[int], occurrence: str,
                   now: datetime) -> list[int]:
    """Enroll these contacts in every active sequence of the trigger; returns the planned job ids."""
    if not contact_ids:
        return []
    job_ids: list[int] = []
    for sequence in sequences.active_for_trigger(session, trigger):
        for start in range(0, len(contact_ids), ID_CHUNK):
            targets = select(Contact.id).where(Contact.id.in_(contact_ids[start:start + ID_CHUNK]))
            job_ids += enroll_many(session, settings, sequence, targets, occurrence, now).job_ids
    return job_ids


def recipients(session: Session, targets: Select) -> list[tuple[int, str, str | None, str | None]]:
    """(contact id, phone, state, time zone of the latest work address) of the targeted contacts."""
    latest = (select(WorkAddress.contact_id, func.max(WorkAddress.id).label("address_id"))
              .group_by(WorkAddress.contact_id).subquery())
    query = (select(Contact.id, Contact.phone, WorkAddress.state, WorkAddress.time_zone)
             .outerjoin(latest, latest.c.contact_id == Contact.id)
             .outerjoin(WorkAddress, WorkAddress.id == latest.c.address_id)
             .where(Contact.id.in_(targets.scalar_subquery() if hasattr(targets, "scalar_subquery") else targets))
             .order_by(Contact.id))
    return [tuple(row) for row in session.execute(query)]


def zones_of(settings: Settings, phone: str, state: str | None, tz: str | None) -> tuple[Zone, ...]:
    return recipient_zones(Recipient(phone, state, tz), settings.business_time_zone)


def enroll_many(session: Session, settings: Settings, sequence: FollowupSequence, targets: Select, occurrence: str,
                trigger_at: datetime, *, campaign_id: int | None = None, pace: bool = False,
                people: Seq[tuple] | None = None, occurrences: dict[int, str] | None = None) -> Enrolled:
    """Enroll the targeted contacts (or the `people` rows of `recipients`); with `pace`, their first
    texts are spread over the allowed hours at the business number's send rate (relationships.pacing).
    `occurrences` names each contact's occurrence when they differ."""
    first = step_at(session, sequence.id, 1)
    if first is None:
        return Enrolled()
    people = recipients(session, targets) if people is None else people
    if not people:
        return Enrolled()
    now = utcnow()
    zones = {contact_id: zones_of(settings, phone, state, tz) for contact_id, phone, state, tz in people}
    if pace:
        purpose = settings.compliance_rules.purpose(first.purpose)
        due = planned_run_at(first, trigger_at, None, settings.business_time_zone, now)
        run_at = pacing.spread(list(zones.items()), due, purpose, settings.compliance_rules,
                               settings.send_rate_per_second)
    else:
        run_at = {contact_id: planned_run_at(first, trigger_at, None, zone[0].tz, now)
                  for contact_id, zone in zones.items()}
    if session.get_bind().dialect.name == "postgresql":
        return _insert_postgresql(session, sequence, people, zones, run_at, occurrences or {}, occurrence,
                                  trigger_at, campaign_id, now)
    rows = [{"contact_id": contact_id, "sequence_id": sequence.id, "kind": sequence.kind,
             "occurrence": (occurrences or {}).get(contact_id, occurrence), "campaign_id": campaign_id,
             "status": ACTIVE, "trigger_at": trigger_at, "time_zone": zones[contact_id][0].tz, "next_position": 1,
             "last_planned_at": run_at[contact_id], "enrolled_at": now} for contact_id, *_ in people]
    statement = sqlite.insert(Enrollment).on_conflict_do_nothing().returning(Enrollment.id, Enrollment.contact_id)
    enrolled = list(session.execute(statement, rows))
    if not enrolled:
        return Enrolled()
    jobs = [{"func": STEP_JOB, "kwargs": {"enrollment_id": enrollment_id, "position": 1},
             "dedupe_key": step_job_key(enrollment_id, 1), "run_at": run_at[contact_id], "created_at": now,
             "attempts": 0, "queue": BULK} for enrollment_id, contact_id in enrolled]
    job_ids = list(session.scalars(insert(QueuedJob).returning(QueuedJob.id, sort_by_parameter_order=True), jobs))
    return Enrolled(len(enrolled), job_ids)


# One statement, the rows bound as arrays: a multi-row VALUES of 100,000 rows costs more to build
# and parse than to run.
_POSTGRESQL_ENROLL = """
WITH input AS (
    SELECT * FROM unnest(CAST(:contact_ids AS integer[]), CAST(:run_ats AS timestamp[]), CAST(:zones AS text[]),
                         CAST(:occurrences AS text[])) AS t(contact_id, run_at, zone, occurrence)
), enrolled AS (
    INSERT INTO enrollments (contact_id, sequence_id, kind, occurrence, campaign_id, status, trigger_at,
                             time_zone, next_position, last_planned_at, enrolled_at)
    SELECT contact_id, :sequence_id, :kind, occurrence, :campaign_id, :status, :trigger_at, zone, 1, run_at, :now
    FROM input
    ON CONFLICT DO NOTHING
    RETURNING id, last_planned_at
)
INSERT INTO queued_jobs (func, kwargs, dedupe_key, run_at, created_at, attempts, queue)
SELECT :func, json_build_object('enrollment_id', id, 'position', 1), 'sequence-step:' || id || '\\:1',
       last_planned_at, :now, 0, :queue
FROM enrolled
RETURNING id
"""


def _insert_postgresql(session: Session, sequence: FollowupSequence, people, zones, run_at,
                       occurrences: dict[int, str], occurrence: str, trigger_at: datetime, campaign_id: int | None,
                       now: datetime) -> Enrolled:
    contact_ids = [row[0] for row in people]
    job_ids = list(session.scalars(text(_POSTGRESQL_ENROLL), {
        "contact_ids": contact_ids, "run_ats": [_naive(run_at[contact_id]) for contact_id in contact_ids],
        "zones": [zones[contact_id][0].tz for contact_id in contact_ids], "sequence_id": sequence.id,
        "occurrences": [occurrences.get(contact_id, occurrence) for contact_id in contact_ids],
        "kind": sequence.kind, "campaign_id": campaign_id, "status": ACTIVE,
        "trigger_at": _naive(trigger_at), "now": _naive(now), "func": STEP_JOB, "queue": BULK}))
    return Enrolled(len(job_ids), job_ids)


def _naive(moment: datetime) -> datetime:
    """UTC without the zone, as the UTCDateTime columns store it."""
    return moment.astimezone(UTC).replace(tzinfo=None)
