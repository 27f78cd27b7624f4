"""`flask twilio doctor`: is this Twilio account ready to be a front desk? One line per check.

Each failing line carries the fix. The REST checks read the account (never write it); the last two
probe the public URL the way Twilio will: a signed POST that must verify, and the status callback.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests
from sqlalchemy import select
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.request_validator import RequestValidator

from config import Settings
from intake.texts import ADVANCED_OPT_OUT_NOTE
from store.db import session_scope
from store.models import ConsentEvent
from twilio_account import configure
from twilio_account.client import auth_token_client, rest_client

PROBE_TIMEOUT_SECONDS = 10
APPROVED_CAMPAIGN = "VERIFIED"
OK, FAIL, NOTE = "ok", "FAIL", "note"


@dataclass(frozen=True)
class Check:
    name: str
    verdict: str  # ok, FAIL, note
    detail: str
    fix: str | None = None

    def lines(self) -> list[str]:
        head = f"{self.verdict:<4}  {self.name}: {self.detail}"
        return [head] if self.fix is None else [head, f"      fix: {self.fix}"]


def run(settings: Settings) -> list[Check]:
    checks: list[Check] = []
    if not (settings.twilio_account_sid and settings.twilio_number):
        return [Check("settings", FAIL, "TWILIO_ACCOUNT_SID and TWILIO_NUMBER are not set",
                      "set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN (and optionally TWILIO_API_KEY/TWILIO_API_SECRET) "
                      "and TWILIO_NUMBER")]
    client = rest_client(settings)
    checks += _credentials(settings, client)
    if any(check.verdict == FAIL for check in checks):
        return checks + [Check("account", NOTE, "skipped the account checks: the credentials were refused")]
    number = _number(settings, client, checks)
    if settings.twilio_messaging_service_sid:
        _messaging_service(settings, client, number, checks)
    else:
        checks.append(Check("messaging service", FAIL, "TWILIO_MESSAGING_SERVICE_SID is not set: texts go from the "
                            "bare number, without A2P 10DLC registration or Advanced Opt-Out",
                            "create a Messaging Service, add the number to its sender pool and set "
                            "TWILIO_MESSAGING_SERVICE_SID (README: Going live)"))
    checks.append(_advanced_opt_out(settings))
    if number is not None:
        checks += _webhooks(settings, client)
    checks += _probes(settings)
    return checks


def _credentials(settings: Settings, client) -> list[Check]:
    which = f"API key {settings.twilio_api_key}" if settings.twilio_api_key else "the auth token"
    refused = _account_refusal(client, settings.twilio_account_sid)
    if refused:
        return [Check("credentials", FAIL, f"Twilio refused {which} for {settings.twilio_account_sid}: {refused}",
                      "copy TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET) "
                      "from the Twilio Console again")]
    checks = [Check("credentials", OK, f"{which} is accepted for {settings.twilio_account_sid}")]
    if settings.twilio_api_key:
        token_refused = _account_refusal(auth_token_client(settings), settings.twilio_account_sid)
        if token_refused:
            checks.append(Check("signatures", FAIL, f"TWILIO_AUTH_TOKEN is not this account's ({token_refused}): "
                                "no webhook signature would verify",
                                "set TWILIO_AUTH_TOKEN to the account's primary auth token (an API key cannot "
                                "verify signatures)"))
        else:
            checks.append(Check("signatures", OK, "TWILIO_AUTH_TOKEN is the account's: webhook signatures verify"))
    return checks


def _account_refusal(client, account_sid: str) -> str | None:
    try:
        account = client.api.v2010.accounts(account_sid).fetch()
    except TwilioRestException as error:
        return f"HTTP {error.status}, error {error.code}"
    except (TwilioException, OSError) as error:
        return f"could not reach Twilio ({type(error).__name__})"
    if account.status != "active":
        return f"the account is {account.status}"
    return None


def _number(settings: Settings, client, checks: list[Check]):
    try:
        number = configure.find_number(client, settings.twilio_number)
    except configure.AccountError as error:
        checks.append(Check("number", FAIL, str(error), "buy or port the number in the Console "
                            "(Phone Numbers > Manage), or correct TWILIO_NUMBER"))
        return None
    if not (number.capabilities or {}).get("sms"):
        checks.append(Check("number", FAIL, f"{number.phone_number} cannot send or receive SMS",
                            "use a number whose capabilities include SMS"))
    else:
        checks.append(Check("number", OK, f"{number.phone_number} ({number.sid}) is on the account and can text"))
    return number


def _messaging_service(settings: Settings, client, number, checks: list[Check]) -> None:
    sid = settings.twilio_messaging_service_sid
    context = client.messaging.v1.services(sid)
    try:
        context.fetch()
    except TwilioRestException as error:
        checks.append(Check("messaging service", FAIL, f"{sid} is not readable (HTTP {error.status})",
                            "correct TWILIO_MESSAGING_SERVICE_SID (Console > Messaging > Services)"))
        return
    senders = {sender.phone_number for sender in context.phone_numbers.list(limit=400)}
    if settings.twilio_number in senders:
        checks.append(Check("messaging service", OK, f"{settings.twilio_number} is in {sid}'s sender pool"))
    else:
        number_sid = number.sid if number is not None else "PN..."
        checks.append(Check("messaging service", FAIL, f"{settings.twilio_number} is not in {sid}'s sender pool",
                            f"add it: Console > Messaging > Services > {sid} > Sender Pool, or POST "
                            f"PhoneNumberSid={number_sid} to /v1/Services/{sid}/PhoneNumbers"))
    campaigns = context.us_app_to_person.list(limit=20)
    if not campaigns:
        checks.append(Check("A2P 10DLC campaign", FAIL, f"{sid} has no registered campaign: US carriers block "
                            "unregistered texts from long codes", "register the brand and a campaign on this "
                            "Messaging Service (README: Going live, with the description and samples given there)"))
    elif any(campaign.campaign_status == APPROVED_CAMPAIGN for campaign in campaigns):
        approved = next(c for c in campaigns if c.campaign_status == APPROVED_CAMPAIGN)
        checks.append(Check("A2P 10DLC campaign", OK, f"{approved.campaign_id or approved.sid} "
                            f"({approved.us_app_to_person_usecase}) is {APPROVED_CAMPAIGN}"))
    else:
        campaign = campaigns[0]
        errors = "; ".join(str(error.get("description") or error) if isinstance(error, dict) else str(error)
                           for error in campaign.errors or [])
        checks.append(Check("A2P 10DLC campaign", FAIL, f"{campaign.sid} is {campaign.campaign_status}, not "
                            f"{APPROVED_CAMPAIGN}" + (f": {errors}" if errors else "") +
                            "; texts are blocked until it is approved",
                            "wait for the review (IN_PROGRESS), or correct and resubmit it (FAILED) in "
                            "Console > Messaging > Regulatory Compliance"))


def _advanced_opt_out(settings: Settings) -> Check:
    """Twilio's REST API does not show Advanced Opt-Out; an opt-out keyword we received does (OptOutType)."""
    with session_scope(settings.database_url) as session:
        notes = session.execute(select(ConsentEvent.notes).where(
            ConsentEvent.kind.in_(("opt_out", "opt_in")), ConsentEvent.source == "sms")
            .order_by(ConsentEvent.id.desc()).limit(1)).first()
    if notes is None:
        return Check("Advanced Opt-Out", NOTE, "unknown until a customer texts STOP or START (Twilio's API does not "
                     "report it). On: Twilio sends the STOP/START/HELP confirmations and we send none. Off: we "
                     "send our own (responder/wording.toml)")
    if notes[0] == ADVANCED_OPT_OUT_NOTE:
        return Check("Advanced Opt-Out", NOTE, "on (the last STOP/START carried OptOutType): Twilio's Messaging "
                     "Service sends the confirmations, so we send none; edit them in the service's Opt-Out settings")
    return Check("Advanced Opt-Out", NOTE, "off (the last STOP/START carried no OptOutType): we send our own "
                 "confirmations; Twilio still blocks texts to numbers that sent STOP")


