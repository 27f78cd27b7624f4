"""The one way an SMS leaves the service: Twilio's REST API, or an outbox that only records."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from config import Settings

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
    def __init__(self, settings: Settings):
        self.client = Client(settings.twilio_account_sid, settings.twilio_auth_token,
                             http_client=settings.twilio_http_client)
        self.from_number = settings.twilio_number
        self.status_callback = (f"{settings.public_base_url}/twilio/status"
                                if settings.public_base_url else None)

    def send(self, to: str, body: str) -> Sent:
        options = {"status_callback": self.status_callback} if self.status_callback else {}
        try:
            message = self.client.messages.create(to=to, from_=self.from_number, body=body, **options)
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
