"""Benchmark a win-back campaign on PostgreSQL: dry run, launch (bulk enrollment with paced first
texts) and the hand-over of the planned steps to RQ; prints one JSON object.

A scratch schema holds N customers (default 100,000) spread over ten area codes and states, each
with marketing consent, a work address and a completed job 31-730 days ago. The campaign targets
them all (inactivity 30 days). Timed: `campaigns.dry_run` (the gate asked for every customer,
nothing written), `campaigns.launch` (enrollments and first-step jobs inserted, one slot per second
inside each recipient's marketing hours), and `jobs.queue.dispatch` of the planned jobs to a
redis-server of its own on a free port (bench/own_redis.py; skipped with --no-redis). The schema is
`bench_campaigns_<pid>` (bench/own_schema.py), dropped afterwards; the JSON says which database it ran on.

Run: `.venv/bin/python bench/campaigns.py [--customers 100000] [--database-url URL] [--no-redis]`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, text  # noqa: E402

import runtime  # noqa: E402
from bench.own_redis import own_redis  # noqa: E402
from bench.own_schema import described, own_schema  # noqa: E402
from config import Settings  # noqa: E402
from jobs.queue import dispatch  # noqa: E402
from relationships import campaigns, segments, sequences  # noqa: E402
from store import db, migrations  # noqa: E402
from store.db import session_scope  # noqa: E402
from store.models import QueuedJob  # noqa: E402

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
# The coming Tuesday, 10am New York (15:00 UTC in winter, 14:00 in summer: the gate decides).
LAUNCH = (datetime.now(UTC) + timedelta(days=(1 - datetime.now(UTC).weekday()) % 7 or 7)).replace(
    hour=15, minute=0, second=0, microsecond=0)
AREAS = [("305", "FL"), ("212", "NY"), ("312", "IL"), ("213", "CA"), ("713", "TX"), ("206", "WA"),
         ("404", "GA"), ("617", "MA"), ("602", "AZ"), ("808", "HI")]
STEP = {"after": "trigger", "purpose": "win_back",
        "template": "{business}: we miss you, {first_name}! Reply to book a visit. Reply STOP to opt out"}


def fill(url: str, n: int) -> None:
    areas = ",".join(f"('{code}', '{state}', {index})" for index, (code, state) in enumerate(AREAS))
    statements = [
        f"""CREATE TEMP TABLE areas (code text, state text, idx int); INSERT INTO areas VALUES {areas}""",
        """INSERT INTO contacts (id, phone, name, lead_source, after_sales_care, created_at, vip)
           SELECT i, '+1' || a.code || lpad((2000000 + i)::text, 7, '0'), 'Customer ' || i, 'manual', true, now(), false
           FROM generate_series(1, :n) AS i JOIN areas a ON a.idx = i % 10""",
        """INSERT INTO work_addresses (contact_id, line1, state, access_notes, after_sales_care, created_at)
           SELECT i, i || ' Main St', a.state, '{}', true, now()
           FROM generate_series(1, :n) AS i JOIN areas a ON a.idx = i % 10""",
        """INSERT INTO consent_events (contact_id, phone, kind, scope, source, recorded_by, occurred_at)
           SELECT id, phone, 'express', 'marketing', 'import', 'bench', now() FROM contacts""",
        """INSERT INTO bookings (contact_id, window_start, window_end, status, access_notes, source, created_at,
                                 updated_at, invoice_total_cents)
           SELECT i, timestamp '2026-11-24 15:00' - ((31 + i % 700) * interval '1 day'),
                  timestamp '2026-11-24 17:00' - ((31 + i % 700) * interval '1 day'),
                  'completed', '{}', 'staff', now(), now(), 25000
           FROM generate_series(1, :n) AS i""",
        "ANALYZE contacts, work_addresses, consent_events, bookings",  # this schema's tables only
    ]
    with db.get_engine(url).begin() as connection:
        for statement in statements:
            for part in statement.split("; "):
                connection.execute(text(part), {"n": n})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--database-url", default=SERVER)
    parser.add_argument("--no-redis", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-campaigns-"))
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(own_schema(args.database_url, "bench_campaigns"))
        redis_url = "redis://127.0.0.1:1/0" if args.no_redis else stack.enter_context(own_redis(workdir))
        print(f"database: {described(args.database_url, 'bench_campaigns')}; Redis: "
              f"{'none' if args.no_redis else f'own redis-server at {redis_url}'}", file=sys.stderr, flush=True)
        _run(args, url, redis_url)
    db.dispose_all()
    shutil.rmtree(workdir, ignore_errors=True)


def _run(args, url: str, redis_url: str) -> None:
    migrations.upgrade(url)
    settings = Settings(database_url=url, redis_url=redis_url, business_name="Bench Plumbing",
                        business_phone="+13055550199")
    runtime.configure(settings)
    started = time.perf_counter()
    fill(url, args.customers)
    result = {"database": described(args.database_url, "bench_campaigns"), "customers": args.customers,
              "fill_seconds": round(time.perf_counter() - started, 1)}
    with session_scope(url) as session:
        sequences.ensure_defaults(session)
        segment = segments.create(session, {"name": "Everyone", "filters": {}}).record
        sequence = sequences.create(session, {"name": "Win-back", "trigger": "manual", "steps": [STEP]}).record
        campaign_id = campaigns.create(session, {"name": "Winter", "segment_id": segment.id,
                                                 "sequence_id": sequence.id, "inactivity_days": 30}).record.id
    started = time.perf_counter()
    with session_scope(url) as session:
        dry = campaigns.dry_run(session, settings, campaign_id, {"at": LAUNCH.isoformat()})
    result["dry_run_seconds"] = round(time.perf_counter() - started, 2)
    result["dry_run"] = {key: dry[key] for key in ("targeted", "allowed", "deferred", "refused",
                                                   "deferred_by_cause")}
    started = time.perf_counter()
    profiler = None
    if os.environ.get("PROFILE"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    with session_scope(url) as session:
        launched = campaigns.launch(session, settings, campaign_id, {"at": LAUNCH.isoformat()})
        enrolled = launched.record.enrolled
    result["launch_seconds"] = round(time.perf_counter() - started, 2)
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    result["enrolled"] = enrolled
    with session_scope(url) as session:
        steps = select(QueuedJob.run_at).where(QueuedJob.func == "jobs.sequences.run_step")
        planned = steps.subquery()
        first, last = session.execute(select(func.min(planned.c.run_at), func.max(planned.c.run_at))).one()
        per_second = Counter(session.scalars(steps))
    result["first_text_at"], result["last_text_at"] = first.isoformat(), last.isoformat()
    result["max_texts_in_one_second"] = max(per_second.values())
    if not args.no_redis:
        started = time.perf_counter()
        with session_scope(url) as session:
            job_ids = campaigns.planned_job_ids(session, campaign_id)
        handed = dispatch(settings, job_ids)
        result["rq_handover_seconds"] = round(time.perf_counter() - started, 2)
        result["rq_handed"] = handed
    print(json.dumps(result))


if __name__ == "__main__":
    main()
