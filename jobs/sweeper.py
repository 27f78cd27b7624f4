"""Hand RQ again every unfinished job that nobody is running or holding: the database row decides.

A row is handed again when
- it was never handed (Redis was down when its transaction committed);
- its lease expired: the worker that ran it died, whatever RQ still says about it (STARTED);
- it is due and RQ still holds it as SCHEDULED past the grace: the RQ scheduler is down or late;
- RQ does not hold it at all (Redis restarted or was flushed), or lost it: QUEUED but in no queue (a
  worker died as it took it), STARTED without a lease for longer than a lease.
A job waiting in a queue, or scheduled for later, is left alone; a run that finished while the sweeper
looked is not handed again. The queues' lists are read whole (one LRANGE each), once per sweep.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from redis.exceptions import RedisError
from rq.job import Job, JobStatus
from rq.registry import ScheduledJobRegistry
from sqlalchemy import or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from config import Settings
from jobs import connection
from jobs.queue import HANDOVER_CHUNK, enqueue_rows
from store.db import session_scope
from store.models import QueuedJob, utcnow

log = logging.getLogger(__name__)
# A job handed over a moment ago may not be visible yet to a second connection; leave it be.
HANDOVER_GRACE = timedelta(seconds=10)
# How late a due job may sit in RQ's scheduled registry before the sweeper moves it itself.
SCHEDULER_GRACE = timedelta(seconds=5)


def sweep(settings: Settings) -> int:
    """Returns how many jobs were handed (again) to RQ; raises RedisError when Redis is down."""
    redis = connection.worker_redis(settings)
    redis.ping()
    now = utcnow()
    cutoff = now - HANDOVER_GRACE
    with session_scope(settings.database_url) as session:
        rows = list(session.scalars(
            select(QueuedJob)
            .where(QueuedJob.finished_at.is_(None), QueuedJob.failed_at.is_(None),
                   or_(QueuedJob.enqueued_at.is_(None), QueuedJob.enqueued_at < cutoff,
                       QueuedJob.lease_until < now))
            .order_by(QueuedJob.run_at)))
    expired = _release_expired(settings, [row for row in rows if row.lease_until is not None
                                          and row.lease_until < now], now)
    unleased = [row for row in rows if row.lease_until is None]
    seen = _rq_view(settings, redis, unleased)
    in_queues = _queued_job_ids(settings, redis) if unleased else set()
    lost = expired + [row for row in unleased
                      if not _held(row, *seen.get(row.id, (None, None)), row.rq_job_id in in_queues, now,
                                   settings.job_lease_seconds)]
    lost = _still_unfinished(settings, lost)
    return enqueue_rows(settings, sorted(lost, key=lambda row: row.run_at), redis) if lost else 0


def _still_unfinished(settings: Settings, rows: list[QueuedJob]) -> list[QueuedJob]:
    """Drop the rows a worker finished while we asked Redis about them."""
    if not rows:
        return rows
    with session_scope(settings.database_url) as session:
        open_ids = set(session.scalars(select(QueuedJob.id).where(
            QueuedJob.id.in_([row.id for row in rows]), QueuedJob.finished_at.is_(None),
            QueuedJob.failed_at.is_(None))))
    return [row for row in rows if row.id in open_ids]


def _queued_job_ids(settings: Settings, redis) -> set[str]:
    """The job ids waiting in the queues' lists, one LRANGE per queue."""
    with redis.pipeline(transaction=False) as pipe:
        for priority in connection.PRIORITIES:
            pipe.lrange(connection.queue(settings, redis, priority).key, 0, -1)
        return {job_id.decode() for ids in pipe.execute() for job_id in ids}


def _release_expired(settings: Settings, rows: list[QueuedJob], now) -> list[QueuedJob]:
    """Clear expired leases (compare-and-set, so a lease renewed meanwhile stays); the rows released."""
    released = []
    with session_scope(settings.database_url) as session:
        for row in rows:
            if session.execute(update(QueuedJob).where(QueuedJob.id == row.id, QueuedJob.lease_until < now)
                               .values(lease_owner=None, lease_until=None)).rowcount:
                released.append(row)
    if released:
        log.warning("%d job(s) outlived their lease (a worker died); handing them again", len(released))
    return released


def _held(row: QueuedJob, status: str | None, due: float | None, in_queue: bool, now, lease_seconds: int) -> bool:
    """Whether RQ, by what it says of an unleased row's job, will still run it on its own."""
    if status == JobStatus.QUEUED.value:
        # A worker killed between taking the job off its queue and starting it leaves it QUEUED in no queue.
        return in_queue
    if status == JobStatus.DEFERRED.value:
        return True
    if status == JobStatus.SCHEDULED.value:
        # The registry's score is when RQ means to run it: a retry's is later than the row's run_at.
        return due is not None and due > (now - SCHEDULER_GRACE).timestamp()
    if status == JobStatus.STARTED.value:
        # A run takes its lease first thing; STARTED without one for this long is a dead work horse.
        return row.enqueued_at is not None and row.enqueued_at > now - timedelta(seconds=lease_seconds)
    return False


def _rq_view(settings: Settings, redis, rows: list[QueuedJob]) -> dict[int, tuple[str | None, float | None]]:
    """Each row's RQ job status and scheduled time (a Unix timestamp), where RQ has them."""
    registries = {priority: ScheduledJobRegistry(connection.queue_name(settings, priority), connection=redis).key
                  for priority in connection.PRIORITIES}
    found: dict[int, tuple[str | None, float | None]] = {}
    for start in range(0, len(rows), HANDOVER_CHUNK):
        chunk = rows[start:start + HANDOVER_CHUNK]
        with redis.pipeline(transaction=False) as pipe:
            for row in chunk:
                pipe.hget(Job.key_for(row.rq_job_id), "status")
                pipe.zscore(registries[row.queue or connection.DEFAULT], row.rq_job_id)
            answers = pipe.execute()
        for index, row in enumerate(chunk):
            status, due = answers[2 * index], answers[2 * index + 1]
            found[row.id] = (status.decode() if status is not None else None, due)
    return found


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
