"""Benchmark what history costs: the availability answer and a contact's consent state as history grows.

(a) The availability answer (`responder.bookings.Desk.offer`, "when can you come?") with 1,000, 10,000 and
    100,000 past bookings on the schedule, all still `confirmed` (staff never marked them completed: the
    worst case) and the same 300 upcoming bookings over the next eight weeks each time.
(b) A contact's consent state (`compliance.ledger.state_of`) and a whole gate decision for a marketing text
    (`delivery.gatekeeper.decide`: the contact's facts read from the database, then the gate) for a contact
    with 10, 1,000 and 5,000 consent events: opt-outs and opt-ins of both scopes, inbound touches, bookings'
    evidence, express consent, in the order a long-lived customer collects them.

Each figure is printed as soon as it is measured: the median, p95 and min of `--samples` timed calls after a
warm-up, on SQLite (a fresh migrated file) and on PostgreSQL (a schema of its own, created and dropped here,
in the database that `--postgres-url` names; only its own tables are vacuumed), with a redis-server of its
own (bench/own_redis.py). The figures should not grow with history.

Run: `.venv/bin/python bench/history.py` (`--database sqlite|postgresql|both`, `--samples`, `--postgres-url`).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402

from bench.outbox_settings import outbox_settings  # noqa: E402
from bench.own_redis import own_redis  # noqa: E402
from bench.own_schema import own_schema  # noqa: E402
from compliance import ledger  # noqa: E402
from config import Settings  # noqa: E402
from delivery import gatekeeper  # noqa: E402
from responder.bookings import Desk, holding_between  # noqa: E402
from responder.conversation import Conversation  # noqa: E402
from store import db, migrations  # noqa: E402
from store.models import Base, Booking, ConsentEvent, Contact  # noqa: E402

BUSINESS = "Bench Plumbing"
ZONE = ZoneInfo("America/New_York")  # the example profile's zone
NOW = datetime(2026, 11, 24, 11, 0, tzinfo=ZONE)  # a Tuesday morning: open, and inside the sending hours
BOOKING_HISTORY = (1_000, 10_000, 100_000)
UPCOMING_BOOKINGS = 300
EVENT_HISTORY = (10, 1_000, 5_000)
CONTACT_POOL = 500
INSERT_BATCH = 5_000
MARKETING_BODY = f"{BUSINESS}: 15% off a water heater flush this month. Reply STOP to opt out."
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL))
    args = parser.parse_args()
    print(f"load average {' '.join(f'{load:.2f}' for load in os.getloadavg())}; {args.samples} samples per figure",
          flush=True)
    kinds = ("sqlite", "postgresql") if args.database == "both" else (args.database,)
    with tempfile.TemporaryDirectory(prefix="bench-history-redis-") as workdir, own_redis(Path(workdir)) as redis_url:
        for kind in kinds:
            database = scratch_sqlite if kind == "sqlite" else scratch_postgres
            with database(args.postgres_url) as (url, where):
                print(f"--- {where}; Redis: own redis-server at {redis_url}", flush=True)
                settings = outbox_settings(url, redis_url, BUSINESS)
                bench_availability(settings, args.samples)
                bench_consent(settings, args.samples)
                db.dispose_all()


@contextmanager
def scratch_sqlite(_postgres_url: str) -> Iterator[tuple[str, str]]:
    with tempfile.TemporaryDirectory(prefix="bench-history-") as directory:
        url = f"sqlite:///{Path(directory) / 'history.sqlite3'}"
        migrations.upgrade(url)
        yield url, "SQLite (a fresh migrated file)"


@contextmanager
def scratch_postgres(server_url: str) -> Iterator[tuple[str, str]]:
    """A schema of the bench's own in `server_url`'s database, dropped afterwards: nobody else's tables are touched."""
    with own_schema(server_url, "bench_history") as url:
        engine = db.get_engine(url)
        with engine.connect() as connection:
            version = connection.scalar(text("SHOW server_version"))
        migrations.upgrade(url)
        yield url, f"PostgreSQL {version} (schema bench_history_{os.getpid()} in {engine.url.database})"


def analyzed(settings: Settings) -> None:
    """PostgreSQL's autovacuum keeps planner statistics for a live table; a bench that just loaded one runs it now."""
    if settings.database_url.startswith("postgresql"):
        # This schema's tables only: a bare VACUUM ANALYZE would work through every schema of the shared database.
        tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
        with db.get_engine(settings.database_url).connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f"VACUUM ANALYZE {tables}"))


