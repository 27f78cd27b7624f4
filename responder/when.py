"""Read the day and time a customer asked for ("tmrw morning", "fri after 3") relative to now.

Readings chosen for phrases people use loosely (weeks run Monday to Sunday):
- a weekday ("friday", "this friday") is the next such day; said on that very day, "this friday"
  is today and a bare "friday" is both today and a week from today (two candidates);
- "next friday" is the Friday of next week, so said on a Monday it is 11 days away, said on a
  Saturday 6; "friday next week" means the same;
- "this week" is today through Sunday; "next week" is next Monday through Sunday;
- "weekend" / "this weekend" is the coming Saturday and Sunday (only Sunday when said on a Sunday);
  "next weekend" is the Saturday and Sunday of next week;
- a bare hour 1-7 is pm ("after 3" = 15:00), 8-11 am, 12 noon;
- "12/3" is month/day; a date without a year is the next one that is not in the past;
- morning 06:00-12:00, afternoon 12:00-17:00, evening / tonight 17:00-20:00, after lunch 13:00-.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from classifiers.text import without_greeting
from responder.profile import us_federal_holidays
from responder.when_es import from_spanish

MORNING = (time(6), time(12))
AFTERNOON = (time(12), time(17))
EVENING = (time(17), time(20))

PARTS_OF_DAY: dict[str, tuple[time | None, time | None]] = {
    "first thing in the morning": (None, time(10)),
    "first thing": (None, time(10)),
    "early morning": (None, time(10)),
    "late morning": (time(10), time(12)),
    "morning": MORNING,
    "mornings": MORNING,
    "early afternoon": (time(12), time(15)),
    "late afternoon": (time(15), time(17)),
    "afternoon": AFTERNOON,
    "afternoons": AFTERNOON,
    "evening": EVENING,
    "evenings": EVENING,
    "night": EVENING,
    "after lunch": (time(13), None),
    "before lunch": (None, time(12)),
    "after work": (time(17), None),
    "after school": (time(15), None),
}
DAY_WORDS: dict[str, tuple[int, tuple[time, time] | None]] = {
    "the day after tomorrow": (2, None),
    "day after tomorrow": (2, None),
    "this morning": (0, MORNING),
    "this afternoon": (0, AFTERNOON),
    "this evening": (0, EVENING),
    "tonight": (0, EVENING),
    "today": (0, None),
    "tomorrow": (1, None),
}
def _federal(name: str) -> Callable[[int], date]:
    """The date of the US federal holiday `name` in a year ("Thanksgiving Day"), as the holidays library has it."""
    return lambda year: next(day for day, named in us_federal_holidays(year).items() if named == name)


# Words after a holiday's name that make it a thing, not a day: "christmas lights", "thanksgiving dinner".
HOLIDAY_NOUNS = ("lights", "light", "tree", "trees", "decorations", "decoration", "party", "gift", "gifts", "presents",
                 "sale", "special", "specials", "bonus", "dinner", "lunch", "music", "inflatable", "inflatables",
                 "display", "luces", "arbol", "cena", "fiesta", "regalos")
# "early next week", "end of the week": the weekdays (Monday 0) of that part of a week.
WEEK_PARTS = {
    **dict.fromkeys(("early", "earlier", "beginning of", "start of", "first part of"), frozenset({0, 1})),
    **dict.fromkeys(("mid", "middle of"), frozenset({1, 2, 3})),
    **dict.fromkeys(("end of", "late", "latter part of", "back half of", "tail end of"), frozenset({3, 4, 5})),
}
# Days customers name by their holiday ("are you open christmas eve?"), English and (after normalise) Spanish.
HOLIDAY_DAYS: dict[str, Callable[[int], date]] = {
    **dict.fromkeys(("christmas eve", "xmas eve", "nochebuena"), lambda year: date(year, 12, 24)),
    **dict.fromkeys(("christmas day", "christmas", "xmas", "navidad", "dia de navidad"),
                    lambda year: date(year, 12, 25)),
    **dict.fromkeys(("new year's eve", "new years eve", "nochevieja", "fin de ano"), lambda year: date(year, 12, 31)),
    **dict.fromkeys(("new year's day", "new years day", "new year's", "new years", "ano nuevo", "dia de ano nuevo"),
                    lambda year: date(year, 1, 1)),
    **dict.fromkeys(("thanksgiving day", "thanksgiving", "dia de accion de gracias", "accion de gracias"),
                    _federal("Thanksgiving Day")),
    **dict.fromkeys(("fourth of july", "4th of july", "independence day", "dia de la independencia"),
                    lambda year: date(year, 7, 4)),
    "memorial day": _federal("Memorial Day"),
    "labor day": _federal("Labor Day"),
    **dict.fromkeys(("halloween",), lambda year: date(year, 10, 31)),
}


WEEKDAYS = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tues": 1, "tue": 1,
    "wednesday": 2, "weds": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
FULL_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
AMBIGUOUS_WEEKDAYS = {"sat", "sun", "wed"}  # also ordinary words: accepted only with a cue nearby
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
SPELLINGS = {
    "tomorrow": "tmrw tmrow tmw tmr tmro tmoro tomoro tomorro tomorow tommorow tommorrow tomorrw "
    "tommorw tomorroe 2morrow 2morow 2moro 2mrw 2mro",
    "tonight": "tonite 2nite 2night tonigh",
    "today": "2day tday",
    "weekend": "wkend wknd",
    "wednesday": "wensday wendsday wednsday wedensday",
    "thursday": "thrusday thurday",
    "saturday": "saterday",
    "morning": "mornin morming",
    "afternoon": "afternon aftenoon",
    "evening": "evenin",
    "next": "nxt",
    "before": "b4 bfr befor",
}
BOUND_WORDS = {
    "no earlier than": "earliest", "not before": "earliest", "later than": "earliest",
    "anytime after": "earliest", "any time after": "earliest", "starting at": "earliest",
    "after": "earliest", "from": "earliest",
    "no later than": "latest", "not after": "latest", "earlier than": "latest",
    "before": "latest", "until": "latest", "till": "latest", "til": "latest", "by": "latest",
    "around": "point", "about": "point", "at": "point", "@": "point",
}  # fmt: skip
NOT_CLOCK_UNITS = (
    "day", "days", "week", "weeks", "hour", "hours", "hr", "hrs", "min", "mins", "minutes",
    "month", "months", "year", "years", "yrs", "inch", "inches", "feet", "ft", "gallon", "gallons",
    "people", "of", "percent",
)  # fmt: skip
WEEKDAY_CUES = {"on", "or", "and", "by", "til", "till", "until", "before", "after", "this", "next", "for"}


@dataclass(frozen=True)
class RequestedWindow:
    """What the customer asked for, in the business's local dates and wall-clock times.

    `days` empty means no date was asked: offer the soonest. `earliest`/`latest` bound the
    appointment window; when they are equal it is a point in time ("at 10am"): the window holding it.
    """

    days: tuple[date, ...] = ()
    earliest: time | None = None
    latest: time | None = None
    phrase: str = ""
    asap: bool = False


def as_business_clock(window: RequestedWindow, reader: ZoneInfo, business: ZoneInfo, today: date) -> RequestedWindow:
    """A window read on the customer's clock ("after 2pm" in Chicago), as the business's clock reads it.

    Days stay the customer's dates; the hours move by the zones' difference on the first day asked
    (or today). An hour pushed past midnight is clamped to the day's end or start.
    """
    if reader.key == business.key or (window.earliest is None and window.latest is None):
        return window
    day = window.days[0] if window.days else today

    def moved(moment: time | None) -> time | None:
        if moment is None:
            return None
        there = datetime.combine(day, moment, reader).astimezone(business)
        if there.date() != day:
            return time.max if there.date() > day else time.min
        return there.time()

    return replace(window, earliest=moved(window.earliest), latest=moved(window.latest))


def requested_window(
    text: str | None,
    now: datetime,
    tz: ZoneInfo,
    entities: Iterable[Mapping[str, object]] = (),
) -> RequestedWindow:
    """Read the date and time phrases in `text`, and in the classifier's `entities` it may have found.

    Args:
        text: the customer's message; the phrases are found in it even without entities.
        now: an aware datetime; relative words ("tomorrow") count from its date in `tz`.
        tz: the business time zone.
        entities: dicts with "kind" ("date" or "time") and "text"; texts not in `text` are read too.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    local_now = now.astimezone(tz)
    working = normalise(_with_entities(text or "", entities))
    reading = _Reading(working, local_now.date(), local_now.time())
    for pattern, handler in _RULES:
        working = _apply(pattern, handler, working, reading)
    return reading.window()


