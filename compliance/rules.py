"""The messaging rules as data: rules.toml loaded once into frozen dataclasses."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import time
from pathlib import Path
from types import MappingProxyType
from typing import Any

import holidays

from compliance.consent import CONSENT_KINDS
from compliance.us_states import STATES

DEFAULT_RULES_FILE = Path(__file__).with_name("rules.toml")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HOLIDAYS = "holidays"
CLOSED = "closed"

Span = tuple[time, time]


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the offending key."""


@dataclass(frozen=True)
class Hours:
    """Allowed local hours per weekday, Monday first; None closes the day."""

    days: tuple[Span | None, ...]
    closed_on_holidays: bool = False

    @classmethod
    def every_day(cls, start: time, end: time) -> Hours:
        return cls(((start, end),) * 7)

    def on(self, weekday: int, holiday: bool) -> Span | None:
        return None if holiday and self.closed_on_holidays else self.days[weekday]


@dataclass(frozen=True)
class Cap:
    max_messages: int
    per_hours: int
    same_subject: bool = False


@dataclass(frozen=True)
class Purpose:
    """What one purpose needs; rules.toml documents each field."""

    name: str
    evidence: frozenset[str]
    marketing: bool = False
    inbound_request_fallback: bool = False
    requires_after_sales_care: bool = False
    quiet_hours: bool = True
    counts_toward_cap: bool = True
    confirms_opt_out: bool = False
    sequence: bool = False
    answers_call: bool = False
    alert_staff_on_refusal: bool = False


@dataclass(frozen=True)
class EvidenceRules:
    """How long evidence lasts: rules.toml's [evidence] table documents each field."""

    existing_relationship_months: int = 18
    implied_inquiry_days: int = 90
    while_work_open: frozenset[str] = frozenset({"transactional_context"})


@dataclass(frozen=True)
class StateRule:
    """A state's hours (every automated message) and its marketing closures and cap."""

    code: str
    hours: Hours
    marketing_closed_days: frozenset[int] = frozenset()
    marketing_closed_on_holidays: bool = False
    marketing_cap: Cap | None = None


@dataclass(frozen=True)
class Rules:
    purposes: Mapping[str, Purpose]
    automated_hours: Hours
    marketing_hours: Hours
    unknown_zone_hours: Hours
    states: Mapping[str, StateRule]
    overall_cap: Cap
    max_body_chars: int
    opt_out_footers: tuple[str, ...]
    holiday_country: str
    source: str = ""
    evidence: EvidenceRules = EvidenceRules()
    call_reply_window_minutes: int = 15

    def with_windows(self, *, existing_relationship_months: int | None = None,
                     call_reply_window_minutes: int | None = None) -> Rules:
        """These rules with the windows that settings override (None keeps the file's)."""
        changes: dict[str, Any] = {}
        if existing_relationship_months is not None:
            changes["evidence"] = replace(self.evidence, existing_relationship_months=existing_relationship_months)
        if call_reply_window_minutes is not None:
            changes["call_reply_window_minutes"] = call_reply_window_minutes
        return replace(self, **changes) if changes else self

    def purpose(self, name: str) -> Purpose:
        """Return the named purpose; ValueError when the rules do not define it."""
        if name not in self.purposes:
            known = ", ".join(sorted(self.purposes))
            raise ValueError(f"unknown purpose {name!r}; the rules define {known}")
        return self.purposes[name]


def load_rules(path: str | None = None) -> Rules:
    """Load the rules file at `path` (None: the shipped defaults), parsed once per path."""
    return _load(str(path) if path else str(DEFAULT_RULES_FILE))


@functools.cache
def _load(path: str) -> Rules:
    with open(path, "rb") as file:
        try:
            data = tomllib.load(file)
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"{path}: not valid TOML: {exc}") from exc
    try:
        return _rules(data, path)
    except RulesError as exc:
        raise RulesError(f"{path}: {exc}") from None


def _rules(data: dict[str, Any], path: str) -> Rules:
    _keys(data, "", ("limits", "hours", "overall_cap", "purposes", "states"), optional=("evidence",))
    limits = _keys(
        data["limits"], "limits", ("max_body_chars", "opt_out_footers", "holiday_country"),
        optional=("call_reply_window_minutes",),
    )
    hours = _keys(data["hours"], "hours", ("automated", "marketing", "unknown_zone"))
    purposes = _table(data["purposes"], "purposes")
    states = _table(data["states"], "states")
    return Rules(
        purposes=MappingProxyType({n: _purpose(n, v) for n, v in purposes.items()}),
        automated_hours=_hours(hours["automated"], "hours.automated"),
        marketing_hours=_hours(hours["marketing"], "hours.marketing"),
        unknown_zone_hours=_hours(hours["unknown_zone"], "hours.unknown_zone"),
        states=MappingProxyType({c: _state(c, v) for c, v in states.items()}),
        overall_cap=_cap(data["overall_cap"], "overall_cap"),
        max_body_chars=_int(limits["max_body_chars"], "limits.max_body_chars"),
        opt_out_footers=_strings(limits["opt_out_footers"], "limits.opt_out_footers", True),
        holiday_country=_country(limits["holiday_country"], "limits.holiday_country"),
        source=path,
        evidence=_evidence(data.get("evidence", {})),
        call_reply_window_minutes=_int(
            limits.get("call_reply_window_minutes", 15), "limits.call_reply_window_minutes"
        ),
    )


