"""Tracked links: a URL in an automated text becomes `<public base>/l/<code>`, one code per recipient
and message, unguessable (72 random bits); opening it redirects to the target and records the click
once (an engagement of that message, for the relationship score)."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.models import Engagement, TrackedLink, utcnow
from store.upsert import insert_ignoring_conflict

URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")
CODE_BYTES = 9  # 12 URL-safe characters
CODE = re.compile(r"[A-Za-z0-9_-]{12}")
CLICK = "click"


def rewrite(session: Session, base_url: str | None, contact_id: int, key: str, body: str) -> tuple[str, list[int]]:
    """The body with each URL replaced by a tracked link (none without a public base URL), and the link ids."""
    if not base_url:
        return body, []
    link_ids: list[int] = []

    def tracked(match: re.Match) -> str:
        link_key = f"{key}:{len(link_ids)}"
        insert_ignoring_conflict(session, TrackedLink, {
            "code": secrets.token_urlsafe(CODE_BYTES), "key": link_key, "contact_id": contact_id,
            "target": match.group(0), "created_at": utcnow()})
        link = session.scalars(select(TrackedLink).where(TrackedLink.key == link_key)).one()
        link_ids.append(link.id)
        return f"{base_url.rstrip('/')}/l/{link.code}"

    return URL.sub(tracked, body), link_ids


def attach(session: Session, link_ids: list[int], message_id: int) -> None:
    if link_ids:
        session.execute(update(TrackedLink).where(TrackedLink.id.in_(link_ids)).values(message_id=message_id))


def follow(session: Session, code: str) -> str | None:
    """The target of a code (None when unknown), recording the recipient's first click on it."""
    if not CODE.fullmatch(code):
        return None
    link = session.scalars(select(TrackedLink).where(TrackedLink.code == code)).one_or_none()
    if link is None:
        return None
    if link.message_id is not None:
        insert_ignoring_conflict(session, Engagement, {"message_id": link.message_id, "contact_id": link.contact_id,
                                                       "kind": CLICK, "occurred_at": utcnow()})
    return link.target
