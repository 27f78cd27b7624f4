"""Failed sign-ins per account, in Redis: five in a row lock the account for fifteen minutes."""

from __future__ import annotations

from redis import Redis

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
KEY = "frontdesk:console:login-failures:{email}"


def is_locked(redis: Redis, email: str) -> bool:
    return int(redis.get(_key(email)) or 0) >= MAX_FAILURES


def record_failure(redis: Redis, email: str) -> int:
    """Count one failure; the count expires LOCK_SECONDS after the latest one. Returns the count."""
    with redis.pipeline() as pipe:
        pipe.incr(_key(email))
        pipe.expire(_key(email), LOCK_SECONDS)
        count, _ = pipe.execute()
    return int(count)


def clear(redis: Redis, email: str) -> None:
    redis.delete(_key(email))


def _key(email: str) -> str:
    return KEY.format(email=email.strip().lower())
