"""Send one stored outbound message through the sender, and record what happened to it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, inspect
from sqlalchemy.orm import Session

from compliance import ledger
from config import Settings
from delivery.sender import OPTED_OUT_ERROR, Sender, SendError
from store.compiled import compiled
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


def reply_with_text(session: Session, contact: Contact, inbound: Message, body: str, *, purpose: str) -> None:
    """Store the TwiML reply to `inbound`; an inbound text not written yet goes in the same INSERT.

    A plain multi-row INSERT rather than the ORM's flush: the ORM writes one row per statement on
    SQLite (it needs each row's id back), and nothing reads these rows back in this transaction.
    SQLAlchemy does not cache a multi-row VALUES, so it is compiled once (store/compiled.py).
    """
    now = utcnow()
    rows = [_row(contact.id, "outbound", "sms", body, status=REPLIED, purpose=purpose, sent_at=now, created_at=now)]
    if inspect(inbound).pending:
        rows.insert(0, _taken_inbound(session, inbound, now))
    _insert_rows(session, rows)


def keep_unanswered(session: Session, inbound: Message) -> None:
    """Write an inbound text that gets no reply, if it is still waiting: the same INSERT as a reply's, one row."""
    if inspect(inbound).pending:
        _insert_rows(session, [_taken_inbound(session, inbound, utcnow())])


def _taken_inbound(session: Session, inbound: Message, now) -> dict:
    """`inbound`'s row, taken out of the session (nothing reads it back in this transaction)."""
    session.expunge(inbound)
    return _row(inbound.contact_id, inbound.direction, inbound.channel, inbound.body, status=inbound.status,
                twilio_sid=inbound.twilio_sid, intent=inbound.intent, intent_confidence=inbound.intent_confidence,
                entities=inbound.entities, created_at=inbound.created_at or now)


def _insert_rows(session: Session, rows: list[dict]) -> None:
    statement = compiled(session, f"delivery.outbound.reply_with_text.{len(rows)}", lambda dialect: _insert(len(rows)))
    session.connection().execute(statement.statement, statement.params(
        {f"{key}_{index}": value for index, row in enumerate(rows) for key, value in row.items()}))


_ROW_KEYS = ("contact_id", "direction", "channel", "body", "status", "purpose", "sent_at", "twilio_sid", "intent",
             "intent_confidence", "entities", "attempts", "created_at")


def _insert(count: int):
    """INSERT INTO messages ... VALUES (...), (...): `count` rows, each of every key of _row."""
    return insert(Message).values([{key: bindparam(f"{key}_{index}") for key in _ROW_KEYS} for index in range(count)])


def _row(contact_id: int, direction: str, channel: str, body: str, *, status: str, created_at, purpose=None,
         sent_at=None, twilio_sid=None, intent=None, intent_confidence=None, entities=None) -> dict:
    # Every row names the same columns (_ROW_KEYS): a multi-row VALUES takes one set of columns.
    return {"contact_id": contact_id, "direction": direction, "channel": channel, "body": body, "status": status,
            "purpose": purpose, "sent_at": sent_at, "twilio_sid": twilio_sid, "intent": intent,
            "intent_confidence": intent_confidence, "entities": entities, "attempts": 0, "created_at": created_at}


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
