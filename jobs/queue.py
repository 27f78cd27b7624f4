"""Queue follow-up jobs: write them to the database first, hand them to RQ after the commit.

`schedule` runs inside the caller's transaction. `dispatch` runs after it commits; if Redis does not
answer, the rows wait for the sweeper, so a job is never lost to a Redis outage.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from redis.exceptions import RedisError
from rq.registry import ScheduledJobRegistry
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from config import Settings
from jobs import connection, redis_circuit
from store.db import session_scope
from store.models import QueuedJob, utcnow
from store.upsert import insert_ignoring_conflict

log = logging.getLogger(__name__)
RUNNER = "jobs.runner.run_queued_job"
DELIVER_JOB = "jobs.send.deliver"  # sends one stored message through the gate
JOB_PACKAGE = "jobs."
NOTIFY_JOB = "jobs.staff.notify"  # texts the business's own staff
# The queue a job goes to when its caller does not say: staff alerts (and so emergency pages) first.
DEFAULT_QUEUES = {NOTIFY_JOB: connection.URGENT}
# Ids per SQL IN list and per Redis pipeline: well under PostgreSQL's 65,535 parameters.
HANDOVER_CHUNK = 1000


def schedule(session: Session, func: str, *, run_at: datetime | None = None,
             dedupe_key: str | None = None, queue: str | None = None, **kwargs) -> int | None:
    """Record a job; None when a job with the same dedupe key already exists.

    `queue` is its urgency (connection.URGENT, DEFAULT or BULK); unsaid, DEFAULT_QUEUES or DEFAULT.
    """
    if not func.startswith(JOB_PACKAGE):
        raise ValueError(f"job functions live in the jobs package; got {func!r}")
    queue = queue or DEFAULT_QUEUES.get(func, connection.DEFAULT)
    if queue not in connection.PRIORITIES:
        raise ValueError(f"queue must be one of {', '.join(connection.PRIORITIES)}; got {queue!r}")
    now = utcnow()
    values = {"func": func, "kwargs": kwargs, "dedupe_key": dedupe_key, "run_at": run_at or now,
              "created_at": now, "attempts": 0, "queue": queue}
    if dedupe_key is not None:
        return insert_ignoring_conflict(session, QueuedJob, values)
    job = QueuedJob(**values)  # nothing to conflict with: the ORM's cached INSERT is cheaper
    session.add(job)
    session.flush()
    return job.id


def dispatch(settings: Settings, job_ids: Iterable[int]) -> int:
    """Hand committed jobs to RQ; returns how many went. Never raises for a Redis outage."""
    job_ids = [job_id for job_id in job_ids if job_id is not None]
    if not job_ids:
        return 0
    circuit = redis_circuit.circuit(settings)
    if not circuit.available():
        log.info("Redis is skipped for now; %d job(s) wait for the sweeper", len(job_ids))
        return 0
    redis = connection.handover_redis(settings)
    handed = 0
    for start in range(0, len(job_ids), HANDOVER_CHUNK):
        with session_scope(settings.database_url) as session:
            rows = list(session.scalars(select(QueuedJob).where(
                QueuedJob.id.in_(job_ids[start:start + HANDOVER_CHUNK]))))
        sent = enqueue_rows(settings, rows, redis)
        handed += sent
        if sent < len(rows):
            circuit.failed(RedisError("the hand-over failed"))
            break
    return handed


def enqueue_rows(settings: Settings, rows: list[QueuedJob], redis) -> int:
    """Hand rows to RQ, a chunk per Redis pipeline (all or nothing); stops at the first Redis error.

    A row that is due goes straight to its queue and out of the scheduled registry, so a job the RQ
    scheduler failed to move on time (it was down) is not run late, nor moved a second time.
    """
    queues = {priority: connection.queue(settings, redis, priority) for priority in connection.PRIORITIES}
    retry = connection.retry_policy(settings)
    sent = 0
    for start in range(0, len(rows), HANDOVER_CHUNK):
        chunk, now = rows[start:start + HANDOVER_CHUNK], utcnow()
        try:
            with redis.pipeline() as pipe:
                pipe.multi()  # rq's enqueue takes a pipeline already in MULTI, as its enqueue_many does
                for row in chunk:
                    queue = queues[row.queue or connection.DEFAULT]
                    if row.run_at > now:
                        connection.enqueue_at(pipe, queue, row.run_at, RUNNER, row.id, job_id=row.rq_job_id,
                                              retry=retry)
                    else:
                        pipe.zrem(ScheduledJobRegistry(queue=queue).key, row.rq_job_id)
                        queue.enqueue(RUNNER, row.id, job_id=row.rq_job_id, retry=retry, pipeline=pipe)
                pipe.execute()
        except RedisError as error:
            log.warning("Redis did not take %d job(s) (%s); the sweeper will hand them over later",
                        len(rows) - sent, error)
            break
        with session_scope(settings.database_url) as session:
            session.execute(update(QueuedJob).where(QueuedJob.id.in_([row.id for row in chunk]))
                            .values(enqueued_at=utcnow()))
        sent += len(chunk)
    return sent
