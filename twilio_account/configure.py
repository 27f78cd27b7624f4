"""`flask twilio configure`: point the account's inbound webhooks at this service.

With a Messaging Service (TWILIO_MESSAGING_SERVICE_SID), inbound texts are the service's business:
its inbound request URL and fallback are set (and `use_inbound_webhook_on_number` turned off so the
number's own SMS URL cannot override them). Without one, the number's SMS URL and fallback are set.
Either way the number's voice URL and fallback are set. Every fallback is `/twilio/fallback`, which
keeps the request for replay, never the primary URL again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from twilio.rest import Client

from config import Settings

PATHS = {"sms": "/twilio/sms", "voice": "/twilio/voice", "fallback": "/twilio/fallback",
         "status": "/twilio/status", "ping": "/twilio/ping"}


class AccountError(Exception):
    """The account does not have what the settings name (the number, the Messaging Service)."""


@dataclass
class Target:
    """One Twilio resource: its current webhook settings, the desired ones, and how to apply them."""

    label: str
    current: dict[str, str | None]
    desired: dict[str, str]
    apply: Callable[[dict[str, str]], object]

    @property
    def changes(self) -> dict[str, str]:
        return {name: value for name, value in self.desired.items() if self.current.get(name) != value}


def urls(base: str) -> dict[str, str]:
    return {name: base.rstrip("/") + path for name, path in PATHS.items()}


def find_number(client: Client, phone: str):
    numbers = client.incoming_phone_numbers.list(phone_number=phone, limit=1)
    if not numbers:
        raise AccountError(f"{phone} is not a number of this Twilio account")
    return numbers[0]


def plan(settings: Settings, client: Client, base: str) -> list[Target]:
    """What configure would change: read from the account, nothing written."""
    url = urls(base)
    number = find_number(client, settings.twilio_number)
    number_context = client.incoming_phone_numbers(number.sid)
    voice = {"voice_url": url["voice"], "voice_method": "POST", "voice_fallback_url": url["fallback"],
             "voice_fallback_method": "POST"}
    targets = []
    if settings.twilio_messaging_service_sid:
        context = client.messaging.v1.services(settings.twilio_messaging_service_sid)
        service = context.fetch()
        desired = {"inbound_request_url": url["sms"], "inbound_method": "POST", "fallback_url": url["fallback"],
                   "fallback_method": "POST", "use_inbound_webhook_on_number": "false"}
        current = {name: _text(getattr(service, name, None)) for name in desired}
        targets.append(Target(f"Messaging Service {service.sid}", current, desired,
                              lambda changes: context.update(**_typed(changes))))
    else:
        sms = {"sms_url": url["sms"], "sms_method": "POST", "sms_fallback_url": url["fallback"],
               "sms_fallback_method": "POST"}
        voice = {**sms, **voice}
    current = {name: _text(getattr(number, name, None)) for name in voice}
    targets.append(Target(f"number {number.phone_number}", current, voice,
                          lambda changes: number_context.update(**changes)))
    return targets


def apply(targets: list[Target]) -> list[str]:
    """Write what differs; returns one line per resource."""
    lines = []
    for target in targets:
        changes = target.changes
        if changes:
            target.apply(changes)
            lines.append(f"{target.label}: set {', '.join(sorted(changes))}")
        else:
            lines.append(f"{target.label}: already configured")
    return lines


def side_by_side(targets: list[Target]) -> list[str]:
    rows = [("resource", "setting", "current", "desired", "")]
    for target in targets:
        for name, desired in target.desired.items():
            current = target.current.get(name)
            rows.append((target.label, name, current or "(unset)", desired, "" if current == desired else "CHANGE"))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[4]
            for row in rows]


def _text(value) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    return None if value is None else str(value)


def _typed(changes: dict[str, str]) -> dict:
    return {name: (value == "true") if name == "use_inbound_webhook_on_number" else value
            for name, value in changes.items()}
