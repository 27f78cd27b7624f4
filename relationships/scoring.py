"""The relationship score (0-100), computed once a day for every customer by set-based SQL.

Five factors, each normalised to 0-1 by the rules of score.toml (README.md explains each one and
works an example), weighted by the seed's table and rounded to a whole number:

    recency     1 - days since the last completed job / horizon_days, not below 0
    spend       the customer's cumulative share among customers by lifetime invoice total
                (CUME_DIST: the top spender 1, the median about 0.5); no spend 0
    frequency   completed jobs in the trailing 12 months / cap, at most 1
    nps         the latest 0-10 answer of the last 12 months / 10; none: nps.missing
    engagement  automated texts of the last 12 months clicked or replied to / those sent; none: engagement.missing

Each day's row is kept (relationship_scores), so a trend and "why did this change" are readable.
The run updates the contact's VIP flag where it changed (at or above vip_threshold, unless staff
overrode it) and returns the customers who became VIP, for the VIP check-in.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from crm import fields
from crm.rows import found
from store.models import Contact, RelationshipScore

DEFAULT_RULES_FILE = Path(__file__).with_name("score.toml")
FACTORS = ("recency", "spend", "frequency", "nps", "engagement")
NOT_AUTOMATED = ("conversational", "opt_out_confirmation", "staff_alert")
HISTORY_DAYS = 90


@dataclass(frozen=True)
class ScoreRules:
    weights: dict[str, float]
    vip_threshold: int
    horizon_days: int
    frequency_cap: int
    nps_missing: float
    engagement_missing: float
    reply_hours: int


@lru_cache(maxsize=4)
def load_score_rules(path: str | None = None) -> ScoreRules:
    with open(path or DEFAULT_RULES_FILE, "rb") as handle:
        data = tomllib.load(handle)
    try:
        weights = {name: float(data["weights"][name]) for name in FACTORS}
        rules = ScoreRules(weights=weights, vip_threshold=int(data["vip_threshold"]),
                           horizon_days=int(data["recency"]["horizon_days"]),
                           frequency_cap=int(data["frequency"]["cap"]),
                           nps_missing=float(data["nps"]["missing"]),
                           engagement_missing=float(data["engagement"]["missing"]),
                           reply_hours=int(data["engagement"]["reply_hours"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"score rules {path or DEFAULT_RULES_FILE}: missing or malformed {error}") from None
    if abs(sum(weights.values()) - 100) > 1e-9:
        raise ValueError(f"score rules: the weights add up to {sum(weights.values())}, not 100")
    if rules.horizon_days < 1 or rules.frequency_cap < 1:
        raise ValueError("score rules: recency.horizon_days and frequency.cap must be at least 1")
    return rules


_DAYS = {
    "postgresql": "CAST(FLOOR(EXTRACT(EPOCH FROM (:now - r.last_job)) / 86400) AS INTEGER)",
    "sqlite": "CAST(julianday(:now) - julianday(r.last_job) AS INTEGER)",
}
# Round half up: PostgreSQL's CAST to INTEGER rounds by itself, SQLite's truncates (non-negative here).
_FLOOR = {"postgresql": "FLOOR", "sqlite": ""}
WORK_MEM = "256MB"  # the per-customer aggregates of a million customers stay in memory

_SCORE_SQL = """
WITH jobs AS (
    SELECT contact_id, MAX(window_start) AS last_job, SUM(COALESCE(invoice_total_cents, 0)) AS spend,
           SUM(CASE WHEN window_start > :year_ago THEN 1 ELSE 0 END) AS jobs_12m
    FROM bookings WHERE status = 'completed' AND window_start <= :now
    GROUP BY contact_id
), ranked AS (
    SELECT contact_id, last_job, spend, jobs_12m,
           CASE WHEN spend > 0 THEN CUME_DIST() OVER (ORDER BY spend) ELSE 0.0 END AS spend_share
    FROM jobs
), nps AS (
    SELECT contact_id, score FROM (
        SELECT contact_id, score,
               ROW_NUMBER() OVER (PARTITION BY contact_id ORDER BY created_at DESC, id DESC) AS latest
        FROM nps_responses WHERE created_at > :year_ago AND created_at <= :now) answers
    WHERE latest = 1
), sent AS (
    SELECT m.contact_id, COUNT(*) AS automated, COUNT(e.message_id) AS engaged
    FROM messages m LEFT JOIN (SELECT DISTINCT message_id FROM engagements) e ON e.message_id = m.id
    WHERE m.direction = 'outbound' AND m.sent_at > :year_ago AND m.sent_at <= :now
      AND m.purpose NOT IN ('conversational', 'opt_out_confirmation', 'staff_alert')
    GROUP BY m.contact_id
), factors AS (
    SELECT r.contact_id, {days} AS days, r.spend, r.jobs_12m, r.spend_share, n.score AS nps_last,
           COALESCE(s.automated, 0) AS automated, COALESCE(s.engaged, 0) AS engaged
    FROM ranked r LEFT JOIN nps n ON n.contact_id = r.contact_id LEFT JOIN sent s ON s.contact_id = r.contact_id
), normalised AS (
    SELECT contact_id, days, spend, jobs_12m, nps_last, automated, engaged,
           CASE WHEN days >= :horizon THEN 0.0 ELSE 1.0 - days * 1.0 / :horizon END AS recency,
           spend_share AS spend_factor,
           CASE WHEN jobs_12m >= :cap THEN 1.0 ELSE jobs_12m * 1.0 / :cap END AS frequency,
           CASE WHEN nps_last IS NULL THEN :nps_missing ELSE nps_last / 10.0 END AS nps,
           CASE WHEN automated = 0 THEN :engagement_missing ELSE engaged * 1.0 / automated END AS engagement
    FROM factors
), scored AS (
    SELECT f.*, CAST({floor}(:w_recency * recency + :w_spend * spend_factor + :w_frequency * frequency
                     + :w_nps * nps + :w_engagement * engagement + 0.5 + 1e-9) AS INTEGER) AS score
    FROM normalised f
)
{insert}"""

_INSERT_SQL = """
INSERT INTO relationship_scores (contact_id, day, score, vip, recency, spend, frequency, nps, engagement,
    days_since_last_job, lifetime_spend_cents, jobs_12m, nps_last, automated_12m, engaged_12m)
