import dataclasses
import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from responder.availability import Slot, SlotAnswer, describe_slot, format_options, open_slots
from responder.profile import Holiday, OpeningInterval, load_profile
from responder.when import RequestedWindow, requested_window

NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
WEEKDAY_HOURS = (OpeningInterval(time(8), time(17)),)
SATURDAY_HOURS = (OpeningInterval(time(9), time(11)), OpeningInterval(time(11), time(13)))
MONDAY_7PM = datetime(2026, 11, 23, 19, tzinfo=NEW_YORK)


@pytest.fixture
def profile():
    return dataclasses.replace(
        load_profile(None),
        time_zone=NEW_YORK,
        hours=(WEEKDAY_HOURS,) * 5 + (SATURDAY_HOURS, ()),
        holidays=(Holiday(date(2026, 12, 24)), Holiday(date(2026, 12, 31), "New Year's Eve")),
        us_public_holidays=True,
        slot_minutes=120,
        capacity=2,
        minimum_notice_minutes=120,
        options_to_offer=3,
    )


def at(day: date, hour: int, minute: int = 0, tz: ZoneInfo = NEW_YORK) -> datetime:
    return datetime.combine(day, time(hour, minute), tz)


def slot(day: date, hour: int, hours: int = 2) -> Slot:
    return Slot(at(day, hour), at(day, hour + hours))


def starts(answer: SlotAnswer) -> list[datetime]:
    return [offered.start for offered in answer.slots]


def ask(text: str, now: datetime = MONDAY_7PM) -> RequestedWindow:
    return requested_window(text, now, NEW_YORK)


def full(day: date, profile, hours=(8, 10, 12, 14)) -> list[tuple[datetime, datetime]]:
    return [(at(day, hour), at(day, hour + 2)) for hour in hours for _ in range(profile.capacity)]


TUESDAY, WEDNESDAY, FRIDAY = date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 27)
SUNDAY, MONDAY = date(2026, 11, 29), date(2026, 11, 30)


def test_slots_start_on_the_opening_grid_and_end_by_closing(profile):
    answer = open_slots(profile, [], MONDAY_7PM, RequestedWindow(days=(MONDAY,)), limit=10)

    assert answer == SlotAnswer((slot(MONDAY, 8), slot(MONDAY, 10), slot(MONDAY, 12), slot(MONDAY, 14)), True)


def test_each_opening_interval_has_its_own_grid(profile):
    saturday = date(2026, 11, 28)

    answer = open_slots(profile, [], MONDAY_7PM, RequestedWindow(days=(saturday,)), limit=10)

    assert starts(answer) == [at(saturday, 9), at(saturday, 11)]


def test_tomorrow_morning_at_7pm(profile):
    answer = open_slots(profile, [], MONDAY_7PM, ask("can someone come tomorrow morning?"))

    assert answer == SlotAnswer((slot(TUESDAY, 8), slot(TUESDAY, 10)), True)


def test_minimum_notice_at_7pm_drops_tomorrows_first_slot(profile):
    fourteen_hours = dataclasses.replace(profile, minimum_notice_minutes=14 * 60)  # earliest start 9am

    answer = open_slots(fourteen_hours, [], MONDAY_7PM, ask("tomorrow morning"))

    assert answer == SlotAnswer((slot(TUESDAY, 10),), True)


def test_not_enough_notice_is_named(profile):
    two_days = dataclasses.replace(profile, minimum_notice_minutes=48 * 60)

    answer = open_slots(two_days, [], MONDAY_7PM, ask("tomorrow"))

    assert answer.closed_days == ((TUESDAY, "not enough notice"),)
    assert not answer.matched
    assert starts(answer)[0] == at(FRIDAY, 8)  # Wednesday 7pm is the earliest start, Thursday a holiday


def test_today_after_closing_offers_tomorrow(profile):
    answer = open_slots(profile, [], MONDAY_7PM, ask("today?"))

    assert answer.closed_days == ((date(2026, 11, 23), "closed for the day"),)
    assert not answer.matched
    assert starts(answer) == [at(TUESDAY, 8), at(TUESDAY, 10), at(TUESDAY, 12)]


