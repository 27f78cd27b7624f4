"""Quiet hours: the earliest moment a message may go out in every zone that applies to it.

Windows are computed in local wall time with zoneinfo, day by day, then turned into UTC
intervals and intersected across the recipient's zones, so daylight-saving changes, differing
zones and local Sundays and holidays all fall out of the same arithmetic.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from compliance.rules import Purpose, Rules, Span
from compliance.timezones import Recipient, Zone, recipient_zones

# How far ahead to look for an opening. Every hours table opens on some weekday (the rules
# check it), so only rules whose windows never overlap could exhaust it: that raises ValueError.
SEARCH_DAYS = 14

Interval = tuple[datetime, datetime]


def next_allowed_moment(
    now_utc: datetime, purpose: str, recipient: Recipient, rules: Rules, business_tz: str
) -> datetime | None:
    """None when `purpose` may be sent now, else the earliest aware-UTC moment when it may."""
    spec = rules.purpose(purpose)
    if not spec.quiet_hours:
        return None
    return earliest_allowed(now_utc, spec, recipient_zones(recipient, business_tz), rules)


def earliest_allowed(
    now: datetime, purpose: Purpose, zones: Iterable[Zone], rules: Rules
) -> datetime | None:
    """None when `now` is inside the hours of every zone, else the first UTC moment that is."""
    for start, _ in allowed_windows(now, purpose, zones, rules)[:1]:
        return None if start <= now else start
    raise ValueError(f"no allowed moment for {purpose.name} within {SEARCH_DAYS} days of {now}")


def allowed_windows(now: datetime, purpose: Purpose, zones: Iterable[Zone], rules: Rules) -> list[Interval]:
    """The UTC intervals of the next SEARCH_DAYS days (from `now` on) inside the hours of every zone."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now {now!r} has no time zone")
    allowed: list[Interval] | None = None
    for zone in zones:
        windows = _windows(zone, purpose, rules, now)
        allowed = windows if allowed is None else _intersect(allowed, windows)
    return [(max(start, now), end) for start, end in allowed or () if end > now]


def local_span(day: date, zone: Zone, purpose: Purpose, rules: Rules) -> Span | None:
    """The local hours on `day` in `zone` for `purpose`, every applicable rule intersected."""
    holiday = _is_holiday(day, zone.state, rules.holiday_country)
    weekday = day.weekday()
    hours = [rules.marketing_hours if purpose.marketing else rules.automated_hours]
    if zone.unknown:
        hours.append(rules.unknown_zone_hours)
    state = rules.states.get(zone.state) if zone.state else None
    if state is not None:
        hours.append(state.hours)
        closed_day = weekday in state.marketing_closed_days
        if purpose.marketing and (closed_day or (holiday and state.marketing_closed_on_holidays)):
            return None
    spans = [h.on(weekday, holiday) for h in hours]
    if any(span is None for span in spans):
        return None
    start = max(span[0] for span in spans if span)
    end = min(span[1] for span in spans if span)
    return (start, end) if start < end else None


def _windows(zone: Zone, purpose: Purpose, rules: Rules, now: datetime) -> list[Interval]:
    """The zone's windows from the day before `now`'s local date, remembered per day: a campaign's
    dry run asks about thousands of recipients in the same few zones on the same day."""
    tz = ZoneInfo(zone.tz)
    first_day = now.astimezone(tz).date() - timedelta(days=1)
    key = (zone, purpose, first_day)
    cached = _WINDOW_CACHE.get(key)
    if cached is not None and cached[0] is rules:
        return cached[1]
    if len(_WINDOW_CACHE) >= WINDOW_CACHE_SIZE:
        _WINDOW_CACHE.clear()
    windows = _compute_windows(zone, purpose, rules, tz, first_day)
    _WINDOW_CACHE[key] = (rules, windows)
    return windows


WINDOW_CACHE_SIZE = 4096
_WINDOW_CACHE: dict[tuple, tuple[Rules, list[Interval]]] = {}


def _compute_windows(zone: Zone, purpose: Purpose, rules: Rules, tz: ZoneInfo, first_day: date) -> list[Interval]:
    windows: list[Interval] = []
    for offset in range(SEARCH_DAYS + 1):
        day = first_day + timedelta(days=offset)
        span = local_span(day, zone, purpose, rules)
        if span is not None:
            windows.extend(_utc_intervals(day, span, tz))
    return windows


def _intersect(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """Intersect two sorted lists of disjoint intervals."""
    result, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            result.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result


def _utc_intervals(day: date, span: Span, tz: ZoneInfo) -> list[Interval]:
    """The UTC instants whose local wall time on `day` lies in `span`, exactly.

    The span is cut where the UTC offset changes; on each piece wall time is UTC plus a fixed
    offset, so a skipped wall time (clocks going forward) starts the window at the jump, and a
    repeated one (clocks going back) yields the instants the wall clock really shows in the span.
    """
    low, high = datetime.combine(day, span[0]), datetime.combine(day, span[1])
    first = min(_as_utc(low, tz, fold) for fold in (0, 1))
    last = max(_as_utc(high, tz, fold) for fold in (0, 1))
    change = _offset_change(first, last, tz)
    pieces = [(first, last)] if change is None else [(first, change), (change, last)]
    intervals: list[Interval] = []
    for piece_start, piece_end in pieces:
        offset = piece_start.astimezone(tz).utcoffset()
        start = max(piece_start, (low - offset).replace(tzinfo=UTC))
        end = min(piece_end, (high - offset).replace(tzinfo=UTC))
        if start >= end:
            continue
        if intervals and intervals[-1][1] == start:
            start = intervals.pop()[0]
        intervals.append((start, end))
    return intervals


def _as_utc(wall: datetime, tz: ZoneInfo, fold: int) -> datetime:
    return wall.replace(tzinfo=tz, fold=fold).astimezone(UTC)


def _offset_change(first: datetime, last: datetime, tz: ZoneInfo) -> datetime | None:
    """The instant in [first, last] where the UTC offset changes (to the second), if it does."""
    final = last.astimezone(tz).utcoffset()
    if first.astimezone(tz).utcoffset() == final:
        return None
    lo, hi = 0, int((last - first).total_seconds())
    while lo < hi:
        mid = (lo + hi) // 2
        if (first + timedelta(seconds=mid)).astimezone(tz).utcoffset() == final:
            hi = mid
        else:
            lo = mid + 1
    return first + timedelta(seconds=lo)


def _is_holiday(day: date, state: str | None, country: str) -> bool:
    return day in _calendar(country, state)


@cache
def _calendar(country: str, subdivision: str | None) -> holidays.HolidayBase:
    try:
        return holidays.country_holidays(country, subdiv=subdivision)
    except NotImplementedError:  # not a subdivision of this country: its national holidays
        return holidays.country_holidays(country)
