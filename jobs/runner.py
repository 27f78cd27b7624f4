"""The one function RQ runs: look up a queued job row by id and run what it names, under a lease.

The row owns the truth, not RQ. A run first takes the row's lease with a compare-and-set (only when
nobody holds an unexpired one), so two workers handed the same job never run it at once; a worker
that dies leaves a lease that expires, and the sweeper hands the job again. What a job sends is
claimed once more on the message row itself (jobs.send), so a run that outlives its lease cannot send
twice either.

A job marked `takes_lease` (a send) is handed the lease with its transaction still open: it claims its
message in the transaction that took the lease, and lets go of the lease in the one that commits its
outcome, so a send pays two commits instead of four. Such a job finishes its row itself whenever it
returns; should that last commit fail, the row keeps its lease until it expires and the sweeper hands
the job again, whose run finds the message claimed or sent and finishes it.
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Row, bindparam, or_, update
from sqlalchemy.orm import Session

import runtime
from config import Settings
from jobs.queue import JOB_PACKAGE
from store.db import committing, session_factory, session_scope
from store.errors import describe, is_database_error
from store.models import QueuedJob, utcnow

log = logging.getLogger(__name__)
TAKES_LEASE = "takes_lease"


class JobDatabaseError(RuntimeError):
    """A database error in a job, described without the row data PostgreSQL puts in its DETAIL."""


def takes_lease(job: Callable) -> Callable:
    """Mark a job that is handed its run's Lease (`lease=`), goes on with its transaction and finishes its row."""
    setattr(job, TAKES_LEASE, True)
    return job


# Built once: a statement built per run costs its construction and its cache key again each time.
_TAKE = (update(QueuedJob)
         .where(QueuedJob.id == bindparam("job_id"), QueuedJob.finished_at.is_(None), QueuedJob.failed_at.is_(None),
                or_(QueuedJob.lease_until.is_(None), QueuedJob.lease_until < bindparam("now")))
         .values(attempts=QueuedJob.attempts + 1, lease_owner=bindparam("owner"), lease_until=bindparam("until"))
         .returning(QueuedJob.func, QueuedJob.kwargs, QueuedJob.attempts))
_FINISH = (update(QueuedJob).where(QueuedJob.id == bindparam("job_id"))
           .values(finished_at=bindparam("now"), last_error=None, lease_owner=None, lease_until=None))


class Lease:
    """One run's hold on its job row, taken in a transaction that stays open until committed (`transaction`)."""

    def __init__(self, settings: Settings, job_id: int):
        self.job_id = job_id
        self.owner = lease_owner()
        self.seconds = settings.job_lease_seconds
        self.committed = False
        self._session: Session | None = session_factory(settings.database_url)()

    def take(self) -> Row | None:
        """The job's func, kwargs and attempts with this attempt counted, if nobody holds an unexpired lease."""
        now = utcnow()
        # Core on the session's connection: the ORM's bulk-update machinery cost a millisecond a job here
        return self._session.connection().execute(_TAKE, {
            "job_id": self.job_id, "now": now, "owner": self.owner,
            "until": now + timedelta(seconds=self.seconds)}).first()

    @property
    def pending(self) -> bool:
        """The transaction that took the lease is still open: nobody went on with it."""
        return self._session is not None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """The transaction that took the lease, to go on with: committed, lease and all, when the block ends."""
        session, self._session = self._session, None
        if session is None:
            raise RuntimeError(f"the transaction of job {self.job_id}'s lease was taken already")
        with committing(session):
            yield session
        self.committed = True

    def finish(self, session: Session) -> None:
        """Mark the job done and let go of the lease, in the caller's transaction (the one with the job's outcome)."""
        session.connection().execute(_FINISH, {"job_id": self.job_id, "now": utcnow()})

    def drop(self) -> None:
        """Roll back the lease's transaction if nobody went on with it."""
        if self._session is not None:
            self._session.close()
            self._session = None


def run_queued_job(queued_job_id: int) -> str:
    settings = runtime.settings()
    lease = Lease(settings, queued_job_id)
    try:
        return _run(settings, lease)
    finally:
        lease.drop()


def _run(settings: Settings, lease: Lease) -> str:
    claimed = lease.take()
    if claimed is None:  # say why: the second statement is paid only by a run that does not go
        with lease.transaction() as session:
            return _why_not(session, lease.job_id)
    takes = False
    try:
        job = _resolve(claimed.func)
        takes = getattr(job, TAKES_LEASE, False)
        if not takes:
            with lease.transaction():
                pass  # a plain job runs in transactions of its own: its lease must show before it starts
        result = job(**claimed.kwargs, **({"lease": lease} if takes else {}))
    except Exception as error:
        lease.drop()
        _record_failure(settings, lease, claimed.attempts, error)
        if is_database_error(error):
            raise JobDatabaseError(f"{type(error).__name__}: {describe(error)}") from None
        raise
    if not takes or lease.pending:  # a plain job, or one that returned without going on with the lease's transaction
        with (lease.transaction() if lease.pending else session_scope(settings.database_url)) as session:
            lease.finish(session)
    return str(result)


def _why_not(session: Session, job_id: int) -> str:
    row = session.get(QueuedJob, job_id)
    if row is None:
        return "missing"
    if row.finished_at is not None or row.failed_at is not None:
        return "already done"
    if row.lease_until is None:  # the other run ended (and let go) between our two statements
        return "another run just let go of it; the sweeper hands it again"
    return f"running under another lease until {row.lease_until.isoformat()}"


def _record_failure(settings: Settings, lease: Lease, attempts: int, error: Exception) -> None:
    """Write the error and let go of the lease; the job fails for good after its last attempt.

    A job that raised inside the lease's transaction rolled the lease back with it: the attempt is
    counted again here, on the same condition as the lease (nobody holds the row).
    """
    values = {"last_error": f"{type(error).__name__}: {describe(error)}"[:2000], "lease_owner": None,
              "lease_until": None}
    if attempts >= settings.job_max_attempts:
        values["failed_at"] = utcnow()
    held = QueuedJob.lease_owner == lease.owner
    if not lease.committed:
        values["attempts"] = QueuedJob.attempts + 1
        held = or_(QueuedJob.lease_until.is_(None), QueuedJob.lease_until < utcnow())
    with session_scope(settings.database_url) as session:
        session.execute(update(QueuedJob).where(QueuedJob.id == lease.job_id, QueuedJob.finished_at.is_(None),
                                                QueuedJob.failed_at.is_(None), held).values(**values))


def lease_owner() -> str:
    """Who holds a lease: the host and process, and this attempt."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _resolve(func: str):
    if not func.startswith(JOB_PACKAGE):
        raise ValueError(f"refusing to run {func!r}: not a job of this service")
    module_name, _, name = func.rpartition(".")
    return getattr(importlib.import_module(module_name), name)
