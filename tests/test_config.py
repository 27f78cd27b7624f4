"""Settings come from the environment once; a missing or malformed one fails naming it."""

import pytest

from config import ConfigError, Settings


def test_defaults_run_without_twilio_credentials_on_the_outbox_sender():
    settings = Settings.from_env({})
    assert settings.sender == "outbox"
    assert settings.redis_url == "redis://127.0.0.1:6379/0"
    assert settings.database_url.startswith("sqlite:///")
    assert settings.twilio_auth_token  # local webhooks are still signed


def test_credentials_choose_the_twilio_sender():
    settings = Settings.from_env({"TWILIO_ACCOUNT_SID": "AC123", "TWILIO_AUTH_TOKEN": "secret",
                                  "TWILIO_NUMBER": "(305) 555-0199", "PUBLIC_BASE_URL": "https://desk.example.com"})
    assert settings.sender == "twilio" and settings.twilio_number == "+13055550199"


def test_real_credentials_without_a_public_url_refuse_to_start_in_one_line():
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({"TWILIO_ACCOUNT_SID": "AC123", "TWILIO_AUTH_TOKEN": "secret",
                           "TWILIO_NUMBER": "+13055550199"})
    assert str(refused.value).startswith("PUBLIC_BASE_URL is required") and "\n" not in str(refused.value)
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):  # the outbox does not make them less real
        Settings.from_env({"TWILIO_ACCOUNT_SID": "AC123", "TWILIO_AUTH_TOKEN": "secret", "SENDER": "outbox"})


def test_messaging_service_and_api_key_are_read():
    settings = Settings.from_env({"TWILIO_ACCOUNT_SID": "AC123", "TWILIO_AUTH_TOKEN": "secret",
                                  "TWILIO_NUMBER": "+13055550199", "PUBLIC_BASE_URL": "https://desk.example.com",
                                  "TWILIO_MESSAGING_SERVICE_SID": "MG" + "a" * 32,
                                  "TWILIO_API_KEY": "SK" + "b" * 32, "TWILIO_API_SECRET": "shh"})
    assert settings.twilio_messaging_service_sid == "MG" + "a" * 32
    assert (settings.twilio_api_key, settings.twilio_api_secret) == ("SK" + "b" * 32, "shh")


@pytest.mark.parametrize("environ, named", [
    ({"SENDER": "carrier-pigeon"}, "SENDER"),
    ({"SENDER": "twilio"}, "TWILIO_ACCOUNT_SID"),
    ({"DIAL_TIMEOUT_SECONDS": "soon"}, "DIAL_TIMEOUT_SECONDS"),
    ({"DIAL_TIMEOUT_SECONDS": "900"}, "DIAL_TIMEOUT_SECONDS"),
    ({"STAFF_FORWARD_NUMBER": "call Bob"}, "STAFF_FORWARD_NUMBER"),
    ({"PUBLIC_BASE_URL": "desk.example.com"}, "PUBLIC_BASE_URL"),
    ({"REDIS_URL": "http://localhost:6379"}, "REDIS_URL"),
    ({"BUSINESS_PROFILE_FILE": "/nonexistent/profile.toml"}, "BUSINESS_PROFILE_FILE"),
    ({"QUOTE_FOLLOWUP_DAYS": "2,soon"}, "QUOTE_FOLLOWUP_DAYS"),
    ({"TWILIO_MESSAGING_SERVICE_SID": "PN123"}, "TWILIO_MESSAGING_SERVICE_SID"),
    ({"TWILIO_API_KEY": "SK123"}, "TWILIO_API_KEY"),
    ({"MEDIA_MAX_BYTES": "10"}, "MEDIA_MAX_BYTES"),
    ({"STAFF_API_TOKEN": "staff-secret"}, "STAFF_API_TOKEN"),
    ({"STAFF_API_TOKEN": "x" * 31}, "STAFF_API_TOKEN"),
    ({"TRUSTED_PROXIES": "many"}, "TRUSTED_PROXIES"),
    ({"JOB_LEASE_SECONDS": "0"}, "JOB_LEASE_SECONDS"),
])
def test_malformed_setting_fails_naming_it(environ, named):
    with pytest.raises(ConfigError, match=named):
        Settings.from_env(environ)


def test_public_base_url_loses_its_trailing_slash():
    assert Settings.from_env({"PUBLIC_BASE_URL": "https://desk.example.com/"}).public_base_url == \
        "https://desk.example.com"


def test_a_staff_token_of_32_characters_is_accepted_and_proxies_default_to_none():
    settings = Settings.from_env({"STAFF_API_TOKEN": "x" * 32})
    assert settings.staff_api_token == "x" * 32
    assert settings.trusted_proxies == 0


def test_consent_windows_default_to_the_rules_file_and_the_environment_overrides_them():
    rules = Settings.from_env({}).compliance_rules
    assert rules.evidence.existing_relationship_months == 18 and rules.call_reply_window_minutes == 15
    changed = Settings.from_env({"EXISTING_RELATIONSHIP_MONTHS": "24", "CALL_REPLY_WINDOW_MINUTES": "10"})
    assert changed.compliance_rules.evidence.existing_relationship_months == 24
    assert changed.compliance_rules.call_reply_window_minutes == 10
    quotes = Settings.from_env({"QUOTE_FOLLOWUP_GRACE_DAYS": "2", "QUOTE_FOLLOWUP_MAX_AGE_DAYS": "60"})
    assert (quotes.quote_followup_grace_days, quotes.quote_followup_max_age_days) == (2, 60)
    assert Settings.from_env({}).refusal_digest_delay_minutes == 30


@pytest.mark.parametrize("name", ["EXISTING_RELATIONSHIP_MONTHS", "CALL_REPLY_WINDOW_MINUTES",
                                  "QUOTE_FOLLOWUP_GRACE_DAYS", "QUOTE_FOLLOWUP_MAX_AGE_DAYS",
                                  "REFUSAL_DIGEST_DELAY_MINUTES"])
def test_consent_window_settings_are_checked(name):
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: "-3"})


def test_overridden_rules_are_one_object_so_the_quiet_hour_windows_stay_cached():
    # compliance.quiet_hours remembers windows per zone, day and purpose for one Rules object; a new
    # object per decision (settings.compliance_rules is read on every send) would recompute them each time.
    settings = Settings.from_env({"EXISTING_RELATIONSHIP_MONTHS": "24", "CALL_REPLY_WINDOW_MINUTES": "10"})
    assert settings.compliance_rules is settings.compliance_rules
    assert Settings.from_env({}).compliance_rules is Settings.from_env({}).compliance_rules
    other = Settings.from_env({"EXISTING_RELATIONSHIP_MONTHS": "30"}).compliance_rules
    assert other.evidence.existing_relationship_months == 30
    assert settings.compliance_rules.evidence.existing_relationship_months == 24
