"""Benchmark the daily relationship score on PostgreSQL; prints one JSON line per size.

For each size (default 10k, 100k, 1M customers) a fresh schema is migrated and filled server-side
with generate_series: customers with 5 completed jobs each on average (1-9, over three years, with
invoice totals), 10% with two automated texts (half engaged) and 5% with an NPS answer. Then the
score run (relationships.scoring.run: one INSERT ... SELECT, then the VIP/score UPDATE of contacts)
is timed twice: the first day (every row new) and the next day (rows replaced, only changed
contacts updated).

Run: `.venv/bin/python bench/scores.py [--sizes 10000,100000,1000000] [--database-url URL]`.
Each size runs in a schema of its own, `bench_scores_<pid>` (bench/own_schema.py), dropped afterwards; each
line says the database it ran on. No Redis is touched.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bench.own_schema import described, own_schema  # noqa: E402
from relationships import scoring  # noqa: E402
from store import db, migrations  # noqa: E402
from store.db import session_scope  # noqa: E402

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)

FILL = [
    """INSERT INTO contacts (id, phone, name, lead_source, after_sales_care, created_at, vip)
       SELECT i, '+1305' || lpad(i::text, 7, '0'), 'Customer ' || i, 'manual', true, now(), false
       FROM generate_series(1, :n) AS i""",
    # 1-9 jobs per customer (5 on average) over the last three years, $80-$2,080 each.
    """INSERT INTO bookings (contact_id, window_start, window_end, status, access_notes, source, created_at,
                             updated_at, invoice_total_cents)
       SELECT c, ts, ts + interval '2 hours', 'completed', '{}', 'staff', now(), now(),
              8000 + (hashint(c * 31 + j) % 200000)
       FROM generate_series(1, :n) AS c,
            LATERAL generate_series(1, 1 + hashint(c) % 9) AS j,
            LATERAL (SELECT timestamp '2026-11-24 08:00' - (hashint(c * 7 + j) % 1095) * interval '1 day'
                     - (hashint(c + j) % 86400) * interval '1 second' AS ts) t""",
    """INSERT INTO messages (contact_id, direction, channel, body, purpose, status, attempts, created_at, sent_at)
       SELECT c, 'outbound', 'sms', 'x', 'review_request', 'delivered', 1, now(),
              timestamp '2026-11-24 08:00' - (hashint(c * 3 + k) % 360) * interval '1 day'
       FROM generate_series(1, :n, 10) AS c, generate_series(1, 2) AS k""",
    """INSERT INTO engagements (message_id, contact_id, kind, occurred_at)
       SELECT id, contact_id, 'click', now() FROM messages WHERE id % 2 = 0""",
    """INSERT INTO nps_responses (contact_id, asked_message_id, reply_message_id, score, created_at)
       SELECT contact_id, id, id, hashint(id) % 11, sent_at + interval '1 hour'
       FROM messages WHERE id % 4 = 1""",
]
HASH = """CREATE OR REPLACE FUNCTION hashint(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
          $$ SELECT abs(hashtextextended(x::text, 7)) $$"""


def run_size(server: str, n: int) -> dict:
    with own_schema(server, "bench_scores") as url:
        return _run_size(url, n) | {"database": described(server, "bench_scores")}


def _run_size(url: str, n: int) -> dict:
    migrations.upgrade(url)
    started = time.perf_counter()
    with db.get_engine(url).begin() as connection:
        connection.execute(text(HASH))
        for statement in FILL:
            connection.execute(text(statement), {"n": n})
        connection.execute(text("ANALYZE contacts, bookings, messages, engagements, nps_responses"))  # ours only
        jobs = connection.scalar(text("SELECT count(*) FROM bookings"))
    filled = time.perf_counter() - started
    rules = scoring.load_score_rules()
    timings = []
    for day_offset in (0, 1):
        now = NOW + timedelta(days=day_offset)
        started = time.perf_counter()
        with session_scope(url) as session:
            result = scoring.run(session, now.date(), now, rules)
        timings.append(time.perf_counter() - started)
    with db.get_engine(url).connect() as connection:
        vip = connection.scalar(text("SELECT count(*) FROM contacts WHERE vip"))
        average = connection.scalar(text("SELECT avg(score) FROM relationship_scores"))
    return {"customers": n, "jobs": jobs, "fill_seconds": round(filled, 1), "scored": result.scored,
            "first_day_seconds": round(timings[0], 2), "next_day_seconds": round(timings[1], 2),
            "customers_per_second": round(n / timings[0]), "vip": vip, "average_score": round(float(average), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--database-url", default=SERVER, help="a PostgreSQL database (a scratch schema is used)")
    args = parser.parse_args()
    for size in (int(part) for part in args.sizes.split(",")):
        print(json.dumps(run_size(args.database_url, size)), flush=True)


if __name__ == "__main__":
    main()