@dataclass
class _Reading:
    source: str
    today: date
    clock: time
    dates: list[date] = field(default_factory=list)
    weekdays: list[tuple[int, str]] = field(default_factory=list)
    week: str = ""
    parts: list[tuple[time | None, time | None]] = field(default_factory=list)
    bounds: dict[str, time] = field(default_factory=dict)
    asap: bool = False
    pieces: list[tuple[int, str]] = field(default_factory=list)
    week_days: frozenset[int] | None = None  # "early next week": only these weekdays of it

    def window(self) -> RequestedWindow:
        named_weekdays = {weekday for weekday, _ in self.weekdays}
        dated = {day for day in self.dates if day >= self.today}
        if any(day.weekday() in named_weekdays for day in dated):  # "saturday the 5th", "tue 12/1": one day
            dated, weekday_dates = {day for day in dated if day.weekday() in named_weekdays}, set()
        else:
            weekday_dates = self._weekday_dates()
        days = dated | weekday_dates
        if not (self.weekdays and self.week in {"this", "next"}):  # else "friday next week" is one day
            days |= self._week_dates()
        earliest, latest = self._times()
        phrase = _WEEKDAY_NAME.sub(lambda m: FULL_WEEKDAY_NAMES[WEEKDAYS[m[0]]], _joined(self.source, self.pieces))
        return RequestedWindow(tuple(sorted(days)), earliest, latest, phrase, self.asap)

    def _weekday_dates(self) -> set[date]:
        next_monday = self.today + timedelta(days=7 - self.today.weekday())
        dates = set()
        for weekday, qualifier in self.weekdays:
            if (qualifier or self.week) == "next":
                dates.add(next_monday + timedelta(days=weekday))
                continue
            dates.add(self.today + timedelta(days=(weekday - self.today.weekday()) % 7))
            if weekday == self.today.weekday() and qualifier in {"", "on"} and self.week != "this":
                dates.add(self.today + timedelta(days=7))  # "friday", said on a Friday: today or a week on
        return dates

    def _week_dates(self) -> set[date]:
        next_monday = self.today + timedelta(days=7 - self.today.weekday())
        if self.week == "this":
            return self._part_of_week({self.today + timedelta(days=n) for n in range((next_monday - self.today).days)})
        if self.week == "next":
            return self._part_of_week({next_monday + timedelta(days=n) for n in range(7)})
        if self.week == "weekend" and self.today.weekday() == 6:
            return {self.today}
        if self.week == "weekend":
            saturday = self.today + timedelta(days=5 - self.today.weekday())
            return {saturday, saturday + timedelta(days=1)}
        if self.week == "next weekend":
            return {next_monday + timedelta(days=5), next_monday + timedelta(days=6)}
        return set()

    def _part_of_week(self, days: set[date]) -> set[date]:
        if self.week_days is None:
            return days
        # "end of the week" said on a Sunday has none of this week left: that part of next week instead
        return {day for day in days if day.weekday() in self.week_days} or self._next_week_part()

    def _next_week_part(self) -> set[date]:
        next_monday = self.today + timedelta(days=7 - self.today.weekday())
        return {next_monday + timedelta(days=n) for n in range(7) if n in self.week_days}

    def _times(self) -> tuple[time | None, time | None]:
        if "point" in self.bounds:
            return self.bounds["point"], self.bounds["point"]
        earliest, latest = self.bounds.get("earliest"), self.bounds.get("latest")
        if self.parts:
            starts, ends = [p[0] for p in self.parts], [p[1] for p in self.parts]
            part_start = None if None in starts else min(s for s in starts if s is not None)
            part_end = None if None in ends else max(e for e in ends if e is not None)
            if earliest is None and part_start and (latest is None or part_start < latest):
                earliest = part_start
            if latest is None and part_end and (earliest is None or part_end > earliest):
                latest = part_end
        if earliest is not None and latest is not None and earliest >= latest:
            latest = None
        return earliest, latest


