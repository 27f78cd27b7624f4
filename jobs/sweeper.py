"""Hand RQ again every unfinished job that nobody is running or holding: the database row decides.
(Each pass of `sweep_forever` first settles the sends a dead run left claimed: jobs.settle.)

A row is handed again when
- it was never handed (Redis was down when its transaction committed);
- its lease expired: the worker that ran it died, whatever RQ still says about it (STARTED);
- it is due and RQ still holds it as SCHEDULED past the grace: the RQ scheduler is down or late;
- RQ does not hold it at all (Redis restarted or was flushed), or lost it: QUEUED but in no queue (a
  worker died as it took it), STARTED without a lease for longer than a lease.
A job waiting in a queue, or scheduled for later, is left alone; a run that finished while the sweeper
looked is not handed again. A pass costs the rows that are open (read by id in chunks, on a partial
index of open rows, so finished history costs nothing) and one read of what RQ holds, not a Redis
round trip per row.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from redis.exceptions import RedisError
from rq.job import Job, JobStatus
from rq.registry import ScheduledJobRegistry
from sqlalchemy import Row, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from config import Settings
from jobs import connection
from jobs.queue import HANDOVER_CHUNK, Handover, enqueue_rows
from jobs.settle import settle
from store.db import session_scope
from store.models import QueuedJob, rq_job_id_of, utcnow

log = logging.getLogger(__name__)
# A job handed over a moment ago may not be visible yet to a second connection; leave it be.
HANDOVER_GRACE = timedelta(seconds=10)
# How late a due job may sit in RQ's scheduled registry before the sweeper moves it itself.
SCHEDULER_GRACE = timedelta(seconds=5)
# Open rows read per query, by id (keyset: each query starts after the last id, on the open-rows index).
SWEEP_CHUNK = 5000
OPEN = (QueuedJob.finished_at.is_(None), QueuedJob.failed_at.is_(None))


def sweep(settings: Settings) -> int:
    """Returns how many jobs were handed (again) to RQ; raises RedisError when Redis is down.

    What RQ holds is read first, whole and at one instant (the queues' lists and the scheduled
    registries, one MULTI); a row RQ clearly holds costs nothing more. Only the others (few, unless
    Redis lost its data) are asked about one by one, in pipelines, by their job's status.
    """
    redis = connection.worker_redis(settings)
    now = utcnow()
    cutoff = now - HANDOVER_GRACE
    queued, scheduled = _rq_snapshot(settings, redis)
    handed, last_id = 0, 0
    while True:
        with session_scope(settings.database_url) as session:
            rows = session.execute(
                select(QueuedJob.id, QueuedJob.queue, QueuedJob.run_at, QueuedJob.enqueued_at, QueuedJob.lease_until)
                .where(*OPEN, QueuedJob.id > last_id,
                       or_(QueuedJob.enqueued_at.is_(None), QueuedJob.enqueued_at < cutoff,
                           QueuedJob.lease_until < now))
                .order_by(QueuedJob.id).limit(SWEEP_CHUNK)).all()
        if not rows:
            return handed
        last_id = rows[-1].id
        lost = _release_expired(settings, [row for row in rows if row.lease_until is not None
                                           and row.lease_until < now], now)
        unclear = [row for row in rows if row.lease_until is None
                   and not _clearly_held(row, queued, scheduled, now)]
        seen = _rq_view(settings, redis, unclear)
        lost += [row for row in unclear if not _held(row, *seen[row.id], rq_job_id_of(row.id) in queued, now,
                                                     settings.job_lease_seconds)]
        lost = _still_unfinished(settings, lost)
        if lost:
            handed += enqueue_rows(settings, [Handover(row.id, row.queue, row.run_at)
                                              for row in sorted(lost, key=lambda row: row.run_at)], redis)


def _rq_snapshot(settings: Settings, redis) -> tuple[set[str], dict[str, float]]:
    """The job ids waiting in the queues' lists, and those in the scheduled registries with their times."""
    with redis.pipeline(transaction=True) as pipe:
        for priority in connection.PRIORITIES:
            pipe.lrange(connection.queue(settings, redis, priority).key, 0, -1)
        for priority in connection.PRIORITIES:
            pipe.zrange(_registry_key(settings, redis, priority), 0, -1, withscores=True)
        answers = pipe.execute()
    count = len(connection.PRIORITIES)
    queued = {job_id.decode() for ids in answers[:count] for job_id in ids}
    scheduled = {job_id.decode(): due for members in answers[count:] for job_id, due in members}
    return queued, scheduled


