"""Send one stored outbound message through the sender, and record what happened to it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, insert, inspect, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from compliance import ledger
from config import Settings
from delivery.sender import OPTED_OUT_ERROR, Sender, SendError, Sent
from store.compiled import compiled
from store.db import session_scope
from store.errors import describe
from store.models import Contact, Message, utcnow

log = logging.getLogger(__name__)


# Our own states of an outbound message, apart from the statuses Twilio reports (queued, sent, ...).
PENDING = "pending"  # stored, waiting for its job to ask the gate and send it
REPLIED = "replied"  # sent as the TwiML answer to the customer's own message
SENDING = "sending"  # claimed by a send job, committed before the text leaves: it may have gone out
# Pauses between tries of committing a send's outcome (a dropped connection, a restarting database).
OUTCOME_RETRY_PAUSES = (0.2, 0.5, 1.0, 2.0)


class RetryLater(Exception):
    """A transient send failure, raised after the failure is committed so that RQ retries."""


@dataclass(frozen=True)
class Delivery:
    status: str
    retry: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class Claim:
    """One claimed attempt at a message: what its send and outcome need, outside any transaction."""

    message_id: int
    attempt: int
    to: str
    body: str
    claimed_at: datetime


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


def claim(message: Message, contact: Contact) -> Claim:
    """Mark the message as being sent, for one more attempt; the caller commits this before the send.

    Once committed, no run sends it again: whatever happens to the outcome (`send_claimed`), a row
    left "sending" is settled against the sender (jobs.settle), never sent blindly.
    """
    message.attempts += 1
    message.status = SENDING
    message.claimed_at = utcnow()
    return Claim(message.id, message.attempts, contact.phone, message.body, message.claimed_at)


def send_claimed(settings: Settings, claimed: Claim, sender: Sender,
                 finish: Callable[[Session], None] | None = None) -> Delivery:
    """Send a claimed message once and commit what happened to it.

    The outcome's commit is retried on a database fault (the SID is in memory): the text is never sent
    again for it. Should every try fail, the row stays "sending", for the sweeper to settle.
    `finish` (the job's lease, jobs.runner) writes in the outcome's transaction unless a retry is due.
    """
    try:
        outcome: Sent | SendError = sender.send(claimed.to, claimed.body)
    except SendError as error:
        outcome = error
    pauses = iter(OUTCOME_RETRY_PAUSES)
    while True:
        try:
            with session_scope(settings.database_url) as session:
                delivery = record_outcome(session, settings, claimed, outcome)
                if finish is not None and not delivery.retry:
                    finish(session)
            return delivery
        except DBAPIError as error:
            pause = next(pauses, None)
            if pause is None:
                log.error("the outcome of message %d (attempt %d) was not committed (%s); it stays %r for the "
                          "sweeper to settle", claimed.message_id, claimed.attempt, describe(error), SENDING)
                return Delivery(SENDING)
            log.warning("committing the outcome of message %d failed (%s); trying again in %.1f s",
                        claimed.message_id, describe(error), pause)
            time.sleep(pause)


def record_outcome(session: Session, settings: Settings, claimed: Claim, outcome: Sent | SendError) -> Delivery:
    """Write a claimed attempt's outcome, unless the row was settled meanwhile (by the sweeper).

    A send that went out, the common case, is one compare-and-set UPDATE (no row loaded).
    """
    if isinstance(outcome, Sent):
        written = session.connection().execute(  # Core: no ORM bulk-update context for one row
            _RECORD_SENT, {"message_id": claimed.message_id, "attempt": claimed.attempt, "sid": outcome.sid,
                           "sent_status": outcome.status, "at": utcnow()})
        if written.rowcount:
            return Delivery(outcome.status)
    message = session.get(Message, claimed.message_id, with_for_update=True)
    if message is None or message.status != SENDING or message.attempts != claimed.attempt:
        return Delivery(message.status if message else "missing")
    message.error_code = str(outcome.code) if outcome.code else None
    message.status_reason = str(outcome)[:2000]
    if outcome.code == OPTED_OUT_ERROR:
        ledger.record(session, session.get(Contact, message.contact_id), "opt_out", source="twilio", channel="sms",
                      notes=f"Twilio error {OPTED_OUT_ERROR} on message {message.id}")
    if outcome.permanent or message.attempts >= settings.job_max_attempts:
        message.status = "failed"
        return Delivery("failed", reason=message.status_reason)
    message.status = "retrying"
    return Delivery("retrying", retry=True, reason=message.status_reason)


def sent_values(sent: Sent, at: datetime) -> dict:
    """The columns of a message that went out: its SID and status, when, and no error."""
    return {"twilio_sid": sent.sid, "status": sent.status, "sent_at": at, "error_code": None, "status_reason": None}


# sent_values, written by a compare-and-set on the claimed attempt; built once, not per send.
_RECORD_SENT = (update(Message)
                .where(Message.id == bindparam("message_id"), Message.status == SENDING,
                       Message.attempts == bindparam("attempt"))
                .values(twilio_sid=bindparam("sid"), status=bindparam("sent_status"), sent_at=bindparam("at"),
                        error_code=None, status_reason=None))
