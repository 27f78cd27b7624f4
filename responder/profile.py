"""The business profile: hours, holidays, capacity and canned answers, loaded from TOML or JSON."""

import dataclasses
import itertools
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
import phonenumbers

from classifiers.emergency import EMERGENCY_HAZARDS

EXAMPLE_PROFILE_PATH = Path(__file__).resolve().parent.parent / "profile.example.toml"
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_SLOT_MINUTES = 24 * 60  # a booking by text lasts one slot: never longer than a day
REQUIRED_FIELDS = (
    "name",
    "phone",
    "time_zone",
    "hours",
    "slot_minutes",
    "capacity",
    "minimum_notice_minutes",
    "options_to_offer",
    "emergency_instructions",
    "on_call_numbers",
)
OPTIONAL_FIELDS = (
    "holidays",
    "us_public_holidays",
    "access_answers",
    "staff_numbers",
    "follow_up_hours_text",
    "es",
    "emergency_by_hazard",
)
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ProfileError(ValueError):
    """A profile field is missing, unknown or malformed; the message names the field."""


@dataclass(frozen=True)
class OpeningInterval:
    opens: time
    closes: time


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str | None = None


@dataclass(frozen=True)
class BusinessProfile:
    name: str
    phone: str
    time_zone: ZoneInfo
    hours: tuple[tuple[OpeningInterval, ...], ...]  # seven entries, Monday first; empty = closed
    slot_minutes: int
    capacity: int
    minimum_notice_minutes: int
    options_to_offer: int
    emergency_instructions: str
    on_call_numbers: tuple[str, ...]
    holidays: tuple[Holiday, ...] = ()
    us_public_holidays: bool = False
    access_answers: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))
    staff_numbers: tuple[str, ...] = ()
    follow_up_hours_text: str | None = None
    # The profile's own texts in Spanish ([es] table), for contacts who write in Spanish; the English is used
    # for any that is missing.
    es_emergency_instructions: str | None = None
    es_access_answers: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))
    # Safety instructions for one danger ("gas", "electrical", ...: classifiers.emergency.EMERGENCY_HAZARDS), in
    # place of the general emergency_instructions when the customer's text names that danger.
    emergency_by_hazard: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))
    es_emergency_by_hazard: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))

    def emergency_instructions_in(self, lang: str, hazard: str | None = None) -> str:
        """The instructions for `hazard` in `lang`, else the general ones in `lang`, else the English ones.

        The customer's language comes first: a Spanish speaker gets the general Spanish text rather than
        the English text for the hazard."""
        if lang == "es":
            spanish = self.es_emergency_by_hazard.get(hazard) or self.es_emergency_instructions
            if spanish:
                return spanish
        return self.emergency_by_hazard.get(hazard) or self.emergency_instructions

    def access_answers_in(self, lang: str) -> Mapping[str, str]:
        return {**self.access_answers, **self.es_access_answers} if lang == "es" else self.access_answers


def load_profile(path: str | None) -> BusinessProfile:
    """Load the profile file at `path` (TOML, or JSON by its .json suffix); None loads the example.

    Raises:
        ProfileError (a ValueError): a field is missing, unknown or malformed; the message names it.
    """
    file = Path(path) if path else EXAMPLE_PROFILE_PATH
    if file.suffix.lower() == ".json":
        data = json.loads(file.read_text(encoding="utf-8"))
    else:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    if not isinstance(data, Mapping):
        raise ProfileError(f"business profile {file}: expected a table of fields")
    return profile_from_mapping(data)