def _joined(source: str, pieces: list[tuple[int, str]]) -> str:
    """Join the understood pieces in text order, keeping short connecting words ("tue or wed")."""
    words: list[str] = []
    end = None
    for start, text in sorted(pieces):
        if end is not None and _CONNECTING_WORDS.fullmatch(source[end:start]):
            words.extend(source[end:start].split())
        words.extend(text.split())
        end = start + len(text)
    return " ".join(words).replace(" ,", ",")


_CONNECTING_WORDS = re.compile(r"\s*(?:(?:or|and|on|at|in the|-|,)\s*)?")


# A handler returns True when it understood the match, False to leave the text for later rules,
# None to drop the text without using it.
_Handler = Callable[[re.Match[str], str, _Reading], bool | None]


def _apply(pattern: re.Pattern[str], handler: _Handler, working: str, reading: _Reading) -> str:
    for match in pattern.finditer(working):
        understood = handler(match, working, reading)
        if understood:
            reading.pieces.append((match.start(), match.group(0)))
        if understood is not False:
            working = working[: match.start()] + " " * len(match.group(0)) + working[match.end() :]
    return working


def _with_entities(text: str, entities: Iterable[Mapping[str, object]]) -> str:
    extra = []
    for entity in entities:
        entity_text = str(entity.get("text", "")).strip()
        if not entity_text or entity_text.lower() in text.lower():
            continue
        bare_hour = entity.get("kind") == "time" and re.fullmatch(r"\d{1,2}(:\d\d)?", entity_text)
        extra.append(f"at {entity_text}" if bare_hour else entity_text)
    return " ; ".join([text, *extra])


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_MISSPELLING = re.compile(
    r"\b(" + _alternation(v for variants in SPELLINGS.values() for v in variants.split()) + r")\b"
)
_CORRECT = {variant: word for word, variants in SPELLINGS.items() for variant in variants.split()}


