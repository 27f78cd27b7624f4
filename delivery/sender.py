"""The one way an SMS leaves the service: Twilio's REST API, or an outbox that only records."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

from twilio.base.exceptions import TwilioException, TwilioRestException

from config import Settings
from twilio_account.client import rest_client

OPTED_OUT_ERROR = 21610
# Our clock and Twilio's may disagree by this much when a claim's time is compared with a message's.
CLOCK_SLACK = timedelta(minutes=1)
# The newest messages to one number read when looking for one claimed send: far more than we send one
# customer while a claim waits to be settled.
LOOKUP_LIMIT = 50


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
    # How long after a send it surely shows in `find`: a claim not found that long after it was taken
    # was never sent.
    visible_within: timedelta

    def send(self, to: str, body: str) -> Sent: ...

    def find(self, to: str, body: str, since: datetime) -> list[Sent]:
        """The sends of `body` to `to` made since `since`, newest first. Raises SendError when the
        sender cannot tell."""


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

    visible_within = timedelta(minutes=2)

    def find(self, to: str, body: str, since: datetime) -> list[Sent]:
        """Twilio's newest messages to `to` from our sender, matched by body and time of creation.

        Not filtered by DateSent: Twilio matches it by day, and a message still queued has no date sent.
        A Messaging Service picks the number, so its messages are told apart by the service's SID.
        """
        service = self.origin.get("messaging_service_sid")
        sender = {} if service else {"from_": self.origin["from_"]}
        try:
            messages = self.client.messages.list(to=to, limit=LOOKUP_LIMIT, **sender)
        except TwilioRestException as error:
            raise SendError(error.msg, code=error.code, permanent=False) from error
        except (TwilioException, OSError) as error:
            raise SendError(str(error), permanent=False) from error
        return [Sent(sid=message.sid, status=message.status or "queued") for message in messages
                if (service is None or message.messaging_service_sid == service) and _same_text(message.body, body)
                and isinstance(message.date_created, datetime) and message.date_created >= since - CLOCK_SLACK]


def _same_text(sent: str | None, body: str) -> bool:
    """Twilio keeps the body as sent; a Messaging Service's compliance text may follow it, after a space
    or a line break (a longer text of ours that merely starts with the same words is not this one)."""
    return sent is not None and (sent == body or sent.startswith((body + " ", body + "\n")))


class OutboxSender:
    """Records instead of sending: the default without Twilio credentials. With a file (OUTBOX_FILE),
    each text is appended to it as a JSON line, and a claimed send is looked up there as at Twilio."""

    visible_within = timedelta(0)  # the line is written before `send` returns

    def __init__(self, path: str | None = None):
        self.path = Path(path) if path else None

    def send(self, to: str, body: str) -> Sent:
        sent = Sent(sid=f"OUTBOX{uuid.uuid4().hex}", status="recorded")
        if self.path is not None:
            line = json.dumps({"sid": sent.sid, "to": to, "body": body, "at": datetime.now(UTC).isoformat()})
            with self.path.open("a", encoding="utf-8") as outbox:
                outbox.write(line + "\n")  # one write of one line: processes appending never interleave
        return sent

    def find(self, to: str, body: str, since: datetime) -> list[Sent]:
        """Without a file, the outbox's record is the message row: a claim, once committed, is as good as
        recorded (nothing leaves the machine, and recording cannot fail)."""
        if self.path is None:
            return [Sent(sid=f"OUTBOX{uuid.uuid4().hex}", status="recorded")]
        return [Sent(sid=line["sid"], status="recorded") for line in reversed(self.lines())
                if line["to"] == to and line["body"] == body and datetime.fromisoformat(line["at"]) >= since]

    def lines(self) -> list[dict]:
        if self.path is None or not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as outbox:
            return [json.loads(line) for line in outbox if line.endswith("\n")]


def build_sender(settings: Settings) -> Sender:
    return TwilioSender(settings) if settings.sender == "twilio" else OutboxSender(settings.outbox_file)
