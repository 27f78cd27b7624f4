"""Quiet hours: when a message due now may go out, in every zone that applies."""

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from compliance.quiet_hours import next_allowed_moment
from compliance.rules import Hours, load_rules
from compliance.timezones import Recipient

NEW_YORK = "America/New_York"
MIAMI, LOS_ANGELES, AUSTIN = "+13055551234", "+12135551234", "+15125551234"
BIRMINGHAM, MANHATTAN, PHOENIX = "+12055551234", "+12125551234", "+16025551234"
SAN_FRANCISCO, NEW_ORLEANS, CHICAGO = "+14155551234", "+15045551234", "+13125551234"
TOLL_FREE = "+18005551234"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(zone: str, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone), fold=fold).astimezone(UTC)


CT, ET, PT, MT = "America/Chicago", NEW_YORK, "America/Los_Angeles", "America/Denver"

# (name, now, purpose, recipient, business zone, expected: None = send now, else the UTC moment)
SCENARIOS = [
    ("reminder at 10pm in Miami waits for 8am Eastern",
     local(ET, 2025, 6, 10, 22), "booking_reminder", Recipient(MIAMI), NEW_YORK,
     local(ET, 2025, 6, 11, 8)),
    ("reminder at 7:30am in Los Angeles for a New York business waits for 8am Pacific",
     local(PT, 2025, 6, 10, 7, 30), "booking_reminder", Recipient(LOS_ANGELES), NEW_YORK,
     local(PT, 2025, 6, 10, 8)),
    ("reminder at 8:30am in Texas waits for 9am",
     local(CT, 2025, 6, 10, 8, 30), "booking_reminder", Recipient(AUSTIN), NEW_YORK,
     local(CT, 2025, 6, 10, 9)),
    ("reminder at 9am in Texas goes",
     local(CT, 2025, 6, 10, 9), "booking_reminder", Recipient(AUSTIN), NEW_YORK, None),
    ("reminder at 8:30am in Louisiana goes (LA opens at 8)",
     local(CT, 2025, 6, 10, 8, 30), "booking_reminder", Recipient(NEW_ORLEANS), NEW_YORK, None),
    ("marketing at 9am in Texas waits for the marketing window at 10am",
     local(CT, 2025, 6, 10, 9), "marketing", Recipient(AUSTIN), NEW_YORK,
     local(CT, 2025, 6, 10, 10)),
    ("reminder at 8pm sharp in Texas waits: the default window ends at 8pm",
     local(CT, 2025, 6, 10, 20), "booking_reminder", Recipient(AUSTIN), NEW_YORK,
     local(CT, 2025, 6, 11, 9)),
    ("reminder at 11am on a Texas Sunday waits for noon",
     local(CT, 2025, 6, 8, 11), "booking_reminder", Recipient(AUSTIN), NEW_YORK,
     local(CT, 2025, 6, 8, 12)),
    ("reminder at 11am on a Sunday in Alabama goes: the Sunday ban is for marketing",
     local(CT, 2025, 6, 8, 11), "booking_reminder", Recipient(BIRMINGHAM), NEW_YORK, None),
    ("Sunday marketing to Alabama waits for Monday 10am",
     local(CT, 2025, 6, 8, 11), "marketing", Recipient(BIRMINGHAM), NEW_YORK,
     local(CT, 2025, 6, 9, 10)),
    ("marketing on July 4th waits for the next day",
     local(ET, 2025, 7, 4, 11), "marketing", Recipient(MANHATTAN), NEW_YORK,
     local(ET, 2025, 7, 5, 10)),
    ("a reminder on July 4th goes: holidays close marketing only",
     local(ET, 2025, 7, 4, 11), "booking_reminder", Recipient(MANHATTAN), NEW_YORK, None),
    ("marketing on an observed holiday (Fri Jul 3 2026) waits past the weekend",
     local(ET, 2026, 7, 3, 11), "marketing", Recipient(MANHATTAN), NEW_YORK,
     local(ET, 2026, 7, 6, 10)),
    ("marketing on an Alabama state holiday waits a day",
     local(CT, 2025, 4, 28, 11), "marketing", Recipient(BIRMINGHAM), NEW_YORK,
     local(CT, 2025, 4, 29, 10)),
    ("the same day is open in Illinois",
     local(CT, 2025, 4, 28, 11), "marketing", Recipient(CHICAGO), NEW_YORK, None),
    ("a Texas address with a California number: 8:30am Texas waits for 8am Pacific",
     local(CT, 2025, 6, 10, 8, 30), "booking_reminder",
     Recipient(SAN_FRANCISCO, "TX", CT), NEW_YORK, local(PT, 2025, 6, 10, 8)),
    ("a Texas address, stricter than the Louisiana number: 8:30am waits for 9am",
     local(CT, 2025, 6, 10, 8, 30), "booking_reminder",
     Recipient(NEW_ORLEANS, "TX", CT), NEW_YORK, local(CT, 2025, 6, 10, 9)),
    ("a Texas address without a zone must fit Mountain time too",
     local(CT, 2025, 6, 10, 9, 30), "booking_reminder",
     Recipient(NEW_ORLEANS, "TX"), NEW_YORK, local(MT, 2025, 6, 10, 9)),
    ("unknown zone: the business's zone and the strictest window (10am)",
     local(ET, 2025, 6, 10, 9), "booking_reminder", Recipient(TOLL_FREE), NEW_YORK,
     local(ET, 2025, 6, 10, 10)),
    ("unknown zone on a Sunday: noon",
     local(ET, 2025, 6, 8, 11), "booking_reminder", Recipient(TOLL_FREE), NEW_YORK,
     local(ET, 2025, 6, 8, 12)),
    ("unknown zone follows the business's zone",
     local(CT, 2025, 6, 10, 9, 30), "booking_reminder", Recipient("unparsable"), CT,
     local(CT, 2025, 6, 10, 10)),
    ("unknown zone at 11am goes",
     local(ET, 2025, 6, 10, 11), "booking_reminder", Recipient(TOLL_FREE), NEW_YORK, None),
    ("a conversational reply goes at 3am",
     local(ET, 2025, 6, 10, 3), "conversational", Recipient(MIAMI), NEW_YORK, None),
    ("the opt-out confirmation goes at 3am",
     local(ET, 2025, 6, 10, 3), "opt_out_confirmation", Recipient(MIAMI), NEW_YORK, None),
    # Daylight saving: 2025-03-09 (clocks forward at 2am) and 2025-11-02 (back at 2am).
    ("spring-forward Sunday, 1:30am EST: 8am is 8am EDT",
     local(ET, 2025, 3, 9, 1, 30), "booking_reminder", Recipient(MANHATTAN), NEW_YORK,
     utc(2025, 3, 9, 12)),
    ("spring-forward Sunday, 7:30am EDT",
     local(ET, 2025, 3, 9, 7, 30), "booking_reminder", Recipient(MANHATTAN), NEW_YORK,
     utc(2025, 3, 9, 12)),
    ("spring-forward eve, 9pm EST Saturday: next morning 8am EDT",
     local(ET, 2025, 3, 8, 21), "booking_reminder", Recipient(MANHATTAN), NEW_YORK,
     utc(2025, 3, 9, 12)),
    ("fall-back Sunday, first 1:30am (EDT): 8am EST",
     local(ET, 2025, 11, 2, 1, 30), "booking_reminder", Recipient(MANHATTAN), NEW_YORK,
     utc(2025, 11, 2, 13)),
    ("fall-back Sunday, second 1:30am (EST): 8am EST",
     local(ET, 2025, 11, 2, 1, 30, fold=1), "booking_reminder", Recipient(MANHATTAN), NEW_YORK,
     utc(2025, 11, 2, 13)),
    ("fall-back Sunday, 7:59pm EST goes",
     local(ET, 2025, 11, 2, 19, 59), "booking_reminder", Recipient(MANHATTAN), NEW_YORK, None),
    ("Phoenix keeps MST on spring-forward Sunday",
     local(MT, 2025, 3, 9, 7, 30), "booking_reminder", Recipient(PHOENIX), NEW_YORK,
     utc(2025, 3, 9, 15)),
    ("Phoenix keeps MST on fall-back Sunday",
     utc(2025, 11, 2, 14, 30), "booking_reminder", Recipient(PHOENIX), NEW_YORK,
     utc(2025, 11, 2, 15)),
]


