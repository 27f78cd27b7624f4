"""A small circuit breaker for the web process's Redis calls: a hung Redis costs one short wait.

When a Redis call fails (down, or hung: a timeout), the circuit opens and webhooks skip Redis for a
few seconds: conversation state is read as empty and queued jobs wait in the database for the
sweeper. After that, one quick PING decides whether to close it again or keep it open.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from functools import lru_cache

from redis.exceptions import RedisError

from config import Settings

log = logging.getLogger(__name__)


class Circuit:
    def __init__(self, open_seconds: float, probe):
        self.open_seconds = open_seconds
        self.probe = probe  # a quick check that Redis answers; raises RedisError when it does not
        self._open_until: float | None = None
        self._lock = threading.Lock()

    def available(self) -> bool:
        """Whether to call Redis now: closed, or open long enough that a PING may close it."""
        with self._lock:
            if self._open_until is None:
                return True
            if time.monotonic() < self._open_until:
                return False
            self._open_until = time.monotonic() + self.open_seconds  # one prober at a time
        try:
            self.probe()
        except RedisError as error:
            self.failed(error)
            return False
        with self._lock:
            self._open_until = None
        log.info("Redis answers again; the circuit is closed")
        return True

    def failed(self, error: BaseException) -> None:
        with self._lock:
            was_closed = self._open_until is None
            self._open_until = time.monotonic() + self.open_seconds
        if was_closed:
            log.warning("Redis failed (%s); skipping it for %.0f s", type(error).__name__, self.open_seconds)


def circuit(settings: Settings) -> Circuit:
    """The circuit of this process for the settings' Redis."""
    return _circuit(settings.redis_url, settings.web_redis_timeout_seconds, settings.redis_circuit_open_seconds,
                    os.getpid())


@lru_cache(maxsize=16)
def _circuit(url: str, timeout: float, open_seconds: float, pid: int) -> Circuit:
    from jobs.connection import fast_redis_for

    return Circuit(open_seconds, fast_redis_for(url, timeout).ping)
