"""Run a webhook's work once per Twilio id, then hand its queued jobs to RQ after the commit."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from sqlalchemy.orm import Session

from jobs.queue import dispatch
from store.receipts import Outcome, answer_once


def process_once(kind: str, key: str, work: Callable[[Session], Outcome]) -> str:
    settings = current_app.config["SETTINGS"]
    outcome = answer_once(settings.database_url, kind, key, work,
                          wait_seconds=settings.duplicate_wait_seconds)
    if not outcome.duplicate:
        dispatch(settings, outcome.job_ids)
    return outcome.answer
