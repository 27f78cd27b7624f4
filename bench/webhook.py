"""Benchmark the inbound-SMS webhook next to a bare Flask app, both under the Procfile's web command.

Both servers run the Procfile's `web:` line as it is (supervise.py, gunicorn.conf.py's gthread
workers, `WEB_CONCURRENCY` workers), the bare one with its app spec swapped for bench/bare_app.py.
Each is warmed up first (the classifier loads in every worker on first use), then the rounds
alternate the two (bare, frontdesk, frontdesk, bare, ...) so machine noise falls on both sides.
A round is a closed-loop throughput run (requests/s, and the workers' CPU from /proc per request)
then a fixed 100 requests/s run (p50/p99 latency). Each round is printed as soon as it ends; the
summary gives min and median over rounds, the throughput ratio, and the SQL statements one request
issues (counted in this process with the test client, the way tests/test_sms_statement_budget.py counts them).

Redis is a redis-server of the benchmark's own on a free port, stopped afterwards: nothing shared is
ever flushed. The database is a fresh SQLite file, or with `--database-url postgresql+psycopg://...`
a schema of its own in that database, dropped afterwards.

Run: `.venv/bin/python bench/webhook.py` (`--database-url`, `--rounds`, `--requests`, `--scenario`).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import multiprocessing
import os
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402
from bench.own_redis import own_redis  # noqa: E402
from bench.own_schema import own_schema  # noqa: E402

TOKEN = "bench-auth-token"
TEXTS = ["Do you have anything open Saturday morning?", "My water heater is leaking, can someone come?",
         "What's the gate code policy? Code is 4411", "Can I get a quote for a new toilet?", "thanks!"]
# The conversation mix: mostly availability questions, answered from a schedule of 10,000 bookings.
CONVERSATION_TEXTS = ["can someone come tomorrow morning?", "are you open saturday?", "friday after 3?",
                      "anything next week?", "do you have time this week", "can you come monday afternoon?",
                      "the gate code is 4412 and we have a dog", "my kitchen sink is clogged, when can you come?",
                      "do I need to be home?", "can you stop by thursday?"]
SCHEDULE_BOOKINGS = 10_000
# Customers' texts differ: every body but a short acknowledgement is signed by one of 1,600 names, so a cache
# of classifications per body gains only what it would gain in real traffic ("thanks!", "yes", "1" repeat).
FIRST_NAMES = ("Ana Ben Carla Dev Elena Femi Gus Hana Ivan June Kofi Lena Marco Nia Omar Pia Quinn Rosa Sam Tara Uma "
               "Victor Wen Ximena Yusuf Zoe Abel Bea Cruz Dina Eli Flor Gabe Hugo Iris Jose Kim Luz Mina Noel").split()
LAST_NAMES = ("Ruiz Kim Okafor Silva Nguyen Patel Cohen Diaz Haddad Ito Jones Khan Lopez Moreno Novak Ortiz Park "
              "Quispe Reyes Smith Torres Ueda Vega Walsh Xu Young Zamora Alvarez Brown Castro Davis Evans Flores "
              "Garcia Hill Ibarra Jensen Kowalski Lee Mendez").split()
_signed = itertools.count()


def fresh(texts: list[str], count: int) -> list[str]:
    """`count` bodies cycling through `texts`, each not already sent (but the short ones) signed by a new name."""
    bodies = []
    for _ in range(count):
        number = next(_signed)
        text = texts[number % len(texts)]
        if len(text.split()) > 2:
            name = number // len(texts)
            first, last = FIRST_NAMES[name % len(FIRST_NAMES)], LAST_NAMES[name // len(FIRST_NAMES) % len(LAST_NAMES)]
            text = f"{text} - {first} {last}"
        bodies.append(text)
    return bodies
BARE_SPEC, FRONTDESK_SPEC = "bench.bare_app:create_app()", "app:create_app()"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def say(line: str) -> None:
    print(line, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def procfile_web_command(port: int, app_spec: str) -> list[str]:
    """The Procfile's `web:` line with its ${VAR:-default}s expanded, on `port`, serving `app_spec`."""
    line = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    environment = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1"}
    line = re.sub(r"\$\{(\w+):-([^}]*)\}", lambda match: environment.get(match[1], match[2]), line[4:])
    command = shlex.split(line)
    if FRONTDESK_SPEC not in command:
        raise SystemExit(f"the Procfile's web line no longer serves {FRONTDESK_SPEC}: {line}")
    command[command.index(FRONTDESK_SPEC)] = app_spec
    return [sys.executable if part == "python" else part for part in command]


