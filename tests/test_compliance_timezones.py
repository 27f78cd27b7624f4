"""Where a recipient is: zones and states from the number and the service address."""

import pytest

from compliance.timezones import (
    ADDRESS,
    BUSINESS,
    NUMBER,
    Recipient,
    Zone,
    recipient_zones,
    state_for_number,
    zones_for_number,
)
from compliance.us_states import state_code, state_name

NEW_YORK, MT = "America/New_York", "America/Denver"


@pytest.mark.parametrize(
    ("phone", "state"),
    [
        ("+13055551234", "FL"),  # geocoder: "Florida"
        ("+12135551234", "CA"),  # geocoder: "Los Angeles, CA"
        ("+15125551234", "TX"),
        ("+16025551234", "AZ"),
        ("+12065551234", "WA"),  # geocoder: "Washington State"
        ("+12025551234", "DC"),  # geocoder: "Washington D.C."
        ("+17875551234", "PR"),  # region PR, not US
        ("+18005551234", None),  # toll-free
        ("+15005551234", None),  # personal, non-geographic
        ("+14165551234", None),  # Toronto: not a US state
        ("+447911123456", None),
        ("+1555", None),
        ("not a number", None),
        ("", None),
    ],
)
def test_state_for_number(phone, state):
    assert state_for_number(phone) == state


@pytest.mark.parametrize(
    ("phone", "zones"),
    [
        ("+13055551234", ("America/New_York",)),
        ("+12135551234", ("America/Los_Angeles",)),
        ("+16025551234", ("America/Phoenix",)),
        ("+19155551234", ("America/Denver",)),  # El Paso, Texas
        ("+19075551234", ("America/Adak", "America/Anchorage")),
        ("+18005551234", ()),
        ("garbage", ()),
    ],
)
def test_zones_for_number(phone, zones):
    assert zones_for_number(phone) == zones


@pytest.mark.parametrize(
    ("recipient", "zones"),
    [
        (Recipient("+13055551234"), (Zone(NEW_YORK, "FL", NUMBER),)),
        (
            Recipient("+14155551234", "TX", "America/Chicago"),
            (Zone("America/Los_Angeles", "CA", NUMBER), Zone("America/Chicago", "TX", ADDRESS)),
        ),
        (
            Recipient("+15045551234", "texas"),  # only the state: every zone Texas spans
            (
                Zone("America/Chicago", "LA", NUMBER),
                Zone("America/Chicago", "TX", ADDRESS),
                Zone("America/Denver", "TX", ADDRESS),
            ),
        ),
        (Recipient("+13055551234", "FL", NEW_YORK), (Zone(NEW_YORK, "FL", NUMBER),)),
        (Recipient("+18005551234", None, MT), (Zone(MT, None, ADDRESS),)),
        (Recipient("+18005551234"), (Zone(NEW_YORK, None, BUSINESS),)),
        (Recipient("unparsable"), (Zone(NEW_YORK, None, BUSINESS),)),
    ],
)
def test_recipient_zones(recipient, zones):
    assert recipient_zones(recipient, NEW_YORK) == zones


def test_only_the_business_fallback_is_unknown():
    assert recipient_zones(Recipient("+18005551234"), NEW_YORK)[0].unknown
    assert not recipient_zones(Recipient("+13055551234"), NEW_YORK)[0].unknown


@pytest.mark.parametrize(
    ("recipient", "business_tz", "message"),
    [
        (Recipient("+13055551234", "Atlantis"), NEW_YORK, "address state"),
        (Recipient("+13055551234", None, "Mars/Olympus"), NEW_YORK, "unknown time zone"),
        (Recipient("+18005551234"), "Nowhere/Town", "unknown time zone"),
    ],
)
def test_bad_locations_raise(recipient, business_tz, message):
    with pytest.raises(ValueError, match=message):
        recipient_zones(recipient, business_tz)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("FL", "FL"), ("fl", "FL"), ("Florida", "FL"), (" florida ", "FL"), ("Miami, FL", "FL"),
        ("Washington State", "WA"), ("Washington D.C.", "DC"), ("Washington", "WA"),
        ("Ontario", None), ("Springfield, XX", None), ("", None), (None, None),
    ],
)
def test_state_code(text, code):
    assert state_code(text) == code


def test_state_name():
    assert state_name("FL") == "Florida"
    assert state_name("ON") == "ON"
