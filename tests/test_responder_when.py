from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from responder.when import RequestedWindow, requested_window

TZ = ZoneInfo("America/New_York")
MONDAY_7PM = datetime(2026, 11, 23, 19, 0, tzinfo=TZ)  # Monday, Thanksgiving week


def days(*numbers: int, month: int = 11, year: int = 2026) -> tuple[date, ...]:
    return tuple(date(year, month, number) for number in numbers)


@pytest.mark.parametrize(
    ("text", "expected_days", "earliest", "latest"),
    [
        ("can someone come today?", days(23), None, None),
        ("tonight?", days(23), time(17), time(20)),
        ("can someone come tomorrow?", days(24), None, None),
        ("can someone come tomorrow morning?", days(24), time(6), time(12)),
        ("tomorrow afternoon", days(24), time(12), time(17)),
        ("tomorrow evening", days(24), time(17), time(20)),
        ("tomorrow night", days(24), time(17), time(20)),
        ("the day after tomorrow", days(25), None, None),
        ("tmrw", days(24), None, None),
        ("tmr am I on the list", days(24), None, None),
        ("tomorow morning pls", days(24), time(6), time(12)),
        ("2morrow", days(24), None, None),
        ("wednesday", days(25), None, None),
        ("mon", days(23, 30), None, None),
        ("tue", days(24), None, None),
        ("tues", days(24), None, None),
        ("weds", days(25), None, None),
        ("thu", days(26), None, None),
        ("thurs", days(26), None, None),
        ("fri", days(27), None, None),
        ("sat", days(28), None, None),
        ("sun?", days(29), None, None),
        ("this friday", days(27), None, None),
        ("next friday", days(4, month=12), None, None),
        ("friday next week", days(4, month=12), None, None),
        ("tues or weds", days(24, 25), None, None),
        ("this weekend or monday", days(23, 28, 29, 30), None, None),
        ("this monday", days(23), None, None),
        ("thursday this week", days(26), None, None),
        ("friday after 3", days(27), time(15), None),
        ("before noon", (), None, time(12)),
        ("after lunch", (), time(13), None),
        ("between 2 and 4", (), time(14), time(16)),
        ("between 11 and 1", (), time(11), time(13)),
        ("8-10am", (), time(8), time(10)),
        ("at 10am", (), time(10), time(10)),
        ("at 10", (), time(10), time(10)),
        ("around 10:30", (), time(10, 30), time(10, 30)),
        ("anytime after 6", (), time(18), None),
        ("by 5", (), None, time(17)),
        ("morning", (), time(6), time(12)),
        ("afternoon", (), time(12), time(17)),
        ("evening", (), time(17), time(20)),
        ("tomorrow morning after 9", days(24), time(9), time(12)),
        ("this week", days(23, 24, 25, 26, 27, 28, 29), None, None),
        ("next week", days(30) + days(1, 2, 3, 4, 5, 6, month=12), None, None),
        ("this weekend", days(28, 29), None, None),
        ("weekend", days(28, 29), None, None),
        ("next weekend", days(5, 6, month=12), None, None),
        ("on the 14th", days(14, month=12), None, None),
        ("the 30th works", days(30), None, None),
        ("Dec 3", days(3, month=12), None, None),
        ("december 3rd at 2pm", days(3, month=12), time(14), time(14)),
        ("3rd of december", days(3, month=12), None, None),
        ("12/3", days(3, month=12), None, None),
        ("1/5", days(5, month=1, year=2027), None, None),
        ("12/3/2026", days(3, month=12), None, None),
    ],
)
def test_reads_date_and_time_phrases(text, expected_days, earliest, latest):
    window = requested_window(text, MONDAY_7PM, TZ)

    assert (window.days, window.earliest, window.latest) == (expected_days, earliest, latest)
    assert window.phrase


@pytest.mark.parametrize(
    "text", ["asap", "ASAP please", "soonest you can", "earliest available", "as soon as possible"]
)
def test_asap(text):
    window = requested_window(text, MONDAY_7PM, TZ)

    assert window.asap
    assert window.days == ()


@pytest.mark.parametrize(
    "text",
    [
        "my water heater is leaking",
        "the water sat in the basement for a week",
        "the sun is out",
        "c'mon, it's been 3 days",
        "call me at 555-0142",
        "the 2nd bathroom sink",
        "feb 30",
        "the christmas lights in front are out",
        "need it done before thanksgiving dinner",
        "",
    ],
)
def test_no_date_or_time(text):
    assert requested_window(text, MONDAY_7PM, TZ) == RequestedWindow()


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 23, 9, tzinfo=TZ), date(2026, 12, 4)),  # Monday: Friday of next week
        (datetime(2026, 11, 26, 9, tzinfo=TZ), date(2026, 12, 4)),  # Thursday
        (datetime(2026, 11, 27, 9, tzinfo=TZ), date(2026, 12, 4)),  # Friday: a week on
        (datetime(2026, 11, 28, 9, tzinfo=TZ), date(2026, 12, 4)),  # Saturday: next week starts Monday
    ],
)
def test_next_weekday_is_in_next_week(now, expected):
    assert requested_window("next friday", now, TZ).days == (expected,)