def test_closed_sunday_is_named_and_monday_offered(profile):
    answer = open_slots(profile, [], MONDAY_7PM, ask("can you come sunday?"))

    assert answer.closed_days == ((SUNDAY, "closed Sundays"),)
    assert not answer.matched
    assert starts(answer) == [at(MONDAY, 8), at(MONDAY, 10), at(MONDAY, 12)]


def test_thanksgiving_is_a_us_public_holiday(profile):
    answer = open_slots(profile, [], MONDAY_7PM, ask("thursday morning"))

    assert answer.closed_days == ((date(2026, 11, 26), "holiday: Thanksgiving Day"),)
    assert not answer.matched
    assert starts(answer) == [at(FRIDAY, 8), at(FRIDAY, 10), at(date(2026, 11, 28), 9)]


def test_thanksgiving_is_open_without_us_public_holidays(profile):
    open_on_holidays = dataclasses.replace(profile, us_public_holidays=False, holidays=())

    answer = open_slots(open_on_holidays, [], MONDAY_7PM, RequestedWindow(days=(date(2026, 11, 26),)))

    assert answer.matched
    assert answer.closed_days == ()


@pytest.mark.parametrize(
    ("asked", "reason", "first_alternative"),
    [
        (date(2026, 12, 24), "holiday", at(date(2026, 12, 26), 9)),  # the 25th is Christmas
        (date(2026, 12, 31), "holiday: New Year's Eve", at(date(2027, 1, 2), 9)),
    ],
)
def test_listed_holidays_are_closed(profile, asked, reason, first_alternative):
    answer = open_slots(profile, [], MONDAY_7PM, RequestedWindow(days=(asked,)))

    assert answer.closed_days == ((asked, reason),)
    assert starts(answer)[0] == first_alternative


def test_full_day_is_named_and_the_next_day_offered(profile):
    answer = open_slots(profile, full(TUESDAY, profile), MONDAY_7PM, ask("tomorrow"))

    assert answer.closed_days == ((TUESDAY, "fully booked"),)
    assert not answer.matched
    assert starts(answer) == [at(WEDNESDAY, 8), at(WEDNESDAY, 10), at(WEDNESDAY, 12)]


def test_one_booking_below_capacity_leaves_the_slot_open(profile):
    bookings = [(at(TUESDAY, 8), at(TUESDAY, 10))]

    answer = open_slots(profile, bookings, MONDAY_7PM, ask("tomorrow"))

    assert starts(answer) == [at(TUESDAY, 8), at(TUESDAY, 10), at(TUESDAY, 12)]


def test_bookings_off_the_grid_block_every_slot_they_overlap(profile):
    bookings = [(at(TUESDAY, 9), at(TUESDAY, 11))] * 2 + [(at(TUESDAY, 12), at(TUESDAY, 12, 30))] * 2

    answer = open_slots(profile, bookings, MONDAY_7PM, ask("tomorrow"), limit=10)

    assert starts(answer) == [at(TUESDAY, 14)]


def test_bookings_that_only_touch_a_slot_do_not_block_it(profile):
    bookings = [(at(TUESDAY, 6), at(TUESDAY, 8)), (at(TUESDAY, 10), at(TUESDAY, 12))] * 2

    answer = open_slots(profile, bookings, MONDAY_7PM, ask("tomorrow morning"))

    assert starts(answer) == [at(TUESDAY, 8)]


def test_bookings_in_another_zone_are_compared_as_instants(profile):
    bookings = [(at(TUESDAY, 5, tz=LOS_ANGELES), at(TUESDAY, 7, tz=LOS_ANGELES))] * 2  # 8-10am New York

    answer = open_slots(profile, bookings, MONDAY_7PM, ask("tomorrow morning"))

    assert starts(answer) == [at(TUESDAY, 10)]


def test_full_morning_offers_later_mornings_first(profile):
    answer = open_slots(profile, full(TUESDAY, profile, hours=(8, 10)), MONDAY_7PM, ask("tomorrow morning"))

    assert not answer.matched
    assert answer.closed_days == ()
    assert starts(answer) == [at(WEDNESDAY, 8), at(WEDNESDAY, 10), at(FRIDAY, 8)]