def _evidence(value: Any) -> EvidenceRules:
    table = _keys(value, "evidence", (), optional=("existing_relationship_months", "implied_inquiry_days",
                                                              "while_work_open"))
    defaults = EvidenceRules()
    kinds = _strings(
        table.get("while_work_open", sorted(defaults.while_work_open)),
        "evidence.while_work_open",
    )
    unknown = sorted(set(kinds) - CONSENT_KINDS)
    if unknown:
        raise RulesError(f"evidence.while_work_open: unknown kind {unknown[0]!r}")
    return EvidenceRules(
        existing_relationship_months=_int(
            table.get("existing_relationship_months", defaults.existing_relationship_months),
            "evidence.existing_relationship_months",
        ),
        implied_inquiry_days=_int(table.get("implied_inquiry_days", defaults.implied_inquiry_days),
                                  "evidence.implied_inquiry_days"),
        while_work_open=frozenset(kinds),
    )


_PURPOSE_FLAGS = (
    "marketing",
    "inbound_request_fallback",
    "requires_after_sales_care",
    "quiet_hours",
    "counts_toward_cap",
    "confirms_opt_out",
    "sequence",
    "answers_call",
    "alert_staff_on_refusal",
)


def _purpose(name: str, value: Any) -> Purpose:
    key = f"purposes.{name}"
    table = _keys(value, key, ("evidence",), optional=_PURPOSE_FLAGS)
    evidence = _strings(table["evidence"], f"{key}.evidence")
    unknown = sorted(set(evidence) - CONSENT_KINDS)
    if unknown:
        raise RulesError(f"{key}.evidence: unknown kind {unknown[0]!r}")
    flags = {flag: _bool(table[flag], f"{key}.{flag}") for flag in _PURPOSE_FLAGS if flag in table}
    if not evidence and not flags.get("confirms_opt_out"):
        raise RulesError(f"{key}.evidence: empty, and only confirms_opt_out needs no evidence")
    return Purpose(name=name, evidence=frozenset(evidence), **flags)


def _state(code: str, value: Any) -> StateRule:
    key = f"states.{code}"
    if code not in STATES:
        raise RulesError(f"{key}: not a US state code")
    table = _keys(value, key, ("hours",), optional=("marketing_closed", "marketing_cap"))
    closed = _strings(table.get("marketing_closed", []), f"{key}.marketing_closed")
    for entry in closed:
        if entry not in DAYS and entry != HOLIDAYS:
            raise RulesError(f"{key}.marketing_closed: {entry!r} is not a day or 'holidays'")
    cap = table.get("marketing_cap")
    return StateRule(
        code=code,
        hours=_hours(table["hours"], f"{key}.hours"),
        marketing_closed_days=frozenset(DAYS.index(e) for e in closed if e in DAYS),
        marketing_closed_on_holidays=HOLIDAYS in closed,
        marketing_cap=None if cap is None else _cap(cap, f"{key}.marketing_cap"),
    )


def _hours(value: Any, key: str) -> Hours:
    table = _keys(value, key, ("all",), optional=(*DAYS, HOLIDAYS))
    every_day = _span(table["all"], f"{key}.all")
    days = tuple(_span(table[d], f"{key}.{d}") if d in table else every_day for d in DAYS)
    if not any(days):
        raise RulesError(f"{key}: closed every day")
    holidays = table.get(HOLIDAYS, "open")
    if holidays not in ("open", CLOSED):
        raise RulesError(f"{key}.{HOLIDAYS}: expected 'open' or 'closed'")
    return Hours(days=days, closed_on_holidays=holidays == CLOSED)


def _cap(value: Any, key: str) -> Cap:
    table = _keys(value, key, ("max_messages", "per_hours"), optional=("same_subject",))
    return Cap(
        max_messages=_int(table["max_messages"], f"{key}.max_messages"),
        per_hours=_int(table["per_hours"], f"{key}.per_hours"),
        same_subject=_bool(table.get("same_subject", False), f"{key}.same_subject"),
    )


_HHMM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def _span(value: Any, key: str) -> Span | None:
    if value == CLOSED:
        return None
    if not (isinstance(value, list) and len(value) == 2):
        raise RulesError(f"{key}: expected 'closed' or [\"HH:MM\", \"HH:MM\"]")
    start, end = (_time(v, key) for v in value)
    if start >= end:
        raise RulesError(f"{key}: start {value[0]} is not before end {value[1]}")
    return start, end


def _time(value: Any, key: str) -> time:
    if not (isinstance(value, str) and _HHMM.fullmatch(value)):
        raise RulesError(f"{key}: {value!r} is not a time HH:MM")
    return time.fromisoformat(value)


def _table(value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict) or not value:
        raise RulesError(f"{key}: expected a non-empty table")
    return value


def _keys(value: Any, key: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
    if not isinstance(value, dict):
        raise RulesError(f"{key or 'file'}: expected a table")
    prefix = f"{key}." if key else ""
    for name in value:
        if name not in required and name not in optional:
            raise RulesError(f"{prefix}{name}: unknown key")
    for name in required:
        if name not in value:
            raise RulesError(f"{prefix}{name}: missing")
    return value


def _int(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RulesError(f"{key}: expected a whole number of at least 1, got {value!r}")
    return value


def _bool(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise RulesError(f"{key}: expected true or false, got {value!r}")
    return value


def _string(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RulesError(f"{key}: expected a non-empty string")
    return value


def _country(value: Any, key: str) -> str:
    try:
        holidays.country_holidays(_string(value, key))
    except NotImplementedError:
        raise RulesError(f"{key}: the holidays package does not know {value!r}") from None
    return value


def _strings(value: Any, key: str, nonempty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or (nonempty and not value):
        raise RulesError(f"{key}: expected a {'non-empty ' if nonempty else ''}list of strings")
    return tuple(_string(v, key) for v in value)