def normalise(text: str) -> str:
    """Lower-case `text`, straighten quotes and dashes, read Spanish phrases as English ones ("mañana en la
    tarde" is "tomorrow afternoon", see when_es) and correct common misspellings ("tmrw"). An opening greeting
    is dropped: the "morning" of "Good morning, can you come tomorrow?" asks for no time of day."""
    lowered = without_greeting(text).lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return _MISSPELLING.sub(lambda m: _CORRECT[m.group(1)], from_spanish(lowered))


def _clock(n: int) -> str:
    return (
        rf"(?:(?P<h{n}>\d{{1,2}})(?::(?P<m{n}>[0-5]\d))?(?![\d/])\s*(?P<ap{n}>[ap]\.?m\b\.?)?"
        rf"|(?P<noon{n}>noon|midday))"
        rf"(?!\s*(?:{_alternation(NOT_CLOCK_UNITS)})\b)"
    )


def _to_time(match: re.Match[str], n: int) -> time | None:
    if match.group(f"noon{n}"):
        return time(12)
    hour, minute = int(match.group(f"h{n}")), int(match.group(f"m{n}") or 0)
    meridiem = (match.group(f"ap{n}") or "")[:1]
    if meridiem and not 1 <= hour <= 12:
        return None
    if meridiem == "p" and hour < 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    elif not meridiem and 1 <= hour <= 7:
        hour += 12
    return time(hour, minute) if hour <= 23 else None


def _asap(match: re.Match[str], working: str, reading: _Reading) -> bool:
    reading.asap = True
    return True


def _day_word(match: re.Match[str], working: str, reading: _Reading) -> bool | None:
    offset, part = DAY_WORDS[match.group(1)]
    if match.group(1).startswith("this ") and part and part[1] <= reading.clock:
        return None  # "this morning the pipe burst", said in the evening, tells of the past
    reading.dates.append(reading.today + timedelta(days=offset))
    if part:
        reading.parts.append(part)
    return True


