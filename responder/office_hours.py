"""Is the office open now, and when does it next open: for "we'll follow up ..." after hours."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

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


def _closed(profile: BusinessProfile, day: date) -> bool:
    if any(holiday.day == day for holiday in profile.holidays):
        return True
    return profile.us_public_holidays and day in us_federal_holidays(day.year)
