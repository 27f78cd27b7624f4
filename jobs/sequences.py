"""The job of one follow-up sequence step: write its message (relationships.steps), then send it
through the gate like every follow-up, and hand the next planned step to RQ."""

from __future__ import annotations

import runtime
from jobs.queue import dispatch
from jobs.send import deliver
from relationships import steps
from store.db import session_scope


def run_step(enrollment_id: int, position: int) -> str:
    settings = runtime.settings()
    with session_scope(settings.database_url) as session:
        outcome = steps.run(session, settings, enrollment_id, position)
    dispatch(settings, outcome.job_ids)
    if outcome.message_id is None:
        return outcome.note
    return deliver(outcome.message_id)
