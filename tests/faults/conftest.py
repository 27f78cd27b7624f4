"""Fixtures of the fault suite: our own redis-server, a PostgreSQL schema, the service's processes."""

from __future__ import annotations

import shutil

import pytest

import runtime
from config import Settings
from store import db
from tests.faults.harness import Processes, RedisServer, service_env
from tests.support.webhooks import TOKEN


@pytest.fixture(autouse=True)
def weekday_morning():
    """The service's processes run on the real clock, so the suite does too (no time travel here)."""
    yield None


@pytest.fixture
def redis_server(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fault_settings(postgres_url, redis_server, tmp_path) -> Settings:
    """The outbox appends every text to a file, so a text sent twice is counted, whatever the rows say."""
    settings = Settings(database_url=postgres_url, redis_url=redis_server.url, sender="outbox",
                        outbox_file=str(tmp_path / "outbox.jsonl"), twilio_auth_token=TOKEN,
                        business_name="Test Plumbing Co", job_lease_seconds=3)
    runtime.configure(settings)
    yield settings
    db.dispose_all()


@pytest.fixture
def processes(fault_settings, tmp_path):
    running = Processes(service_env(fault_settings.database_url, fault_settings.redis_url,
                                    OUTBOX_FILE=fault_settings.outbox_file), tmp_path)
    yield running
    running.stop_all()
