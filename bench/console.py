"""Benchmark the staff console's pages on PostgreSQL: 10,000 contacts and 200,000 messages.

Seeds its own schema, signs in once, then requests each page many times through the WSGI app in
this process (the server time of a page: routing, queries, templates; no network, no browser).
Prints p50/p95/max milliseconds and the SQL statements each page runs (counted with a SQLAlchemy
event listener). Run: `.venv/bin/python bench/console.py [--database-url postgresql+psycopg://...]`
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, event, insert, text  # noqa: E402

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CONTACTS = 10_000
MESSAGES = 200_000
CHUNK = 10_000
EMAIL, PASSWORD = "bench@plumbing.test", "bench password 123"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def seed(database_url: str, contacts: int, messages: int, rng: random.Random) -> dict:
    from console import users
    from store.db import session_scope
    from store.models import ConsentEvent, Contact, ConversationRead, Escalation, GateDecision, Message, WorkAddress

    start = datetime(2026, 1, 1, tzinfo=UTC)
    with session_scope(database_url) as session:
        session.execute(insert(Contact), [
            {"phone": f"+1305{index:07d}", "name": f"Customer {index}" if index % 3 else None, "lead_source": "inbound",
             "after_sales_care": index % 5 != 0, "created_at": start} for index in range(contacts)])
        ids = [row[0] for row in session.execute(text("SELECT id FROM contacts ORDER BY id"))]
        session.execute(insert(WorkAddress), [
            {"contact_id": contact_id, "line1": f"{index} Main St", "city": "Miami", "state": "FL",
             "postal_code": "33101", "access_notes": {"gate_code": "1234"} if index % 4 == 0 else {},
             "after_sales_care": True, "created_at": start} for index, contact_id in enumerate(ids)])
        session.execute(insert(ConsentEvent), [
            {"contact_id": contact_id, "phone": f"+1305{index:07d}", "kind": "implied_inquiry", "scope": "all",
             "source": "sms", "recorded_by": "system", "occurred_at": start} for index, contact_id in enumerate(ids)])
        session.execute(insert(ConsentEvent), [
            {"contact_id": contact_id, "phone": f"+1305{index:07d}", "kind": "opt_out", "scope": "all",
             "source": "sms", "recorded_by": "system", "occurred_at": start + timedelta(days=1)}
            for index, contact_id in enumerate(ids) if index % 50 == 0])
        # Messages in time order, spread unevenly (a few busy customers, a long tail).
        moment = start
        for offset in range(0, messages, CHUNK):
            rows = []
            for index in range(offset, min(offset + CHUNK, messages)):
                moment += timedelta(seconds=rng.randint(10, 120))
                inbound = index % 2 == 0
                status = "received" if inbound else rng.choice(("delivered", "delivered", "delivered", "refused",
                                                                "deferred"))
                rows.append({"contact_id": ids[min(int(rng.paretovariate(1.2)) - 1, len(ids) - 1)
                                               if index % 10 == 0 else rng.randrange(len(ids))],
                             "direction": "inbound" if inbound else "outbound", "channel": "sms",
                             "body": f"message {index}: can someone come look at the water heater?",
                             "purpose": None if inbound else "service_followup", "status": status,
                             "attempts": 0, "created_at": moment})
            session.execute(insert(Message), rows)
        session.execute(text(
            "INSERT INTO gate_decisions (message_id, contact_id, purpose, action, reasons, spans, decided_at) "
            "SELECT id, contact_id, purpose, 'refuse', CAST('[\"promotional wording\"]' AS JSON), "
            "CAST('[{\"start\": 0, \"end\": 7, \"text\": \"message\", \"reason\": \"test\"}]' AS JSON), created_at "
            "FROM messages WHERE status IN ('refused', 'deferred')"))
        session.execute(insert(Escalation), [
            {"contact_id": ids[index * 37 % len(ids)], "reason": "emergency" if index % 4 == 0 else "low_confidence",
             "status": ("open", "claimed", "closed")[index % 3], "transcript": [], "created_at": moment}
            for index in range(600)])
        session.execute(insert(ConversationRead), [
            {"contact_id": contact_id, "last_read_message_id": MESSAGES // 2, "read_at": moment}
            for contact_id in ids[::2]])
        users.create_user(session, EMAIL, PASSWORD, "owner")
        busiest = session.execute(text("SELECT contact_id, count(*) FROM messages GROUP BY contact_id "
                                       "ORDER BY count(*) DESC LIMIT 1")).one()
        session.execute(text("ANALYZE"))
    del GateDecision
    return {"contact_ids": ids, "busiest": busiest[0], "busiest_messages": busiest[1]}


def timed(client, path: str, counter: list[int], runs: int) -> dict:
    times, statements = [], set()
    for _ in range(runs):
        counter[0] = 0
        began = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        statements.add(counter[0])
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
            "max_ms": round(times[-1], 1), "sql_statements": sorted(statements)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=DEFAULT_SERVER, help="a PostgreSQL server URL")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--contacts", type=int, default=CONTACTS)
    parser.add_argument("--messages", type=int, default=MESSAGES)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    from app import create_app
    from config import Settings
    from store import db, migrations

    schema = f"frontdesk_bench_console_{os.getpid()}"
    server = create_engine(args.database_url)
    with server.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    database_url = f"{args.database_url}?options=-csearch_path%3D{schema}"
    try:
        migrations.upgrade(database_url)
        began = time.perf_counter()
        seeded = seed(database_url, args.contacts, args.messages, random.Random(13))
        seed_seconds = time.perf_counter() - began
        settings = Settings(database_url=database_url, redis_url=args.redis_url, business_name="Bench Plumbing",
                            business_phone="+13055550199", sender="outbox")
        app = create_app(settings)
        counter = [0]
        event.listen(db.get_engine(database_url), "before_cursor_execute",
                     lambda *_: counter.__setitem__(0, counter[0] + 1))
        client = app.test_client()
        token = TOKEN.search(client.get("/console/login").get_data(as_text=True)).group(1)
        signed = client.post("/console/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token})
        assert signed.status_code == 302, signed.get_data(as_text=True)
        rng = random.Random(7)
        contact_ids = seeded["contact_ids"]
        pages = {
            "inbox": "/console/inbox",
            "inbox rows (the 3 s poll)": "/console/inbox/rows",
            "inbox search by name": "/console/inbox/rows?q=customer%2012",
            "inbox search by phone": "/console/inbox/rows?q=30500042",
            "conversation (busiest contact)": f"/console/conversations/{seeded['busiest']}",
            "thread poll (busiest contact)": f"/console/conversations/{seeded['busiest']}/thread",
            "escalations": "/console/escalations",
            "held back": "/console/held",
            "contacts filtered by place": "/console/contacts?place=miami&care=on",
        }
        results = {name: timed(client, path, counter, args.runs) for name, path in pages.items()}
        results["conversation (random contacts)"] = _random_conversations(client, counter, contact_ids, rng, args.runs)
        print(json.dumps({"database": "postgresql", "contacts": args.contacts, "messages": args.messages,
                          "busiest_contact_messages": seeded["busiest_messages"], "runs_per_page": args.runs,
                          "seed_seconds": round(seed_seconds, 1), "pages": results}, indent=2))
    finally:
        db.dispose_all()
        with server.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        server.dispose()


def _random_conversations(client, counter, contact_ids, rng, runs) -> dict:
    times, statements = [], set()
    for _ in range(runs):
        counter[0] = 0
        path = f"/console/conversations/{rng.choice(contact_ids)}"
        began = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
        statements.add(counter[0])
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
            "max_ms": round(times[-1], 1), "sql_statements": sorted(statements)}


if __name__ == "__main__":
    main()
