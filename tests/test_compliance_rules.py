"""The rules file: shipped defaults match docs/compliance.md, and a bad file names its bad key."""

from datetime import time

import pytest

from compliance.rules import DAYS, DEFAULT_RULES_FILE, load_rules

SERVICE_EVIDENCE = {"implied_inquiry", "express", "existing_relationship", "transactional_context"}
MON, SUN = DAYS.index("mon"), DAYS.index("sun")


def t(text: str) -> time:
    return time.fromisoformat(text)


@pytest.mark.parametrize(
    "purpose",
    ["service_followup", "quote_followup", "booking_confirmation", "booking_reminder",
     "transactional", "post_job_checkin"],
)
def test_service_purposes_accept_the_four_evidence_kinds(purpose):
    spec = load_rules().purpose(purpose)
    assert spec.evidence == SERVICE_EVIDENCE
    assert not spec.marketing
    assert spec.quiet_hours and spec.counts_toward_cap


SEQUENCES = ["post_job_checkin", "review_request", "satisfaction_checkin", "maintenance_reminder", "win_back",
             "birthday", "anniversary", "vip_checkin"]


def test_only_the_sequences_need_after_sales_care_and_none_has_the_no_record_fallback():
    purposes = load_rules().purposes
    assert [n for n, p in purposes.items() if p.requires_after_sales_care] == SEQUENCES
    assert [n for n, p in purposes.items() if p.sequence] == SEQUENCES
    assert not any(purposes[name].inbound_request_fallback for name in SEQUENCES)
    assert purposes["booking_reminder"].inbound_request_fallback


def test_the_sequences_that_sell_need_marketing_consent_and_the_job_follow_ups_service_evidence():
    purposes = load_rules().purposes
    assert [n for n in SEQUENCES if purposes[n].marketing] == [
        "maintenance_reminder", "win_back", "birthday", "anniversary", "vip_checkin"]
    for name in ("post_job_checkin", "review_request", "satisfaction_checkin"):
        assert purposes[name].evidence == SERVICE_EVIDENCE


def test_marketing_needs_express_consent_only():
    spec = load_rules().purpose("marketing")
    assert spec.marketing
    assert spec.evidence == {"express"}
    assert not spec.inbound_request_fallback


def test_default_windows():
    rules = load_rules()
    assert rules.automated_hours.on(SUN, holiday=True) == (t("08:00"), t("20:00"))
    assert rules.marketing_hours.on(MON, holiday=False) == (t("10:00"), t("20:00"))
    assert rules.marketing_hours.on(SUN, holiday=False) is None
    assert rules.marketing_hours.on(MON, holiday=True) is None


@pytest.mark.parametrize(
    ("state", "monday", "sunday"),
    [
        ("FL", ("08:00", "20:00"), ("08:00", "20:00")),
        ("OK", ("08:00", "20:00"), ("08:00", "20:00")),
        ("MD", ("08:00", "20:00"), ("08:00", "20:00")),
        ("WA", ("08:00", "20:00"), ("08:00", "20:00")),
        ("MA", ("08:00", "20:00"), ("08:00", "20:00")),
        ("AL", ("08:00", "20:00"), ("08:00", "20:00")),
        ("LA", ("08:00", "20:00"), ("08:00", "20:00")),
        ("MS", ("08:00", "20:00"), ("08:00", "20:00")),
        ("CT", ("09:00", "20:00"), ("09:00", "20:00")),
        ("TX", ("09:00", "21:00"), ("12:00", "21:00")),
        ("KY", ("10:00", "21:00"), ("10:00", "21:00")),
        ("NV", ("09:00", "20:00"), ("09:00", "20:00")),
        ("MI", ("09:00", "21:00"), ("09:00", "21:00")),
        ("MN", ("09:00", "21:00"), ("09:00", "21:00")),
        ("NM", ("09:00", "21:00"), ("09:00", "21:00")),
    ],
)
def test_state_table(state, monday, sunday):
    hours = load_rules().states[state].hours
    assert hours.on(MON, holiday=False) == tuple(map(t, monday))
    assert hours.on(SUN, holiday=False) == tuple(map(t, sunday))


@pytest.mark.parametrize(
    ("state", "closed_days", "closed_on_holidays", "cap"),
    [
        ("FL", set(), False, (3, 24, True)),
        ("OK", set(), False, (3, 24, True)),
        ("MD", set(), False, (3, 24, True)),
        ("AL", {SUN}, True, None),
        ("LA", {SUN}, True, None),
        ("MS", {SUN}, False, None),
        ("TX", set(), False, None),
    ],
)
def test_state_marketing_closures_and_caps(state, closed_days, closed_on_holidays, cap):
    rule = load_rules().states[state]
    assert rule.marketing_closed_days == closed_days
    assert rule.marketing_closed_on_holidays is closed_on_holidays
    found = rule.marketing_cap
    assert (found and (found.max_messages, found.per_hours, found.same_subject)) == cap


