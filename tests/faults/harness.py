"""Real processes for the fault suite: our own redis-server, the Procfile's commands, and counts.

Nothing here touches the shared Redis at 6379: every scenario starts its own redis-server on a free
port (append-only file, fsync always, so a restart keeps what a real Redis with persistence keeps).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import select

from compliance import ledger, purposes
from config import ROOT, Settings
from delivery.outbound import new_outbound
from delivery.sender import OutboxSender
from jobs.connection import DEFAULT
from jobs.queue import DELIVER_JOB, dispatch, schedule
from store.db import session_scope
from store.models import Contact, Message, QueuedJob
from tests.support.webhooks import TOKEN

STAFF_TOKEN = "fault-suite-staff-token-0123456789abcdef"
BUSINESS_NAME = "Test Plumbing Co"
BODY = f"Thanks for calling {BUSINESS_NAME}. We will call you back within the hour."
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class RedisServer:
    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        with open(self.directory / "redis.log", "ab") as log:
            self.process = subprocess.Popen(
                ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
                 "--appendonly", "yes", "--appendfsync", "always", "--save", ""],
                stdout=log, stderr=subprocess.STDOUT)
        client = Redis.from_url(self.url, socket_connect_timeout=0.2, socket_timeout=0.5)
        try:
            if not wait_until(lambda: _pings(client), 10):
                raise RuntimeError(f"redis-server on port {self.port} did not start")
        finally:
            client.close()

    def kill(self) -> None:
        """SIGKILL: gone at once, as a crashed or restarted Redis is (its AOF keeps the data)."""
        self.process.kill()
        self.process.wait()

    def restart(self, down_seconds: float) -> None:
        self.kill()
        time.sleep(down_seconds)
        self.start()

    def pause(self) -> None:
        """SIGSTOP: hung, not down. Connections are accepted by the kernel and never answered."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait()


def _pings(client: Redis) -> bool:
    try:
        return bool(client.ping())
    except RedisError:
        return False


class Processes:
    """The service's processes, each in its own process group so that a SIGKILL takes its children."""

    def __init__(self, env: dict[str, str], log_dir: Path):
        self.env = env
        self.log_dir = log_dir
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, argv: list[str]) -> subprocess.Popen:
        with open(self.log_dir / f"{name}.log", "ab") as log:
            process = subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        self.running[name] = process
        return process

    def worker(self, name: str = "worker") -> subprocess.Popen:
        return self.start(name, [str(BIN / "flask"), "--app", "app", "worker"])

    def sweeper(self) -> subprocess.Popen:
        return self.start("sweeper", [str(BIN / "flask"), "--app", "app", "jobs", "sweep", "--every", "1"])

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.running[name]
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        if sig == signal.SIGKILL:
            process.wait()

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for process in self.running.values():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 10
        for process in self.running.values():
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()


def service_env(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TWILIO_", "SENDER"))}
    env.update({"DATABASE_URL": database_url, "REDIS_URL": redis_url, "SENDER": "outbox",
                "TWILIO_AUTH_TOKEN": TOKEN, "STAFF_API_TOKEN": STAFF_TOKEN, "SWEEP_INTERVAL_SECONDS": "1",
                "JOB_LEASE_SECONDS": "3", "BUSINESS_NAME": BUSINESS_NAME, "PYTHONUNBUFFERED": "1",
                "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}"})
    env.update(extra)
    return env


def seed_sends(settings: Settings, count: int, *, first: int = 0, run_at=None, queue: str = DEFAULT) -> list[int]:
    """`count` customers who just called, each owed a text by a job: the messages' ids."""
    message_ids, job_ids = [], []
    with session_scope(settings.database_url) as session:
        for index in range(first, first + count):
            contact = ledger.contact_for(session, f"+1305555{index:04d}")
            ledger.record(session, contact, "unknown_inbound_context", source="call", channel="call",
                          snippet="(inbound call)")
            message = new_outbound(session, contact, BODY, purpose=purposes.CONVERSATIONAL)
            message_ids.append(message.id)
            job_ids.append(schedule(session, DELIVER_JOB, run_at=run_at, queue=queue, message_id=message.id))
    dispatch(settings, job_ids)
    return message_ids


@dataclass
class Counts:
    sent: int
    lost: int
    duplicated: int
    refused: int

    def line(self, scenario: str) -> str:
        return f"{scenario}: sent {self.sent}, lost {self.lost}, duplicated {self.duplicated}"


def counts(settings: Settings, message_ids: list[int]) -> Counts:
    """Sent (the message is recorded), lost (not sent), duplicated (texts beyond the first in the outbox
    file: what left, whatever the rows say). Each seeded message goes to a number of its own."""
    assert settings.outbox_file, "the fault suite counts texts in the outbox file"
    with session_scope(settings.database_url) as session:
        rows = session.execute(select(Message.status, Contact.phone).join(Contact, Contact.id == Message.contact_id)
                               .where(Message.id.in_(message_ids))).all()
    in_outbox = Counter(line["to"] for line in OutboxSender(settings.outbox_file).lines())
    sent = sum(1 for row in rows if row.status == "recorded")
    refused = sum(1 for row in rows if row.status == "refused")
    duplicated = sum(in_outbox[row.phone] - 1 for row in rows if in_outbox[row.phone] > 1)
    return Counts(sent=sent, lost=len(message_ids) - sent, duplicated=duplicated, refused=refused)


def all_sent(settings: Settings, message_ids: list[int]) -> Callable[[], bool]:
    return lambda: counts(settings, message_ids).sent == len(message_ids)


def diagnose(settings: Settings, message_ids: list[int]) -> str:
    """What became of the messages not sent, and of their jobs: for a failing scenario's message."""
    with session_scope(settings.database_url) as session:
        unsent = session.execute(select(Message.id, Message.status, Message.status_reason, Message.attempts)
                                 .where(Message.id.in_(message_ids), Message.status != "recorded")).all()
        jobs = session.execute(select(QueuedJob.id, QueuedJob.kwargs, QueuedJob.enqueued_at, QueuedJob.finished_at,
                                      QueuedJob.failed_at, QueuedJob.lease_until, QueuedJob.attempts,
                                      QueuedJob.last_error)).all()
    wanted = {row.id for row in unsent}
    return f"unsent: {unsent}; their jobs: {[job for job in jobs if job.kwargs.get('message_id') in wanted]}"
