"""Hand RQ every unfinished job it does not hold: after a Redis outage, restart or flush."""

from __future__ import annotations

import logging
from datetime import timedelta

from redis.exceptions import RedisError
from rq.job import Job, JobStatus
from sqlalchemy import or_, select
from sqlalchemy.exc import SQLAlchemyError

from config import Settings
from jobs import connection
from jobs.queue import HANDOVER_CHUNK, enqueue_rows
from store.db import session_scope
from store.models import QueuedJob, utcnow

log = logging.getLogger(__name__)
LIVE_STATUSES = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}
# A job handed over a moment ago may not be visible yet to a second connection; leave it be.
HANDOVER_GRACE = timedelta(seconds=10)


def sweep(settings: Settings) -> int:
    """Returns how many jobs were handed (again) to RQ; raises RedisError when Redis is down."""
    redis = connection.worker_redis(settings)
    redis.ping()
    cutoff = utcnow() - HANDOVER_GRACE
    with session_scope(settings.database_url) as session:
        rows = list(session.scalars(
            select(QueuedJob)
            .where(QueuedJob.finished_at.is_(None), QueuedJob.failed_at.is_(None),
                   or_(QueuedJob.enqueued_at.is_(None), QueuedJob.enqueued_at < cutoff))
            .order_by(QueuedJob.run_at)))
    held = _held_by_rq(redis, rows)
    lost = [row for row in rows if row.id not in held]
    return enqueue_rows(settings, lost, redis) if lost else 0


def _held_by_rq(redis, rows: list[QueuedJob]) -> set[int]:
    """The ids of the rows whose RQ job is queued, running, scheduled or deferred: one pipeline per chunk."""
    live = {status.value for status in LIVE_STATUSES}
    held: set[int] = set()
    for start in range(0, len(rows), HANDOVER_CHUNK):
        chunk = rows[start:start + HANDOVER_CHUNK]
        with redis.pipeline(transaction=False) as pipe:
            for row in chunk:
                pipe.hget(Job.key_for(row.rq_job_id), "status")
            statuses = pipe.execute()
        held.update(row.id for row, status in zip(chunk, statuses, strict=True)
                    if status is not None and status.decode() in live)
    return held


def sweep_forever(settings: Settings, stop_event) -> None:
    while not stop_event.is_set():
        try:
            handed = sweep(settings)
            if handed:
                log.info("handed %d waiting job(s) to RQ", handed)
        except RedisError as error:
            log.warning("Redis is not answering (%s); %d s until the next try", error,
                        settings.sweep_interval_seconds)
        except SQLAlchemyError as error:
            log.warning("the database is not answering (%s); %d s until the next try", type(error).__name__,
                        settings.sweep_interval_seconds)
        stop_event.wait(settings.sweep_interval_seconds)