def test_overall_cap_is_configured():
    cap = load_rules().overall_cap
    assert (cap.max_messages, cap.per_hours) == (8, 24)


@pytest.mark.parametrize("weekday", range(7))
def test_unknown_zone_hours_are_at_least_as_strict_as_every_state(weekday):
    rules = load_rules()
    start, end = rules.unknown_zone_hours.on(weekday, holiday=False)
    for hours in [rules.automated_hours, *(s.hours for s in rules.states.values())]:
        state_start, state_end = hours.on(weekday, holiday=False)
        assert state_start <= start and end <= state_end


def test_rules_are_parsed_once_per_path():
    assert load_rules() is load_rules(None)
    assert load_rules() is load_rules(str(DEFAULT_RULES_FILE))


def test_unknown_purpose_is_a_value_error():
    with pytest.raises(ValueError, match="unknown purpose 'newsletter'"):
        load_rules().purpose("newsletter")


def test_a_changed_copy_is_used(tmp_path):
    text = DEFAULT_RULES_FILE.read_text().replace("max_messages = 8", "max_messages = 4")
    path = tmp_path / "rules.toml"
    path.write_text(text)
    assert load_rules(str(path)).overall_cap.max_messages == 4


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("max_body_chars = 1600", 'max_body_chars = "lots"', "limits.max_body_chars"),
        ("max_body_chars = 1600", "max_body_chars = 0", "limits.max_body_chars"),
        ('holiday_country = "US"', 'holiday_country = "XX"', "limits.holiday_country"),
        ('[states.CT]\nhours = { all = ["09:00", "20:00"] }',
         '[states.CT]\nhours = { all = ["25:00", "20:00"] }', "states.CT.hours.all"),
        ('[states.CT]\nhours = { all = ["09:00", "20:00"] }',
         '[states.CT]\nhours = { all = ["21:00", "20:00"] }', "states.CT.hours.all"),
        ('sun = ["12:00", "21:00"]', 'sunday = ["12:00", "21:00"]', "states.TX.hours.sunday"),
        ("[states.NM]", "[states.ZZ]", "states.ZZ"),
        ('marketing_closed = ["sun"]', 'marketing_closed = ["someday"]',
         "states.MS.marketing_closed"),
        ('evidence = ["express"]', 'evidence = ["a_nod"]', "purposes.marketing.evidence"),
        ('evidence = ["express"]', "evidence = []", "purposes.marketing.evidence"),
        ('["express"]\nmarketing = true', '["express"]\nmarketing = "yes"',
         "purposes.marketing.marketing"),
        ('["express"]\nmarketing = true', '["express"]\nmarketting = true',
         "purposes.marketing.marketting"),
        ("per_hours = 24\n\n#", "per_hours = -1\n\n#", "overall_cap.per_hours"),
        ("[overall_cap]", "[overall_caps]", "overall_caps"),
        ('sun = "closed"\nholidays = "closed"', 'sun = "closed"\nholidays = "shut"',
         "hours.marketing.holidays"),
        ('opt_out_footers = ["Reply STOP to opt out"]', "opt_out_footers = []",
         "limits.opt_out_footers"),
    ],
)
def test_a_bad_file_raises_value_error_naming_the_key(tmp_path, old, new, key):
    text = DEFAULT_RULES_FILE.read_text()
    assert old in text
    path = tmp_path / "rules.toml"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ValueError, match=key.replace(".", r"\.")):
        load_rules(str(path))


def test_a_missing_section_is_named(tmp_path):
    text = DEFAULT_RULES_FILE.read_text()
    path = tmp_path / "rules.toml"
    path.write_text(text[: text.index("[limits]")] + text[text.index("# Automated"):])
    with pytest.raises(ValueError, match="limits: missing"):
        load_rules(str(path))


def test_invalid_toml_is_a_value_error(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text("[limits\n")
    with pytest.raises(ValueError, match="not valid TOML"):
        load_rules(str(path))


def test_the_evidence_table_is_checked(tmp_path):
    text = DEFAULT_RULES_FILE.read_text()
    for old, new, key in [
        ("existing_relationship_months = 18", "existing_relationship_months = 0",
         "evidence.existing_relationship_months"),
        ('while_work_open = ["transactional_context"]', 'while_work_open = ["a_hunch"]',
         "evidence.while_work_open"),
        ("call_reply_window_minutes = 15", 'call_reply_window_minutes = "soon"', "limits.call_reply_window_minutes"),
    ]:
        path = tmp_path / f"{key}.toml"
        path.write_text(text.replace(old, new, 1))
        with pytest.raises(ValueError, match=key.replace(".", r"\.")):
            load_rules(str(path))