def _holiday(match: re.Match[str], working: str, reading: _Reading) -> bool:
    """The next such day from today ("christmas eve" said in November is this year's), or the day after or
    before it."""
    day_in = HOLIDAY_DAYS[match.group(2)]
    shift = timedelta(days={None: 0, "a": 1, "b": -1}[match["side"] and ("a" if "after" in match["side"]
                                                                          or "despues" in match["side"] else "b")])
    for year in (reading.today.year, reading.today.year + 1):
        if (day := day_in(year) + shift) >= reading.today:
            reading.dates.append(day)
            return True
    return False


def _numeric_date(match: re.Match[str], working: str, reading: _Reading) -> bool:
    year = match.group(3)
    full_year = int(year) + (2000 if len(year) == 2 else 0) if year else None
    return _add_date(reading, int(match.group(1)), int(match.group(2)), full_year)


def _month_day(match: re.Match[str], working: str, reading: _Reading) -> bool:
    month = MONTHS[match.group("month")]
    year = match.group("year")
    return _add_date(reading, month, int(match.group("day")), int(year) if year else None)


def _add_date(reading: _Reading, month: int, day: int, year: int | None) -> bool:
    years = [year] if year else [reading.today.year, reading.today.year + 1]
    for candidate_year in years:
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if year or candidate >= reading.today:
            reading.dates.append(candidate)
            return True
    return False


def _day_of_month(match: re.Match[str], working: str, reading: _Reading) -> bool:
    day = int(match.group("day"))
    month_start = reading.today.replace(day=1)
    for months_ahead in range(13):
        year, month = divmod(month_start.month - 1 + months_ahead, 12)
        try:
            candidate = date(month_start.year + year, month + 1, day)
        except ValueError:
            continue
        if candidate >= reading.today:
            reading.dates.append(candidate)
            return True
    return False


def _week(match: re.Match[str], working: str, reading: _Reading) -> bool:
    qualifier, unit = match.group(match.re.groups - 1) or "", match.group(match.re.groups)
    if unit == "week" and match.groupdict().get("part"):
        reading.week_days = WEEK_PARTS[match["part"]]
    if unit == "week" and qualifier == "the" and not match.groupdict().get("part"):
        return False  # "the week" alone says no week
    if unit == "weekend":
        reading.week = "next weekend" if qualifier == "next" else "weekend"
    else:
        reading.week = "next" if qualifier in {"next", "this coming", "the following"} else "this"
    return True


def _weekday(match: re.Match[str], working: str, reading: _Reading) -> bool:
    qualifier, name = match.group(1) or "", match.group(2)
    if name in AMBIGUOUS_WEEKDAYS and not qualifier and not _cued(working, match):
        return False
    singular = name.removesuffix("s") if name.endswith("days") else name
    reading.weekdays.append((WEEKDAYS[singular], qualifier))
    return True


def _cued(working: str, match: re.Match[str]) -> bool:
    before = working[: match.start()].split()
    after = working[match.end() :].lstrip()
    return (
        not before
        or before[-1] in WEEKDAY_CUES
        or not after
        or after[0] in "?!.,;/"
        or bool(_TIME_AFTER_WEEKDAY.match(after))
    )


_TIME_AFTER_WEEKDAY = re.compile(
    r"(morning|afternoon|evening|night|\d|or\b|and\b|works|would|ok|"
    r"(at|after|before|around|between|by)\s+(\d|noon|lunch))"
)


def _part_of_day(match: re.Match[str], working: str, reading: _Reading) -> bool:
    reading.parts.append(PARTS_OF_DAY[match.group(1)])
    return True


def _range(match: re.Match[str], working: str, reading: _Reading) -> bool:
    start, end = _to_time(match, 1), _to_time(match, 2)
    if start is None or end is None:
        return False
    start_meridiem, end_meridiem = match.group("ap1"), match.group("ap2")
    if not match.group("lead") and not (start_meridiem or end_meridiem):
        return False
    if end_meridiem and not start_meridiem and match.group("h1"):
        start = _to_time_with(match, end_meridiem)
        if start is None or start >= end:
            start = _to_time_with(match, "pm" if end_meridiem.startswith("a") else "am")
    if start is not None and end <= start and end.hour < 12:
        end = end.replace(hour=end.hour + 12)
    if start is None or start >= end:
        return False
    reading.bounds.setdefault("earliest", start)
    reading.bounds.setdefault("latest", end)
    return True


