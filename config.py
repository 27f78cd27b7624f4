"""Every setting of the service, read from the environment once.

`Settings.from_env()` is the only place that looks at `os.environ`; everything else is handed a
`Settings`. A missing or malformed value raises `ConfigError` naming the variable, so the service
refuses to start instead of failing on the first webhook.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from compliance.rules import Rules, load_rules
from phones import InvalidPhoneNumber, to_e164
from responder.profile import BusinessProfile, load_profile

ROOT = Path(__file__).resolve().parent
INSTANCE_DIR = ROOT / "instance"
DEFAULT_DATABASE_URL = f"sqlite:///{INSTANCE_DIR / 'frontdesk.sqlite3'}"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
DEV_TOKEN_FILE = INSTANCE_DIR / "dev-twilio-auth-token"
DEV_SECRET_KEY_FILE = INSTANCE_DIR / "dev-secret-key"
SENDERS = ("twilio", "outbox")
MIN_STAFF_TOKEN_CHARACTERS = 32


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names it."""


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str = DEFAULT_REDIS_URL
    twilio_account_sid: str | None = None
    twilio_auth_token: str = ""
    twilio_number: str | None = None
    twilio_messaging_service_sid: str | None = None
    twilio_api_key: str | None = None
    twilio_api_secret: str | None = None
    public_base_url: str | None = None
    business_profile_file: str | None = None
    business_name: str | None = None
    business_phone: str | None = None
    staff_forward_number: str | None = None
    dial_timeout_seconds: int = 20
    # Every REST call to Twilio (a send, the settings page, configure) gives up after this; twilio's
    # own client waits forever by default, which would pin a worker or a web thread on a hung call.
    twilio_timeout_seconds: float = 10.0
    sender: str = "outbox"
    # SENDER=outbox: a file of JSON lines the outbox appends each text to (and looks a claimed send up
    # in); unset, a text is recorded on its message only.
    outbox_file: str | None = None
    staff_api_token: str | None = None
    compliance_rules_file: str | None = None
    queue_name: str = "frontdesk"
    redis_timeout_seconds: float = 2.0
    # A webhook's reads of Redis (conversation state, the RQ hand-over) give up after this, and skip
    # Redis for `redis_circuit_open_seconds` after a failure, so a hung Redis costs one request this wait.
    web_redis_timeout_seconds: float = 0.5
    redis_circuit_open_seconds: float = 5.0
    trusted_proxies: int = 0
    missed_call_textback_window_minutes: int = 24 * 60
    job_max_attempts: int = 4
    job_retry_intervals: tuple[int, ...] = (10, 60, 300)
    job_lease_seconds: int = 240
    sweep_interval_seconds: int = 15
    duplicate_wait_seconds: float = 5.0
    conversation_ttl_seconds: int = 2 * 60 * 60
    quote_followup_days: tuple[int, ...] = (2, 5)
    reminder_hours_before: int = 24
    active_request_days: int = 30
    escalation_confidence: float = 0.5
    media_dir: str = str(INSTANCE_DIR / "media")
    media_max_bytes: int = 5 * 1024 * 1024
    recording_retention_days: int = 90
    lead_reminder_minutes: int = 120
    fallback_replay_delay_seconds: int = 60
    quote_followup_grace_days: int = 1
    quote_followup_max_age_days: int = 30
    refusal_digest_delay_minutes: int = 30
    existing_relationship_months: int | None = None  # None: the rules file's [evidence] value
    call_reply_window_minutes: int | None = None  # None: the rules file's [limits] value
    secret_key: str = ""  # signs the staff console's session cookie and CSRF tokens
    review_url: str | None = None  # {review_link} in follow-up texts (seed 001)
    send_rate_per_second: int = 1  # Twilio's rate for one long code; campaign sends are spread to it
    score_rules_file: str | None = None  # relationship score weights and rules; None: relationships/score.toml
    twilio_http_client: object | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        if self.staff_api_token is not None and len(self.staff_api_token) < MIN_STAFF_TOKEN_CHARACTERS:
            raise ConfigError(f"STAFF_API_TOKEN must be at least {MIN_STAFF_TOKEN_CHARACTERS} characters "
                              f"(got {len(self.staff_api_token)}); make one with: openssl rand -hex 24")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        reader = _Reader(env)
        account_sid = reader.text("TWILIO_ACCOUNT_SID")
        auth_token = reader.text("TWILIO_AUTH_TOKEN")
        number = reader.phone("TWILIO_NUMBER")
        has_credentials = bool(account_sid and auth_token)
        sender = reader.choice("SENDER", SENDERS, "twilio" if has_credentials else "outbox")
        if sender == "twilio":
            for name, value in (("TWILIO_ACCOUNT_SID", account_sid), ("TWILIO_AUTH_TOKEN", auth_token),
                                ("TWILIO_NUMBER", number)):
                if not value:
                    raise ConfigError(f"{name} is required when SENDER=twilio")
        api_key, api_secret = reader.text("TWILIO_API_KEY"), reader.text("TWILIO_API_SECRET")
        if bool(api_key) != bool(api_secret):
            raise ConfigError("TWILIO_API_KEY and TWILIO_API_SECRET go together; set both or neither")
        public_base_url = reader.url("PUBLIC_BASE_URL", ("http", "https"))
        if (sender == "twilio" or has_credentials or (account_sid and api_key)) and not public_base_url:
            raise ConfigError("PUBLIC_BASE_URL is required with real Twilio credentials: Twilio signs "
                              "webhooks for it and sends delivery status and fallbacks to it")
        profile_file = reader.path("BUSINESS_PROFILE_FILE")
        profile = _profile(profile_file)
        settings = cls(
            database_url=reader.text("DATABASE_URL") or DEFAULT_DATABASE_URL,
            redis_url=reader.url("REDIS_URL", ("redis", "rediss", "unix")) or DEFAULT_REDIS_URL,
            twilio_account_sid=account_sid,
            twilio_auth_token=auth_token or _development_auth_token(),
            twilio_number=number,
            twilio_messaging_service_sid=reader.sid("TWILIO_MESSAGING_SERVICE_SID", "MG"),
            twilio_api_key=api_key,
            twilio_api_secret=api_secret,
            public_base_url=public_base_url,
            business_profile_file=profile_file,
            business_name=reader.text("BUSINESS_NAME") or profile.name,
            business_phone=reader.phone("BUSINESS_PHONE") or profile.phone,
            staff_forward_number=reader.phone("STAFF_FORWARD_NUMBER"),
            dial_timeout_seconds=reader.integer("DIAL_TIMEOUT_SECONDS", 20, 5, 120),
            twilio_timeout_seconds=reader.integer("TWILIO_TIMEOUT_SECONDS", 10, 1, 120),
            sender=sender,
            outbox_file=reader.text("OUTBOX_FILE"),
            staff_api_token=reader.text("STAFF_API_TOKEN"),
            compliance_rules_file=reader.path("COMPLIANCE_RULES_FILE"),
            missed_call_textback_window_minutes=reader.integer(
                "MISSED_CALL_TEXTBACK_WINDOW_MINUTES", 24 * 60, 1, 30 * 24 * 60),
            sweep_interval_seconds=reader.integer("SWEEP_INTERVAL_SECONDS", 15, 1, 3600),
            job_lease_seconds=reader.integer("JOB_LEASE_SECONDS", 240, 1, 86400),
            conversation_ttl_seconds=reader.integer("CONVERSATION_TTL_SECONDS", 2 * 60 * 60, 60, 7 * 86400),
            quote_followup_days=reader.integers("QUOTE_FOLLOWUP_DAYS", (2, 5)),
            reminder_hours_before=reader.integer("REMINDER_HOURS_BEFORE", 24, 1, 14 * 24),
            active_request_days=reader.integer("ACTIVE_REQUEST_DAYS", 30, 1, 365),
            media_dir=reader.text("MEDIA_DIR") or str(INSTANCE_DIR / "media"),
            media_max_bytes=reader.integer("MEDIA_MAX_BYTES", 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
            recording_retention_days=reader.integer("RECORDING_RETENTION_DAYS", 90, 1, 3650),
            lead_reminder_minutes=reader.integer("LEAD_REMINDER_MINUTES", 120, 1, 14 * 24 * 60),
            fallback_replay_delay_seconds=reader.integer("FALLBACK_REPLAY_DELAY_SECONDS", 60, 0, 86400),
            trusted_proxies=reader.integer("TRUSTED_PROXIES", 0, 0, 5),
            quote_followup_grace_days=reader.integer("QUOTE_FOLLOWUP_GRACE_DAYS", 1, 0, 30),
            quote_followup_max_age_days=reader.integer("QUOTE_FOLLOWUP_MAX_AGE_DAYS", 30, 1, 365),
            refusal_digest_delay_minutes=reader.integer("REFUSAL_DIGEST_DELAY_MINUTES", 30, 0, 24 * 60),
            existing_relationship_months=reader.optional_integer("EXISTING_RELATIONSHIP_MONTHS", 1, 120),
            call_reply_window_minutes=reader.optional_integer("CALL_REPLY_WINDOW_MINUTES", 1, 24 * 60),
            secret_key=reader.text("SECRET_KEY") or _development_secret(DEV_SECRET_KEY_FILE),
            review_url=reader.url("REVIEW_URL", ("http", "https")),
            send_rate_per_second=reader.integer("SEND_RATE_PER_SECOND", 1, 1, 1000),
            score_rules_file=reader.path("SCORE_RULES_FILE"),
        )
        settings.compliance_rules  # noqa: B018 -- a malformed rules file stops the start, not the first send
        return settings

    def with_overrides(self, **changes) -> Settings:
        return replace(self, **changes)

    @property
    def profile(self) -> BusinessProfile:
        return _profile(self.business_profile_file)

    @property
    def business_time_zone(self) -> str:
        return self.profile.time_zone.key

    @property
    def compliance_rules(self) -> Rules:
        try:
            return _rules(self.compliance_rules_file, self.existing_relationship_months,
                          self.call_reply_window_minutes)
        except ValueError as error:
            raise ConfigError(f"COMPLIANCE_RULES_FILE: {error}") from None


class _Reader:
    """Reads one variable at a time and names it in every error."""

    def __init__(self, env):
        self.env = env

    def text(self, name: str) -> str | None:
        value = self.env.get(name, "").strip()
        return value or None

    def choice(self, name: str, allowed: tuple[str, ...], default: str) -> str:
        value = (self.text(name) or default).lower()
        if value not in allowed:
            raise ConfigError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
        return value

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        raw = self.text(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a whole number; got {raw!r}") from None
        if not low <= value <= high:
            raise ConfigError(f"{name} must be between {low} and {high}; got {value}")
        return value

    def optional_integer(self, name: str, low: int, high: int) -> int | None:
        return None if self.text(name) is None else self.integer(name, low, low, high)

    def integers(self, name: str, default: tuple[int, ...]) -> tuple[int, ...]:
        raw = self.text(name)
        if raw is None:
            return default
        try:
            values = tuple(int(part) for part in raw.split(","))
        except ValueError:
            raise ConfigError(f"{name} must be whole numbers separated by commas; got {raw!r}") from None
        if not values or any(value < 0 for value in values):
            raise ConfigError(f"{name} must list positive numbers; got {raw!r}")
        return values

    def phone(self, name: str) -> str | None:
        raw = self.text(name)
        if raw is None:
            return None
        try:
            return to_e164(raw)
        except InvalidPhoneNumber:
            raise ConfigError(f"{name} is not a phone number; got {raw!r}") from None

    def sid(self, name: str, prefix: str) -> str | None:
        raw = self.text(name)
        if raw is not None and not (raw.startswith(prefix) and len(raw) == 34 and raw[2:].isalnum()):
            raise ConfigError(f"{name} must be a Twilio SID starting with {prefix} (34 characters); got {raw!r}")
        return raw

    def url(self, name: str, schemes: tuple[str, ...]) -> str | None:
        raw = self.text(name)
        if raw is None:
            return None
        parsed = urlparse(raw)
        if parsed.scheme not in schemes or not (parsed.netloc or parsed.path):
            raise ConfigError(f"{name} must be a {'/'.join(schemes)} URL; got {raw!r}")
        return raw.rstrip("/")

    def path(self, name: str) -> str | None:
        raw = self.text(name)
        if raw is not None and not Path(raw).is_file():
            raise ConfigError(f"{name} names a file that does not exist: {raw!r}")
        return raw


@lru_cache(maxsize=8)
def _rules(path: str | None, existing_relationship_months: int | None, call_reply_window_minutes: int | None) -> Rules:
    """One Rules object per file and overrides: the quiet-hour window cache is kept per Rules object."""
    return load_rules(path).with_windows(existing_relationship_months=existing_relationship_months,
                                         call_reply_window_minutes=call_reply_window_minutes)


@lru_cache(maxsize=8)
def _profile(path: str | None) -> BusinessProfile:
    try:
        return load_profile(path)
    except (ValueError, OSError) as error:
        raise ConfigError(f"BUSINESS_PROFILE_FILE: {error}") from None


def _development_auth_token() -> str:
    """A per-machine secret so that local webhooks are still signed when no Twilio token is set.

    `flask simulate` signs with the same token, so signature checking is never switched off.
    """
    return _development_secret(DEV_TOKEN_FILE, 16)


def _development_secret(path: Path, size: int = 32) -> str:
    """A random secret kept in instance/, made on first use, for settings that have no value."""
    INSTANCE_DIR.mkdir(exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_hex(size))
    return path.read_text().strip()