def explain(settings: Settings, statement) -> list[str]:
    """The database's plan for `statement` with its parameters (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL)."""
    engine = db.get_engine(settings.database_url)
    compiled = statement.compile(dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
    values = {name: value.astimezone(UTC).replace(tzinfo=None) if isinstance(value, datetime) else value
              for name, value in compiled.params.items()}  # stored as naive UTC (store.models.UTCDateTime)
    params = tuple(values[name] for name in compiled.positiontup) if compiled.positional else values
    prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(prefix + compiled.string, params).all()
    if engine.dialect.name != "sqlite":
        return [row[0] for row in rows]
    depth = {0: -1}  # SQLite's rows are (id, parent, notused, detail): indent each under its parent
    for node, parent, _, _ in rows:
        depth[node] = depth.get(parent, -1) + 1
    return ["  " * depth[node] + detail for node, _, _, detail in rows]


def print_plan(title: str, plan: list[str]) -> None:
    print(f"  plan of {title}:", flush=True)
    for line in plan:
        print(f"    {line}", flush=True)


def timed(call: Callable[[], object], samples: int) -> dict[str, float]:
    for _ in range(max(3, samples // 10)):
        call()
    durations = []
    for _ in range(samples):
        started = time.perf_counter()
        call()
        durations.append((time.perf_counter() - started) * 1000)
    durations.sort()
    return {"median": statistics.median(durations), "p95": durations[int(0.95 * (len(durations) - 1))],
            "min": durations[0]}


def report(label: str, figures: dict[str, float], extra: str = "") -> None:
    print(f"{label:<54} median {figures['median']:8.3f} ms   p95 {figures['p95']:8.3f} ms   "
          f"min {figures['min']:8.3f} ms{extra}", flush=True)


# --- (a) the availability answer -----------------------------------------------------------------------------------

def bench_availability(settings: Settings, samples: int) -> None:
    rng = random.Random(7)
    with db.session_scope(settings.database_url) as session:
        contacts = [Contact(phone=f"+1305555{index:04d}", lead_source="inbound", created_at=NOW)
                    for index in range(CONTACT_POOL)]
        session.add_all(contacts)
        session.flush()
        contact_ids = [contact.id for contact in contacts]
        session.execute(insert(Booking), [booking(rng, contact_ids, NOW + timedelta(hours=rng.randint(3, 56 * 24)))
                                          for _ in range(UPCOMING_BOOKINGS)])
    loaded = 0
    for history in BOOKING_HISTORY:
        with db.session_scope(settings.database_url) as session:
            for start in range(loaded, history, INSERT_BATCH):
                session.execute(insert(Booking), [
                    booking(rng, contact_ids, NOW - timedelta(hours=rng.randint(3, history // 2)))
                    for _ in range(min(INSERT_BATCH, history - start))])
        loaded = history
        analyzed(settings)
        with db.session_scope(settings.database_url) as session:
            contact = session.get(Contact, contact_ids[0])
            desk = Desk(session, settings, contact, Conversation(contact.id), NOW)
            for ask in ("", "friday afternoon"):
                answer = desk.offer(ask, [])
                figures = timed(partial(desk.offer, ask, []), samples)
                report(f"availability '{ask or 'soonest'}', {history:>7,} past bookings", figures,
                       f"   ({answer.text[:40]}...)")
            session.rollback()
    next_days = holding_between(NOW, NOW + timedelta(days=5))
    print_plan("the availability query (the next five days)", explain(settings, next_days))


def booking(rng: random.Random, contact_ids: list[int], start: datetime) -> dict:
    start = start.replace(minute=0, second=0, microsecond=0)
    return {"contact_id": rng.choice(contact_ids), "window_start": start, "window_end": start + timedelta(hours=2),
            "status": "confirmed", "access_notes": {}, "source": "staff", "created_at": start - timedelta(days=3),
            "updated_at": start - timedelta(days=3)}


# --- (b) the consent state and a gate decision ----------------------------------------------------------------------

def bench_consent(settings: Settings, samples: int) -> None:
    rng = random.Random(11)
    for count in EVENT_HISTORY:
        with db.session_scope(settings.database_url) as session:
            contact = Contact(phone=f"+1786555{count % 10_000:04d}", lead_source="inbound", created_at=NOW)
            session.add(contact)
            session.flush()
            session.execute(insert(ConsentEvent), list(consent_history(rng, contact, count)))
            contact_id = contact.id
        analyzed(settings)
        with db.session_scope(settings.database_url) as session:
            contact = session.get(Contact, contact_id)
            state = ledger.state_of(session, contact_id)
            report(f"consent state, {count:>5,} events", timed(partial(ledger.state_of, session, contact_id), samples),
                   f"   (opted out: {state.opted_out_all or state.opted_out_marketing})")
            decision = gatekeeper.decide(session, settings, contact, "marketing", MARKETING_BODY, NOW)
            figures = timed(partial(gatekeeper.decide, session, settings, contact, "marketing", MARKETING_BODY, NOW),
                            samples)
            report(f"gate decision (marketing), {count:>5,} events", figures, f"   ({decision.action})")
            session.rollback()
    newest = ledger.NEWEST_EVENTS.params(contact_ids=[contact_id])
    print_plan(f"the consent state's query ({count:,} events)", explain(settings, newest))


def consent_history(rng: random.Random, contact: Contact, count: int) -> Iterator[dict]:
    """`count` events over the last five years, oldest first, ending opted in with express marketing consent."""
    kinds = (("implied_inquiry", "all", 30), ("unknown_inbound_context", "all", 20),
             ("transactional_context", "all", 25), ("existing_relationship", "all", 10),
             ("express", "marketing", 5), ("opt_out", "all", 3), ("opt_in", "all", 3),
             ("opt_out", "marketing", 2), ("opt_in", "marketing", 2))
    names = [(kind, scope) for kind, scope, _ in kinds]
    weights = [weight for _, _, weight in kinds]
    closing = [("opt_out", "all"), ("opt_in", "all"), ("opt_in", "marketing"), ("express", "marketing"),
               ("implied_inquiry", "all")]
    start, span = NOW - timedelta(days=5 * 365), timedelta(days=5 * 365 - 1)
    for index in range(count):
        kind, scope = closing[index - count + len(closing)] if index >= count - len(closing) else \
            rng.choices(names, weights)[0]
        occurred_at = start + span * (index / count)
        yield {"contact_id": contact.id, "phone": contact.phone, "kind": kind, "scope": scope, "source": "bench",
               "recorded_by": "bench", "occurred_at": occurred_at}


if __name__ == "__main__":
    main()
