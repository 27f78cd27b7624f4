"""Hand RQ every unfinished job it does not hold: after a Redis outage, restart or flush."""

from __future__ import annotations

import logging
from datetime import timedelta

from redis.exceptions import RedisError
from rq.job import Job, JobStatus
from sqlalchemy import or_, select

from config import Settings
from jobs import connection
from jobs.queue import enqueue_rows
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
    lost = [row for row in rows if not _held_by_rq(redis, row)]
    return enqueue_rows(settings, lost, redis) if lost else 0


def _held_by_rq(redis, row: QueuedJob) -> bool:
    try:
        job = Job.fetch(row.rq_job_id, connection=redis)
    except Exception:  # rq raises NoSuchJobError, or a deserialization error for a damaged hash
        return False
    return job.get_status(refresh=False) in LIVE_STATUSES


def sweep_forever(settings: Settings, stop_event) -> None:
    while not stop_event.is_set():
        try:
            handed = sweep(settings)
            if handed:
                log.info("handed %d waiting job(s) to RQ", handed)
        except RedisError as error:
            log.warning("Redis is not answering (%s); %d s until the next try", error,
                        settings.sweep_interval_seconds)
        stop_event.wait(settings.sweep_interval_seconds)
