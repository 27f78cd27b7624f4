"""Process each Twilio webhook delivery once, and answer its retries with the first answer."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.db import session_factory
from store.models import WebhookReceipt

POLL_INTERVAL_SECONDS = 0.05


@dataclass
class Outcome:
    """What processing a webhook produced: the answer, and the queued jobs to hand to RQ."""

    answer: str
    job_ids: list[int] = field(default_factory=list)
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
        receipt = WebhookReceipt(kind=kind, key=key)
        session.add(receipt)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            answer = _stored_answer(session, kind, key, wait_seconds)
            return Outcome(answer=answer or "", duplicate=True, pending=answer is None)
        outcome = work(session)
        receipt.response_body = outcome.answer
        session.commit()
        return outcome
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _stored_answer(session: Session, kind: str, key: str, wait_seconds: float) -> str | None:
    """The first copy's answer, or None when it has not answered within the wait."""
    deadline = time.monotonic() + wait_seconds
    while True:
        body = session.scalar(select(WebhookReceipt.response_body)
                              .where(WebhookReceipt.kind == kind, WebhookReceipt.key == key))
        session.rollback()
        if body is not None or time.monotonic() >= deadline:
            return body
        time.sleep(POLL_INTERVAL_SECONDS)
