"""Jobs speed (issue 10): one worker's sends/s, reminders for 100,000 bookings, one sweeper pass.

(a) Sends per second of one worker (the service's FrontdeskWorker, in this process, burst mode) over
    queued sends through the real gate and classifier and the real twilio Client (a recording HTTP
    client instead of the network, as the tests do): running jobs in its own process, and forking a
    work horse per job (`flask worker --fork`), in interleaved rounds.
(b) Planning and handing to RQ the reminders of N upcoming confirmed bookings (`flask jobs
    plan-reminders`, jobs.reminders.plan_upcoming), then the same again (idempotent: plans nothing).
(c) One sweeper pass over the waiting rows (b) left, handed more than the grace ago: with RQ holding
    them all (nothing to do), then after Redis lost them all (every row handed again).

Each figure prints as soon as it is measured. Redis: a redis-server of its own on a free port (no shared
database is touched or flushed). Databases: a temporary SQLite file, and PostgreSQL (a schema of its own
in `--postgres-url`, created and dropped). Run: `.venv/bin/python bench/jobs.py` (`--sends 2000
--fork-sends 200 --rounds 3 --bookings 100000 --databases sqlite,postgresql`).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from redis import Redis  # noqa: E402
from rq.registry import ScheduledJobRegistry  # noqa: E402
from sqlalchemy import func, insert, select, update  # noqa: E402

import classifiers  # noqa: E402
import runtime  # noqa: E402
from bench.own_redis import own_redis  # noqa: E402
from bench.own_schema import described, own_schema  # noqa: E402
from config import Settings  # noqa: E402
from jobs import connection, reminders, sweeper  # noqa: E402
from jobs.worker import ForkingFrontdeskWorker, FrontdeskWorker  # noqa: E402
from store import db, migrations  # noqa: E402
from store.models import Booking, Contact, Message, QueuedJob, utcnow  # noqa: E402
from tests.faults.harness import BUSINESS_NAME, seed_sends  # noqa: E402
from tests.support.twilio_http import RecordingHttpClient  # noqa: E402

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CONTACTS_PER_BOOKING = 5  # 100,000 bookings of 20,000 customers


class PerProcessSids:
    """Message SIDs unique across the forked work horses (each starts from the parent's counter)."""

    def __init__(self):
        self.count = itertools.count(1)

    def __next__(self) -> int:
        return os.getpid() * 10**12 + next(self.count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sends", type=int, default=2000, help="sends per round, worker without fork")
    parser.add_argument("--fork-sends", type=int, default=200, help="sends per round, forking worker")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: sends, reminders")
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        sys.exit("redis-server is not installed")
    print(f"load average at start: {os.getloadavg()}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="bench-jobs-"))
    with own_redis(workdir) as redis_url:
        print(f"Redis: own redis-server at {redis_url}", flush=True)
        classifiers.load()  # as `flask worker` does before its first job
        _run(args, workdir, redis_url)
    shutil.rmtree(workdir, ignore_errors=True)
    print(f"load average at end: {os.getloadavg()}", flush=True)


def _run(args, workdir: Path, redis_url: str) -> None:
    for kind in args.databases.split(","):
        with database(kind, workdir, args.postgres_url) as database_url:
            settings = Settings(database_url=database_url, redis_url=redis_url, sender="twilio",
                                twilio_account_sid="AC" + "1" * 32, twilio_auth_token="bench-token",
                                twilio_number="+13055550199", business_name=BUSINESS_NAME,
                                twilio_http_client=recording_client())
            runtime.configure(settings)
            redis = Redis.from_url(redis_url)
            if "sends" not in args.skip:
                bench_sends(kind, settings, redis, args)
            if "reminders" not in args.skip:
                bench_reminders_and_sweeper(kind, settings, redis, args.bookings)
            db.dispose_all()


def recording_client() -> RecordingHttpClient:
    client = RecordingHttpClient()
    client.sids = PerProcessSids()
    return client


# --- (a) sends per second ---------------------------------------------------------------------------------------

def bench_sends(kind: str, settings: Settings, redis: Redis, args) -> None:
    figures: dict[str, list[float]] = {"in-process": [], "fork per job": []}
    cpu_figures: dict[str, list[float]] = {"in-process": [], "fork per job": []}
    first = 0
    for round_number in range(0, args.rounds + 1):  # round 0 warms up (connections, caches), not counted
        warming = round_number == 0
        for name, worker_class, count in (("in-process", FrontdeskWorker, 50 if warming else args.sends),
                                          ("fork per job", ForkingFrontdeskWorker, 10 if warming else args.fork_sends)):
            redis.flushdb()  # our own server
            message_ids = seed_sends(settings, count, first=first)
            first += count
            worker = worker_class(connection.queues(settings, redis), connection=redis)
            started, cpu_started = time.perf_counter(), _cpu_seconds()
            worker.work(burst=True, logging_level="WARNING")
            elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # RQ's handlers would turn a stop into the next round
            signal.signal(signal.SIGINT, signal.default_int_handler)
            sent = sent_count(settings, message_ids)
            if warming:
                continue
            figures[name].append(sent / elapsed)
            cpu_figures[name].append(1000 * cpu / sent)
            print(f"[{kind}] (a) round {round_number}, worker {name}: {sent}/{count} sent in {elapsed:.2f} s = "
                  f"{sent / elapsed:.1f} sends/s; worker CPU {1000 * cpu / sent:.1f} ms per send "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
    for name, rates in figures.items():
        print(f"[{kind}] (a) worker {name}: sends/s min {min(rates):.1f}, median {statistics.median(rates):.1f}; "
              f"CPU ms per send min {min(cpu_figures[name]):.1f}, median {statistics.median(cpu_figures[name]):.1f} "
              f"(so {1000 / statistics.median(cpu_figures[name]):.0f} sends/s on a core of its own) "
              f"over {len(rates)} rounds", flush=True)
    ratio = statistics.median(figures["in-process"]) / statistics.median(figures["fork per job"])
    print(f"[{kind}] (a) in-process / fork per job: {ratio:.1f}x (target: >= 50 sends/s per worker)", flush=True)


def _cpu_seconds() -> float:
    """This process's CPU time and its work horses' (forked and waited for), user and system."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def sent_count(settings: Settings, message_ids: list[int]) -> int:
    with db.session_scope(settings.database_url) as session:
        return session.scalar(select(func.count()).select_from(Message).where(
            Message.id.in_(message_ids), Message.twilio_sid.is_not(None)))


# --- (b) reminders and (c) the sweeper --------------------------------------------------------------------------

def bench_reminders_and_sweeper(kind: str, settings: Settings, redis: Redis, bookings: int) -> None:
    redis.flushdb()
    started = time.perf_counter()
    insert_bookings(settings, bookings)
    print(f"[{kind}] inserted {bookings} confirmed upcoming bookings in {time.perf_counter() - started:.1f} s "
          f"(setup, not timed)", flush=True)

    for attempt in ("first run", "run again"):
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        outcome = reminders.plan_upcoming(settings)
        elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
        scheduled = ScheduledJobRegistry(queue=connection.queue(settings, redis, connection.BULK)).count
        print(f"[{kind}] (b) plan and hand reminders, {attempt}: {elapsed:.2f} s for {outcome.bookings} bookings: "
              f"{outcome.planned} planned, {outcome.handed} handed; RQ holds {scheduled} scheduled (target < 30 s); "
              f"CPU {cpu:.1f} s (load {os.getloadavg()[0]:.1f})",
              flush=True)

    # The sweeper looks at rows handed more than its grace ago: age them instead of waiting.
    with db.session_scope(settings.database_url) as session:
        session.execute(update(QueuedJob).values(enqueued_at=utcnow() - timedelta(minutes=1)))
        waiting = session.scalar(select(func.count()).select_from(QueuedJob).where(QueuedJob.finished_at.is_(None)))
    passes = []
    for round_number in range(1, 4):
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        handed = sweeper.sweep(settings)
        passes.append(time.perf_counter() - started)
        print(f"[{kind}] (c) sweeper pass {round_number} over {waiting} waiting rows RQ holds: {passes[-1]:.2f} s, "
              f"handed again {handed}; CPU {_cpu_seconds() - cpu_started:.1f} s (load {os.getloadavg()[0]:.1f})",
              flush=True)
    print(f"[{kind}] (c) sweeper pass, nothing to do: min {min(passes):.2f} s, "
          f"median {statistics.median(passes):.2f} s "
          f"(interval {Settings().sweep_interval_seconds} s)", flush=True)
    redis.flushdb()  # our own server: Redis lost every job
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    handed = sweeper.sweep(settings)
    print(f"[{kind}] (c) sweeper pass after Redis lost all {waiting} jobs: {time.perf_counter() - started:.2f} s, "
          f"handed again {handed}; CPU {_cpu_seconds() - cpu_started:.1f} s", flush=True)


def insert_bookings(settings: Settings, bookings: int) -> None:
    now = utcnow()
    hour = now.replace(minute=0, second=0, microsecond=0)
    contact_count = max(1, bookings // CONTACTS_PER_BOOKING)
    with db.session_scope(settings.database_url) as session:
        contact_ids = list(session.scalars(
            insert(Contact).returning(Contact.id, sort_by_parameter_order=True),
            [{"phone": f"+1786{3000000 + index:07d}", "lead_source": "manual", "after_sales_care": True,
              "created_at": now} for index in range(contact_count)]))
        for start in range(0, bookings, 10_000):
            rows = []
            for index in range(start, min(bookings, start + 10_000)):
                window_start = hour + timedelta(hours=26 + index % (60 * 24))  # reminders due in 1 h to 60 days
                rows.append({"contact_id": contact_ids[index % contact_count], "window_start": window_start,
                             "window_end": window_start + timedelta(hours=2), "status": "confirmed",
                             "access_notes": {}, "source": "staff", "created_at": now, "updated_at": now})
            session.execute(insert(Booking), rows)


# --- own Redis and databases ------------------------------------------------------------------------------------

@contextlib.contextmanager
def database(kind: str, workdir: Path, postgres_url: str) -> Iterator[str]:
    """A migrated, empty database of its own: a temporary SQLite file, or a new PostgreSQL schema."""
    if kind == "sqlite":
        print("database: SQLite (a temporary file)", flush=True)
        place = contextlib.nullcontext(f"sqlite:///{workdir / 'bench.sqlite3'}")
    elif kind == "postgresql":
        print(f"database: {described(postgres_url, 'bench_jobs')}", flush=True)
        place = own_schema(postgres_url, "bench_jobs")
    else:
        raise SystemExit(f"unknown database {kind!r}: sqlite or postgresql")
    with place as url:
        migrations.upgrade(url)
        db.dispose_all()
        try:
            yield url
        finally:
            db.dispose_all()

if __name__ == "__main__":
    main()