def test_an_hour_past_closing_falls_back_to_the_latest_slot_of_each_day_from_the_day_asked(profile):
    answer = open_slots(profile, [], MONDAY_7PM, ask("tomorrow evening"))

    assert not answer.matched
    assert starts(answer) == [at(TUESDAY, 14), at(WEDNESDAY, 14), at(FRIDAY, 14)]  # Thursday is Thanksgiving
    assert answer.ends_before == ((TUESDAY, time(14), time(17)),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday between 2 and 4", [at(FRIDAY, 14)]),
        ("friday at 10am", [at(FRIDAY, 10)]),
        ("friday at 11", [at(FRIDAY, 10)]),
        ("friday before noon", [at(FRIDAY, 8), at(FRIDAY, 10)]),
        ("friday after lunch", [at(FRIDAY, 14)]),
        ("friday afternoon", [at(FRIDAY, 12), at(FRIDAY, 14)]),
        ("fri or sat", [at(FRIDAY, 8), at(FRIDAY, 10), at(FRIDAY, 12)]),
        ("asap", [at(TUESDAY, 8), at(TUESDAY, 10), at(TUESDAY, 12)]),
        ("anything after 1?", [at(TUESDAY, 14), at(WEDNESDAY, 14), at(FRIDAY, 14)]),
        ("next week", [at(MONDAY, 8), at(MONDAY, 10), at(MONDAY, 12)]),
    ],
)
def test_slots_that_fit_the_ask(profile, text, expected):
    answer = open_slots(profile, [], MONDAY_7PM, ask(text))

    assert answer.matched
    assert starts(answer) == expected


def test_after_3_when_the_last_slot_starts_at_2_is_not_a_match(profile):
    answer = open_slots(profile, [], MONDAY_7PM, ask("friday after 3"))

    assert not answer.matched
    assert starts(answer) == [at(FRIDAY, 14), at(date(2026, 11, 28), 11), at(MONDAY, 14)]
    assert answer.ends_before == ((FRIDAY, time(14), time(17)),)


def test_the_slots_given_as_unavailable_are_never_offered(profile):
    answer = open_slots(profile, [], MONDAY_7PM, ask("tuesday"), unavailable=[slot(TUESDAY, 10)])

    assert starts(answer) == [at(TUESDAY, 8), at(TUESDAY, 12), at(TUESDAY, 14)]


def test_a_span_of_days_names_its_closed_days_and_offers_the_open_ones(profile):
    answer = open_slots(profile, [], MONDAY_7PM, ask("this week"))

    assert answer.matched
    assert answer.closed_days == (
        (date(2026, 11, 23), "closed for the day"),
        (date(2026, 11, 26), "holiday: Thanksgiving Day"),
        (SUNDAY, "closed Sundays"),
    )
    assert starts(answer) == [at(TUESDAY, 8), at(TUESDAY, 10), at(TUESDAY, 12)]


def test_limit_overrides_options_to_offer(profile):
    assert len(open_slots(profile, [], MONDAY_7PM, RequestedWindow(), limit=5).slots) == 5
    assert len(open_slots(profile, [], MONDAY_7PM, RequestedWindow(), limit=1).slots) == 1


def test_nothing_open_within_the_search_days(profile):
    closed = dataclasses.replace(profile, hours=((),) * 7)

    answer = open_slots(closed, [], MONDAY_7PM, ask("tomorrow"), search_days=3)

    assert answer == SlotAnswer((), False, ((TUESDAY, "closed Tuesdays"),))


@pytest.mark.parametrize(
    ("before", "after", "offsets"),
    [
        (date(2026, 3, 6), date(2026, 3, 9), (timedelta(hours=-5), timedelta(hours=-4))),  # spring forward, 3/8
        (date(2026, 10, 30), date(2026, 11, 2), (timedelta(hours=-4), timedelta(hours=-5))),  # fall back, 11/1
    ],
)
def test_daylight_saving_weeks_keep_slots_at_8am_local(profile, before, after, offsets):
    now = datetime.combine(before, time(6), NEW_YORK) - timedelta(days=1)

    answer = open_slots(profile, [], now, RequestedWindow(days=(before, after)), limit=10)

    firsts = [answer.slots[0], answer.slots[4]]
    assert [(s.start.date(), s.start.time(), s.end.time()) for s in firsts] == [
        (before, time(8), time(10)),
        (after, time(8), time(10)),
    ]
    assert tuple(s.start.utcoffset() for s in firsts) == offsets
    assert firsts[0].start.astimezone(UTC).hour != firsts[1].start.astimezone(UTC).hour


