"""Run a webhook's work once per Twilio id, then hand its queued jobs to RQ after the commit."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, abort, current_app
from sqlalchemy.orm import Session

from jobs.queue import dispatch, hand_over_at_commit, handovers
from store.receipts import Outcome, answer_once

RETRY_AFTER_SECONDS = 2


def process_once(kind: str, key: str, work: Callable[[Session], Outcome], *, pending_answer: str | None = None) -> str:
    """The webhook's answer. A duplicate whose first copy is still working after the wait gets
    `pending_answer` (valid TwiML that asks Twilio to come back), else a 503 that Twilio retries:
    never an empty body."""
    settings = current_app.config["SETTINGS"]

    def work_handed_over_at_commit(session: Session) -> Outcome:
        hand_over_at_commit(session)
        outcome = work(session)
        outcome.handovers = handovers(session)
        return outcome

    outcome = answer_once(settings.database_url, kind, key, work_handed_over_at_commit,
                          wait_seconds=settings.duplicate_wait_seconds)
    if outcome.pending:
        if pending_answer is not None:
            return pending_answer
        abort(Response("the first copy of this request is still being processed; retry", status=503,
                       headers={"Retry-After": str(RETRY_AFTER_SECONDS)}, mimetype="text/plain"))
    if not outcome.duplicate:
        dispatch(settings, outcome.job_ids, outcome.handovers)
    return outcome.answer
