"""Open appointment slots from the opening hours, holidays, capacity and the bookings already made."""

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from responder.profile import BusinessProfile, us_federal_holidays
from responder.when import RequestedWindow

WEEKDAY_PLURALS = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FULLY_BOOKED = "fully booked"
CLOSED_FOR_THE_DAY = "closed for the day"
NOT_ENOUGH_NOTICE = "not enough notice"


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class SlotAnswer:
    """Slots to offer, soonest first.

    `matched` is False when nothing fit the ask and `slots` are the nearest alternatives after it.
    `ends_before` names each asked day that is open but whose last slot starts before the hour asked.
    `closed_days` names each asked day with no opening and why: "closed Sundays",
    "holiday: Thanksgiving Day", "fully booked", "closed for the day", "not enough notice".
    """

    slots: tuple[Slot, ...]
    matched: bool
    closed_days: tuple[tuple[date, str], ...] = ()
    # Asked days open, but too late for the time asked: (day, start of its last slot, closing time).
    ends_before: tuple[tuple[date, time, time], ...] = ()


def open_slots(
    profile: BusinessProfile,
    bookings: Iterable[tuple[datetime, datetime]],
    now: datetime,
    window: RequestedWindow,
    *,
    limit: int | None = None,
    search_days: int = 14,
    unavailable: Collection[Slot | date] = (),
) -> SlotAnswer:
    """Find the open slots for what the customer asked, or the nearest ones after it (for an hour past the
    asked days' last slot, "6pm tomorrow", the latest slot of each day from the first asked).

    Args:
        profile: the business's hours, holidays, slot length, capacity and notice.
        bookings: aware (start, end) pairs of bookings that hold capacity; any order.
        now: aware current time.
        window: the asked days and times; no days means the soonest.
        limit: how many slots to offer; default `profile.options_to_offer`.
        search_days: how far past the last asked day (or today) to look.
        unavailable: slots, or whole days, not to offer whatever the capacity (a visit being moved is not moved
            onto itself; a customer with a visit on a day is not offered a second one that day).
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    earliest_start = now + timedelta(minutes=profile.minimum_notice_minutes)
    calendar = _Calendar(profile, _BookingIndex.of(bookings), now, earliest_start, frozenset(unavailable))
    wanted = profile.options_to_offer if limit is None else limit
    today = now.astimezone(profile.time_zone).date()
    asked = tuple(sorted(set(window.days)))
    first_day = asked[0] if asked else today
    searched = _day_range(first_day, max(asked[-1] if asked else today, today) + timedelta(days=search_days))
    closed_days = tuple((day, reason) for day in asked if (reason := calendar.closure(day)))

    fitting = [slot for day in (asked or searched) for slot in calendar.free(day) if _fits(slot, window)]
    if fitting:
        return SlotAnswer(tuple(fitting[:wanted]), True, closed_days)

    ends_before = tuple((day, grid[-1].start.time(), profile.hours[day.weekday()][-1].closes) for day in asked
                        if (grid := calendar.grid(day)) and _too_late(grid, window))
    if ends_before and {day for day, *_ in ends_before} | {day for day, _ in closed_days} >= set(asked):
        # "6pm?" past the closing: the latest time of each day from the first asked, nearest to the hour asked.
        latest = [free[-1] for day in searched if (free := calendar.free(day))]
        return SlotAnswer(tuple(latest[:wanted]), False, closed_days, ends_before)
    after = datetime.combine(first_day, window.earliest or time.min, profile.time_zone) if asked else now
    later = [slot for day in searched for slot in calendar.free(day) if slot.start >= after]
    preferred = [slot for slot in later if _fits(slot, window)][:wanted]
    others = [slot for slot in later if slot not in preferred][: wanted - len(preferred)]
    return SlotAnswer(tuple(sorted(preferred + others)), False, closed_days)


def _too_late(grid: list[Slot], window: RequestedWindow) -> bool:
    """No slot of the day could fit the ask, however free, because the ask starts after its last slot does."""
    return (window.earliest is not None and window.earliest > grid[-1].start.time()
            and not any(_fits(slot, window) for slot in grid))


def describe_slot(slot: Slot, tz: ZoneInfo, now: datetime) -> str:
    """Short GSM-7 text for a slot in the reader's zone: "Tue Nov 24, 8-10am" (zone named if not the business's)."""
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    day = f"{WEEKDAY_ABBREVIATIONS[start.weekday()]} {MONTH_ABBREVIATIONS[start.month - 1]} {start.day}"
    if start.year != now.astimezone(tz).year:
        day += f" {start.year}"
    text = f"{day}, {_time_range(start.time(), end.time())}"
    if start.utcoffset() != slot.start.utcoffset():
        text += f" {start.tzname()}"
    return text


def format_options(slots: Iterable[Slot], tz: ZoneInfo, now: datetime) -> str:
    """Numbered options: "1) Tue Nov 24, 8-10am 2) Tue Nov 24, 10am-12pm"."""
    return " ".join(f"{number}) {describe_slot(slot, tz, now)}" for number, slot in enumerate(slots, 1))


@dataclass(frozen=True)
class _BookingIndex:
    """Booking starts and ends, each sorted, in UTC: how many overlap a span is two bisections."""

    starts: list[datetime]
    ends: list[datetime]

    @classmethod
    def of(cls, bookings: Iterable[tuple[datetime, datetime]]) -> "_BookingIndex":
        starts, ends = [], []
        for start, end in bookings:
            if start.tzinfo is None or end.tzinfo is None:
                raise ValueError("booking times must be timezone-aware")
            if end < start:
                raise ValueError(f"booking ends before it starts: {start} - {end}")
            starts.append(start.astimezone(UTC))
            ends.append(end.astimezone(UTC))
        return cls(sorted(starts), sorted(ends))

    def overlapping(self, start: datetime, end: datetime) -> int:
        # Every booking that ended by `start` also started before `end`, so a difference of counts.
        return bisect_left(self.starts, end) - bisect_right(self.ends, start)


@dataclass(frozen=True)
class _Calendar:
    profile: BusinessProfile
    bookings: _BookingIndex
    now: datetime
    earliest_start: datetime
    unavailable: frozenset[Slot | date] = frozenset()

    def grid(self, day: date) -> list[Slot]:
        """The day's slots in wall time, from each opening, that end by its closing."""
        if self.holiday(day):
            return []
        step, zone, slots = timedelta(minutes=self.profile.slot_minutes), self.profile.time_zone, []
        for interval in self.profile.hours[day.weekday()]:
            start, closes = datetime.combine(day, interval.opens), datetime.combine(day, interval.closes)
            while start + step <= closes:
                slots.append(Slot(start.replace(tzinfo=zone), (start + step).replace(tzinfo=zone)))
                start += step
        return slots

    def free(self, day: date) -> list[Slot]:
        return [slot for slot in self.grid(day) if self.is_free(slot)]

    def is_free(self, slot: Slot) -> bool:
        return (
            slot.start >= self.earliest_start
            and slot not in self.unavailable
            and slot.start.date() not in self.unavailable
            and self.bookings.overlapping(slot.start, slot.end) < self.profile.capacity
        )

    def holiday(self, day: date) -> str | None:
        for holiday in self.profile.holidays:
            if holiday.day == day:
                return f"holiday: {holiday.name}" if holiday.name else "holiday"
        if self.profile.us_public_holidays and (name := us_federal_holidays(day.year).get(day)):
            return f"holiday: {name}"
        return None

    def closure(self, day: date) -> str | None:
        """Why `day` has no opening, or None when it has one."""
        if holiday := self.holiday(day):
            return holiday
        grid = self.grid(day)
        if not grid:
            return f"closed {WEEKDAY_PLURALS[day.weekday()]}"
        if any(self.is_free(slot) for slot in grid):
            return None
        closing = self.profile.hours[day.weekday()][-1].closes
        if self.now >= datetime.combine(day, closing, self.profile.time_zone):
            return CLOSED_FOR_THE_DAY
        if grid[-1].start < self.earliest_start:
            return NOT_ENOUGH_NOTICE
        return FULLY_BOOKED


def _fits(slot: Slot, window: RequestedWindow) -> bool:
    start, end = slot.start.time(), slot.end.time()
    if window.earliest is not None and window.earliest == window.latest:
        return start <= window.earliest < end
    return (window.earliest is None or start >= window.earliest) and (window.latest is None or end <= window.latest)


def _day_range(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _time_range(start: time, end: time) -> str:
    if (start.hour < 12) == (end.hour < 12):
        return f"{_hour(start)}-{_hour(end)}{_meridiem(end)}"
    return f"{_hour(start)}{_meridiem(start)}-{_hour(end)}{_meridiem(end)}"


def clock(moment: time) -> str:
    """ "8am", "12:30pm" """
    return f"{_hour(moment)}{_meridiem(moment)}"


def _hour(moment: time) -> str:
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{moment.hour % 12 or 12}{minutes}"


def _meridiem(moment: time) -> str:
    return "am" if moment.hour < 12 else "pm"
