"""Queue follow-up jobs: write them to the database first, hand them to RQ after the commit.

`schedule` runs inside the caller's transaction. `dispatch` runs after it commits; if Redis does not
answer, the rows wait for the sweeper, so a job is never lost to a Redis outage.

A webhook hands its jobs over right after its commit, so it takes the rows from memory (`handovers`)
instead of reading them back, and its rows are written already marked as handed over: the
separate UPDATE after the hand-over is saved. Should the hand-over fail, the mark is taken off at
once; should the process die between the commit and Redis, the sweeper still finds the row (marked
longer ago than its grace, and unknown to RQ) and hands it over.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from redis.exceptions import RedisError
from rq.registry import ScheduledJobRegistry
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from config import Settings
from jobs import connection, redis_circuit
from store.compiled import compiled
from store.db import session_scope
from store.models import QueuedJob, rq_job_id_of, utcnow
from store.upsert import DIALECT_INSERTS, insert_ignoring_conflict

log = logging.getLogger(__name__)
RUNNER = "jobs.runner.run_queued_job"
DELIVER_JOB = "jobs.send.deliver"  # sends one stored message through the gate
JOB_PACKAGE = "jobs."
NOTIFY_JOB = "jobs.staff.notify"  # texts the business's own staff
# The queue a job goes to when its caller does not say: staff alerts (and so emergency pages) first.
DEFAULT_QUEUES = {NOTIFY_JOB: connection.URGENT}
# Ids per SQL IN list and per Redis pipeline: well under PostgreSQL's 65,535 parameters.
HANDOVER_CHUNK = 1000
# session.info keys: the session's transaction is handed over to RQ as soon as it commits, and the
# rows it scheduled.
HAND_OVER_AT_COMMIT = "frontdesk.jobs.hand_over_at_commit"
HANDOVERS = "frontdesk.jobs.handovers"


@dataclass(frozen=True)
class Handover:
    """What RQ needs of a queued_jobs row, kept from its INSERT."""

    id: int
    queue: str
    run_at: datetime
    marked: bool = False  # written with enqueued_at set: the hand-over follows the commit

    @property
    def rq_job_id(self) -> str:
        return rq_job_id_of(self.id)


def hand_over_at_commit(session: Session) -> None:
    """Say that this session's jobs go to RQ right after it commits (see the module's docstring)."""
    session.info[HAND_OVER_AT_COMMIT] = True


def handovers(session: Session) -> dict[int, Handover]:
    """The jobs this session scheduled, by id."""
    return session.info.get(HANDOVERS, {})


def job_queue(func: str, queue: str | None) -> str:
    """The queue a job of `func` goes to (`queue`, else DEFAULT_QUEUES, else DEFAULT), checked with `func`."""
    if not func.startswith(JOB_PACKAGE):
        raise ValueError(f"job functions live in the jobs package; got {func!r}")
    queue = queue or DEFAULT_QUEUES.get(func, connection.DEFAULT)
    if queue not in connection.PRIORITIES:
        raise ValueError(f"queue must be one of {', '.join(connection.PRIORITIES)}; got {queue!r}")
    return queue


def schedule(session: Session, func: str, *, run_at: datetime | None = None,
             dedupe_key: str | None = None, queue: str | None = None, **kwargs) -> int | None:
    """Record a job; None when a job with the same dedupe key already exists.

    `queue` is its urgency (connection.URGENT, DEFAULT or BULK); unsaid, DEFAULT_QUEUES or DEFAULT.
    """
    queue = job_queue(func, queue)
    now = utcnow()
    marked = session.info.get(HAND_OVER_AT_COMMIT, False)
    values = {"func": func, "kwargs": kwargs, "dedupe_key": dedupe_key, "run_at": run_at or now,
              "created_at": now, "attempts": 0, "queue": queue, "enqueued_at": now if marked else None}
    if dedupe_key is not None:
        job_id = insert_ignoring_conflict(session, QueuedJob, values)
    else:
        job_id = session.execute(_INSERT_JOB, values).scalar_one()
    if job_id is not None:
        session.info.setdefault(HANDOVERS, {})[job_id] = Handover(job_id, queue, values["run_at"], marked)
    return job_id


_INSERT_JOB = insert(QueuedJob).returning(QueuedJob.id)


@dataclass(frozen=True)
class Planned:
    """A job for `schedule_all`: what `schedule` takes, to be written with others in one INSERT."""

    func: str
    kwargs: dict
    run_at: datetime | None = None  # None: due now
    dedupe_key: str | None = None
    queue: str | None = None


def schedule_all(session: Session, jobs: Sequence[Planned]) -> list[int]:
    """`schedule` for each job, written by one INSERT; the new rows' ids (a dedupe key already on record
    is skipped, as `schedule` skips it)."""
    if not jobs:
        return []
    now = utcnow()
    marked = session.info.get(HAND_OVER_AT_COMMIT, False)
    values = {"created_at": now, "enqueued_at": now if marked else None}
    for index, job in enumerate(jobs):
        values.update({f"func_{index}": job.func, f"kwargs_{index}": job.kwargs, f"run_at_{index}": job.run_at or now,
                       f"dedupe_key_{index}": job.dedupe_key, f"queue_{index}": job_queue(job.func, job.queue)})
    statement = compiled(session, f"jobs.queue.schedule_all.{len(jobs)}",
                         lambda dialect: _insert_all(dialect, len(jobs)),
                         lambda: [QueuedJob.id, QueuedJob.queue, QueuedJob.run_at])
    handovers = session.info.setdefault(HANDOVERS, {})
    job_ids = []
    for job_id, queue, run_at in session.connection().execute(statement.statement, statement.params(values)):
        handovers[job_id] = Handover(job_id, queue, run_at, marked)
        job_ids.append(job_id)
    return job_ids


def _insert_all(dialect: str, count: int):
    """INSERT `count` jobs (:func_0, :kwargs_0 ...) skipping dedupe keys on record, returning what a hand-over
    needs. SQLAlchemy does not cache a multi-row VALUES nor ON CONFLICT, so it is compiled once per count."""
    rows = [{"func": bindparam(f"func_{index}"), "kwargs": bindparam(f"kwargs_{index}", type_=QueuedJob.kwargs.type),
             "dedupe_key": bindparam(f"dedupe_key_{index}", type_=QueuedJob.dedupe_key.type),
             "run_at": bindparam(f"run_at_{index}", type_=QueuedJob.run_at.type),
             "created_at": bindparam("created_at"), "attempts": 0, "queue": bindparam(f"queue_{index}"),
             "enqueued_at": bindparam("enqueued_at", type_=QueuedJob.enqueued_at.type)} for index in range(count)]
    return (DIALECT_INSERTS[dialect](QueuedJob).values(rows).on_conflict_do_nothing()
            .returning(QueuedJob.id, QueuedJob.queue, QueuedJob.run_at))


def dispatch(settings: Settings, job_ids: Iterable[int],
             known: Mapping[int, Handover] | None = None) -> int:
    """Hand committed jobs to RQ; returns how many went. Never raises for a Redis outage.

    `known`: the rows' hand-overs as the committed session scheduled them (`handovers`); the
    others are read from the database.
    """
    job_ids = [job_id for job_id in job_ids if job_id is not None]
    if not job_ids:
        return 0
    known = known or {}
    in_memory = [known[job_id] for job_id in job_ids if job_id in known]
    to_read = [job_id for job_id in job_ids if job_id not in known]
    circuit = redis_circuit.circuit(settings)
    if not circuit.available():
        log.info("Redis is skipped for now; %d job(s) wait for the sweeper", len(job_ids))
        _unmark(settings, in_memory)
        return 0
    redis = connection.handover_redis(settings)
    handed = 0
    if in_memory:
        handed = enqueue_rows(settings, in_memory, redis)
        if handed < len(in_memory):
            circuit.failed(RedisError("the hand-over failed"))
            return handed
    for start in range(0, len(to_read), HANDOVER_CHUNK):
        with session_scope(settings.database_url) as session:
            rows = list(session.scalars(select(QueuedJob).where(
                QueuedJob.id.in_(to_read[start:start + HANDOVER_CHUNK]))))
        sent = enqueue_rows(settings, rows, redis)
        handed += sent
        if sent < len(rows):
            circuit.failed(RedisError("the hand-over failed"))
            break
    return handed


def _unmark(settings: Settings, rows: list) -> None:
    """Rows written as handed over that were not: the sweeper takes them on its next pass."""
    marked = [row.id for row in rows if getattr(row, "marked", False)]
    for start in range(0, len(marked), HANDOVER_CHUNK):
        with session_scope(settings.database_url) as session:
            session.execute(update(QueuedJob).where(QueuedJob.id.in_(marked[start:start + HANDOVER_CHUNK]),
                                                    QueuedJob.lease_until.is_(None))
                            .values(enqueued_at=None))


def enqueue_rows(settings: Settings, rows: list, redis) -> int:
    """Hand rows to RQ, a chunk per Redis pipeline (all or nothing); stops at the first Redis error.

    A row that is due goes straight to its queue and out of the scheduled registry, so a job the RQ
    scheduler failed to move on time (it was down) is not run late, nor moved a second time.
    `rows` are QueuedJob rows or Handovers (already marked as handed over in their INSERT).
    """
    queues = {priority: connection.queue(settings, redis, priority) for priority in connection.PRIORITIES}
    retry = connection.retry_policy(settings)
    sent = 0
    for start in range(0, len(rows), HANDOVER_CHUNK):
        chunk, now = rows[start:start + HANDOVER_CHUNK], utcnow()
        try:
            with redis.pipeline() as pipe:
                pipe.multi()  # rq's enqueue takes a pipeline already in MULTI, as its enqueue_many does
                later: dict[str, list[tuple[str, int, datetime]]] = {}  # by queue: (job id, row id, run at)
                for row in chunk:
                    priority = row.queue or connection.DEFAULT
                    if row.run_at > now:
                        later.setdefault(priority, []).append((row.rq_job_id, row.id, row.run_at))
                    else:
                        queue = queues[priority]
                        pipe.zrem(ScheduledJobRegistry(queue=queue).key, row.rq_job_id)
                        queue.enqueue(RUNNER, row.id, job_id=row.rq_job_id, retry=retry, pipeline=pipe)
                for priority, jobs in later.items():
                    connection.schedule_each(pipe, queues[priority], RUNNER, jobs, retry)
                pipe.execute()
        except RedisError as error:
            log.warning("Redis did not take %d job(s) (%s); the sweeper will hand them over later",
                        len(rows) - sent, error)
            _unmark(settings, rows[sent:])
            break
        unmarked = [row.id for row in chunk if not getattr(row, "marked", False)]
        if unmarked:
            with session_scope(settings.database_url) as session:
                session.execute(update(QueuedJob).where(QueuedJob.id.in_(unmarked)).values(enqueued_at=utcnow()))
        sent += len(chunk)
    return sent
