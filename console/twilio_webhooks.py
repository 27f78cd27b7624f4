"""The Twilio number's webhooks for the settings page: as Twilio reports them, and configure them.

The same plan as `flask twilio configure` (twilio_account.configure): current against desired, read
from the account; applying it writes only what differs. No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from requests import RequestException
from twilio.base.exceptions import TwilioRestException

from config import Settings
from twilio_account import configure
from twilio_account.client import rest_client


@dataclass
class Setting:
    resource: str
    name: str
    current: str | None
    desired: str

    @property
    def differs(self) -> bool:
        return self.current != self.desired


@dataclass
class WebhookStatus:
    missing: list[str] = field(default_factory=list)  # settings to set first: nothing was asked of Twilio
    error: str | None = None  # what Twilio (or the account) answered instead
    settings: list[Setting] = field(default_factory=list)

    @property
    def configured(self) -> bool:
        return not self.missing and self.error is None and not any(row.differs for row in self.settings)


def missing(settings: Settings) -> list[str]:
    needed = (("TWILIO_ACCOUNT_SID", settings.twilio_account_sid), ("TWILIO_NUMBER", settings.twilio_number),
              ("PUBLIC_BASE_URL", settings.public_base_url))
    return [name for name, value in needed if not value]


def status(settings: Settings) -> WebhookStatus:
    """Current against desired webhook settings of the number (and its Messaging Service, if any)."""
    if absent := missing(settings):
        return WebhookStatus(missing=absent)
    try:
        targets = configure.plan(settings, rest_client(settings), settings.public_base_url)
    except (configure.AccountError, TwilioRestException, RequestException) as error:
        return WebhookStatus(error=_explain(error))
    return WebhookStatus(settings=[Setting(target.label, name, target.current.get(name), desired)
                                   for target in targets for name, desired in target.desired.items()])


def apply(settings: Settings) -> tuple[list[str], str | None]:
    """Configure as `flask twilio configure` does: (one line per resource, None) or ([], the problem)."""
    if absent := missing(settings):
        return [], "Twilio is not configured: set " + ", ".join(absent)
    try:
        return configure.apply(configure.plan(settings, rest_client(settings), settings.public_base_url)), None
    except (configure.AccountError, TwilioRestException, RequestException) as error:
        return [], _explain(error)


def _explain(error: Exception) -> str:
    if isinstance(error, TwilioRestException):
        return f"Twilio refused: HTTP {error.status}, error {error.code}: {error.msg}"
    if isinstance(error, RequestException):
        return f"Twilio did not answer: {type(error).__name__}"
    return str(error)
