"""Request fields in, clean values out: a body is checked against a table of `Field`s.

Each parser takes the field's name and its raw JSON (or query-string) value and returns the clean
value or raises `InvalidField` naming the field. Messages never echo the value itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import available_timezones

from compliance.us_states import STATES
from crm.errors import InvalidField
from phones import InvalidPhoneNumber, to_e164

MAX_ID = 2**31 - 1  # integer primary keys on PostgreSQL; a larger id names no row
MAX_AMOUNT_CENTS = 1_000_000_000  # $10,000,000.00, well inside the 32-bit amount_cents column
MAX_URL_LENGTH = 2000
URL_SCHEMES = ("http", "https")
US_STATES = frozenset(STATES)
FLAGS = {"1": True, "true": True, "0": False, "false": False}

_CALENDAR_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = re.compile(r"-?\d+(\.\d+)?")
_POSTAL_CODE = re.compile(r"\d{5}(-\d{4})?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
MAX_EMAIL_LENGTH = 254
YES_NO = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}
_DIGITS = re.compile(r"\d{1,10}")
# In a query string an unencoded "+" arrives as a space: "...T09:00:00 04:00" meant "+04:00".
_SPACE_FOR_PLUS = re.compile(r"(.*\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}(?::?\d{2})?)")
_SHOWN_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")

Parser = Callable[[str, Any], Any]


@dataclass(frozen=True)
class Field:
    parse: Parser
    required: bool = False
    nullable: bool = True


def parse(data: Mapping[str, Any], spec: Mapping[str, Field], *, partial: bool = False) -> dict[str, Any]:
    """The fields present in `data`, parsed; `partial` (a PATCH) requires none but at least one."""
    unknown = sorted(set(data) - set(spec))
    if unknown:
        names = ", ".join(_shown(name) for name in unknown)
        verb = "is not a known field" if len(unknown) == 1 else "are not known fields"
        raise InvalidField(names, f"{verb}; allowed: {', '.join(spec)}")
    if partial and not data:
        raise InvalidField("body", f"must set at least one of {', '.join(spec)}")
    if not partial:
        for name, field in spec.items():
            if field.required and name not in data:
                raise InvalidField(name, "is required")
    values = {}
    for name, value in data.items():
        field = spec[name]
        if value is None:
            if not field.nullable:
                raise InvalidField(name, "must not be null")
            values[name] = None
        else:
            values[name] = field.parse(name, value)
    return values


def parse_every(data: Mapping[str, Any], spec: Mapping[str, Field], *, partial: bool = False) -> dict[str, Any]:
    """Like `parse`, but one InvalidField names every bad field ("a must ...; b is required")."""
    problems: list[InvalidField] = []
    values: dict[str, Any] = {}
    unknown = sorted(set(data) - set(spec))
    if unknown:
        try:
            parse({name: data[name] for name in unknown}, spec)
        except InvalidField as error:
            problems.append(error)
    if partial and not data:
        raise InvalidField("body", f"must set at least one of {', '.join(spec)}")
    for name, field in spec.items():
        if name not in data:
            if field.required and not partial:
                problems.append(InvalidField(name, "is required"))
            continue
        try:
            values.update(parse({name: data[name]}, {name: field}))
        except InvalidField as error:
            problems.append(error)
    if problems:
        raise InvalidField(problems[0].field, "; ".join(str(error) for error in problems)[len(problems[0].field) + 1:])
    return values


def text(max_length: int) -> Parser:
    def parse_text(name: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise InvalidField(name, "must be non-empty text")
        value = value.strip()
        if len(value) > max_length:
            raise InvalidField(name, f"must be at most {max_length} characters")
        if "\x00" in value:
            raise InvalidField(name, "must not contain NUL characters")
        return value

    return parse_text


def choice(*options: str) -> Parser:
    def parse_choice(name: str, value: Any) -> str:
        if value not in options:
            raise InvalidField(name, f"must be one of {', '.join(options)}")
        return value

    return parse_choice


def boolean(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidField(name, "must be true or false")
    return value


def is_row_id(value: Any) -> bool:
    """A whole number that can name a row (not a bool, inside PostgreSQL's integer keys)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def identifier(name: str, value: Any) -> int:
    if not is_row_id(value):
        raise InvalidField(name, "must be a positive whole number (an id)")
    return value


def identifier_param(name: str, value: str) -> int:
    if not _DIGITS.fullmatch(value):
        raise InvalidField(name, "must be a positive whole number (an id)")
    return identifier(name, int(value))


def flag_param(name: str, value: str) -> bool:
    if value.lower() not in FLAGS:
        raise InvalidField(name, "must be 1 or 0")
    return FLAGS[value.lower()]


def phone(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidField(name, "must be a phone number as text")
    try:
        return to_e164(value)
    except InvalidPhoneNumber:
        raise InvalidField(name, "is not a phone number") from None


def past_date(name: str, value: Any) -> date:
    if not isinstance(value, str) or not _CALENDAR_DATE.fullmatch(value):
        raise InvalidField(name, "must be a date as YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise InvalidField(name, "is not a calendar date") from None
    if parsed > datetime.now(UTC).date():
        raise InvalidField(name, "must not be in the future")
    return parsed


def aware_datetime(name: str, value: Any) -> datetime:
    """An ISO 8601 datetime with its UTC offset ("Z" counts), returned in UTC."""
    if not isinstance(value, str):
        raise InvalidField(name, "must be an ISO 8601 datetime as text")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidField(name, "must be an ISO 8601 datetime, e.g. 2026-05-01T09:00:00-04:00") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise InvalidField(name, "must include a UTC offset, e.g. 2026-05-01T09:00:00-04:00")
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        raise InvalidField(name, "is out of range") from None


def aware_datetime_param(name: str, value: str) -> datetime:
    return aware_datetime(name, _SPACE_FOR_PLUS.sub(r"\1+\2", value))


def money_cents(name: str, value: Any) -> int:
    """Dollars as a JSON number or a decimal string ("149.5", "149.50") -> whole cents."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidField(name, "must be an amount of dollars, e.g. \"149.50\"")
    if isinstance(value, str) and not _DECIMAL.fullmatch(value.strip()):
        raise InvalidField(name, "must be a decimal amount of dollars, e.g. \"149.50\"")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidField(name, "must be an amount of dollars, e.g. \"149.50\"") from None
    if not amount.is_finite() or amount <= 0:
        raise InvalidField(name, "must be more than 0")
    if amount * 100 > MAX_AMOUNT_CENTS:
        raise InvalidField(name, f"must be at most {MAX_AMOUNT_CENTS // 100}")
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise InvalidField(name, "must have at most 2 decimals")
    return int(cents)


def us_state(name: str, value: Any) -> str:
    if not isinstance(value, str) or value.strip().upper() not in US_STATES:
        raise InvalidField(name, "must be a two-letter US state code, e.g. FL")
    return value.strip().upper()


def postal_code(name: str, value: Any) -> str:
    if not isinstance(value, str) or not _POSTAL_CODE.fullmatch(value.strip()):
        raise InvalidField(name, "must be a US ZIP code: 5 digits or ZIP+4 (12345-6789)")
    return value.strip()


def email(name: str, value: Any) -> str:
    if not isinstance(value, str) or len(value.strip()) > MAX_EMAIL_LENGTH or not _EMAIL.fullmatch(value.strip()):
        raise InvalidField(name, f"must be an email address of at most {MAX_EMAIL_LENGTH} characters")
    return value.strip()


def yes_no(name: str, value: Any) -> bool:
    """A yes/no as people type it in a spreadsheet: yes, no, y, n, true, false, 1, 0 (any case)."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, str) or value.strip().lower() not in YES_NO:
        raise InvalidField(name, "must be yes or no")
    return YES_NO[value.strip().lower()]


def time_zone(name: str, value: Any) -> str:
    if not isinstance(value, str) or value.strip() not in _time_zones():
        raise InvalidField(name, "must be an IANA time zone, e.g. America/New_York")
    return value.strip()


def http_url(name: str, value: Any) -> str:
    if not isinstance(value, str) or len(value.strip()) > MAX_URL_LENGTH:
        raise InvalidField(name, f"must be an http or https URL of at most {MAX_URL_LENGTH} characters")
    value = value.strip()
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        host = None
    if (host is None or parts.scheme.lower() not in URL_SCHEMES
            or any(character.isspace() or not character.isprintable() for character in value)):
        raise InvalidField(name, "must be an http or https URL")
    return value


def cents_to_dollars(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def iso(moment: datetime | date | None) -> str | None:
    return None if moment is None else moment.isoformat()


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _shown(name: str) -> str:
    return name if _SHOWN_NAME.fullmatch(name) else repr(name[:64])
