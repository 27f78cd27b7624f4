"""Redis connections and the RQ queues, built from the settings on demand (never at import).

Jobs go to one of three queues by urgency; a worker listens to them in that order, so an emergency
page or a staff alert never waits behind confirmations or a campaign.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from redis import Redis
from redis.client import Pipeline
from rq import Queue, Retry
from rq.job import Job, JobStatus
from rq.registry import ScheduledJobRegistry
from rq.utils import get_call_string

from config import Settings


def web_redis(settings: Settings) -> Redis:
    """A client that gives up fast, so a webhook never waits on a Redis that is down or hung.

    One per URL, timeout and process: its connection pool is reused across requests (a new client
    per request cost a TCP connect each time). Callers go through jobs.redis_circuit.
    """
    return fast_redis_for(settings.redis_url, settings.web_redis_timeout_seconds)


def handover_redis(settings: Settings) -> Redis:
    """The web's client for handing jobs to RQ: pipelines of a thousand jobs get a longer wait."""
    return _web_redis(settings.redis_url, settings.redis_timeout_seconds, os.getpid())


def fast_redis_for(url: str, timeout: float) -> Redis:
    return _web_redis(url, timeout, os.getpid())


@lru_cache(maxsize=16)
def _web_redis(url: str, timeout: float, pid: int) -> Redis:
    return Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)


def worker_redis(settings: Settings) -> Redis:
    # No read timeout: a worker blocks on the queue on purpose.
    return Redis.from_url(settings.redis_url, socket_connect_timeout=settings.redis_timeout_seconds * 10)


URGENT, DEFAULT, BULK = "urgent", "default", "bulk"
# As rq.job.Job.get_call_string shortens a job's description.
CALL_STRING_LENGTH = 75
PRIORITIES = (URGENT, DEFAULT, BULK)


def queue_name(settings: Settings, priority: str = DEFAULT) -> str:
    """The default queue keeps the configured name (jobs queued before the split still run)."""
    if priority not in PRIORITIES:
        raise ValueError(f"queue must be one of {', '.join(PRIORITIES)}; got {priority!r}")
    return settings.queue_name if priority == DEFAULT else f"{settings.queue_name}-{priority}"


def queue(settings: Settings, connection: Redis, priority: str = DEFAULT) -> Queue:
    return Queue(queue_name(settings, priority), connection=connection)


def queues(settings: Settings, connection: Redis) -> list[Queue]:
    """Every queue, most urgent first: the order a worker listens in."""
    return [queue(settings, connection, priority) for priority in PRIORITIES]


def retry_policy(settings: Settings) -> Retry:
    return Retry(max=settings.job_max_attempts - 1, interval=list(settings.job_retry_intervals))


def schedule_each(pipeline: Pipeline, queue: Queue, func: str, jobs: Iterable[tuple[str, int, datetime]],
                  retry: Retry) -> None:
    """`queue.enqueue_at(when, func, argument, job_id=job_id, retry=retry)` for each (job_id, argument, when),
    inside `pipeline` (one in MULTI), all of it.

    RQ writes each job as a hash built by a Job object of its own: most of the time of handing a hundred
    thousand reminders over. The jobs of one call differ only in their id and argument, so RQ builds the
    hash once, and each job's copy gets its argument as RQ encodes it (the pickled call, compressed,
    and the call's description); a test holds it equal to RQ's. The queue is registered once, and the
    jobs join the scheduled registry in one ZADD. (RQ 2.12's ScheduledJobRegistry.schedule would also
    ignore the pipeline it is given: its ZADD was a round trip of its own per job.)
    """
    template = queue.create_job(func, args=(None,), retry=retry, status=JobStatus.SCHEDULED).to_dict()
    dumps = queue.serializer.dumps
    when_by_id: dict[str, int] = {}
    for job_id, argument, when in jobs:
        pipeline.hset(Job.key_for(job_id), mapping={
            **template, "data": zlib.compress(dumps((func, None, (argument,), {}))),
            "description": get_call_string(func, (argument,), {}, max_length=CALL_STRING_LENGTH)})
        when_by_id[job_id] = int(when.timestamp())
    if when_by_id:
        pipeline.sadd(queue.redis_queues_keys, queue.key)
        pipeline.zadd(ScheduledJobRegistry(queue=queue).key, when_by_id)
