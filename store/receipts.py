"""Process each Twilio webhook delivery once, and answer its retries with the first answer."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from store.compiled import compiled
from store.db import session_factory
from store.models import WebhookReceipt, utcnow
from store.upsert import DIALECT_INSERTS

POLL_INTERVAL_SECONDS = 0.05


@dataclass
class Outcome:
    """What processing a webhook produced: the answer, and the queued jobs to hand to RQ."""

    answer: str
    job_ids: list[int] = field(default_factory=list)
    # The jobs' rows as the transaction wrote them (jobs.queue.Handover), for the hand-over after the commit.
    handovers: dict[int, Any] = field(default_factory=dict)
    duplicate: bool = False
    pending: bool = False  # a duplicate whose first copy had not answered within the wait


def answer_once(database_url: str, kind: str, key: str, work: Callable[[Session], Outcome],
                *, wait_seconds: float) -> Outcome:
    """Claim (kind, key), run `work` and store its answer in the same transaction.

    The claim is the transaction's first write, so a concurrent duplicate blocks on the unique
    index until the first commits and then reads the stored answer; if the first rolls back, the
    duplicate is free to claim it.
    """
    session = session_factory(database_url)()
    try:
        claim = compiled(session, "store.receipts.claim", _claim, lambda: [WebhookReceipt.id])
        receipt_id = session.connection().execute(claim.statement, claim.params(
            {"kind": kind, "key": key, "received_at": utcnow()})).scalar_one_or_none()
        if receipt_id is None:
            # The first copy has committed (or, on PostgreSQL, the insert waited until it did).
            answer = _stored_answer(session, kind, key, wait_seconds)
            return Outcome(answer=answer or "", duplicate=True, pending=answer is None)
        outcome = work(session)
        session.flush()
        session.connection().execute(_STORE_ANSWER, {"receipt_id": receipt_id, "answer": outcome.answer})
        session.commit()
        return outcome
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _claim(dialect: str):
    return (DIALECT_INSERTS[dialect](WebhookReceipt)
            .values(kind=bindparam("kind"), key=bindparam("key"), received_at=bindparam("received_at"))
            .on_conflict_do_nothing().returning(WebhookReceipt.id))


_STORE_ANSWER = (update(WebhookReceipt).where(WebhookReceipt.id == bindparam("receipt_id"))
                 .values(response_body=bindparam("answer")))


def _stored_answer(session: Session, kind: str, key: str, wait_seconds: float) -> str | None:
    """The first copy's answer, or None when it has not answered within the wait."""
    deadline = time.monotonic() + wait_seconds
    while True:
        body = session.scalar(select(WebhookReceipt.response_body)
                              .where(WebhookReceipt.kind == kind, WebhookReceipt.key == key))
        session.rollback()  # a fresh snapshot for the next look, and SQLite's write lock released
        if body is not None or time.monotonic() >= deadline:
            return body
        time.sleep(POLL_INTERVAL_SECONDS)
