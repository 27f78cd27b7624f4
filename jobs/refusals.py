"""Staff hear what the gate held back: a digest text per refusal reason, at most once a day.

A refused confirmation, reminder or follow-up (purposes with `alert_staff_on_refusal` in rules.toml)
queues the day's digest job for its reason (the gate check that refused), keyed by the business's
day and the reason, so later refusals that day queue nothing more. The job runs after a short delay,
within the business's daytime, and lists every refusal of that reason so far that day, sent to the
profile's staff numbers through the staff-notify path.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

import runtime
from config import Settings
from jobs.queue import dispatch, schedule
from responder import wording
from responder.escalations import notify_staff
from store.db import session_scope
from store.models import Contact, GateDecision

DIGEST_JOB = "jobs.refusals.send_digest"
REASONS = {  # Decision.rule -> what staff read
    "opt_out": "the customer opted out",
    "after_sales_care": "after-sales care is off",
    "consent": "no consent evidence in force",
    "content": "the wording was refused",
    "caps": "a frequency cap was reached",
}
LISTED = 5
STAFF_DAY = (time(8, 0), time(20, 0))  # digests wait for the business's daytime


def refusal_noticed(session, settings: Settings, purpose: str, rule: str | None, now: datetime) -> int | None:
    """Queue the digest of this reason for the business's day; None when not alerted or already queued."""
    if not settings.compliance_rules.purpose(purpose).alert_staff_on_refusal or not settings.profile.staff_numbers:
        return None
    zone = ZoneInfo(settings.business_time_zone)
    day = now.astimezone(zone).date()
    rule = rule or "other"
    run_at = _daytime(now + timedelta(minutes=settings.refusal_digest_delay_minutes), zone)
    return schedule(session, DIGEST_JOB, run_at=run_at, dedupe_key=f"refusal-digest:{day.isoformat()}:{rule}",
                    day=day.isoformat(), rule=rule)


def send_digest(day: str, rule: str) -> str:
    settings = runtime.settings()
    zone = ZoneInfo(settings.business_time_zone)
    start = datetime.combine(date.fromisoformat(day), time(0), zone)
    alerting = [name for name, spec in settings.compliance_rules.purposes.items() if spec.alert_staff_on_refusal]
    with session_scope(settings.database_url) as session:
        rows = session.execute(
            select(GateDecision.purpose, Contact.phone).join(Contact, Contact.id == GateDecision.contact_id)
            .where(GateDecision.action == "refuse", GateDecision.rule == rule,
                   GateDecision.purpose.in_(alerting), GateDecision.decided_at >= start,
                   GateDecision.decided_at < start + timedelta(days=1))
            .order_by(GateDecision.id)).all()
        if not rows:
            return "nothing refused"
        items = [f"{purpose.replace('_', ' ')} to {phone}" for purpose, phone in rows[:LISTED]]
        if len(rows) > LISTED:
            items.append(f"{len(rows) - LISTED} more")
        body = wording.say("staff_refusal_digest", count=len(rows), texts="text" if len(rows) == 1 else "texts",
                           reason=REASONS.get(rule, rule.replace("_", " ")), items=wording.listing(items))
        job_ids = notify_staff(session, settings.profile.staff_numbers, body, subject=f"refusal-digest:{day}:{rule}")
    dispatch(settings, job_ids)
    return f"told staff of {len(rows)}"


def _daytime(moment: datetime, zone: ZoneInfo) -> datetime:
    local = moment.astimezone(zone)
    opens, closes = STAFF_DAY
    if local.time() < opens:
        return datetime.combine(local.date(), opens, zone)
    if local.time() >= closes:
        return datetime.combine(local.date() + timedelta(days=1), opens, zone)
    return moment