@contextlib.contextmanager
def server(app_spec: str, env: dict) -> Iterator[tuple[int, list[str]]]:
    port = free_port()
    command = procfile_web_command(port, app_spec)
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except urllib.error.HTTPError:
                break  # the bare app has no /healthz: any HTTP answer means it is up
            except OSError:
                if time.time() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{app_spec} did not start") from None
                time.sleep(0.2)
        yield port, command
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            process.wait(timeout=30)


def workers_cpu_seconds(port: int) -> float:
    """User + system CPU of every process serving `port` (gunicorn master and workers)."""
    total = 0
    for pid in _serving_pids[port]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / CLOCK_TICKS


_serving_pids: dict[int, list[int]] = {}


def measure(pool, port: int, requests: int, concurrency: int, rate_seconds: int, texts) -> dict:
    base = f"http://127.0.0.1:{port}"
    throughput_bodies = loadgen.signed_sms_bodies(base, TOKEN, requests, fresh(texts, requests))
    rate_bodies = loadgen.signed_sms_bodies(base, TOKEN, 100 * rate_seconds, fresh(texts, 100 * rate_seconds))
    cpu_before = workers_cpu_seconds(port)
    throughput = pool.apply(loadgen.closed_loop, ("127.0.0.1", port, throughput_bodies, concurrency))
    cpu_ms = (workers_cpu_seconds(port) - cpu_before) * 1000 / requests
    at_100 = pool.apply(loadgen.fixed_rate, ("127.0.0.1", port, rate_bodies, 100.0))
    return {"rps": throughput["rps"], "errors": throughput["errors"] + at_100["errors"],
            "cpu_ms_per_request": round(cpu_ms, 2), "closed_p99_ms": throughput["p99_ms"],
            "at_100_p50_ms": at_100["p50_ms"], "at_100_p99_ms": at_100["p99_ms"]}


@contextlib.contextmanager
def own_database(database_url: str | None, workdir: Path) -> Iterator[str]:
    """A fresh SQLite file, or a schema of the benchmark's own in the given PostgreSQL database."""
    if database_url is None:
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    with own_schema(database_url, "frontdesk_bench") as url:
        yield url


