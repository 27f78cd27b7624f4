"""Benchmark the inbound-SMS webhook under gunicorn (as the Procfile runs it) next to a bare Flask app.

Both get the same load from a separate process: closed-loop throughput, then a fixed 100 requests/s
for latency. Prints requests/s, p50/p99 latency and the ratio. Run: `.venv/bin/python bench/webhook.py`
(`--database-url` for PostgreSQL; the default is a fresh SQLite file).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402

TOKEN = "bench-auth-token"
TEXTS = ["Do you have anything open Saturday morning?", "My water heater is leaking, can someone come?",
         "What's the gate code policy? Code is 4411", "Can I get a quote for a new toilet?", "thanks!"]
# The conversation mix: mostly availability questions, answered from a schedule of 10,000 bookings.
CONVERSATION_TEXTS = ["can someone come tomorrow morning?", "are you open saturday?", "friday after 3?",
                      "anything next week?", "do you have time this week", "can you come monday afternoon?",
                      "the gate code is 4412 and we have a dog", "my kitchen sink is clogged, when can you come?",
                      "do I need to be home?", "can you stop by thursday?"]
SCHEDULE_BOOKINGS = 10_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(app_spec: str, port: int, env: dict, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
               "--log-level", "warning", app_spec]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except urllib.error.HTTPError:
            return process  # the bare app has no /healthz: any HTTP answer means it is up
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{app_spec} did not start")


def measure(port: int, requests: int, concurrency: int, rate_seconds: int, texts) -> dict:
    base = f"http://127.0.0.1:{port}"
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        throughput_bodies = loadgen.signed_sms_bodies(base, TOKEN, requests, texts)
        throughput = pool.apply(loadgen.closed_loop, ("127.0.0.1", port, throughput_bodies, concurrency))
        rate_bodies = loadgen.signed_sms_bodies(base, TOKEN, 100 * rate_seconds, texts)
        at_100 = pool.apply(loadgen.fixed_rate, ("127.0.0.1", port, rate_bodies, 100.0))
    return {"throughput": throughput, "at_100_rps": at_100}


def seed_schedule(database_url: str, count: int) -> None:
    """A schedule of `count` bookings as a business accumulates them within its capacity.

    The example profile runs 4 two-hour slots a day with capacity 2 (8 jobs a day): the coming 60
    days are filled to about three quarters (cancellations and completions leave gaps), the rest is
    history (completed visits), one booking per job, 1,000 customers.
    """
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import insert

    from store.db import session_scope
    from store.models import Booking, Contact

    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    windows = []
    for day in range(-(count // 8) - 1, 61):
        for slot in range(4):
            for seat in range(2):
                if day >= 0 and (day * 4 + slot + seat) % 4 == 0:
                    continue  # a free seat in about a quarter of the coming slots
                windows.append((day, today + timedelta(days=day, hours=13 + 2 * slot)))
    windows = windows[-count:]
    with session_scope(database_url) as session:
        session.execute(insert(Contact), [{"phone": f"+1617555{index:04d}", "lead_source": "manual",
                                           "after_sales_care": True, "created_at": today} for index in range(1000)])
        contact_ids = [row[0] for row in session.execute(Contact.__table__.select().with_only_columns(Contact.id))]
        session.execute(insert(Booking), [
            {"contact_id": contact_ids[index % len(contact_ids)], "window_start": start,
             "window_end": start + timedelta(hours=2), "status": "confirmed" if day >= 0 else "completed",
             "source": "staff", "access_notes": {}, "created_at": today, "updated_at": today}
            for index, (day, start) in enumerate(windows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rate-seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)))
    parser.add_argument("--scenario", choices=("sms", "conversation"), default="sms",
                        help="sms: the inbound-SMS mix; conversation: availability questions against "
                             f"a schedule of {SCHEDULE_BOOKINGS:,} bookings")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="frontdesk-bench-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": "redis://127.0.0.1:6379/14",
           "TWILIO_AUTH_TOKEN": TOKEN, "SENDER": "outbox", "BUSINESS_NAME": "Bench Plumbing",
           "BUSINESS_PHONE": "+13055550199"}
    subprocess.run([sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    texts = TEXTS
    if args.scenario == "conversation":
        seed_schedule(database_url, SCHEDULE_BOOKINGS)
        texts = CONVERSATION_TEXTS
    results = {}
    for name, spec in (("bare", "bench.bare_app:create_app()"), ("frontdesk", "app:create_app()")):
        port = free_port()
        server = start_gunicorn(spec, port, env, args.workers)
        try:
            results[name] = measure(port, args.requests, args.concurrency, args.rate_seconds, texts)
        finally:
            server.terminate()
            server.wait()
    ratio = results["frontdesk"]["throughput"]["rps"] / results["bare"]["throughput"]["rps"]
    print(json.dumps({"scenario": args.scenario, "database": database_url.split(":")[0], "workers": args.workers,
                      **results,
                      "throughput_ratio_frontdesk_to_bare": round(ratio, 3)}, indent=2))


if __name__ == "__main__":
    main()