@pytest.mark.parametrize(
    ("change_day", "offset"),
    [(date(2026, 3, 8), timedelta(hours=-4)), (date(2026, 11, 1), timedelta(hours=-5))],
)
def test_slots_on_the_change_day_itself_are_right_in_wall_time(profile, change_day, offset):
    open_sundays = dataclasses.replace(profile, hours=(WEEKDAY_HOURS,) * 7)
    now = datetime.combine(change_day, time(0, 30), NEW_YORK) - timedelta(days=1)
    booked_in_utc = [(at(change_day, 10).astimezone(UTC), at(change_day, 12).astimezone(UTC))] * 2

    answer = open_slots(open_sundays, booked_in_utc, now, RequestedWindow(days=(change_day,)), limit=10)

    assert [s.start.time() for s in answer.slots] == [time(8), time(12), time(14)]
    assert {s.start.utcoffset() for s in answer.slots} == {offset}
    assert all(s.end - s.start == timedelta(hours=2) for s in answer.slots)


def test_ten_thousand_bookings(profile):
    rng = random.Random(20261123)
    far_days = [date(2026, 1, 5) + timedelta(days=n) for n in range(300) if n % 7 < 5]
    bookings = [(at(day, hour), at(day, hour + 2)) for day in (TUESDAY, WEDNESDAY) for hour in (8, 10, 12, 14)] * 2
    bookings += [(at(FRIDAY, 8), at(FRIDAY, 10))] * 2 + [(at(FRIDAY, 10), at(FRIDAY, 12))]
    while len(bookings) < 10_000:
        day = rng.choice(far_days)
        hour = rng.choice((8, 10, 12, 14))
        bookings.append((at(day, hour), at(day, hour + 2)))
    rng.shuffle(bookings)

    answer = open_slots(profile, bookings, MONDAY_7PM, ask("this week"), limit=4)

    assert answer.closed_days[1:3] == ((TUESDAY, "fully booked"), (WEDNESDAY, "fully booked"))
    assert starts(answer) == [at(FRIDAY, 10), at(FRIDAY, 12), at(FRIDAY, 14), at(date(2026, 11, 28), 9)]
    for offered in answer.slots:
        overlapping = sum(1 for start, end in bookings if start < offered.end and end > offered.start)
        assert overlapping < profile.capacity


def test_naive_times_are_refused(profile):
    with pytest.raises(ValueError, match="aware"):
        open_slots(profile, [(datetime(2026, 11, 24, 8), datetime(2026, 11, 24, 10))], MONDAY_7PM, RequestedWindow())
    with pytest.raises(ValueError, match="aware"):
        open_slots(profile, [], datetime(2026, 11, 23, 19), RequestedWindow())


@pytest.mark.parametrize(
    ("offered", "expected"),
    [
        (slot(TUESDAY, 8), "Tue Nov 24, 8-10am"),
        (slot(TUESDAY, 10), "Tue Nov 24, 10am-12pm"),
        (slot(TUESDAY, 12), "Tue Nov 24, 12-2pm"),
        (Slot(at(TUESDAY, 8, 30), at(TUESDAY, 10, 30)), "Tue Nov 24, 8:30-10:30am"),
        (Slot(at(TUESDAY, 11, 30), at(TUESDAY, 13, 30)), "Tue Nov 24, 11:30am-1:30pm"),
        (slot(date(2027, 1, 2), 9), "Sat Jan 2 2027, 9-11am"),
    ],
)
def test_describe_slot(offered, expected):
    assert describe_slot(offered, NEW_YORK, MONDAY_7PM) == expected


def test_describe_slot_in_the_customers_zone():
    assert describe_slot(slot(TUESDAY, 8), LOS_ANGELES, MONDAY_7PM) == "Tue Nov 24, 5-7am PST"
    assert describe_slot(slot(TUESDAY, 10), ZoneInfo("Europe/London"), MONDAY_7PM) == "Tue Nov 24, 3-5pm GMT"


def test_format_options_numbers_them_in_plain_text():
    text = format_options([slot(TUESDAY, 8), slot(TUESDAY, 10), slot(FRIDAY, 14)], NEW_YORK, MONDAY_7PM)

    assert text == "1) Tue Nov 24, 8-10am 2) Tue Nov 24, 10am-12pm 3) Fri Nov 27, 2-4pm"
    assert text.isascii()