def profile_from_mapping(data: Mapping[str, Any]) -> BusinessProfile:
    """Validate a parsed profile and build the BusinessProfile."""
    unknown = sorted(set(data) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise ProfileError(f"business profile: unknown field {unknown[0]!r}")
    for name in REQUIRED_FIELDS:
        if name not in data:
            raise ProfileError(f"business profile: missing field {name!r}")
    follow_up = data.get("follow_up_hours_text")
    spanish = _spanish(data.get("es", {}))
    return BusinessProfile(
        name=_text(data, "name"),
        phone=_phone(data["phone"], "phone"),
        time_zone=_zone(data["time_zone"]),
        hours=_hours(data["hours"]),
        slot_minutes=_whole(data, "slot_minutes", low=1, high=MAX_SLOT_MINUTES),
        capacity=_whole(data, "capacity", low=1),
        minimum_notice_minutes=_whole(data, "minimum_notice_minutes", low=0),
        options_to_offer=_whole(data, "options_to_offer", low=1),
        emergency_instructions=_text(data, "emergency_instructions"),
        on_call_numbers=_phones(data, "on_call_numbers"),
        holidays=tuple(_holiday(item) for item in _list(data.get("holidays", []), "holidays")),
        us_public_holidays=_flag(data.get("us_public_holidays", False), "us_public_holidays"),
        access_answers=_answers(data.get("access_answers", {})),
        staff_numbers=_phones(data, "staff_numbers"),
        follow_up_hours_text=None if follow_up is None else _text(data, "follow_up_hours_text"),
        es_emergency_instructions=(_text(spanish, "emergency_instructions")
                                   if "emergency_instructions" in spanish else None),
        es_access_answers=_answers(spanish.get("access_answers", {})),
        emergency_by_hazard=_by_hazard(data.get("emergency_by_hazard", {}), "emergency_by_hazard"),
        es_emergency_by_hazard=_by_hazard(spanish.get("emergency_by_hazard", {}), "es.emergency_by_hazard"),
    )


@lru_cache(maxsize=16)
def us_federal_holidays(year: int) -> Mapping[date, str]:
    """US federal holidays of `year` (observed days included), by date."""
    return MappingProxyType(dict(holidays.country_holidays("US", years=year)))


def _text(data: Mapping[str, Any], field: str) -> str:
    value = data[field]
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(f"business profile field {field!r}: expected non-empty text")
    return value.strip()


def _whole(data: Mapping[str, Any], field: str, *, low: int, high: int | None = None) -> int:
    value = data[field]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProfileError(f"business profile field {field!r}: expected a whole number")
    if value < low or (high is not None and value > high):
        limit = f"{low}..{high}" if high is not None else f">= {low}"
        raise ProfileError(f"business profile field {field!r}: {value} is outside {limit}")
    return value


def _flag(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise ProfileError(f"business profile field {field!r}: expected true or false")
    return value


def _list(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise ProfileError(f"business profile field {field!r}: expected a list")
    return value


def _phone(value: Any, field: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"\+[1-9]\d{6,14}", value):
        raise ProfileError(f"business profile field {field!r}: expected an E.164 number like +16175550142")
    if not phonenumbers.is_valid_number(phonenumbers.parse(value)):
        raise ProfileError(f"business profile field {field!r}: {value} is not a valid phone number")
    return value


def _phones(data: Mapping[str, Any], field: str) -> tuple[str, ...]:
    return tuple(_phone(item, field) for item in _list(data.get(field, []), field))


def _zone(value: Any) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (TypeError, ValueError, ZoneInfoNotFoundError):
        raise ProfileError(
            f"business profile field 'time_zone': {value!r} is not an IANA zone like America/New_York"
        ) from None


def _clock(value: Any, field: str) -> time:
    if isinstance(value, time):
        return value
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if not match:
        raise ProfileError(f'business profile field {field!r}: expected a time like "08:00", got {value!r}')
    return time(int(match[1]), int(match[2]))


def _hours(value: Any) -> tuple[tuple[OpeningInterval, ...], ...]:
    if not isinstance(value, Mapping):
        raise ProfileError('business profile field \'hours\': expected a table like mon = ["08:00", "17:00"]')
    unknown = sorted(set(value) - set(WEEKDAY_KEYS))
    if unknown:
        raise ProfileError(f"business profile field 'hours.{unknown[0]}': not a weekday (use mon..sun)")
    return tuple(_day_hours(value.get(key, []), f"hours.{key}") for key in WEEKDAY_KEYS)


def _day_hours(value: Any, field: str) -> tuple[OpeningInterval, ...]:
    pairs = _list(value, field)
    if pairs and not isinstance(pairs[0], list):
        pairs = [pairs]
    intervals = []
    for pair in pairs:
        if not isinstance(pair, list) or len(pair) != 2:
            raise ProfileError(f'business profile field {field!r}: expected ["opens", "closes"] pairs')
        opens, closes = _clock(pair[0], field), _clock(pair[1], field)
        if opens >= closes:
            raise ProfileError(f"business profile field {field!r}: opens at {opens} but closes at {closes}")
        intervals.append(OpeningInterval(opens, closes))
    intervals.sort(key=lambda interval: interval.opens)
    for before, after in itertools.pairwise(intervals):
        if after.opens < before.closes:
            raise ProfileError(f"business profile field {field!r}: intervals overlap")
    return tuple(intervals)


def _holiday(item: Any) -> Holiday:
    if isinstance(item, Mapping):
        name = item.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            raise ProfileError("business profile field 'holidays': a holiday name must be non-empty text")
        return Holiday(_iso_date(item.get("date")), name.strip() if name else None)
    return Holiday(_iso_date(item))


def _iso_date(value: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ProfileError(f"business profile field 'holidays': {value!r} is not an ISO date like 2026-12-24") from None


def _spanish(value: Any) -> Mapping[str, Any]:
    known = {"emergency_instructions", "access_answers", "emergency_by_hazard"}
    if not isinstance(value, Mapping) or set(value) - known:
        raise ProfileError("business profile field 'es': expected a table of emergency_instructions, "
                           "emergency_by_hazard and access_answers")
    return value


def _by_hazard(value: Any, field: str) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise ProfileError(f"business profile field {field!r}: expected a table of hazard = instructions")
    for hazard, text in value.items():
        if hazard not in EMERGENCY_HAZARDS:
            raise ProfileError(f"business profile field {field!r}: unknown hazard {hazard!r} "
                               f"(known: {', '.join(sorted(EMERGENCY_HAZARDS))})")
        if not isinstance(text, str) or not text.strip():
            raise ProfileError(f"business profile field {field}.{hazard}: expected non-empty text")
    return MappingProxyType({hazard: text.strip() for hazard, text in value.items()})


def _answers(value: Any) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise ProfileError("business profile field 'access_answers': expected a table of question = answer")
    for key, answer in value.items():
        if not isinstance(answer, str) or not answer.strip():
            raise ProfileError(f"business profile field 'access_answers.{key}': expected non-empty text")
    return MappingProxyType({key: answer.strip() for key, answer in value.items()})
