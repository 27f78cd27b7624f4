"""A customer's text, seen by the follow-up system before the front desk answers it.

- A reply to an automated text (within the score's `reply_hours`) is an engagement of that text.
- With a satisfaction check-in pending, a 0-10 answer ("9", "nine", "10!", "meh 5", "0 terrible")
  is stored, thanked, and 0-6 opens an escalation for service recovery.
- "my birthday is March 3" is understood and saved on the contact, and thanked.
- Any other text stops the sequences that stop on a reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import ColumnElement, exists, literal_column, select
from sqlalchemy.orm import Session

from compliance import purposes
from config import Settings
from relationships import enrollment, scoring
from relationships.enrollment import BIRTHDAY_SHARED, NPS_ANSWER
from relationships.triggers import UNKNOWN_YEAR
from responder import wording
from responder.escalations import escalate
from store.models import Contact, Engagement, Message, NpsResponse, utcnow
from store.upsert import insert_ignoring_conflict

CHECKIN_PENDING_DAYS = 7
LOW_NPS = 6
NOT_AUTOMATED = (purposes.CONVERSATIONAL, purposes.OPT_OUT_CONFIRMATION, "staff_alert")
MAX_NPS_WORDS = 12

NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}
_OUT_OF_TEN = re.compile(r"\s*(/|out\s+of|outta|of)\s*10\b", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)?", re.IGNORECASE)
MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
_BIRTHDAY_WORDS = r"\b(?:birthday|bday|b-day|born)\b(?:\s*(?:is|was|on|falls\s+on|'s|:|-))*\s*"
_BIRTHDAY = (
    re.compile(_BIRTHDAY_WORDS + _MONTH + r"\s+" + _DAY + _YEAR + r"\b", re.IGNORECASE),
    re.compile(_BIRTHDAY_WORDS + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + _YEAR + r"\b", re.IGNORECASE),
    re.compile(_BIRTHDAY_WORDS + r"(?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?:[/-](?P<year>(?:19|20)\d{2}))?\b",
               re.IGNORECASE),
)


@dataclass(frozen=True)
class ReplyContext:
    """What on_inbound needs of the contact's history, when the caller read it already (intake/sender.py)."""

    replied_to_id: int | None  # the automated text this one answers (replied_to_id)
    checkin_id: int | None  # a satisfaction check-in waiting for its score (pending_checkin_id)
    has_active_enrollment: bool  # a sequence a reply may stop


@dataclass
class Consumed:
    reply: str
    job_ids: list[int] = field(default_factory=list)


def parse_nps(text: str) -> int | None:
    """The single 0-10 score in a short reply, or None (no number, several, or not a score)."""
    text = _OUT_OF_TEN.sub(" ", text)
    tokens = _TOKEN.findall(text)
    if not tokens or len(tokens) > MAX_NPS_WORDS:
        return None
    found = set()
    for token in tokens:
        lowered = token.lower()
        if lowered in NUMBER_WORDS:
            found.add(NUMBER_WORDS[lowered])
        elif token[0].isdigit():
            if "." in token or int(token) > 10:
                return None
            found.add(int(token))
    return found.pop() if len(found) == 1 else None


def parse_birthday(text: str) -> date | None:
    """The date in "my birthday is March 3" (or "bday: 3/3", "born on the 3rd of March 1985")."""
    for pattern in _BIRTHDAY:
        match = pattern.search(text)
        if not match:
            continue
        month = match.group("month")
        month = MONTHS[month.lower().rstrip(".")] if not month.isdigit() else int(month)
        year = int(match.group("year")) if match.group("year") else UNKNOWN_YEAR
        try:
            return date(year, month, int(match.group("day")))
        except ValueError:
            return None
    return None


def on_inbound(session: Session, settings: Settings, contact: Contact, message: Message,
               known: ReplyContext | None = None) -> Consumed | None:
    """Record the engagement; answer an NPS score or a birthday; else stop sequences that stop on a reply.

    `known`: the history already read with the contact; None reads it here.
    """
    now = utcnow()
    if known is None:
        rules = scoring.load_score_rules(settings.score_rules_file)
        known = ReplyContext(
            session.scalar(select(replied_to_id(contact.id, now - timedelta(hours=rules.reply_hours)))),
            session.scalar(select(pending_checkin_id(contact.id, now - timedelta(days=CHECKIN_PENDING_DAYS)))),
            has_active_enrollment=True)
    if known.replied_to_id is not None:
        insert_ignoring_conflict(session, Engagement, {"message_id": known.replied_to_id, "contact_id": contact.id,
                                                       "kind": "reply", "occurred_at": now})
    score = parse_nps(message.body) if known.checkin_id is not None else None
    if score is not None:
        return _nps(session, settings, contact, message, session.get(Message, known.checkin_id), score)
    birthday = parse_birthday(message.body)
    if birthday is not None:
        contact.birthday = birthday
        message.intent = BIRTHDAY_SHARED
        return Consumed(wording.say("birthday_saved", business=settings.business_name,
                                    day=f"{birthday:%B} {birthday.day}"))
    if known.has_active_enrollment:
        enrollment.stop_for_contact(session, contact.id, "replied", "the customer replied")
    return None


def reply_hours(settings: Settings) -> float:
    """How long after an automated text a reply counts as an engagement of it (the score's rules)."""
    return scoring.load_score_rules(settings.score_rules_file).reply_hours


def replied_to_id(contact_id: ColumnElement | int, since) -> ColumnElement:
    """The latest automated text sent to the contact since `since`, as a scalar subquery of its id."""
    return (select(Message.id).where(
        Message.contact_id == contact_id, Message.direction == "outbound", Message.sent_at.is_not(None),
        *(Message.purpose != purpose for purpose in NOT_AUTOMATED), Message.sent_at > since)
        .order_by(Message.sent_at.desc()).limit(1).scalar_subquery())


def pending_checkin_id(contact_id: ColumnElement | int, since) -> ColumnElement:
    """The latest satisfaction check-in sent since `since` that has no answer yet, as a scalar subquery of its id."""
    asked = Message.__table__.alias("asked")
    return (select(asked.c.id).where(
        asked.c.contact_id == contact_id, asked.c.direction == "outbound",
        asked.c.purpose == purposes.SATISFACTION_CHECKIN, asked.c.sent_at.is_not(None), asked.c.sent_at > since,
        # Spelled out, so that the name stays the check-in's inside a RETURNING clause (intake/sender.py),
        # where SQLite leaves column names unqualified.
        ~exists(select(NpsResponse.id).where(NpsResponse.asked_message_id == literal_column("asked.id"))))
        .order_by(asked.c.sent_at.desc()).limit(1).scalar_subquery())


def _nps(session: Session, settings: Settings, contact: Contact, message: Message, checkin: Message,
         score: int) -> Consumed:
    message.intent = NPS_ANSWER
    session.flush()  # the answer's own row (reply_message_id) is written now if it was waiting
    response_id = insert_ignoring_conflict(session, NpsResponse, {
        "contact_id": contact.id, "asked_message_id": checkin.id, "reply_message_id": message.id, "score": score,
        "created_at": utcnow()})
    if response_id is None or score > LOW_NPS:
        return Consumed(wording.say("nps_thanks", business=settings.business_name))
    escalation_id, job_ids = escalate(session, settings, contact, "low_nps", f"{score}/10: {message.body}")
    session.get(NpsResponse, response_id).escalation_id = escalation_id
    return Consumed(wording.say("nps_sorry", business=settings.business_name), job_ids)