def _registry_key(settings: Settings, redis, priority: str) -> str:
    return ScheduledJobRegistry(connection.queue_name(settings, priority), connection=redis).key


def _clearly_held(row: Row, queued: set[str], scheduled: dict[str, float], now: datetime) -> bool:
    """RQ held the row's job a moment ago where it will run it: in a queue, or scheduled and not overdue."""
    job_id = rq_job_id_of(row.id)
    if job_id in queued:
        return True
    due = scheduled.get(job_id)
    return due is not None and due > (now - SCHEDULER_GRACE).timestamp()


def _still_unfinished(settings: Settings, rows: list[Row]) -> list[Row]:
    """Drop the rows a worker finished while we asked Redis about them."""
    if not rows:
        return rows
    with session_scope(settings.database_url) as session:
        open_ids = set(session.scalars(select(QueuedJob.id).where(QueuedJob.id.in_([row.id for row in rows]), *OPEN)))
    return [row for row in rows if row.id in open_ids]


def _release_expired(settings: Settings, rows: list[Row], now) -> list[Row]:
    """Clear expired leases (compare-and-set, so a lease renewed meanwhile stays); the rows released."""
    if not rows:
        return []
    with session_scope(settings.database_url) as session:
        released = set(session.scalars(
            update(QueuedJob).where(QueuedJob.id.in_([row.id for row in rows]), QueuedJob.lease_until < now)
            .values(lease_owner=None, lease_until=None).returning(QueuedJob.id)))
    if released:
        log.warning("%d job(s) outlived their lease (a worker died); handing them again", len(released))
    return [row for row in rows if row.id in released]


def _held(row: Row, status: str | None, due: float | None, in_queue: bool, now, lease_seconds: int) -> bool:
    """Whether RQ, by what it says now of an unleased row's job, will still run it on its own."""
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


def _rq_view(settings: Settings, redis, rows: list[Row]) -> dict[int, tuple[str | None, float | None]]:
    """Each row's RQ job status and scheduled time (a Unix timestamp), where RQ has them, now."""
    registries = {priority: _registry_key(settings, redis, priority) for priority in connection.PRIORITIES}
    found: dict[int, tuple[str | None, float | None]] = {}
    for start in range(0, len(rows), HANDOVER_CHUNK):
        chunk = rows[start:start + HANDOVER_CHUNK]
        with redis.pipeline(transaction=False) as pipe:
            for row in chunk:
                job_id = rq_job_id_of(row.id)
                pipe.hget(Job.key_for(job_id), "status")
                pipe.zscore(registries[row.queue or connection.DEFAULT], job_id)
            answers = pipe.execute()
        for index, row in enumerate(chunk):
            status, due = answers[2 * index], answers[2 * index + 1]
            found[row.id] = (status.decode() if status is not None else None, due)
    return found


def sweep_forever(settings: Settings, stop_event) -> None:
    """Every interval: settle the sends dead runs left claimed (jobs.settle), then hand lost jobs again."""
    while not stop_event.is_set():
        try:
            settled = settle(settings)
            if settled.sent or settled.resent:
                log.info("settled %d claimed send(s): %d found sent, %d sent again", settled.sent + settled.resent,
                         settled.sent, settled.resent)
        except SQLAlchemyError as error:
            log.warning("the database is not answering (%s); claimed sends wait for the next pass",
                        type(error).__name__)
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
