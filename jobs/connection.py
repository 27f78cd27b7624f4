"""Redis connections and the RQ queue, built from the settings on demand (never at import)."""

from __future__ import annotations

import os
from functools import lru_cache

from redis import Redis
from rq import Queue, Retry

from config import Settings


def web_redis(settings: Settings) -> Redis:
    """A client that gives up fast, so a webhook never waits on a Redis that is down.

    One per URL, timeout and process: its connection pool is reused across requests (a new client
    per request cost a TCP connect each time).
    """
    return _web_redis(settings.redis_url, settings.redis_timeout_seconds, os.getpid())


@lru_cache(maxsize=16)
def _web_redis(url: str, timeout: float, pid: int) -> Redis:
    return Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)


def worker_redis(settings: Settings) -> Redis:
    # No read timeout: a worker blocks on the queue on purpose.
    return Redis.from_url(settings.redis_url, socket_connect_timeout=settings.redis_timeout_seconds * 10)


def queue(settings: Settings, connection: Redis) -> Queue:
    return Queue(settings.queue_name, connection=connection)


def retry_policy(settings: Settings) -> Retry:
    return Retry(max=settings.job_max_attempts - 1, interval=list(settings.job_retry_intervals))
