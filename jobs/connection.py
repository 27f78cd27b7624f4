"""Redis connections and the RQ queues, built from the settings on demand (never at import).

Jobs go to one of three queues by urgency; a worker listens to them in that order, so an emergency
page or a staff alert never waits behind confirmations or a campaign.
"""

from __future__ import annotations

import os
from datetime import datetime
from functools import lru_cache

from redis import Redis
from redis.client import Pipeline
from rq import Queue, Retry
from rq.job import JobStatus
from rq.registry import ScheduledJobRegistry

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


def enqueue_at(pipeline: Pipeline, queue: Queue, when: datetime, func: str, *args, job_id: str, retry: Retry) -> None:
    """`queue.enqueue_at` inside `pipeline` (one in MULTI), all of it.

    RQ 2.12's ScheduledJobRegistry.schedule ignores the pipeline it is given: its ZADD is a round trip
    of its own per job, sent before the pipeline's MULTI runs. Here the job, its queue's registration
    and its place in the scheduled registry go in the pipeline, as RQ's own schedule_job means to.
    """
    job = queue.create_job(func, args=args, job_id=job_id, retry=retry, status=JobStatus.SCHEDULED)
    pipeline.sadd(queue.redis_queues_keys, queue.key)
    job.save(pipeline=pipeline)
    pipeline.zadd(ScheduledJobRegistry(queue=queue).key, {job.id: int(when.timestamp())})
