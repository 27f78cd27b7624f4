from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from responder.availability import Slot
from responder.choice import pick_option, withdraws

NEW_YORK = ZoneInfo("America/New_York")
MONDAY_7PM = datetime(2026, 11, 23, 19, tzinfo=NEW_YORK)


def slot(day: int, hour: int) -> Slot:
    start = datetime(2026, 11, day, hour, tzinfo=NEW_YORK)
    return Slot(start, start + timedelta(hours=2))


OFFERED = [slot(24, 8), slot(25, 10), slot(27, 14)]  # Tue 8-10am, Wed 10am-12pm, Fri 2-4pm


@pytest.mark.parametrize(
    ("text", "picked"),
    [
        ("1", 0),
        ("2", 1),
        ("3!", 2),
        ("#2", 1),
        ("option 2", 1),
        ("Option two please", 1),
        ("number 3", 2),
        ("no. 2", 1),
        ("two", 1),
        ("the first one", 0),
        ("first", 0),
        ("second", 1),
        ("the 2nd one", 1),
        ("3rd option", 2),
        ("last one", 2),
        ("the earliest", 0),
        ("tuesday works", 0),
        ("tue", 0),
        ("Weds is good", 1),
        ("friday", 2),
        ("the 10am", 1),
        ("10", 1),
        ("8", 0),
        ("2pm", 2),
        ("the 2-4", 2),
        ("10-12 works", 1),
        ("10:00", 1),
        ("the afternoon one", 2),
        ("tomorrow", 0),
        ("the 25th", 1),
        ("Wednesday at 10", 1),
        ("either is fine", 0),
        ("whichever, don't mind", 0),
        ("no problem, 2 works", 1),
        ("Perfect, the 2nd one!", 1),
        ("anything works", 0),
        ("any of them is fine", 0),
    ],
)
def test_picks_the_option(text, picked):
    assert pick_option(text, OFFERED, NEW_YORK, now=MONDAY_7PM) == OFFERED[picked]


@pytest.mark.parametrize(
    "text",
    [
        "neither",
        "none of those work",
        "no",
        "nope",
        "can't do any of those",
        "2 doesn't work",
        "anything earlier?",
        "that's too late, anything tomorrow?",
        "tomorrow is too early",
        "something friday?",
        "do you have another time?",
        "yes",
        "yes please",
        "sounds good",
        "ok",
        "4",
        "option 5",
        "monday",
        "the 10th",
        "tuesday or wednesday",
        "tuesday at 2pm",
        "how much will it cost?",
        "",
    ],
)
def test_picks_nothing(text):
    assert pick_option(text, OFFERED, NEW_YORK, now=MONDAY_7PM) is None


@pytest.mark.parametrize("text", ["yes", "Yes please", "sounds good", "ok", "OK!", "perfect", "1", "that works"])
def test_agreement_picks_the_only_option(text):
    assert pick_option(text, OFFERED[:1], NEW_YORK) == OFFERED[0]


def test_words_that_fit_two_options_pick_nothing():
    both_tuesday = [slot(24, 8), slot(24, 10)]

    assert pick_option("tuesday works", both_tuesday, NEW_YORK) is None
    assert pick_option("tuesday at 10", both_tuesday, NEW_YORK) == both_tuesday[1]


def test_times_are_read_in_the_zone_the_options_were_shown_in():
    los_angeles = ZoneInfo("America/Los_Angeles")

    assert pick_option("the 7am", OFFERED, los_angeles) == OFFERED[1]
    assert pick_option("the 7am", OFFERED, NEW_YORK) is None


def test_relative_days_need_now():
    assert pick_option("tomorrow", OFFERED, NEW_YORK) is None


def test_nothing_offered_picks_nothing():
    assert pick_option("1", [], NEW_YORK) is None


def test_offered_slots_keep_their_times():
    picked = pick_option("2", OFFERED, NEW_YORK)

    assert picked is not None
    assert (picked.start.time(), picked.end.time()) == (time(10), time(12))


@pytest.mark.parametrize("text", [
    "nvm, I fixed it myself", "never mind", "Nevermind!", "actually never mind, keep the original time",
    "forget it", "no thanks", "we don't need anyone anymore", "leave it as it was",
    "olvídelo, ya lo arreglé", "olvidalo", "mejor no, déjela como estaba", "ya no hace falta", "no gracias",
])
def test_taking_back_the_ask_withdraws(text):
    assert withdraws(text)


@pytest.mark.parametrize("text", [
    "no problem", "the second one", "none of those work, anything later?", "2pm works",
    "se me olvidó decirle el código", "no importa la hora", "ok", "I'll pass by the office",
    "it's bad as it is, can you come sooner?",
])
def test_a_pick_a_refusal_or_a_passing_word_does_not_withdraw(text):
    assert not withdraws(text)