@pytest.mark.parametrize(
    ("now", "purpose", "recipient", "business_tz", "expected"),
    [s[1:] for s in SCENARIOS],
    ids=[s[0] for s in SCENARIOS],
)
def test_next_allowed_moment(now, purpose, recipient, business_tz, expected):
    moment = next_allowed_moment(now, purpose, recipient, load_rules(), business_tz)
    assert moment == expected
    if moment is not None:
        assert moment.utcoffset() == timedelta(0)


def _sweep(start: datetime, hours: int, step_minutes: int = 10):
    return [start + timedelta(minutes=m) for m in range(0, hours * 60, step_minutes)]


@pytest.mark.parametrize(
    ("phone", "zone", "start"),
    [
        (MANHATTAN, ET, utc(2025, 3, 8, 12)),
        (MANHATTAN, ET, utc(2025, 11, 1, 12)),
        (PHOENIX, "America/Phoenix", utc(2025, 3, 8, 12)),
        (PHOENIX, "America/Phoenix", utc(2025, 11, 1, 12)),
    ],
)
@pytest.mark.parametrize("purpose", ["booking_reminder", "marketing"])
def test_every_answer_across_a_dst_weekend_is_the_first_allowed_moment(phone, zone, start, purpose):
    rules, recipient = load_rules(), Recipient(phone)
    hours = rules.marketing_hours if purpose == "marketing" else rules.automated_hours
    tz = ZoneInfo(zone)

    def inside(moment: datetime) -> bool:
        wall = moment.astimezone(tz)
        span = hours.on(wall.weekday(), holiday=False)
        return span is not None and span[0] <= wall.time() < span[1]

    for now in _sweep(start, 48):
        moment = next_allowed_moment(now, purpose, recipient, rules, NEW_YORK)
        if moment is None:
            assert inside(now), now
            continue
        assert moment > now and inside(moment), (now, moment)
        assert not inside(moment - timedelta(seconds=1)), (now, moment)
        assert not any(inside(m) for m in _sweep(now, 1, 1) if m < moment), now


