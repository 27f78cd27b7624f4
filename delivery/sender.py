"""The one way an SMS leaves the service: Twilio's REST API, or an outbox that only records."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from twilio.base.exceptions import TwilioException, TwilioRestException

from config import Settings
from twilio_account.client import rest_client

OPTED_OUT_ERROR = 21610


class SendError(Exception):
    def __init__(self, message: str, *, code: int | None = None, permanent: bool):
        super().__init__(message)
        self.code = code
        self.permanent = permanent


@dataclass(frozen=True)
class Sent:
    sid: str
    status: str


class Sender(Protocol):
    def send(self, to: str, body: str) -> Sent: ...


class TwilioSender:
    """Sends through the Messaging Service when one is configured (A2P 10DLC, Advanced Opt-Out),
    else from the number; every send names our status callback (production requires PUBLIC_BASE_URL)."""

    def __init__(self, settings: Settings):
        self.client = rest_client(settings)
        self.origin = ({"messaging_service_sid": settings.twilio_messaging_service_sid}
                       if settings.twilio_messaging_service_sid else {"from_": settings.twilio_number})
        if settings.public_base_url:
            self.origin["status_callback"] = f"{settings.public_base_url}/twilio/status"

    def send(self, to: str, body: str) -> Sent:
        try:
            message = self.client.messages.create(to=to, body=body, **self.origin)
        except TwilioRestException as error:
            # 4xx answers (bad number, opted out, blocked) will not change on a retry; 5xx may.
            raise SendError(error.msg, code=error.code, permanent=400 <= error.status < 500) from error
        except (TwilioException, OSError) as error:
            raise SendError(str(error), permanent=False) from error
        return Sent(sid=message.sid, status=message.status or "queued")


class OutboxSender:
    """Records instead of sending: the default without Twilio credentials."""

    def send(self, to: str, body: str) -> Sent:
        return Sent(sid=f"OUTBOX{uuid.uuid4().hex}", status="recorded")


def build_sender(settings: Settings) -> Sender:
    return TwilioSender(settings) if settings.sender == "twilio" else OutboxSender()
