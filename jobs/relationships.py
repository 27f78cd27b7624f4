"""The daily relationship run: scores, VIP flags and the VIP check-in, birthdays, anniversaries and
inactivity. Started once a day by RQ's cron scheduler (jobs/cron_config.py, the Procfile's `cron`
line); every part is idempotent for its day, so a second run the same day changes nothing."""

from __future__ import annotations

from datetime import datetime

import runtime
from config import Settings
from jobs.queue import dispatch
from relationships import bulk, campaigns, scoring, sequences, triggers
from store.db import session_scope
from store.models import utcnow


def daily(now: str | None = None) -> str:
    settings = runtime.settings()
    return run_daily(settings, datetime.fromisoformat(now) if now else utcnow())


def run_daily(settings: Settings, now: datetime) -> str:
    day = now.astimezone(settings.profile.time_zone).date()
    rules = scoring.load_score_rules(settings.score_rules_file)
    with session_scope(settings.database_url) as session:
        sequences.ensure_defaults(session)
        result = scoring.run(session, day, now, rules)
        job_ids = bulk.enroll_trigger(session, settings, "became_vip", result.newly_vip, f"vip:{day}", now)
        job_ids += triggers.birthdays_and_anniversaries(session, settings, day)
        job_ids += triggers.inactivity(session, settings, now)
    dispatch(settings, job_ids)
    return f"{day}: scored {result.scored}, {len(result.newly_vip)} new VIP, {len(job_ids)} steps planned"


def hand_over_campaign(campaign_id: int) -> str:
    """Hand a launched campaign's planned first steps to RQ (the sweeper would, later, too)."""
    settings = runtime.settings()
    with session_scope(settings.database_url) as session:
        job_ids = campaigns.planned_job_ids(session, campaign_id)
    return f"handed {dispatch(settings, job_ids)} of {len(job_ids)} planned steps to RQ"
