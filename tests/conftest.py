"""Fixtures on real services: PostgreSQL and SQLite databases, Redis, and the Twilio REST client.

The one thing that is not real is Twilio's REST API: the real `twilio.rest.Client` is given a
recording `HttpClient` (tests/support/twilio_http.py) instead of the network.
"""

from __future__ import annotations

import atexit
import os
import shutil
from datetime import UTC, datetime

import pytest
import time_machine
from redis import Redis
from rq import SimpleWorker
from sqlalchemy import create_engine, text

import runtime
from app import create_app
from config import Settings
from jobs import connection
from store import db, migrations
from store.models import Base
from tests.support.twilio_http import RecordingHttpClient
from tests.support.webhooks import TOKEN

POSTGRES_SERVER_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# Each test session gets its own schema, so two runs on one machine never drop each other's tables.
POSTGRES_SCHEMA = f"frontdesk_test_{os.getpid()}"
POSTGRES_URL = f"{POSTGRES_SERVER_URL}?options=-csearch_path%3D{POSTGRES_SCHEMA}"
REDIS_SERVER_URL = "redis://127.0.0.1:6379"
REDIS_DATABASES = range(1, 16)


def _claim_redis_database() -> str:
    """Redis databases 1-15, one per test session, so concurrent runs never flush each other's queues.

    A session claims a free database with a key in database 0 naming its process; a claim whose
    process is gone is taken over, and the claim is released when the session ends.
    """
    claims = Redis.from_url(f"{REDIS_SERVER_URL}/0")
    pid = os.getpid()
    for number in REDIS_DATABASES:
        key = f"frontdesk-tests:database:{number}"
        holder = claims.get(key)
        if holder is not None and _alive(int(holder)):
            continue
        if holder is not None:
            claims.delete(key)
        if claims.set(key, pid, nx=True):
            atexit.register(claims.delete, key)
            return f"{REDIS_SERVER_URL}/{number}"
    return f"{REDIS_SERVER_URL}/{1 + pid % 15}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


REDIS_URL = os.environ.get("TEST_REDIS_URL") or _claim_redis_database()
BUSINESS_NAME = "Test Plumbing Co"
BUSINESS_PHONE = "+13055550199"
# Tuesday 24 November 2026, 11:00 in Miami and New York: inside every sending window.
WEEKDAY_MORNING = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def weekday_morning():
    """Every test starts at a known, allowed moment and the clock ticks on; a test may travel elsewhere."""
    with time_machine.travel(WEEKDAY_MORNING, tick=True) as traveller:
        yield traveller


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("schema") / "template.sqlite3"
    migrations.upgrade(f"sqlite:///{path}")
    db.dispose_all()
    return str(path)


@pytest.fixture(scope="session")
def postgres_schema():
    engine = create_engine(POSTGRES_SERVER_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {POSTGRES_SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {POSTGRES_SCHEMA}"))
    migrations.upgrade(POSTGRES_URL)
    db.dispose_all()
    yield POSTGRES_URL
    db.dispose_all()
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {POSTGRES_SCHEMA} CASCADE"))
    engine.dispose()


def _sqlite_copy(template: str, tmp_path) -> str:
    path = tmp_path / "frontdesk.sqlite3"
    shutil.copy(template, path)
    return f"sqlite:///{path}"


def _emptied_postgres(url: str) -> str:
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with db.get_engine(url).begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path, sqlite_template):
    """Each test that uses it runs twice: on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        url = _sqlite_copy(sqlite_template, tmp_path)
    else:
        url = _emptied_postgres(request.getfixturevalue("postgres_schema"))
    yield url
    db.dispose_all()


@pytest.fixture
def postgres_url(postgres_schema):
    yield _emptied_postgres(postgres_schema)
    db.dispose_all()


@pytest.fixture
def redis_connection():
    redis = Redis.from_url(REDIS_URL)
    redis.flushdb()
    yield redis
    redis.flushdb()


@pytest.fixture
def twilio_http() -> RecordingHttpClient:
    return RecordingHttpClient()


@pytest.fixture
def settings(database_url, redis_connection, twilio_http) -> Settings:
    """The test's settings, also installed as the process's runtime settings for the jobs it runs."""
    settings = Settings(
        database_url=database_url, redis_url=REDIS_URL, twilio_account_sid="AC" + "1" * 32,
        twilio_auth_token=TOKEN, twilio_number="+13055550199", business_name=BUSINESS_NAME,
        business_phone=BUSINESS_PHONE, staff_forward_number="+13055550150", sender="twilio",
        staff_api_token="staff-secret-4f9c2e7a1b8d6053e4a7c9f1", twilio_http_client=twilio_http,
        job_retry_intervals=(0,),
    )
    runtime.configure(settings)
    return settings


@pytest.fixture
def app(settings):
    return create_app(settings)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def run_jobs(settings, redis_connection):
    """Run every queued RQ job in this process, as a burst worker with its scheduler would."""

    def run() -> None:
        queues = connection.queues(settings, redis_connection)
        SimpleWorker(queues, connection=redis_connection).work(burst=True, with_scheduler=True)

    return run
