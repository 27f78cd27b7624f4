"""Settle the sends a run left claimed: a message still "sending" after its run should have ended
(the worker died, or could not commit the outcome, between the claim and it). Never sent blindly,
never lost. Each is looked up at the sender (Twilio: the messages to that number since the claim):
- found: it was sent; its SID and Twilio's status are recorded, as the outcome would have been;
- not found, well after the claim (the sender's `visible_within` on top of a job's lease): it never
  left; it goes back to "retrying" and a send job is handed over, which asks the gate again;
- the sender does not answer: everything waits for the next pass.
A claim younger than a job's lease may belong to a run still going, and is left alone. The sweeper
runs this every pass; a pass costs the claimed rows only (a partial index), not the message history.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import literal_column, select

from config import Settings
from delivery import outbound
from delivery.sender import Sender, SendError, Sent, build_sender
from jobs.queue import DELIVER_JOB, NOTIFY_JOB, dispatch, schedule
from responder.escalations import STAFF_ALERT
from store.db import session_scope
from store.models import Contact, Message, utcnow

log = logging.getLogger(__name__)
# Claimed rows settled per pass (a Twilio request each), oldest claim first; the rest wait for the next pass.
SETTLE_CHUNK = 50


@dataclass
class Settled:
    sent: int = 0  # found at the sender: recorded as sent
    resent: int = 0  # not found: handed to a send job again
    waiting: int = 0  # left for a later pass: too recent to call unsent, or the sender did not answer


@dataclass(frozen=True)
class _Claimed:
    id: int
    attempt: int
    claimed_at: datetime
    body: str
    purpose: str | None
    phone: str


def settle(settings: Settings, sender: Sender | None = None) -> Settled:
    sender = sender or build_sender(settings)
    now = utcnow()
    lease = timedelta(seconds=settings.job_lease_seconds)
    settled = Settled()
    for claimed in _abandoned(settings, now - lease):
        try:
            found = sender.find(claimed.phone, claimed.body, claimed.claimed_at)
        except SendError as error:
            log.warning("the sender did not answer (%s); claimed sends wait for the next pass", error)
            settled.waiting += 1
            break
        sent = _first_unknown(settings, found)
        if sent is not None:
            settled.sent += _record_found(settings, claimed, sent)
        elif claimed.claimed_at < now - lease - sender.visible_within:
            settled.resent += _send_again(settings, claimed)
        else:
            settled.waiting += 1
    return settled


def _abandoned(settings: Settings, before: datetime) -> list[_Claimed]:
    with session_scope(settings.database_url) as session:
        rows = session.execute(
            select(Message.id, Message.attempts, Message.claimed_at, Message.body, Message.purpose, Contact.phone)
            .join(Contact, Contact.id == Message.contact_id)
            # A literal, as in the partial index ix_messages_sending, so that SQLite reads along it.
            .where(Message.status == literal_column(f"'{outbound.SENDING}'"), Message.claimed_at < before)
            .order_by(Message.claimed_at).limit(SETTLE_CHUNK)).all()
    return [_Claimed(*row) for row in rows]


def _first_unknown(settings: Settings, found: list[Sent]) -> Sent | None:
    """The newest match whose SID is on none of our messages (the same text sent earlier is not this one)."""
    if not found:
        return None
    with session_scope(settings.database_url) as session:
        known = set(session.scalars(select(Message.twilio_sid).where(
            Message.twilio_sid.in_([sent.sid for sent in found]))))
    return next((sent for sent in found if sent.sid not in known), None)


def _locked_if_unchanged(session, claimed: _Claimed) -> Message | None:
    """The message, locked, if it is still claimed by the same attempt (nobody settled it meanwhile)."""
    message = session.get(Message, claimed.id, with_for_update=True)
    if message is None or message.status != outbound.SENDING or message.attempts != claimed.attempt:
        return None
    return message


def _record_found(settings: Settings, claimed: _Claimed, sent: Sent) -> int:
    with session_scope(settings.database_url) as session:
        message = _locked_if_unchanged(session, claimed)
        if message is None:
            return 0
        for column, value in outbound.sent_values(sent, claimed.claimed_at).items():
            setattr(message, column, value)
    log.warning("message %d was sent (%s) but its outcome was never committed; recorded now", claimed.id, sent.sid)
    return 1


def _send_again(settings: Settings, claimed: _Claimed) -> int:
    with session_scope(settings.database_url) as session:
        message = _locked_if_unchanged(session, claimed)
        if message is None:
            return 0
        message.status = "retrying"
        message.status_reason = (f"attempt {claimed.attempt}, claimed at {claimed.claimed_at.isoformat()}, "
                                 "is not at the sender: it never left")
        job_id = schedule(session, NOTIFY_JOB if claimed.purpose == STAFF_ALERT else DELIVER_JOB,
                          dedupe_key=f"resend:{claimed.id}:{claimed.attempt}", message_id=claimed.id)
    dispatch(settings, [job_id])
    log.warning("message %d was claimed but never sent; handed to a send job again", claimed.id)
    return 1
