"""Benchmark seed 003's bulk operations; prints the figures as JSON.

(a) `flask contacts import` of a generated CSV (default 100,000 rows: names, phones, emails, the four
    customer types, an address, birthdays, after-sales care, external refs, a consent column on one
    row in ten, one bad row in a hundred) into a freshly migrated database, then the same file again
    (every row an update).
(b) The bulk "Change communication preferences": every contact (`"all": true`, off and on `--repeat`
    times, each time rewriting every row), then one customer type, a name filter, every work address
    and the addresses of one state: each one set-based UPDATE plus its audit row, committed.

Run: `.venv/bin/python bench/aftersales.py` (`--rows`, `--postgres-url`, `--no-postgres`). SQLite runs in a
temporary file; PostgreSQL in a schema of its own (`bench_aftersales_<pid>`, bench/own_schema.py), dropped at
the end. Each database's figures say which database they were measured on. No Redis is touched.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from bench.own_schema import described, own_schema  # noqa: E402
from crm import after_sales, importing  # noqa: E402
from crm.customer_types import BUILT_IN  # noqa: E402
from store import db, migrations  # noqa: E402
from store.models import ConsentEvent, Contact, WorkAddress  # noqa: E402

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HEADER = ["name", "phone", "email", "customer type", "address line 1", "city", "state", "zip", "birthday",
          "after-sales care", "external_ref", "consent", "consent source"]
CITIES = [("Miami", "FL", "331"), ("Tampa", "FL", "336"), ("Austin", "TX", "787"), ("Denver", "CO", "802"),
          ("Boston", "MA", "021"), ("Seattle", "WA", "981")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
                        help="a PostgreSQL server database; the bench works in a schema of its own")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="times the every-contact change is measured")
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="frontdesk-aftersales-bench-"))
    csv_path = workdir / "customers.csv"
    bad_rows = write_csv(csv_path, args.rows, random.Random(args.seed))
    results: dict = {"rows": args.rows, "bad_rows_in_file": bad_rows,
                     "load_average_at_start": [round(load, 2) for load in os.getloadavg()]}
    databases = {"sqlite": lambda: sqlite_database(workdir / "bench.sqlite3")}
    if not args.no_postgres:
        databases["postgresql"] = lambda: postgres_schema(args.postgres_url)
    for kind, database in databases.items():
        with database() as (url, shown):
            print(f"database: {shown}", file=sys.stderr, flush=True)
            try:
                results[kind] = {"database": shown, "import": time_import(url, csv_path),
                                 "bulk_change": time_bulk_changes(url, args.repeat)}
            finally:
                db.dispose_all()
    print(json.dumps(results, indent=2))


def write_csv(path: Path, rows: int, rng: random.Random) -> int:
    bad = 0
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for index in range(rows):
            city, state, zip_prefix = rng.choice(CITIES)
            consent = rng.random() < 0.1
            row = [f"Customer {index} {rng.choice(['Diaz', 'Smith', 'Nguyen', 'Patel', 'Okafor'])}",
                   f"(305) {200 + index // 10_000:03d}-{index % 10_000:04d}", f"customer{index}@example.com",
                   rng.choice(BUILT_IN).lower(), f"{rng.randint(1, 9999)} {rng.choice(['Palm', 'Bay', 'Oak'])} St",
                   city, state, f"{zip_prefix}{rng.randint(0, 99):02d}",
                   f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   rng.choice(["yes", "no", ""]), f"FS-{index}",
                   "express" if consent else "", "web_form" if consent else ""]
            if index % 100 == 99:
                row[8] = "31/12/1999"  # a bad date: the row is reported and skipped
                bad += 1
            writer.writerow(row)
    return bad


@contextlib.contextmanager
def sqlite_database(path: Path):
    url = f"sqlite:///{path}"
    migrations.upgrade(url)
    try:
        yield url, "SQLite (a temporary file)"
    finally:
        path.unlink(missing_ok=True)


@contextlib.contextmanager
def postgres_schema(server_url: str):
    with own_schema(server_url, "bench_aftersales") as url:
        migrations.upgrade(url)
        yield url, described(server_url, "bench_aftersales")


def time_import(url: str, csv_path: Path) -> dict:
    figures = {}
    for run in ("first", "again"):
        started = time.perf_counter()
        report = importing.import_csv(url, csv_path)
        seconds = time.perf_counter() - started
        figures[run] = {"seconds": round(seconds, 2), "rows_per_second": round(report.imported / seconds),
                        "created": report.created, "updated": report.updated, "consents": report.consents,
                        "refused": len(report.problems)}
    with db.session_scope(url) as session:
        figures["stored"] = {"contacts": session.scalar(select(func.count()).select_from(Contact)),
                             "addresses": session.scalar(select(func.count()).select_from(WorkAddress)),
                             "consent_events": session.scalar(select(func.count()).select_from(ConsentEvent))}
    return figures


def time_bulk_changes(url: str, repeat: int) -> dict:
    figures = {"every_contact_repeated": every_contact(url, repeat)}
    changes = {
        "all_contacts_on": ("contacts", {"all": True, "value": True, "by": "bench"}),
        "all_contacts_off": ("contacts", {"all": True, "value": False, "by": "bench"}),  # every row changes
        "one_customer_type_on": ("contacts", {"filter": {"customer_type": "Company"}, "value": True, "by": "bench"}),
        "name_contains_on": ("contacts", {"filter": {"name": "diaz"}, "value": True, "by": "bench"}),
        "all_addresses_off": ("addresses", {"all": True, "value": False, "by": "bench"}),  # every row changes
        "addresses_in_florida_on": ("addresses", {"filter": {"state": "FL"}, "value": True, "by": "bench"}),
    }
    for label, (target, body) in changes.items():
        changed, seconds = timed_change(url, target, body)
        figures[label] = {"changed": changed, "seconds": round(seconds, 3),
                          "rows_per_second": round(changed / seconds) if changed else None}
    return figures


def every_contact(url: str, repeat: int) -> dict:
    """Turn every contact off and on `repeat` times: each change rewrites every row (the server is shared)."""
    seconds, changed = [], 0
    timed_change(url, "contacts", {"all": True, "value": True, "by": "bench"})  # from here every change is total
    for value in [False, True] * repeat:
        changed, elapsed = timed_change(url, "contacts", {"all": True, "value": value, "by": "bench"})
        seconds.append(round(elapsed, 3))
    return {"changed_each_time": changed, "seconds": seconds, "min_seconds": min(seconds),
            "median_seconds": statistics.median(seconds),
            "rows_per_second_at_median": round(changed / statistics.median(seconds))}


def timed_change(url: str, target: str, body: dict) -> tuple[int, float]:
    started = time.perf_counter()
    with db.session_scope(url) as session:
        changed = after_sales.change(session, target, body).changed
    return changed, time.perf_counter() - started


if __name__ == "__main__":
    main()
