"""The one function RQ runs: look up a queued job row by id and run what it names, once."""

from __future__ import annotations

import importlib
import logging

from sqlalchemy import update

import runtime
from jobs.queue import JOB_PACKAGE
from store.db import session_scope
from store.models import QueuedJob, utcnow

log = logging.getLogger(__name__)


def run_queued_job(queued_job_id: int) -> str:
    settings = runtime.settings()
    with session_scope(settings.database_url) as session:
        row = session.get(QueuedJob, queued_job_id)
        if row is None:
            return "missing"
        if row.finished_at is not None or row.failed_at is not None:
            return "already done"
        row.attempts += 1
        func, kwargs, attempts = row.func, dict(row.kwargs), row.attempts
    try:
        result = _resolve(func)(**kwargs)
    except Exception as error:
        with session_scope(settings.database_url) as session:
            values = {"last_error": f"{type(error).__name__}: {error}"[:2000]}
            if attempts >= settings.job_max_attempts:
                values["failed_at"] = utcnow()
            session.execute(update(QueuedJob).where(QueuedJob.id == queued_job_id).values(**values))
        raise
    with session_scope(settings.database_url) as session:
        session.execute(update(QueuedJob).where(QueuedJob.id == queued_job_id)
                        .values(finished_at=utcnow(), last_error=None))
    return str(result)


def _resolve(func: str):
    if not func.startswith(JOB_PACKAGE):
        raise ValueError(f"refusing to run {func!r}: not a job of this service")
    module_name, _, name = func.rpartition(".")
    return getattr(importlib.import_module(module_name), name)