SELECT s.contact_id, :day, s.score,
       CASE WHEN c.vip_override = 'vip' THEN TRUE WHEN c.vip_override = 'not_vip' THEN FALSE
            ELSE s.score >= :vip_threshold END,
       s.recency, s.spend_factor, s.frequency, s.nps, s.engagement, s.days, s.spend, s.jobs_12m, s.nps_last,
       s.automated, s.engaged
FROM scored s JOIN contacts c ON c.id = s.contact_id
WHERE TRUE
ON CONFLICT (contact_id, day) DO UPDATE SET score = excluded.score, vip = excluded.vip,
    recency = excluded.recency, spend = excluded.spend, frequency = excluded.frequency, nps = excluded.nps,
    engagement = excluded.engagement, days_since_last_job = excluded.days_since_last_job,
    lifetime_spend_cents = excluded.lifetime_spend_cents, jobs_12m = excluded.jobs_12m,
    nps_last = excluded.nps_last, automated_12m = excluded.automated_12m, engaged_12m = excluded.engaged_12m
"""

# PostgreSQL: one statement. The sub-statements see the contacts as they were, so `newly` compares
# the new flag with the old one; the UPDATE only writes contacts whose score or flag changed.
_PG_TAIL = """, inserted AS (
{insert}
    RETURNING contact_id, score, vip
), newly AS (
    SELECT i.contact_id FROM inserted i JOIN contacts c ON c.id = i.contact_id WHERE i.vip AND NOT c.vip
), updated AS (
    UPDATE contacts SET vip = i.vip FROM inserted i WHERE i.contact_id = contacts.id AND contacts.vip <> i.vip
    RETURNING 1
)
SELECT 0 AS vip, count(*) FROM inserted
UNION ALL SELECT 1, contact_id FROM newly
"""

_NEWLY_VIP_SQL = """
SELECT s.contact_id FROM relationship_scores s JOIN contacts c ON c.id = s.contact_id
WHERE s.day = :day AND s.vip = TRUE AND c.vip = FALSE
"""

_UPDATE_CONTACTS_SQL = """
UPDATE contacts SET vip = s.vip
FROM relationship_scores s WHERE s.contact_id = contacts.id AND s.day = :day AND contacts.vip <> s.vip
"""


@dataclass
class Run:
    day: date
    scored: int
    newly_vip: list[int]


def run(session: Session, day: date, now: datetime, rules: ScoreRules) -> Run:
    """Score every customer with a completed job for `day`, as of `now` (aware); rerunning a day replaces it."""
    dialect = session.get_bind().dialect.name
    moment = now.astimezone(UTC).replace(tzinfo=None)
    params: dict[str, Any] = {
        "day": day, "now": moment, "year_ago": moment - timedelta(days=365), "horizon": rules.horizon_days,
        "cap": rules.frequency_cap, "nps_missing": rules.nps_missing,
        "engagement_missing": rules.engagement_missing, "vip_threshold": rules.vip_threshold,
        **{f"w_{name}": weight for name, weight in rules.weights.items()},
    }
    if dialect == "sqlite":  # SQLite compares the stored text; bind the same text
        params["now"], params["year_ago"] = (value.isoformat(" ") for value in (params["now"], params["year_ago"]))
        params["day"] = day.isoformat()
    scores = _SCORE_SQL.format(days=_DAYS[dialect], floor=_FLOOR[dialect], insert="{insert}")
    if dialect == "postgresql":
        session.execute(text(f"SET LOCAL work_mem = '{WORK_MEM}'"))
        session.execute(text("SET LOCAL jit = off"))  # compiling the plan cost more than it saved
        rows = session.execute(text(scores.format(insert="") + _PG_TAIL.format(insert=_INSERT_SQL)), params).all()
        return Run(day, rows[0][1], [contact_id for is_vip, contact_id in rows[1:] if is_vip])
    session.execute(text(scores.format(insert=_INSERT_SQL)), params)
    scored = session.scalar(select(func.count()).select_from(RelationshipScore).where(RelationshipScore.day == day))
    newly_vip = list(session.scalars(text(_NEWLY_VIP_SQL), {"day": params["day"]}))
    session.execute(text(_UPDATE_CONTACTS_SQL), {"day": params["day"]})
    return Run(day, scored, newly_vip)


def history(session: Session, contact_id: int, days: int = HISTORY_DAYS) -> dict[str, Any]:
    """The latest score with its factor breakdown, what moved since the day before, and the history."""
    contact = found(session, Contact, contact_id, "contact")
    rows = list(session.scalars(select(RelationshipScore).where(RelationshipScore.contact_id == contact_id)
                                .order_by(RelationshipScore.day.desc()).limit(days)))
    rules = load_score_rules()
    latest = _row_json(rows[0], rules) if rows else None
    if latest and len(rows) > 1:
        before = _row_json(rows[1], rules)
        latest["change"] = {"since": before["day"], "score": latest["score"] - before["score"],
                            "points": {name: round(latest["points"][name] - before["points"][name], 2)
                                       for name in FACTORS}}
    return {"contact_id": contact_id, "score": contact.relationship_score, "vip": contact.vip,
            "vip_override": contact.vip_override, "weights": rules.weights, "latest": latest,
            "history": [{"day": row.day.isoformat(), "score": row.score, "vip": row.vip} for row in rows]}


def _row_json(row: RelationshipScore, rules: ScoreRules) -> dict[str, Any]:
    factors = {name: round(getattr(row, name), 4) for name in FACTORS}
    return {"day": row.day.isoformat(), "score": row.score, "vip": row.vip, "factors": factors,
            "points": {name: round(factors[name] * rules.weights[name], 2) for name in FACTORS},
            "signals": {"days_since_last_job": row.days_since_last_job,
                        "lifetime_spend": fields.cents_to_dollars(row.lifetime_spend_cents),
                        "jobs_12m": row.jobs_12m, "nps_last": row.nps_last,
                        "automated_texts_12m": row.automated_12m, "engaged_texts_12m": row.engaged_12m}}
