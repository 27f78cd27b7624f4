"""Queue jobs by the thousand: one multi-row INSERT per chunk in the caller's transaction, handed to
RQ after the commit a Redis pipeline per chunk (jobs.queue.enqueue_rows), never a round trip per job."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from jobs import connection
from jobs.queue import JOB_PACKAGE
from store.models import QueuedJob, rq_job_id_of, utcnow
from store.upsert import dialect_insert

# Rows per INSERT: 9 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535.
INSERT_CHUNK = 1000


@dataclass(frozen=True, slots=True)
class Waiting:
    """What the hand-over to RQ needs of a queued_jobs row (jobs.queue.enqueue_rows), without an ORM object."""

    id: int
    queue: str
    run_at: datetime

    @property
    def rq_job_id(self) -> str:
        return rq_job_id_of(self.id)


@dataclass(frozen=True)
class Job:
    run_at: datetime
    dedupe_key: str
    kwargs: dict


def schedule_many(session: Session, func: str, jobs: Sequence[Job], *, queue: str) -> list[Waiting]:
    """Record `jobs` of `func`; those whose dedupe key already exists are skipped. Returns the new rows."""
    if not func.startswith(JOB_PACKAGE):
        raise ValueError(f"job functions live in the jobs package; got {func!r}")
    if queue not in connection.PRIORITIES:
        raise ValueError(f"queue must be one of {', '.join(connection.PRIORITIES)}; got {queue!r}")
    now = utcnow()
    statement = (dialect_insert(session, QueuedJob).on_conflict_do_nothing(index_elements=["dedupe_key"])
                 .returning(QueuedJob.id, QueuedJob.dedupe_key))
    planned: list[Waiting] = []
    for start in range(0, len(jobs), INSERT_CHUNK):
        chunk = jobs[start:start + INSERT_CHUNK]
        run_at = {job.dedupe_key: job.run_at for job in chunk}
        values = [{"func": func, "kwargs": job.kwargs, "dedupe_key": job.dedupe_key, "run_at": job.run_at,
                   "created_at": now, "attempts": 0, "queue": queue} for job in chunk]
        for job_id, dedupe_key in session.connection().execute(statement, values):
            planned.append(Waiting(job_id, queue, run_at[dedupe_key]))
    return planned