def test_bare_weekday_said_on_that_day_is_today_or_a_week_on():
    friday = datetime(2026, 11, 27, 7, tzinfo=TZ)

    assert requested_window("friday?", friday, TZ).days == (date(2026, 11, 27), date(2026, 12, 4))
    assert requested_window("this friday", friday, TZ).days == (date(2026, 11, 27),)


def test_weekend_said_on_sunday_is_today():
    sunday = datetime(2026, 11, 29, 9, tzinfo=TZ)

    assert requested_window("this weekend", sunday, TZ).days == (date(2026, 11, 29),)


def test_this_morning_said_in_the_evening_tells_of_the_past():
    window = requested_window("this morning the pipe burst, can you come tmrw?", MONDAY_7PM, TZ)

    assert window == RequestedWindow(days=(date(2026, 11, 24),), phrase="tomorrow")


def test_this_afternoon_said_in_the_morning_is_today():
    morning = datetime(2026, 11, 23, 9, tzinfo=TZ)

    window = requested_window("this afternoon?", morning, TZ)

    assert (window.days, window.earliest, window.latest) == ((date(2026, 11, 23),), time(12), time(17))


def test_date_without_year_in_the_past_is_next_year():
    assert requested_window("nov 2", MONDAY_7PM, TZ).days == (date(2027, 11, 2),)


def test_today_is_counted_in_the_business_zone():
    utc_after_midnight = datetime(2026, 11, 24, 2, 0, tzinfo=ZoneInfo("UTC"))  # 9pm Monday in New York

    assert requested_window("tomorrow", utc_after_midnight, TZ).days == (date(2026, 11, 24),)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("can someone come tmrw morning?", "tomorrow morning"),
        ("thu or fri after 3 works", "thursday or friday after 3"),
        ("any chance tmrw, my sink is broken, after 3 works", "tomorrow after 3"),
    ],
)
def test_phrase_tells_what_was_understood(text, phrase):
    assert requested_window(text, MONDAY_7PM, TZ).phrase == phrase


def test_entities_the_text_lacks_are_read_too():
    entities = [
        {"kind": "date", "text": "friday", "start": 0, "end": 6},
        {"kind": "time", "text": "10", "start": 7, "end": 9},
    ]

    window = requested_window("", MONDAY_7PM, TZ, entities)

    assert (window.days, window.earliest, window.latest) == ((date(2026, 11, 27),), time(10), time(10))


def test_phrases_the_classifier_missed_are_found_in_the_text():
    text = "can you come tmrw after lunch?"
    entities = [{"kind": "date", "text": "tmrw", "start": 13, "end": 17}]

    window = requested_window(text, MONDAY_7PM, TZ, entities)

    assert (window.days, window.earliest, window.latest) == ((date(2026, 11, 24),), time(13), None)


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="aware"):
        requested_window("tomorrow", datetime(2026, 11, 23, 19), TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("are you open on christmas eve?", date(2026, 12, 24)),
        ("xmas?", date(2026, 12, 25)),
        ("can you come the day after thanksgiving", date(2026, 11, 27)),
        ("thanksgiving", date(2026, 11, 26)),
        ("new year's eve", date(2026, 12, 31)),
        ("new years day", date(2027, 1, 1)),
        ("4th of july", date(2027, 7, 4)),  # past this year: next year's
        ("memorial day", date(2027, 5, 31)),
        ("labor day", date(2027, 9, 6)),
        ("¿abren en nochebuena?", date(2026, 12, 24)),
        ("el día después de navidad", date(2026, 12, 26)),
        ("el día de acción de gracias", date(2026, 11, 26)),
    ],
)
def test_a_holiday_named_is_its_next_date(text, expected):
    assert requested_window(text, MONDAY_7PM, TZ).days == (expected,)


@pytest.mark.parametrize(("text", "expected"), [
    ("can I get on your schedule for saturday the 5th?", (date(2026, 12, 5),)),
    ("tue 12/1", (date(2026, 12, 1),)),
    ("el sábado 5 de diciembre", (date(2026, 12, 5),)),
])
def test_a_weekday_with_its_date_is_that_one_day(text, expected):
    assert requested_window(text, MONDAY_7PM, TZ).days == expected


def test_b4_is_before():
    window = requested_window("tomorrow b4 noon", MONDAY_7PM, TZ)
    assert (window.days, window.earliest, window.latest) == (days(24), None, time(12))


@pytest.mark.parametrize(("text", "expected"), [
    ("early next week", days(30) + days(1, month=12)),
    ("end of the week", days(26, 27, 28)),
    ("late next week", days(3, 4, 5, month=12)),
    ("a principios de la semana que viene", days(30) + days(1, month=12)),
    ("a fines de esta semana", days(26, 27, 28)),
])
def test_part_of_a_week_is_those_days(text, expected):
    assert requested_window(text, MONDAY_7PM, TZ).days == expected


def test_end_of_the_week_said_on_a_sunday_is_the_end_of_next_week():
    sunday = datetime(2026, 11, 29, 9, 0, tzinfo=TZ)
    assert requested_window("end of the week", sunday, TZ).days == days(3, 4, 5, month=12)