def _to_time_with(match: re.Match[str], meridiem: str) -> time | None:
    hour = int(match.group("h1"))
    if not 1 <= hour <= 12:
        return None
    hour = hour % 12 + (12 if meridiem.startswith("p") else 0)
    return time(hour, int(match.group("m1") or 0))


def _bound(match: re.Match[str], working: str, reading: _Reading) -> bool:
    moment = _to_time(match, 1)
    if moment is None:
        return False
    reading.bounds.setdefault(BOUND_WORDS[match.group("word")], moment)
    return True


def _clock_time(match: re.Match[str], working: str, reading: _Reading) -> bool:
    moment = _to_time(match, 1)
    if moment is None or not (match.group("ap1") or match.group("noon1") or match.group("m1")):
        return False
    reading.bounds.setdefault("point", moment)
    return True


_MONTH = rf"(?P<month>{_alternation(MONTHS)})\.?"
_ORDINAL = r"(?P<day>\d{1,2})(?:st|nd|rd|th)"
_DAY_NUMBER = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_WEEKDAY_NAMES = "|".join(
    rf"{name}s?" if name.endswith("day") else name for name in sorted(WEEKDAYS, key=len, reverse=True)
)
_ASAP = (
    r"(?<!\w)(?:asap|a\.s\.a\.p\.?|as soon as (?:possible|you can)|soonest|earliest"
    r"|first available|next available|right away|right now|immediately)(?!\w)"
)
_WEEKDAY_NAME = re.compile(rf"\b({_alternation(WEEKDAYS)})\b")
_THE_ORDINAL = (
    rf"\bthe\s+{_ORDINAL}\b(?=\s*(?:$|[?!.,;]|at\b|after\b|before\b|between\b|in the\b"
    r"|morning|afternoon|evening|works|or\b|and\b|would|could|is good|is fine|ok))"
)
_RULES: tuple[tuple[re.Pattern[str], _Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (_ASAP, _asap),
        (rf"\b(?:(?:the\s+)?(?P<side>day after|day before|dia despues de(?:l)?|dia antes de(?:l)?)\s+)?"
         rf"({_alternation(HOLIDAY_DAYS)})(?!\w)(?!\s+(?:{_alternation(HOLIDAY_NOUNS)})\b)", _holiday),
        (rf"\b({_alternation(DAY_WORDS)})\b", _day_word),
        (r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\b", _numeric_date),
        (rf"\b{_MONTH}\s+{_DAY_NUMBER}\b{_YEAR}", _month_day),
        (rf"\b{_DAY_NUMBER}\s+(?:of\s+)?{_MONTH}\b{_YEAR}", _month_day),
        (rf"\b(?:on|for)\s+(?:the\s+)?{_ORDINAL}\b", _day_of_month),
        (_THE_ORDINAL, _day_of_month),
        (r"\b(?:(?P<part>early|earlier|beginning of|start of|first part of|mid|middle of|end of|late"
         r"|latter part of|back half of|tail end of)\s+)?(this|later this|rest of this|rest of the|next|this coming"
         r"|the following|the)\s+(week)\b", _week),
        (r"\b(?:(this|next|on the|the)\s+)?(weekend)s?\b", _week),
        (rf"(?<!')\b(?:(this coming|coming|this|next|on)\s+)?({_WEEKDAY_NAMES})\b", _weekday),
        (rf"\b({_alternation(PARTS_OF_DAY)})\b", _part_of_day),
        (rf"(?<!\w)(?:(?P<lead>between|from)\s+)?{_clock(1)}\s*(?:and|to|-)\s*{_clock(2)}", _range),
        (rf"(?<!\w)(?P<word>{_alternation(BOUND_WORDS)})\s*{_clock(1)}", _bound),
        (rf"(?<!\w){_clock(1)}", _clock_time),
    )
)
