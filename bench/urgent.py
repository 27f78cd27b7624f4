"""How long an emergency page waits when 10,000 bulk texts are queued (issue 9, item 17).

Starts its own redis-server on a free port (nothing shared is flushed) and a migrated SQLite file (or, with
`--database-url`, a schema of its own in that PostgreSQL database, dropped afterwards), queues N bulk
sends (real gate, outbox sender) in the bulk queue, starts the real worker (`flask --app app worker`,
listening urgent, default, bulk), and, once it is busy with the bulk, pages staff through the urgent
queue, round after round. Each round prints as it ends; then the figures:

- the page latency (from its hand-over to RQ to its send recorded): min, median, max;
- one bulk job's time (the worker's median gap between bulk sends), the bound the page must stay under;
- what the page would wait in one shared queue behind the bulk still queued (bulk left x job time).

Run: `.venv/bin/python bench/urgent.py` (`--bulk 10000 --rounds 5`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from redis import Redis  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from bench.own_redis import own_redis  # noqa: E402
from bench.own_schema import described, own_schema  # noqa: E402
from compliance import ledger, purposes  # noqa: E402
from config import Settings  # noqa: E402
from delivery.outbound import new_outbound  # noqa: E402
from jobs import connection  # noqa: E402
from jobs.queue import DELIVER_JOB, NOTIFY_JOB, dispatch, schedule  # noqa: E402
from store import db, migrations  # noqa: E402
from store.db import session_scope  # noqa: E402
from store.models import ConsentEvent, Contact, Message, QueuedJob, utcnow  # noqa: E402

BUSINESS = "Bench Plumbing"
BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulk", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server database (a schema of its own)")
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        sys.exit("redis-server is not installed")
    workdir = Path(tempfile.mkdtemp(prefix="bench-urgent-"))
    owned = contextlib.ExitStack()  # the redis-server, and the PostgreSQL schema when there is one
    redis_url = owned.enter_context(own_redis(workdir))
    if args.database_url:
        database_url = owned.enter_context(own_schema(args.database_url, "bench_urgent"))
        shown = described(args.database_url, "bench_urgent")
    else:
        database_url, shown = f"sqlite:///{workdir / 'bench.sqlite3'}", "SQLite (a temporary file)"
    worker = None
    try:
        migrations.upgrade(database_url)
        print(f"database: {shown}; Redis: own redis-server at {redis_url}", flush=True)
        settings = Settings(database_url=database_url, redis_url=redis_url, sender="outbox", business_name=BUSINESS)
        started = time.monotonic()
        bulk_ids = _queue_bulk(settings, args.bulk)
        print(f"queued {args.bulk} bulk sends in {time.monotonic() - started:.1f} s", flush=True)
        env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url, "SENDER": "outbox",
               "BUSINESS_NAME": BUSINESS, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
        worker = subprocess.Popen([str(BIN / "flask"), "--app", "app", "worker"], cwd=ROOT, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        _wait(lambda: _sent(settings, bulk_ids) >= 5, 120, "the worker to start on the bulk")
        latencies = []
        for round_number in range(1, args.rounds + 1):
            latency, left = _page(settings, round_number)
            latencies.append(latency)
            print(f"round {round_number}: page sent {latency * 1000:.0f} ms after its hand-over, "
                  f"{left} bulk jobs still queued", flush=True)
            time.sleep(0.5)
        job_seconds = _bulk_job_seconds(settings, bulk_ids)
        left = Redis.from_url(redis_url).llen(connection.queue(settings, Redis.from_url(redis_url), "bulk").key)
        print(f"page latency: min {min(latencies) * 1000:.0f} ms, median {statistics.median(latencies) * 1000:.0f} ms, "
              f"max {max(latencies) * 1000:.0f} ms")
        print(f"one bulk job: median {job_seconds * 1000:.0f} ms (the page must wait at most about one job)")
        print(f"in one shared queue the page would wait behind {left} bulk jobs: about {left * job_seconds:.0f} s")
    finally:
        if worker is not None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
        owned.close()
        db.dispose_all()
        shutil.rmtree(workdir, ignore_errors=True)


def _queue_bulk(settings: Settings, count: int) -> list[int]:
    """`count` customers who called, each owed a text by a bulk job; the messages' ids."""
    now = utcnow()
    body = f"Thanks for calling {BUSINESS}. We will call you back within the hour."
    with session_scope(settings.database_url) as session:
        session.execute(insert(Contact), [{"phone": f"+1617555{index:04d}", "lead_source": "inbound",
                                           "after_sales_care": True, "created_at": now} for index in range(count)])
        contacts = dict(session.execute(select(Contact.phone, Contact.id)).all())
        session.execute(insert(ConsentEvent), [
            {"contact_id": contact_id, "phone": phone, "kind": "unknown_inbound_context", "scope": "all",
             "source": "call", "channel": "call", "snippet": "(inbound call)", "recorded_by": "system",
             "occurred_at": now} for phone, contact_id in contacts.items()])
        session.execute(insert(Message), [
            {"contact_id": contact_id, "direction": "outbound", "channel": "sms", "body": body,
             "purpose": purposes.CONVERSATIONAL, "status": "pending", "attempts": 0, "created_at": now}
            for contact_id in contacts.values()])
        message_ids = list(session.scalars(select(Message.id)))
        session.execute(insert(QueuedJob), [
            {"func": DELIVER_JOB, "kwargs": {"message_id": message_id}, "run_at": now, "created_at": now,
             "attempts": 0, "queue": connection.BULK} for message_id in message_ids])
        job_ids = list(session.scalars(select(QueuedJob.id)))
    dispatch(settings, job_ids)
    return message_ids


def _page(settings: Settings, round_number: int) -> tuple[float, int]:
    """An on-call page (a staff alert, as an urgent escalation sends): seconds until it is sent."""
    with session_scope(settings.database_url) as session:
        staff = ledger.contact_for(session, "+16175550100", lead_source="manual")
        message = new_outbound(session, staff, f"URGENT #{round_number}: burst pipe at +16175550143",
                               purpose="staff_alert", subject=f"escalation:{round_number}")
        job_id = schedule(session, NOTIFY_JOB, message_id=message.id)
        message_id = message.id
    handed = time.monotonic()
    dispatch(settings, [job_id])
    _wait(lambda: _sent(settings, [message_id]) == 1, 120, "the page")
    redis = Redis.from_url(settings.redis_url)
    return time.monotonic() - handed, redis.llen(connection.queue(settings, redis, connection.BULK).key)


def _sent(settings: Settings, message_ids: list[int]) -> int:
    with session_scope(settings.database_url) as session:
        return len(session.scalars(select(Message.id).where(Message.id.in_(message_ids[:1000]),
                                                            Message.status == "recorded")).all())


def _bulk_job_seconds(settings: Settings, message_ids: list[int]) -> float:
    with session_scope(settings.database_url) as session:
        moments = sorted(session.scalars(select(Message.sent_at).where(
            Message.id.in_(message_ids[:2000]), Message.sent_at.is_not(None))))
    gaps = [(later - earlier).total_seconds() for earlier, later in zip(moments, moments[1:], strict=False)]
    return statistics.median(gaps) if gaps else float("nan")


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.01)


if __name__ == "__main__":
    main()
