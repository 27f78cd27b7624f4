import dataclasses
import json
import tomllib
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from responder.profile import (
    EXAMPLE_PROFILE_PATH,
    REQUIRED_FIELDS,
    Holiday,
    OpeningInterval,
    ProfileError,
    load_profile,
    profile_from_mapping,
    us_federal_holidays,
)


@pytest.fixture
def example_data():
    return tomllib.loads(EXAMPLE_PROFILE_PATH.read_text(encoding="utf-8"))


def test_none_loads_the_shipped_example():
    profile = load_profile(None)

    assert profile.name == "Acme Plumbing & Heating"
    assert profile.phone == "+16175550142"
    assert profile.time_zone == ZoneInfo("America/New_York")
    assert profile.hours[0] == (OpeningInterval(time(8), time(17)),)
    assert profile.hours[5] == (OpeningInterval(time(9), time(11)), OpeningInterval(time(11), time(13)))
    assert profile.hours[6] == ()
    assert (profile.slot_minutes, profile.capacity, profile.options_to_offer) == (120, 2, 3)
    assert profile.us_public_holidays is True
    assert Holiday(date(2026, 12, 24)) in profile.holidays
    assert Holiday(date(2026, 12, 31), "New Year's Eve") in profile.holidays
    assert {"home_required", "tech_entry", "parking", "pets"} <= set(profile.access_answers)
    assert profile.on_call_numbers == ("+16175550143",)


def test_json_file_loads_the_same_profile(tmp_path, example_data):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(example_data), encoding="utf-8")

    assert load_profile(str(path)) == load_profile(str(EXAMPLE_PROFILE_PATH))


def test_toml_file_at_a_path(tmp_path):
    path = tmp_path / "shop.toml"
    path.write_text(EXAMPLE_PROFILE_PATH.read_text(encoding="utf-8").replace("Acme", "Zenith"))

    assert load_profile(str(path)).name == "Zenith Plumbing & Heating"


def test_optional_fields_have_defaults(example_data):
    for field in ("holidays", "us_public_holidays", "access_answers", "staff_numbers", "follow_up_hours_text"):
        del example_data[field]

    profile = profile_from_mapping(example_data)

    assert (profile.holidays, profile.us_public_holidays, profile.staff_numbers) == ((), False, ())
    assert dict(profile.access_answers) == {}
    assert profile.follow_up_hours_text is None


def test_closed_day_may_be_an_empty_list(example_data):
    example_data["hours"]["sat"] = []

    assert profile_from_mapping(example_data).hours[5] == ()


def test_profile_is_frozen():
    profile = load_profile(None)

    with pytest.raises(dataclasses.FrozenInstanceError):
        profile.capacity = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        profile.access_answers["pets"] = "anything"  # type: ignore[index]


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_missing_field_is_named(example_data, field):
    del example_data[field]

    with pytest.raises(ValueError, match=f"missing field '{field}'"):
        profile_from_mapping(example_data)


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("name", "  ", "'name'"),
        ("phone", "617-555-0142", "'phone'"),
        ("phone", "+15555550100", "'phone'"),
        ("time_zone", "Mars/Olympus_Mons", "'time_zone'"),
        ("time_zone", "EST5EDT, please", "'time_zone'"),
        ("slot_minutes", 0, "'slot_minutes'"),
        ("slot_minutes", "120", "'slot_minutes'"),
        ("capacity", True, "'capacity'"),
        ("minimum_notice_minutes", -5, "'minimum_notice_minutes'"),
        ("options_to_offer", 0, "'options_to_offer'"),
        ("emergency_instructions", None, "'emergency_instructions'"),
        ("on_call_numbers", "+16175550143", "'on_call_numbers'"),
        ("staff_numbers", ["+1617555"], "'staff_numbers'"),
        ("holidays", ["24/12/2026"], "'holidays'"),
        ("holidays", [{"date": "2026-12-24", "name": ""}], "'holidays'"),
        ("us_public_holidays", "yes", "'us_public_holidays'"),
        ("access_answers", {"pets": ""}, "'access_answers.pets'"),
        ("access_answers", ["pets"], "'access_answers'"),
        ("hours", ["08:00", "17:00"], "'hours'"),
        ("hours", {"monday": ["08:00", "17:00"]}, "'hours.monday'"),
        ("hours", {"mon": ["8am", "5pm"]}, "'hours.mon'"),
        ("hours", {"mon": ["17:00", "08:00"]}, "'hours.mon'"),
        ("hours", {"mon": ["08:00"]}, "'hours.mon'"),
        ("hours", {"tue": [["08:00", "12:00"], ["11:00", "17:00"]]}, "'hours.tue'"),
        ("slot_minute", 120, "'slot_minute'"),
        ("emergency_by_hazard", {"tornado": "Go to the basement."}, "unknown hazard 'tornado'"),
        ("emergency_by_hazard", {"gas": " "}, "emergency_by_hazard.gas"),
        ("emergency_by_hazard", "Leave the house.", "'emergency_by_hazard'"),
    ],
)
def test_malformed_field_is_named(example_data, field, value, named):
    example_data[field] = value

    with pytest.raises(ProfileError, match=named):
        profile_from_mapping(example_data)


def test_profile_error_is_a_value_error():
    assert issubclass(ProfileError, ValueError)


def test_malformed_file_raises_value_error(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('name = "Acme\n', encoding="utf-8")

    with pytest.raises(ValueError):
        load_profile(str(path))


def test_us_federal_holidays_include_thanksgiving_and_observed_days():
    holidays_2026 = us_federal_holidays(2026)

    assert holidays_2026[date(2026, 11, 26)] == "Thanksgiving Day"
    assert date(2026, 7, 3) in holidays_2026
    assert date(2026, 11, 27) not in holidays_2026


def test_emergency_instructions_come_by_hazard_then_language_then_in_general(example_data):
    example_data["emergency_by_hazard"] = {"gas": "Leave now.", "electrical": "Breaker off."}
    example_data["es"] = {"emergency_instructions": "Llame ya.", "emergency_by_hazard": {"gas": "Salga ya."}}
    profile = profile_from_mapping(example_data)

    assert profile.emergency_instructions_in("en", "gas") == "Leave now."
    assert profile.emergency_instructions_in("es", "gas") == "Salga ya."
    # a Spanish speaker gets Spanish first: the general Spanish text beats the English one for the hazard
    assert profile.emergency_instructions_in("es", "electrical") == "Llame ya."
    assert profile.emergency_instructions_in("en", "flooding") == profile.emergency_instructions
    assert profile.emergency_instructions_in("en", None) == profile.emergency_instructions


def test_the_example_profile_names_only_hazards_the_classifier_reports():
    from classifiers.emergency import EMERGENCY_HAZARDS
    from classifiers.emergency_es import SPANISH_EMERGENCY_PATTERNS

    profile = load_profile(None)
    assert set(SPANISH_EMERGENCY_PATTERNS) <= EMERGENCY_HAZARDS
    assert profile.emergency_by_hazard and set(profile.emergency_by_hazard) <= EMERGENCY_HAZARDS
