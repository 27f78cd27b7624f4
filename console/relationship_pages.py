"""What the console's Relationships pages show: segments with their live count, campaigns with the
launch dry run, and a contact's score with its factor breakdown and trend. Plain functions, no Flask;
the figures are the staff API's own (relationships.segments, .campaigns, .scoring)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from config import Settings
from relationships import campaigns, scoring, segments
from store.models import Campaign, Segment

DRAFT = "draft"


@dataclass
class Overview:
    segments: list[tuple[Segment, int]]
    campaigns: list[tuple[Campaign, Segment, dict[str, Any] | None]]  # a draft's dry run; None once launched


def overview(session: Session, settings: Settings, now: datetime) -> Overview:
    listed = segments.listing(session)
    counted = [(segment, segments.preview(session, segment.filters, now, now.month)["count"]) for segment in listed]
    by_id = {segment.id: segment for segment in listed}
    rows = []
    for campaign in campaigns.listing(session):
        dry = None
        if campaign.status == DRAFT:
            dry = campaigns.dry_run(session, settings, campaign.id, {"at": now.isoformat()})
        rows.append((campaign, by_id.get(campaign.segment_id), dry))
    return Overview(counted, rows)


def score(session: Session, contact_id: int) -> dict[str, Any]:
    """The score, its factors and points (latest day), the change since the day before, and the history.

    Raises crm.errors.NotFound for an unknown contact."""
    found = scoring.history(session, contact_id)
    found["factors"] = scoring.FACTORS
    return found
