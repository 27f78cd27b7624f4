"""The office's hours: is it open now, when does it next open ("we'll follow up ..."), and what are its
hours, for "what are your hours?" / "¿cuál es su horario?"."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo

from classifiers.text import for_rules
from responder.availability import WEEKDAY_ABBREVIATIONS, clock
from responder.profile import BusinessProfile, us_federal_holidays

LOOKAHEAD_DAYS = 21


def is_open(profile: BusinessProfile, now: datetime) -> bool:
    local = now.astimezone(profile.time_zone)
    if _closed(profile, local.date()):
        return False
    return any(interval.opens <= local.time() < interval.closes for interval in profile.hours[local.weekday()])


def next_opening(profile: BusinessProfile, now: datetime) -> datetime | None:
    local = now.astimezone(profile.time_zone)
    for offset in range(LOOKAHEAD_DAYS):
        day = local.date() + timedelta(days=offset)
        if _closed(profile, day):
            continue
        for interval in profile.hours[day.weekday()]:
            opening = datetime.combine(day, interval.opens, profile.time_zone)
            if opening > local:
                return opening
    return None


def describe_opening(opening: datetime, now: datetime, reader_zone: tzinfo | None = None) -> str:
    """ "today at 8am", "tomorrow at 8am", "Mon at 9am": in the reader's zone, named when it is not the opening's."""
    local = opening.astimezone(reader_zone) if reader_zone is not None else opening
    days = (local.date() - now.astimezone(local.tzinfo).date()).days
    day = "today" if days == 0 else "tomorrow" if days == 1 else WEEKDAY_ABBREVIATIONS[local.weekday()]
    named = f" {local.tzname()}" if local.utcoffset() != opening.utcoffset() else ""
    return f"{day} at {clock(local.time())}{named}"


# Asking the office's hours, not for a visit: "what are your hours?", "what time do you close?", "¿a qué hora abren?".
_ASKS_HOURS = re.compile(
    r"\bwhat\s+(?:are|r)\s+(?:your|ur|the)\s+(?:business\s+|office\s+|opening\s+|store\s+|shop\s+)?hours\b"
    r"|^\W*(?:your\s+|ur\s+)?(?:business\s+|office\s+|opening\s+)?hours\W*$"
    r"|\b(?:business|office|opening)\s+hours\b|\bhours\s+of\s+operation\b"
    r"|\b(?:what\s+time|when)\s+(?:do|does|are|r)\s+(?:you|u|y'?all|the\s+office|your\s+office)\s+(?:guys\s+|all\s+)?"
    r"(?:open|close|opening|closing)\b"
    r"|\b(?:cual|que)\s+es\s+(?:su|el)\s+horario\b|\bque\s+horario\s+(?:tienen|manejan)\b"
    r"|\bhorario\s+de\s+(?:atencion|oficina|trabajo)\b|\b(?:a\s+)?que\s+hora\s+(?:abren|cierran)\b"
    r"|\bcuando\s+(?:abren|cierran)\b|^\W*(?:y\s+)?(?:su\s+)?horario\W*$")


def asks_for_hours(text: str) -> bool:
    return bool(_ASKS_HOURS.search(for_rules(text)))


def describe_hours(profile: BusinessProfile, day_names: tuple[str, ...] = WEEKDAY_ABBREVIATIONS) -> str:
    """ "Mon-Fri 8am-5pm, Sat 9am-1pm": consecutive days with the same hours run together; closed days left out."""
    runs: list[tuple[int, int, tuple]] = []
    for weekday, intervals in enumerate(profile.hours):
        if runs and intervals and runs[-1][2] == intervals and runs[-1][1] == weekday - 1:
            runs[-1] = (runs[-1][0], weekday, intervals)
        elif intervals:
            runs.append((weekday, weekday, intervals))
    parts = []
    for first, last, intervals in runs:
        days = day_names[first] if first == last else f"{day_names[first]}-{day_names[last]}"
        times = ", ".join(f"{clock(opens)}-{clock(closes)}" for opens, closes in _joined(intervals))
        parts.append(f"{days} {times}")
    return ", ".join(parts)


def _joined(intervals: tuple) -> list[tuple]:
    """(opens, closes) pairs with back-to-back intervals run together: 9-11am and 11am-1pm are 9am-1pm."""
    joined: list[list] = []
    for interval in intervals:
        if joined and joined[-1][1] == interval.opens:
            joined[-1][1] = interval.closes
        else:
            joined.append([interval.opens, interval.closes])
    return [tuple(pair) for pair in joined]


def _closed(profile: BusinessProfile, day: date) -> bool:
    if any(holiday.day == day for holiday in profile.holidays):
        return True
    return profile.us_public_holidays and day in us_federal_holidays(day.year)
