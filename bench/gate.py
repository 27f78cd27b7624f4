"""Benchmark the send gate and reminder scheduling; prints the figures as JSON.

(a) Gate decisions for a realistic mix, with the real outbound classifier: the pure
    `compliance.gate.check` loop over ~2,000 varied contacts at moments spread over a week (and the same
    loop with a stub classifier, to show its share), then `delivery.gatekeeper.decide` end to end
    against a migrated SQLite file (and PostgreSQL with `--database-url`) holding a few hundred contacts.
(b) Scheduling reminders for 100,000 confirmed bookings of ~20,000 contacts in a fresh database:
    `jobs.planner.booking_changed` in batches inside transactions, then `jobs.queue.dispatch` to RQ
    (a redis-server of its own on a free port, stopped afterwards), one sweeper pass over the result, and for
    comparison a pipelined hand-over of a 20,000-job sample (a prototype here, not library code).

Run: `.venv/bin/python bench/gate.py` (`--contacts`, `--bookings`, `--database-url`, `--rounds`; `--gate-only` for
(a)'s pure loop alone, which needs neither a database nor Redis). With `--database-url` (a PostgreSQL server
database) each part runs in a schema of its own (bench/own_schema.py), dropped afterwards, as the SQLite
files are temporary; the figures say which database they were measured on. Redis is a redis-server of its
own (bench/own_redis.py): the flushes below empty that server alone.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import phonenumbers

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from redis import Redis  # noqa: E402
from rq.registry import ScheduledJobRegistry  # noqa: E402
from sqlalchemy import func, insert, select, update  # noqa: E402

from bench.outbox_settings import outbox_settings  # noqa: E402
from bench.own_redis import own_redis  # noqa: E402
from bench.own_schema import described, own_schema  # noqa: E402
from compliance import gate  # noqa: E402
from compliance.consent import Event  # noqa: E402
from compliance.us_states import STATES  # noqa: E402
from config import Settings  # noqa: E402
from delivery import gatekeeper  # noqa: E402
from jobs import connection, planner  # noqa: E402
from jobs.queue import RUNNER, dispatch  # noqa: E402
from jobs.sweeper import HANDOVER_GRACE, sweep  # noqa: E402
from store import db, migrations  # noqa: E402
from store.models import (  # noqa: E402
    Booking,
    ConsentEvent,
    Contact,
    Lead,
    Message,
    QueuedJob,
    WorkAddress,
    utcnow,
)

BUSINESS = "Bench Plumbing"
BUSINESS_TZ = "America/New_York"  # the example profile's zone
WEEK_START = datetime(2026, 11, 23, tzinfo=ZoneInfo(BUSINESS_TZ))  # Monday; Thanksgiving is Thursday
CASES_PER_CONTACT = 5
PLAN_BATCH = 1000  # bookings per planning transaction
DISPATCH_BATCH = 1000  # job ids per dispatch() call: one IN (...) list must stay under the bind limits
PIPELINE_SAMPLE = 20_000  # jobs handed over by the pipelined prototype: enough for a steady rate

# Area codes by state; weights lean on the sunbelt markets home-service businesses text most.
AREA_CODES = {
    "FL": (305, 786, 813, 407, 904, 954, 561), "TX": (214, 512, 713, 210, 817, 915),
    "CA": (213, 415, 619, 916, 714, 310), "NY": (212, 718, 518, 716, 914), "AZ": (602, 480, 520),
    "GA": (404, 770), "IL": (312, 773), "WA": (206, 509), "MA": (617, 508), "CO": (303, 719),
    "NV": (702, 775), "KY": (502, 859), "CT": (860, 203), "MI": (313, 616), "LA": (504, 225),
    "MS": (601, 228), "OK": (405, 918), "MD": (410, 301), "NM": (505, 575), "MN": (612, 651),
    "AL": (205, 334), "NC": (704, 919), "OH": (216, 614),
}
STATE_WEIGHTS = {"FL": 14, "TX": 14, "CA": 12, "NY": 8, "AZ": 8}
TOLL_FREE = (800, 833, 888)

EVIDENCE_MIX = (("implied_inquiry", 40), ("express_marketing", 18), ("existing_relationship", 9), ("none", 15),
                ("opted_out", 10), ("marketing_opt_out", 8))
PURPOSE_MIX = (("service_followup", 20), ("quote_followup", 15), ("booking_reminder", 20), ("transactional", 15),
               ("marketing", 15), ("post_job_checkin", 15))
CLEAN_BODIES = {
    "service_followup": ["{b}: sorry we missed your call. How can we help? Reply here and we'll get right back to you.",
                         "{b}: just checking in on the leak you told us about. Is it still dripping?",
                         "{b}: we got your request for a water heater check. What day works best this week?"],
    "quote_followup": ["{b}: your estimate #{n} is still open. Reply here with any questions.",
                       "{b}: your estimate #{n} is still open. You can review it here: https://p.example.com/e/{n}"],
    "booking_reminder": ["{b}: reminder of your visit Fri Nov 27, 9-11am. Reply here if you need to reschedule.",
                         "{b}: reminder of your visit tomorrow, 1-3pm. Our tech will text when on the way."],
    "transactional": ["{b}: your invoice #{n} is ready. Thank you for your business.",
                      "{b}: Sam is on the way and should arrive in about 25 minutes.",
                      "{b}: we received your payment for invoice #{n}. Thank you!"],
    "post_job_checkin": ["{b}: thanks for having us. How did the visit go? Reply here if anything isn't right.",
                         "{b}: thanks for choosing us today. If you have a minute, we'd value a review: https://r.example.com"],
    "marketing": ["{b}: 15% off drain cleaning this week only. Book at https://b.example.com. Reply STOP to opt out",
                  "{b}: fall furnace tune-up special, $79 through Sunday. Reply STOP to opt out",
                  "{b}: winter is coming - protect your pipes with our $99 freeze check. Reply STOP to opt out"],
}
PROMOTIONAL_BODIES = [  # offers slipped into service messages: the classifier must catch them
    "{b}: reminder of your visit Fri Nov 27, 9-11am. Ask about 15% off water softeners!",
    "{b}: your invoice #{n} is ready. Book your next cleaning this month and save $50!",
    "{b}: thanks for having us. Leave us a 5-star review and get $20 off your next visit!",
    "{b}: your estimate #{n} is still open. Sign this week and get a free drain inspection, limited time offer.",
]
ODD_MARKETING = [  # marketing that the content check refuses
    "{b}: 20% off all repairs this weekend!",  # no opt-out footer
    "Huge sale on water heaters this week. Reply STOP to opt out",  # no business name
]
LONG_BODY = ("{b}: here are the details of your visit: the technician replaced the pressure valve, flushed the "
             "tank and checked the anode rod. Everything looks good for another year. Reply here with questions. "
             "\U0001f44d")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--contacts", type=int, default=2000, help="contacts for the pure gate loop")
    parser.add_argument("--db-contacts", type=int, default=300, help="contacts for the end-to-end decide loop")
    parser.add_argument("--bookings", type=int, default=100_000)
    parser.add_argument("--booking-contacts", type=int, default=20_000)
    parser.add_argument("--database-url", default=None,
                        help="a PostgreSQL server database, also measured (in schemas of the bench's own)")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of the pure gate loop")
    parser.add_argument("--gate-only", action="store_true", help="only the pure gate loop: no database, no Redis")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    results: dict = {"classifier": load_classifier()}
    check_outbound = results["classifier"].pop("check")
    rules = Settings().compliance_rules
    contacts = build_contacts(rng, args.contacts)
    cases = build_cases(rng, contacts)
    results["gate_pure_rounds"] = time_pure_rounds(cases, rules, args.rounds)
    results["gate_pure"] = time_pure_gate(cases, rules, check_outbound)
    results["gate_pure_stub_classifier"] = time_pure_gate(cases, rules, _not_promotional)
    if args.gate_only:
        print(json.dumps(results, indent=2))
        return

    workdir = Path(tempfile.mkdtemp(prefix="frontdesk-gate-bench-"))
    databases = {"sqlite": lambda name: fresh_sqlite(workdir / f"{name}.sqlite3")}
    if args.database_url:
        databases["postgresql"] = lambda name: fresh_postgres(args.database_url, f"bench_gate_{name}")
    results["gatekeeper_decide"] = {}
    results["reminders"] = {}
    with own_redis(workdir) as redis_url:
        print(f"Redis: own redis-server at {redis_url}", file=sys.stderr, flush=True)
        for kind, fresh in databases.items():
            with fresh("decide") as (url, shown):
                print(f"database: {shown}", file=sys.stderr, flush=True)
                settings = outbox_settings(url, redis_url, BUSINESS)
                results["gatekeeper_decide"][kind] = {
                    "database": shown, **time_decide(settings, rng, contacts[: args.db_contacts], cases)}
            with fresh("reminders") as (url, shown):
                print(f"database: {shown}", file=sys.stderr, flush=True)
                settings = outbox_settings(url, redis_url, BUSINESS)
                results["reminders"][kind] = {
                    "database": shown, **time_reminders(settings, rng, args.bookings, args.booking_contacts)}
            db.dispose_all()
    results["notes"] = notes(results)
    print(json.dumps(results, indent=2))


# --- the classifier ---------------------------------------------------------------------------------------

def load_classifier() -> dict:
    started = time.perf_counter()
    import classifiers
    from classifiers import check_outbound

    if hasattr(classifiers, "load"):
        classifiers.load()
    check_outbound(f"{BUSINESS}: warming up, 10% off", "transactional")
    return {"module": getattr(classifiers, "__file__", None), "load_seconds": round(time.perf_counter() - started, 2),
            "check": check_outbound}


def _not_promotional(body: str, purpose: str):
    return SimpleNamespace(promotional=False, score=0.0, spans=[])


# --- (a) the pure gate --------------------------------------------------------------------------------------

def weighted(rng: random.Random, mix) -> str:
    names, weights = zip(*mix, strict=True)
    return rng.choices(names, weights)[0]


def build_contacts(rng: random.Random, count: int) -> list[tuple[gate.ContactFacts, datetime]]:
    """`count` contacts with unique numbers, each at its own moment of the week, history before it."""
    states = list(AREA_CODES)
    state_weights = [STATE_WEIGHTS.get(state, 2) for state in states]
    seen: set[str] = set()
    contacts = []
    while len(contacts) < count:
        toll_free = rng.random() < 0.03
        state = rng.choices(states, state_weights)[0]
        area = rng.choice(TOLL_FREE) if toll_free else rng.choice(AREA_CODES[state])
        phone = f"+1{area}{rng.randint(200, 989)}{rng.randint(0, 9999):04d}"
        parsed = phonenumbers.parse(phone)
        if phone in seen or not phonenumbers.is_valid_number(parsed):
            continue
        seen.add(phone)
        moment = (WEEK_START + timedelta(seconds=rng.uniform(0, 7 * 86400))).astimezone(UTC)
        address_state = address_tz = None
        if rng.random() < 0.3:  # a service address, half of them in another state than the number's
            address_state = state if rng.random() < 0.5 else rng.choice(states)
            address_tz = rng.choice(STATES[address_state][1]) if rng.random() < 0.5 else None
        facts = gate.ContactFacts(
            contact_id=len(contacts) + 1, phone_e164=phone,
            lead_source=rng.choices(("inbound", "manual", "outbound"), (50, 30, 20))[0],
            business_name=BUSINESS, business_tz=BUSINESS_TZ, events=evidence(rng, moment),
            address_state=address_state, address_tz=address_tz, has_active_request=rng.random() < 0.6,
            after_sales_care=rng.random() < 0.9, sent_history=history(rng, moment))
        contacts.append((facts, moment))
    return contacts


def evidence(rng: random.Random, moment: datetime) -> tuple[Event, ...]:
    kind = weighted(rng, EVIDENCE_MIX)
    first = moment - timedelta(days=rng.uniform(2, 300))
    later = first + (moment - first) * rng.uniform(0.1, 0.9)
    inquiry = Event("implied_inquiry", first, source="sms")
    return {
        "implied_inquiry": (inquiry,),
        "express_marketing": (inquiry, Event("express", later, scope="marketing", source="web_form")),
        "existing_relationship": (Event("existing_relationship", first, source="import"),),
        "none": (),
        "opted_out": (inquiry, Event("opt_out", later, source="sms")),
        "marketing_opt_out": (Event("express", first, scope="marketing", source="web_form"),
                              Event("opt_out", later, scope="marketing", source="sms")),
    }[kind]


def history(rng: random.Random, moment: datetime) -> tuple:
    sent = []
    for _ in range(rng.randint(0, 5)):
        purpose = weighted(rng, PURPOSE_MIX)
        subject = "fall-promo" if purpose == "marketing" and rng.random() < 0.7 else None
        sent.append((moment - timedelta(minutes=rng.uniform(5, 30 * 60)), purpose, subject))
    return tuple(sorted(sent))


def build_cases(rng: random.Random, contacts) -> list[tuple[int, gate.ContactFacts, str, str, datetime]]:
    cases = []
    for index, (facts, moment) in enumerate(contacts):
        for _ in range(CASES_PER_CONTACT):
            purpose = weighted(rng, PURPOSE_MIX)
            body, subject = body_for(rng, purpose)
            now = moment + timedelta(seconds=rng.uniform(0, 240))
            cases.append((index, dataclasses.replace(facts, subject=subject), purpose, body, now))
    return cases


def body_for(rng: random.Random, purpose: str) -> tuple[str, str | None]:
    roll = rng.random()
    if purpose == "marketing":
        template = rng.choice(ODD_MARKETING) if roll < 0.1 else rng.choice(CLEAN_BODIES["marketing"])
        return template.format(b=BUSINESS), ("fall-promo" if rng.random() < 0.7 else "winter-check")
    if roll < 0.12:
        template = rng.choice(PROMOTIONAL_BODIES)
    elif roll < 0.15:
        template = LONG_BODY
    else:
        template = rng.choice(CLEAN_BODIES[purpose])
    return template.format(b=BUSINESS, n=rng.randint(100, 9999)), None


def summary(durations_ns: list[int], actions: Counter) -> dict:
    total = sum(durations_ns) / 1e9
    ordered = sorted(durations_ns)
    return {
        "decisions": len(durations_ns),
        "decisions_per_second": round(len(durations_ns) / total, 1),
        "p50_us": round(statistics.median(ordered) / 1e3, 1),
        "p99_us": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] / 1e3, 1),
        "actions": dict(sorted(actions.items())),
    }


def time_pure_gate(cases, rules, outbound_check) -> dict:
    durations, actions, by_purpose = [], Counter(), {}
    for _, facts, purpose, body, now in cases:
        started = time.perf_counter_ns()
        decision = gate.check(facts, purpose, body, now, rules=rules, outbound_check=outbound_check)
        durations.append(time.perf_counter_ns() - started)
        actions[decision.action] += 1
        by_purpose.setdefault(purpose, Counter())[decision.action] += 1
    result = summary(durations, actions)
    result["contacts"] = len({case[0] for case in cases})
    result["by_purpose"] = {purpose: dict(sorted(counts.items())) for purpose, counts in sorted(by_purpose.items())}
    return result


def time_pure_rounds(cases, rules, rounds: int) -> dict:
    """The pure loop with the classifier memoised and unmemoised, interleaved; each round starts cold."""
    import classifiers.outbound as outbound

    def unmemoised(body: str, purpose: str):
        return outbound.check_outbound_batch([(body, purpose)])[0]

    figures: dict[str, list[float]] = {"unmemoised": [], "memoised": []}
    for _ in range(rounds):
        figures["unmemoised"].append(time_pure_gate(cases, rules, unmemoised)["decisions_per_second"])
        outbound.clear_cache()
        figures["memoised"].append(time_pure_gate(cases, rules, outbound.check_outbound)["decisions_per_second"])
    result = {name: {"min": min(values), "median": statistics.median(values), "rounds": values}
              for name, values in figures.items()}
    result["outbound_cache"] = outbound.cache_info()._asdict()
    return result


# --- (a) decide() against a database --------------------------------------------------------------------------

@contextlib.contextmanager
def fresh_sqlite(path: Path) -> Iterator[tuple[str, str]]:
    url = f"sqlite:///{path}"
    migrations.upgrade(url)
    yield url, "SQLite (a temporary file)"
    db.dispose_all()


@contextlib.contextmanager
def fresh_postgres(server_url: str, prefix: str) -> Iterator[tuple[str, str]]:
    with own_schema(server_url, prefix) as url:
        migrations.upgrade(url)
        yield url, described(server_url, prefix)


def store_contacts(settings: Settings, rng: random.Random, contacts) -> dict[int, int]:
    """Write the contacts with their evidence, address, active request and history; facts index -> id."""
    ids = {}
    with db.session_scope(settings.database_url) as session:
        for index, (facts, moment) in enumerate(contacts):
            contact = Contact(phone=facts.phone_e164, lead_source=facts.lead_source,
                              after_sales_care=facts.after_sales_care, created_at=moment - timedelta(days=400))
            session.add(contact)
            session.flush()
            ids[index] = contact.id
            session.add_all(ConsentEvent(contact_id=contact.id, phone=contact.phone, kind=event.kind, scope=event.scope,
                                         source=event.source, recorded_by="bench", occurred_at=event.occurred_at)
                            for event in facts.events)
            if facts.address_state:
                session.add(WorkAddress(contact_id=contact.id, line1="1 Main St", state=facts.address_state,
                                        time_zone=facts.address_tz))
            if facts.has_active_request:
                session.add(Lead(contact_id=contact.id, kind="service", summary="bench", created_at=moment))
            session.add_all(Message(contact_id=contact.id, direction="outbound", body="earlier text", purpose=purpose,
                                    subject=subject, status="delivered", sent_at=sent_at, created_at=sent_at)
                            for sent_at, purpose, subject in facts.sent_history)
    return ids


def time_decide(settings: Settings, rng: random.Random, contacts, cases) -> dict:
    ids = store_contacts(settings, rng, contacts)
    chosen = [case for case in cases if case[0] in ids]
    rules = settings.compliance_rules
    durations, actions, disagreements = [], Counter(), 0
    with db.session_scope(settings.database_url) as session:
        rows = {contact.id: contact for contact in session.scalars(select(Contact))}
        for index, facts, purpose, body, now in chosen:
            contact = rows[ids[index]]
            started = time.perf_counter_ns()
            decision = gatekeeper.decide(session, settings, contact, purpose, body, now, subject=facts.subject)
            durations.append(time.perf_counter_ns() - started)
            actions[decision.action] += 1
            expected = gate.check(facts, purpose, body, now, rules=rules)
            disagreements += (decision.action, decision.defer_until) != (expected.action, expected.defer_until)
        session.rollback()
    result = summary(durations, actions)
    result.update(contacts=len(ids), disagreements_with_pure_gate=disagreements)
    return result


# --- (b) reminders for 100,000 bookings ---------------------------------------------------------------------------

def time_reminders(settings: Settings, rng: random.Random, bookings: int, contact_count: int) -> dict:
    redis = Redis.from_url(settings.redis_url)  # the bench's own server (own_redis)
    redis.flushdb()
    try:
        return _reminders(settings, rng, bookings, contact_count, redis)
    finally:
        redis.flushdb()


def _reminders(settings: Settings, rng: random.Random, bookings: int, contact_count: int, redis: Redis) -> dict:
    started = time.perf_counter()
    insert_bookings(settings, rng, bookings, contact_count)
    result: dict = {"bookings": bookings, "contacts": contact_count,
                    "insert_seconds": round(time.perf_counter() - started, 2)}

    started = time.perf_counter()
    job_ids: list[int] = []
    last_id = 0
    while True:
        with db.session_scope(settings.database_url) as session:
            batch = list(session.scalars(select(Booking).where(Booking.id > last_id).order_by(Booking.id)
                                         .limit(PLAN_BATCH)))
            for booking in batch:
                job_ids.extend(planner.booking_changed(session, settings, booking))
        if not batch:
            break
        last_id = batch[-1].id
    planning = time.perf_counter() - started
    result["planning"] = {"seconds": round(planning, 2), "queued_jobs_rows": len(job_ids),
                          "rows_per_second": round(len(job_ids) / planning, 1),
                          "bookings_per_second": round(bookings / planning, 1)}

    started = time.perf_counter()
    handed = sum(dispatch(settings, job_ids[start:start + DISPATCH_BATCH])
                 for start in range(0, len(job_ids), DISPATCH_BATCH))
    dispatching = time.perf_counter() - started
    queue = connection.queue(settings, redis)
    result["dispatch"] = {"seconds": round(dispatching, 2), "jobs": handed,
                          "jobs_per_second": round(handed / dispatching, 1),
                          "rq_queued_now": queue.count, "rq_scheduled": ScheduledJobRegistry(queue=queue).count,
                          "ids_per_call": DISPATCH_BATCH}
    dispatched_at = time.monotonic()

    # The sweeper's next pass looks at every unfinished row handed over more than the grace ago.
    time.sleep(max(0.0, HANDOVER_GRACE.total_seconds() + 1 - (time.monotonic() - dispatched_at)))
    started = time.perf_counter()
    rehanded = sweep(settings)
    result["sweeper_pass"] = {"seconds": round(time.perf_counter() - started, 2), "rows_examined": len(job_ids),
                              "handed_again": rehanded}

    redis.flushdb()
    sample = job_ids[:: max(1, len(job_ids) // PIPELINE_SAMPLE)][:PIPELINE_SAMPLE]
    started = time.perf_counter()
    handed = sum(pipelined_dispatch(settings, sample[start:start + DISPATCH_BATCH], redis)
                 for start in range(0, len(sample), DISPATCH_BATCH))
    pipelined = time.perf_counter() - started
    result["dispatch_pipelined_prototype"] = {
        "seconds": round(pipelined, 2), "jobs": handed, "jobs_per_second": round(handed / pipelined, 1),
        "rq_queued_now": queue.count, "rq_scheduled": ScheduledJobRegistry(queue=queue).count,
        "speedup": round((handed / pipelined) / (result["dispatch"]["jobs_per_second"]), 1)}
    return result


def insert_bookings(settings: Settings, rng: random.Random, bookings: int, contact_count: int) -> None:
    now = utcnow()
    with db.session_scope(settings.database_url) as session:
        contact_rows = [{"phone": f"+1305{2000000 + index:07d}", "lead_source": "manual", "after_sales_care": True,
                         "created_at": now} for index in range(contact_count)]
        contact_ids = list(session.scalars(insert(Contact).returning(Contact.id, sort_by_parameter_order=True),
                                           contact_rows))
        hour = now.replace(minute=0, second=0, microsecond=0)
        for start in range(0, bookings, 10_000):
            rows = []
            for _ in range(min(10_000, bookings - start)):
                window_start = hour + timedelta(hours=rng.randint(3, 60 * 24))  # the next 60 days
                rows.append({"contact_id": rng.choice(contact_ids), "window_start": window_start,
                             "window_end": window_start + timedelta(hours=2), "status": "confirmed",
                             "access_notes": {}, "source": "staff", "created_at": now, "updated_at": now})
            session.execute(insert(Booking), rows)
        assert session.scalar(select(func.count()).select_from(Booking)) == bookings


def pipelined_dispatch(settings: Settings, job_ids: list[int], redis: Redis) -> int:
    """What `jobs.queue.enqueue_rows` would do with one Redis pipeline per call (a proposal, measured)."""
    with db.session_scope(settings.database_url) as session:
        rows = list(session.scalars(select(QueuedJob).where(QueuedJob.id.in_(job_ids))))
    queue = connection.queue(settings, redis)
    retry = connection.retry_policy(settings)
    now = utcnow()
    with redis.pipeline() as pipe:
        pipe.multi()  # RQ's own enqueue_many does this: an explicit MULTI lets enqueue() take the pipeline
        for row in rows:
            if row.run_at > now:
                queue.enqueue_at(row.run_at, RUNNER, row.id, job_id=row.rq_job_id, retry=retry, pipeline=pipe)
            else:
                queue.enqueue(RUNNER, row.id, job_id=row.rq_job_id, retry=retry, pipeline=pipe)
        pipe.execute()
    with db.session_scope(settings.database_url) as session:
        session.execute(update(QueuedJob).where(QueuedJob.id.in_([row.id for row in rows]))
                        .values(enqueued_at=utcnow()))
    return len(rows)


def notes(results: dict) -> list[str]:
    found = []
    module = results["classifier"]["module"] or ""
    if not module.startswith(str(ROOT)):
        found.append(f"the outbound classifier measured is NOT the repository's: {module}")
    for kind, figures in results["reminders"].items():
        one_by_one, pipelined = figures["dispatch"], figures["dispatch_pipelined_prototype"]
        found.append(
            f"{kind}: dispatch() handed jobs to RQ at {one_by_one['jobs_per_second']:.0f} jobs/s; a sample handed "
            f"over in one pipeline per {DISPATCH_BATCH} ids ran at {pipelined['jobs_per_second']:.0f} jobs/s "
            f"({pipelined['speedup']}x). The bulk path (flask jobs plan-reminders) is measured by bench/jobs.py.")
        found.append(
            f"{kind}: one sweeper pass over {figures['sweeper_pass']['rows_examined']} waiting rows took "
            f"{figures['sweeper_pass']['seconds']} s, against a {Settings().sweep_interval_seconds} s sweep interval.")
    return found


if __name__ == "__main__":
    main()
