"""Follow-up sequences: the shipped defaults (defaults.toml) and staff's create, read, update, delete.

Editing a sequence changes the steps not yet planned: an enrollment plans one step at a time (the
next when the previous runs), and reads the step then. Deleting one unenrolls its members with the
reason recorded; the row stays, marked deleted, so history and a deleted default stay as they are.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from compliance.purposes import SEQUENCE_PURPOSES
from crm import fields
from crm.errors import InvalidField
from crm.fields import Field
from crm.rows import Saved, found
from relationships import templates
from store.models import FollowupSequence, SequenceStep, utcnow
from store.upsert import insert_ignoring_conflict

DEFAULTS_FILE = Path(__file__).with_name("defaults.toml")
TRIGGERS = ("job_completed", "inactivity", "birthday", "anniversary", "became_vip", "manual")
KINDS = ("post_job", "win_back", "birthday", "anniversary", "vip", "manual")
STOP_CONDITIONS = ("replied", "booked", "opted_out", "complaint")
AFTER = ("trigger", "previous")
MAX_STEPS = 20
MAX_DELAY_DAYS = 3 * 365
_LOCAL_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")

SEQUENCE_FIELDS = {
    "name": Field(fields.text(200), required=True, nullable=False),
    "kind": Field(fields.choice(*KINDS), nullable=False),
    "trigger": Field(fields.choice(*TRIGGERS), required=True, nullable=False),
    "inactivity_days": Field(lambda name, value: _whole(name, value, 30, 3650)),
    "stop_on": Field(lambda name, value: _stop_on(name, value), nullable=False),
    "active": Field(fields.boolean, nullable=False),
    "steps": Field(lambda name, value: _steps(name, value), required=True, nullable=False),
}
SEQUENCE_CHANGES = {name: field for name, field in SEQUENCE_FIELDS.items() if name not in ("kind", "trigger")}
TRIGGER_KIND = {"job_completed": "post_job", "inactivity": "win_back", "birthday": "birthday",
                "anniversary": "anniversary", "became_vip": "vip", "manual": "manual"}


def ensure_defaults(session: Session, path: Path = DEFAULTS_FILE) -> int:
    """Add the shipped sequences that were never added (by key); returns how many were added."""
    with open(path, "rb") as handle:
        defaults = tomllib.load(handle)["sequences"]
    known = set(session.scalars(select(FollowupSequence.key).where(FollowupSequence.key.in_(list(defaults)))))
    added = 0
    for key, spec in defaults.items():
        if key in known:
            continue
        spec = dict(spec)
        steps = _steps(f"{key}.steps", spec.pop("steps"))
        now = utcnow()
        new_id = insert_ignoring_conflict(session, FollowupSequence, {
            "key": key, "active": True, "stop_on": list(spec.pop("stop_on", [])), "created_at": now,
            "updated_at": now, **spec})
        if new_id is not None:
            _replace_steps(session, new_id, steps)
            added += 1
    return added


def by_key(session: Session, key: str) -> FollowupSequence | None:
    return session.scalars(select(FollowupSequence).where(
        FollowupSequence.key == key, FollowupSequence.deleted_at.is_(None))).one_or_none()


def active_for_trigger(session: Session, trigger: str) -> list[FollowupSequence]:
    return list(session.scalars(select(FollowupSequence).where(
        FollowupSequence.trigger == trigger, FollowupSequence.active.is_(True),
        FollowupSequence.deleted_at.is_(None)).order_by(FollowupSequence.id)))


def create(session: Session, data: dict[str, Any]) -> Saved:
    values = fields.parse_every(data, SEQUENCE_FIELDS)
    _check_inactivity(values)
    steps = values.pop("steps")
    now = utcnow()
    sequence = FollowupSequence(kind=values.pop("kind", TRIGGER_KIND[values["trigger"]]),
                                stop_on=values.pop("stop_on", list(STOP_CONDITIONS)), active=True,
                                created_at=now, updated_at=now, **values)
    session.add(sequence)
    session.flush()
    _replace_steps(session, sequence.id, steps)
    session.refresh(sequence)
    return Saved(sequence, created=True)


def get(session: Session, sequence_id: int) -> FollowupSequence:
    return found(session, FollowupSequence, sequence_id, "sequence", hide_deleted=True)


def listing(session: Session) -> list[FollowupSequence]:
    return list(session.scalars(select(FollowupSequence).where(FollowupSequence.deleted_at.is_(None))
                                .order_by(FollowupSequence.id)))


def update(session: Session, sequence_id: int, data: dict[str, Any]) -> Saved:
    sequence = get(session, sequence_id)
    values = fields.parse_every(data, SEQUENCE_CHANGES, partial=True)
    _check_inactivity({"trigger": sequence.trigger,
                       "inactivity_days": values.get("inactivity_days", sequence.inactivity_days)})
    steps = values.pop("steps", None)
    for name, value in values.items():
        setattr(sequence, name, value)
    sequence.updated_at = utcnow()
    if steps is not None:
        _replace_steps(session, sequence.id, steps)
    session.flush()
    session.refresh(sequence)
    return Saved(sequence)


def delete(session: Session, sequence_id: int) -> int:
    """Mark the sequence deleted and unenroll its members; returns how many were unenrolled."""
    from relationships import enrollment

    sequence = get(session, sequence_id)
    sequence.deleted_at = sequence.updated_at = utcnow()
    sequence.active = False
    return enrollment.unenroll_all(session, sequence_id=sequence.id, reason=f"sequence {sequence.id} was deleted")


def to_json(sequence: FollowupSequence) -> dict[str, Any]:
    return {"id": sequence.id, "key": sequence.key, "name": sequence.name, "kind": sequence.kind,
            "trigger": sequence.trigger, "inactivity_days": sequence.inactivity_days,
            "stop_on": list(sequence.stop_on), "active": sequence.active,
            "steps": [step_to_json(step) for step in sequence.steps],
            "created_at": fields.iso(sequence.created_at), "updated_at": fields.iso(sequence.updated_at)}


def step_to_json(step: SequenceStep) -> dict[str, Any]:
    return {"position": step.position, "after": step.after, "delay_days": step.delay_days,
            "delay_hours": step.delay_hours, "local_time": step.local_time, "purpose": step.purpose,
            "template": step.template}


def _replace_steps(session: Session, sequence_id: int, steps: list[dict[str, Any]]) -> None:
    for old in session.scalars(select(SequenceStep).where(SequenceStep.sequence_id == sequence_id)):
        session.delete(old)
    session.flush()
    for position, step in enumerate(steps, start=1):
        session.add(SequenceStep(sequence_id=sequence_id, position=position, **step))
    session.flush()


def _check_inactivity(values: dict[str, Any]) -> None:
    if values.get("trigger") == "inactivity" and values.get("inactivity_days") is None:
        raise InvalidField("inactivity_days", "is required for an inactivity trigger (at least 30)")


def _whole(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidField(name, f"must be a whole number from {low} to {high}")
    return value


def _stop_on(name: str, value: Any) -> list[str]:
    if not isinstance(value, list) or any(item not in STOP_CONDITIONS for item in value):
        raise InvalidField(name, f"must be a list of: {', '.join(STOP_CONDITIONS)}")
    return list(dict.fromkeys(value))


STEP_FIELDS = {
    "after": Field(fields.choice(*AFTER), nullable=False),
    "delay_days": Field(lambda name, value: _whole(name, value, 0, MAX_DELAY_DAYS), nullable=False),
    "delay_hours": Field(lambda name, value: _whole(name, value, 0, 23 * 24), nullable=False),
    "local_time": Field(lambda name, value: _local_time(name, value)),
    "purpose": Field(fields.choice(*SEQUENCE_PURPOSES), required=True, nullable=False),
    "template": Field(lambda name, value: _template(name, value), required=True, nullable=False),
}


def _steps(name: str, value: Any) -> list[dict[str, Any]]:
    """Every bad field of every step, named: steps[1].purpose must be one of ...; steps[2].template ..."""
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_STEPS:
        raise InvalidField(name, f"must be a list of 1 to {MAX_STEPS} steps")
    steps, problems = [], []
    for index, raw in enumerate(value):
        prefix = f"{name}[{index}]"
        if not isinstance(raw, dict):
            problems.append(f"{prefix} must be an object")
            continue
        step: dict[str, Any] = {"after": "previous", "delay_days": 0, "delay_hours": 0, "local_time": None}
        for field_name in sorted(set(raw) - set(STEP_FIELDS)):
            problems.append(f"{prefix}.{field_name} is not a known field")
        for field_name, field in STEP_FIELDS.items():
            if field_name not in raw:
                if field.required:
                    problems.append(f"{prefix}.{field_name} is required")
                continue
            try:
                step[field_name] = fields.parse({field_name: raw[field_name]}, {field_name: field})[field_name]
            except InvalidField as error:
                problems.append(f"{prefix}.{error}")
        steps.append(step)
    if problems:
        field_name, _, first = problems[0].partition(" ")
        raise InvalidField(field_name, "; ".join([first, *problems[1:]]))
    return steps


def _local_time(name: str, value: Any) -> str:
    if not isinstance(value, str) or not _LOCAL_TIME.fullmatch(value):
        raise InvalidField(name, 'must be a local time "HH:MM"')
    return value


def _template(name: str, value: Any) -> str:
    text = fields.text(1000)(name, value)
    try:
        unknown = templates.unknown_placeholders(text)
    except ValueError:
        raise InvalidField(name, "has an unbalanced { or }") from None
    if unknown:
        raise InvalidField(name, f"uses unknown placeholders {', '.join(unknown)}; "
                                 f"known: {', '.join(templates.PLACEHOLDERS)}")
    return text