def shown(database_url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(database_url).render_as_string(hide_password=True)


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


def statements_per_request(env: dict, texts: list[str], requests: int) -> dict:
    """The SQL statements one inbound SMS issues, counted in this process with Flask's test client."""
    os.environ.update(env)
    from app import create_app
    from store import db
    from tests.support.sql_statements import StatementCounter
    from tests.support.webhooks import post

    client = create_app().test_client()
    counter = StatementCounter(db.get_engine(env["DATABASE_URL"]))
    bodies = [(text, f"+1786555{index % 10000:04d}") for index, text in enumerate(fresh(texts, requests))]
    for text, phone in bodies[:20]:  # warm: the first request of a process loads the classifier
        _sms(post, client, text, phone)
    counter.reset()
    for text, phone in bodies:
        _sms(post, client, text, phone)
    per_kind = {kind: round(count / requests, 2) for kind, count in sorted(counter.kinds.items())}
    counter.close()
    db.dispose_all()
    return {"per_request": round(counter.total / requests, 2), "by_kind": per_kind}


def _sms(post, client, text: str, phone: str) -> None:
    import uuid

    response = post(client, "/twilio/sms", {"MessageSid": "SM" + uuid.uuid4().hex, "From": phone,
                                            "To": "+13055550199", "Body": text}, token=TOKEN)
    if response.status_code != 200:
        raise RuntimeError(f"the in-process request answered {response.status_code}")


def summary(rounds: list[dict], name: str, key: str) -> dict:
    values = [entry[name][key] for entry in rounds]
    return {"min": min(values), "median": round(statistics.median(values), 2), "max": max(values)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None,
                        help="a PostgreSQL database to create (and drop) a schema of the benchmark's own in")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=1000, help="closed-loop requests per round and side")
    parser.add_argument("--warmup", type=int, default=300, help="requests per side before the first round")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rate-seconds", type=int, default=5)
    parser.add_argument("--scenario", choices=("sms", "conversation"), default="sms",
                        help="sms: the inbound-SMS mix; conversation: availability questions against "
                             f"a schedule of {SCHEDULE_BOOKINGS:,} bookings")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="frontdesk-bench-"))
    texts = CONVERSATION_TEXTS if args.scenario == "conversation" else TEXTS
    with own_redis(workdir) as redis_url, own_database(args.database_url, workdir) as database_url:
        env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url, "TWILIO_AUTH_TOKEN": TOKEN,
               "SENDER": "outbox", "BUSINESS_NAME": "Bench Plumbing", "BUSINESS_PHONE": "+13055550199",
               "PUBLIC_BASE_URL": "",
               # The Procfile names `gunicorn` and `flask` as an activated virtualenv finds them.
               "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        subprocess.run([sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        if args.scenario == "conversation":
            seed_schedule(database_url, SCHEDULE_BOOKINGS)
        say(f"database: {shown(database_url)}   redis: own redis-server ({redis_url})   scenario: {args.scenario}")
        say(f"load average before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}   "
            f"cpus: {os.cpu_count()}")
        with contextlib.ExitStack() as stack, multiprocessing.get_context("spawn").Pool(1) as pool:
            ports = {}
            for name, spec in (("bare", BARE_SPEC), ("frontdesk", FRONTDESK_SPEC)):
                port, command = stack.enter_context(server(spec, env))
                ports[name] = port
                say(f"{name}: {shlex.join(command)}")
            for name, port in ports.items():
                _serving_pids[port] = _gunicorn_pids(port)
                pool.apply(loadgen.closed_loop, ("127.0.0.1", port, loadgen.signed_sms_bodies(
                    f"http://127.0.0.1:{port}", TOKEN, args.warmup, fresh(texts, args.warmup)), args.concurrency))
                say(f"warmed up {name} with {args.warmup} requests ({len(_serving_pids[port])} gunicorn processes)")
            rounds = []
            for number in range(1, args.rounds + 1):
                order = ("bare", "frontdesk") if number % 2 else ("frontdesk", "bare")
                entry = {}
                for name in order:
                    entry[name] = measure(pool, ports[name], args.requests, args.concurrency, args.rate_seconds,
                                          texts)
                    say(f"round {number} {name:9} {json.dumps(entry[name])}")
                entry["ratio"] = round(entry["frontdesk"]["rps"] / entry["bare"]["rps"], 3)
                say(f"round {number} ratio frontdesk/bare {entry['ratio']}   "
                    f"load {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
                rounds.append(entry)
        statements = statements_per_request(env, texts, 200)
        ratios = [entry["ratio"] for entry in rounds]
        say(json.dumps({
            "database": shown(database_url), "scenario": args.scenario, "rounds": len(rounds),
            "requests_per_round": args.requests, "concurrency": args.concurrency,
            **{name: {key: summary(rounds, name, key) for key in
                      ("rps", "cpu_ms_per_request", "at_100_p50_ms", "at_100_p99_ms", "errors")}
               for name in ("bare", "frontdesk")},
            "throughput_ratio_frontdesk_to_bare": {"min": min(ratios), "median": round(statistics.median(ratios), 3),
                                                   "of_medians": round(summary(rounds, "frontdesk", "rps")["median"]
                                                                       / summary(rounds, "bare", "rps")["median"], 3)},
            "sql_statements": statements,
            "load_average_after": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        }, indent=2))
    shutil.rmtree(workdir, ignore_errors=True)


def _gunicorn_pids(port: int) -> list[int]:
    """The processes of the server on `port`: gunicorn's master and workers (not the supervisor)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if (any(b"gunicorn" in part for part in command) and f"127.0.0.1:{port}".encode() in command
                and not any(part.endswith(b"supervise.py") for part in command)):
            pids.append(int(entry.name))
    return pids


if __name__ == "__main__":
    main()