def _webhooks(settings: Settings, client) -> list[Check]:
    base = settings.public_base_url
    if not base:
        return [Check("webhooks", FAIL, "PUBLIC_BASE_URL is not set, so there is no URL to compare with",
                      "set PUBLIC_BASE_URL to the https URL Twilio reaches this service at")]
    checks = []
    if not base.startswith("https://"):
        checks.append(Check("https", FAIL, f"PUBLIC_BASE_URL {base} is not https",
                            "serve the service over TLS (a proxy or tunnel) and set PUBLIC_BASE_URL to https://..."))
    try:
        targets = configure.plan(settings, client, base)
    except (TwilioRestException, configure.AccountError) as error:
        return checks + [Check("webhooks", FAIL, f"could not read the webhook settings: {error}",
                               "fix the lines above, then run this again")]
    for target in targets:
        wrong = target.changes
        if wrong:
            shown = ", ".join(f"{name} is {target.current.get(name) or '(unset)'}" for name in sorted(wrong))
            checks.append(Check(f"webhooks of {target.label}", FAIL, f"not pointed here: {shown}",
                                "run: flask --app app twilio configure"))
        else:
            checks.append(Check(f"webhooks of {target.label}", OK, f"point at {base}"))
    return checks


def _probes(settings: Settings) -> list[Check]:
    base = settings.public_base_url
    if not base:
        return []
    url = configure.urls(base)
    params = {"AccountSid": settings.twilio_account_sid or "", "Doctor": "1"}
    signature = RequestValidator(settings.twilio_auth_token).compute_signature(url["ping"], params)
    checks = []
    answer, reason = _post(url["ping"], params, {"X-Twilio-Signature": signature})
    if answer is not None and answer.status_code == 200:
        checks.append(Check("signed round trip", OK, f"{url['ping']} verified a signed request"))
    elif answer is not None and answer.status_code == 403:
        checks.append(Check("signed round trip", FAIL, f"{url['ping']} refused our signature (403)",
                            "the server must run with the same TWILIO_AUTH_TOKEN, and PUBLIC_BASE_URL must be "
                            "exactly the URL Twilio calls (scheme, host, port)"))
    else:
        checks.append(Check("signed round trip", FAIL, f"{url['ping']}: {reason}",
                            "make the service reachable at PUBLIC_BASE_URL from the internet"))
    answer, reason = _post(url["status"], {"Doctor": "1"}, {})
    if answer is not None and answer.status_code == 403:
        checks.append(Check("status callback", OK, f"{url['status']} is reachable (and refuses unsigned posts)"))
    else:
        checks.append(Check("status callback", FAIL, f"{url['status']}: {reason}",
                            "make /twilio/status reachable at PUBLIC_BASE_URL; delivery reports and opt-outs "
                            "(error 21610) arrive there"))
    return checks


def _post(url: str, params: dict, headers: dict):
    try:
        answer = requests.post(url, data=params, headers=headers, timeout=PROBE_TIMEOUT_SECONDS)
    except requests.RequestException as error:
        return None, f"not reachable ({type(error).__name__})"
    return answer, f"answered HTTP {answer.status_code}"
