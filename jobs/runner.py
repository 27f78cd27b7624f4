"""The one function RQ runs: look up a queued job row by id and run what it names, under a lease.

The row owns the truth, not RQ. A run first takes the row's lease with a compare-and-set (only when
nobody holds an unexpired one), so two workers handed the same job never run it at once; a worker
that dies leaves a lease that expires, and the sweeper hands the job again. What a job sends is
claimed once more on the message row itself (jobs.send), so a run that outlives its lease cannot send
twice either.
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
import uuid
from datetime import timedelta

from sqlalchemy import or_, update

import runtime
from jobs.queue import JOB_PACKAGE
from store.db import session_scope
from store.errors import describe, is_database_error
from store.models import QueuedJob, utcnow

log = logging.getLogger(__name__)


class JobDatabaseError(RuntimeError):
    """A database error in a job, described without the row data PostgreSQL puts in its DETAIL."""


def run_queued_job(queued_job_id: int) -> str:
    settings = runtime.settings()
    owner = lease_owner()
    with session_scope(settings.database_url) as session:
        now = utcnow()
        # Core on the session's connection: the ORM's bulk-update machinery cost a millisecond a job here
        claimed = session.connection().execute(
            update(QueuedJob)
            .where(QueuedJob.id == queued_job_id, QueuedJob.finished_at.is_(None), QueuedJob.failed_at.is_(None),
                   or_(QueuedJob.lease_until.is_(None), QueuedJob.lease_until < now))
            .values(attempts=QueuedJob.attempts + 1, lease_owner=owner,
                    lease_until=now + timedelta(seconds=settings.job_lease_seconds))
            .returning(QueuedJob.func, QueuedJob.kwargs, QueuedJob.attempts)).first()
        if claimed is None:  # say why: the second statement is paid only by a run that does not go
            row = session.get(QueuedJob, queued_job_id)
            if row is None:
                return "missing"
            if row.finished_at is not None or row.failed_at is not None:
                return "already done"
            if row.lease_until is None:  # the other run ended (and let go) between our two statements
                return "another run just let go of it; the sweeper hands it again"
            return f"running under another lease until {row.lease_until.isoformat()}"
        func, kwargs, attempts = claimed.func, dict(claimed.kwargs), claimed.attempts
    try:
        result = _resolve(func)(**kwargs)
    except Exception as error:
        with session_scope(settings.database_url) as session:
            values = {"last_error": f"{type(error).__name__}: {describe(error)}"[:2000],
                      "lease_owner": None, "lease_until": None}
            if attempts >= settings.job_max_attempts:
                values["failed_at"] = utcnow()
            session.execute(update(QueuedJob).where(QueuedJob.id == queued_job_id,
                                                    QueuedJob.lease_owner == owner).values(**values))
        if is_database_error(error):
            raise JobDatabaseError(f"{type(error).__name__}: {describe(error)}") from None
        raise
    with session_scope(settings.database_url) as session:
        session.connection().execute(update(QueuedJob).where(QueuedJob.id == queued_job_id)
                                     .values(finished_at=utcnow(), last_error=None, lease_owner=None, lease_until=None))
    return str(result)


def lease_owner() -> str:
    """Who holds a lease: the host and process, and this attempt."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _resolve(func: str):
    if not func.startswith(JOB_PACKAGE):
        raise ValueError(f"refusing to run {func!r}: not a job of this service")
    module_name, _, name = func.rpartition(".")
    return getattr(importlib.import_module(module_name), name)