@pytest.mark.parametrize(
    ("opens", "now", "expected"),
    [
        # 2:30am does not exist on 2025-03-09 in New York: the window opens at the jump (3am EDT).
        (time(2, 30), local(ET, 2025, 3, 9, 0), utc(2025, 3, 9, 7)),
        # 1:30am happens twice on 2025-11-02: the first pass is inside the window until the clocks
        # go back to 1am, which is outside it again until the second 1:30am.
        (time(1, 30), local(ET, 2025, 11, 2, 0), utc(2025, 11, 2, 5, 30)),
        (time(1, 30), local(ET, 2025, 11, 2, 1, 45), None),
        (time(1, 30), local(ET, 2025, 11, 2, 1, 10, fold=1), utc(2025, 11, 2, 6, 30)),
    ],
)
def test_window_edges_that_do_not_exist_or_happen_twice(opens, now, expected):
    rules = replace(load_rules(), automated_hours=Hours.every_day(opens, time(20)))
    moment = next_allowed_moment(now, "booking_reminder", Recipient(MANHATTAN), rules, NEW_YORK)
    assert moment == expected


def test_windows_that_never_overlap_raise():
    rules = replace(load_rules(), automated_hours=Hours.every_day(time(6), time(7)))
    with pytest.raises(ValueError, match="no allowed moment"):
        next_allowed_moment(utc(2025, 6, 10), "booking_reminder", Recipient(AUSTIN), rules, CT)


def test_now_must_be_aware():
    with pytest.raises(ValueError, match="no time zone"):
        next_allowed_moment(
            datetime(2025, 6, 10, 12), "booking_reminder", Recipient(MIAMI), load_rules(), NEW_YORK
        )
