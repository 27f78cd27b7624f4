"""Queue jobs by the thousand: one INSERT per chunk in the caller's transaction, handed to RQ after the
commit a Redis pipeline per chunk (jobs.queue.enqueue_rows), never a round trip per job.

On PostgreSQL a chunk's rows go as one JSON document (`json_to_recordset`): the statement's text stays
short and the same, so neither psycopg nor the server parses a thousand rows of placeholders again for
every chunk (the multi-row VALUES took most of the planning time of 100,000 reminders), and the rows
are encoded by the json module's C encoder. SQLite takes the multi-row VALUES.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from jobs.queue import HAND_OVER_AT_COMMIT, Handover, job_queue
from store.models import QueuedJob, utcnow
from store.upsert import dialect_insert

# Rows per INSERT: 9 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535.
INSERT_CHUNK = 1000

_RECORDSET_INSERT = text("""
    INSERT INTO queued_jobs (func, kwargs, dedupe_key, run_at, created_at, attempts, queue, enqueued_at)
    SELECT :func, job.kwargs, job.dedupe_key, job.run_at, :created_at, 0, :queue, :enqueued_at
    FROM json_to_recordset(CAST(:jobs AS JSON)) AS job (kwargs JSON, dedupe_key TEXT, run_at TIMESTAMP)
    ON CONFLICT (dedupe_key) DO NOTHING
    RETURNING id, dedupe_key""")


@dataclass(frozen=True)
class Job:
    run_at: datetime
    dedupe_key: str
    kwargs: dict


def schedule_many(session: Session, func: str, jobs: Sequence[Job], *, queue: str) -> list[Handover]:
    """Record `jobs` of `func`; those whose dedupe key already exists are skipped. Returns the new rows.

    Written already marked as handed over when the session hands its jobs over at commit
    (jobs.queue.hand_over_at_commit), as jobs.queue.schedule does.
    """
    queue = job_queue(func, queue)
    now = utcnow()
    marked = session.info.get(HAND_OVER_AT_COMMIT, False)
    enqueued_at = now if marked else None
    insert_chunk = _insert_recordset if session.get_bind().dialect.name == "postgresql" else _insert_values
    planned: list[Handover] = []
    for start in range(0, len(jobs), INSERT_CHUNK):
        chunk = jobs[start:start + INSERT_CHUNK]
        run_at = {job.dedupe_key: job.run_at for job in chunk}
        for job_id, dedupe_key in insert_chunk(session, func, queue, chunk, now, enqueued_at):
            planned.append(Handover(job_id, queue, run_at[dedupe_key], marked))
    return planned


def _insert_values(session: Session, func: str, queue: str, chunk: Sequence[Job], now: datetime,
                   enqueued_at: datetime | None):
    statement = (dialect_insert(session, QueuedJob).on_conflict_do_nothing(index_elements=["dedupe_key"])
                 .returning(QueuedJob.id, QueuedJob.dedupe_key))
    values = [{"func": func, "kwargs": job.kwargs, "dedupe_key": job.dedupe_key, "run_at": job.run_at,
               "created_at": now, "attempts": 0, "queue": queue, "enqueued_at": enqueued_at} for job in chunk]
    return session.connection().execute(statement, values)


def _insert_recordset(session: Session, func: str, queue: str, chunk: Sequence[Job], now: datetime,
                      enqueued_at: datetime | None):
    jobs = [{"kwargs": job.kwargs, "dedupe_key": job.dedupe_key, "run_at": _naive_utc(job.run_at).isoformat()}
            for job in chunk]
    return session.connection().execute(_RECORDSET_INSERT, {
        "func": func, "queue": queue, "created_at": _naive_utc(now),
        "enqueued_at": None if enqueued_at is None else _naive_utc(enqueued_at), "jobs": json.dumps(jobs)})


def _naive_utc(moment: datetime) -> datetime:
    """As store.models.UTCDateTime stores it: text() binds the value as given."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def dedupe_keys_between(session: Session, func: str, first_run: datetime, last_run: datetime) -> set[str]:
    """The dedupe keys of the jobs of `func` queued to run between `first_run` and `last_run` (on the run_at
    index), so that a rerun drops its jobs before writing anything. Cheap when that stretch of time is
    short, as it is for a chunk of bookings read in window order."""
    return set(session.scalars(select(QueuedJob.dedupe_key).where(
        QueuedJob.func == func, QueuedJob.run_at >= first_run, QueuedJob.run_at <= last_run)))
