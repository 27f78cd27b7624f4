"""Where an inbound SMS spends its statements and its CPU: the webhook's own app, in this process.

For each text of bench/webhook.py's mix (and an emergency and an access question) it prints the SQL
statements one request issues, counted the way tests/test_sms_statement_budget.py counts them, from
a new number and from the same number again; then it runs `--requests` texts of the mix from new
numbers under cProfile (CPU time) and prints the CPU per request with and without the profiler and
the functions that cost the most. The figures are the test client's, not gunicorn's (bench/webhook.py
measures those); the profile says where the time goes, not how fast the service is.

Redis is a redis-server of the script's own; the database is a fresh SQLite file, or with
`--database-url postgresql+psycopg://...` a schema of its own in that database, dropped afterwards.

Run: `.venv/bin/python bench/webhook_profile.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test`
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.own_redis import own_redis  # noqa: E402
from bench.webhook import TEXTS, TOKEN, own_database, shown  # noqa: E402

MORE_TEXTS = ["Water is pouring through the ceiling and I can't shut it off!",
              "do I need to be home? the lockbox code is 2580"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None,
                        help="a PostgreSQL database to create (and drop) a schema of the script's own in")
    parser.add_argument("--requests", type=int, default=500, help="profiled requests (texts of the mix, new numbers)")
    parser.add_argument("--top", type=int, default=40, help="functions listed, by cumulative CPU")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="frontdesk-profile-"))
    with own_redis(workdir) as redis_url, own_database(args.database_url, workdir) as database_url:
        env = {"DATABASE_URL": database_url, "REDIS_URL": redis_url, "TWILIO_AUTH_TOKEN": TOKEN, "SENDER": "outbox",
               "BUSINESS_NAME": "Bench Plumbing", "BUSINESS_PHONE": "+13055550199", "PUBLIC_BASE_URL": ""}
        subprocess.run([sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"], cwd=ROOT,
                       env={**os.environ, **env}, check=True, capture_output=True)
        os.environ.update(env)
        print(f"database: {shown(database_url)}   load average: {_load()}")
        _profile(database_url, args.requests, args.top)
    shutil.rmtree(workdir, ignore_errors=True)


def _profile(database_url: str, requests: int, top: int) -> None:
    from app import create_app
    from store import db
    from tests.support.sql_statements import StatementCounter
    from tests.support.webhooks import post

    client = create_app().test_client()
    counter = StatementCounter(db.get_engine(database_url))

    def sms(text: str, phone: str) -> None:
        response = post(client, "/twilio/sms", {"MessageSid": "SM" + uuid.uuid4().hex, "From": phone,
                                                "To": "+13055550199", "Body": text}, token=TOKEN)
        if response.status_code != 200:
            raise RuntimeError(f"the request answered {response.status_code}")

    for index in range(20):  # warm: the classifier loads, staff numbers become contacts
        sms(TEXTS[index % len(TEXTS)] if index % 4 else MORE_TEXTS[0], f"+1786555{index:04d}")
    print("statements per request (new number, then the same number again), by text:")
    for number, text in enumerate(TEXTS + MORE_TEXTS):
        counts = []
        for _ in range(2):
            counter.reset()
            sms(text, f"+1786557{number:04d}")
            counts.append(str(counter.total))
        print(f"  {' / '.join(counts):>7}  {text}")

    bodies = [(TEXTS[index % len(TEXTS)], f"+1786556{index % 10000:04d}") for index in range(requests)]
    counter.reset()
    profiler = cProfile.Profile(time.process_time)
    started = time.process_time()
    profiler.enable()
    for text, phone in bodies:
        sms(text, phone)
    profiler.disable()
    profiled_ms = (time.process_time() - started) * 1000 / requests
    statements = counter.total / requests
    started = time.process_time()
    for text, phone in bodies:
        sms(text, phone.replace("+1786556", "+1786558"))
    plain_ms = (time.process_time() - started) * 1000 / requests
    counter.close()
    db.dispose_all()
    print(f"the mix from new numbers: {statements:.2f} statements per request, CPU per request {plain_ms:.2f} ms "
          f"({profiled_ms:.2f} ms under the profiler)   load average: {_load()}")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    main()
