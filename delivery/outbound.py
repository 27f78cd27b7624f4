"""Send one stored outbound message through the sender, and record what happened to it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from compliance import ledger
from config import Settings
from delivery.sender import OPTED_OUT_ERROR, Sender, SendError
from store.models import Contact, Message, utcnow

log = logging.getLogger(__name__)


# Our own states of an outbound message, apart from the statuses Twilio reports (queued, sent, ...).
PENDING = "pending"  # stored, waiting for its job to ask the gate and send it
REPLIED = "replied"  # sent as the TwiML answer to the customer's own message


class RetryLater(Exception):
    """A transient send failure, raised after the failure is committed so that RQ retries."""


@dataclass(frozen=True)
class Delivery:
    status: str
    retry: bool = False


def new_outbound(session: Session, contact: Contact, body: str, *, purpose: str,
                 status: str = PENDING, job_key: str | None = None, subject: str | None = None) -> Message:
    message = Message(contact_id=contact.id, direction="outbound", channel="sms", body=body,
                      purpose=purpose, subject=subject, status=status, job_key=job_key,
                      sent_at=utcnow() if status == REPLIED else None)
    session.add(message)
    session.flush()
    return message


def send(session: Session, settings: Settings, message: Message, contact: Contact,
         sender: Sender) -> Delivery:
    message.attempts += 1
    try:
        sent = sender.send(contact.phone, message.body)
    except SendError as error:
        message.error_code = str(error.code) if error.code else None
        message.status_reason = str(error)[:2000]
        if error.code == OPTED_OUT_ERROR:
            ledger.record(session, contact, "opt_out", source="twilio", channel="sms",
                          notes=f"Twilio error {OPTED_OUT_ERROR} on message {message.id}")
        if error.permanent or message.attempts >= settings.job_max_attempts:
            message.status = "failed"
            return Delivery("failed")
        message.status = "retrying"
        return Delivery("retrying", retry=True)
    message.twilio_sid = sent.sid
    message.status = sent.status
    message.sent_at = utcnow()
    message.error_code = None
    message.status_reason = None
    return Delivery(sent.status)
