"""A customer's birthday and service anniversary record, and the VIP override staff may set."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from crm import fields
from crm.contacts import get_contact
from crm.fields import Field
from crm.rows import Saved
from relationships import scoring
from relationships.triggers import UNKNOWN_YEAR, anniversary_of
from store.models import Contact

DATE_FIELDS = {"birthday": Field(fields.past_date), "anniversary": Field(fields.past_date)}
VIP_OVERRIDES = ("vip", "not_vip")
VIP_FIELDS = {"vip_override": Field(fields.choice(*VIP_OVERRIDES), required=True)}


def dates_json(session: Session, contact: Contact) -> dict[str, Any]:
    anniversary, source = anniversary_of(session, contact)
    birthday = contact.birthday
    return {"contact_id": contact.id,
            "birthday": None if birthday is None else (
                f"--{birthday:%m-%d}" if birthday.year == UNKNOWN_YEAR else birthday.isoformat()),
            "anniversary": fields.iso(anniversary), "anniversary_source": source if anniversary else None}


def read(session: Session, contact_id: int) -> dict[str, Any]:
    return dates_json(session, get_contact(session, contact_id))


def update(session: Session, contact_id: int, data: dict[str, Any]) -> dict[str, Any]:
    contact = get_contact(session, contact_id)
    for name, value in fields.parse_every(data, DATE_FIELDS, partial=True).items():
        setattr(contact, name, value)
    session.flush()
    return dates_json(session, contact)


def override_vip(session: Session, contact_id: int, data: dict[str, Any], rules: scoring.ScoreRules) -> Saved:
    """Staff's VIP decision, kept by every daily run; null gives the decision back to the score."""
    contact = get_contact(session, contact_id)
    override = fields.parse_every(data, VIP_FIELDS)["vip_override"]
    contact.vip_override = override
    if override is None:
        score = contact.relationship_score
        contact.vip = score is not None and score >= rules.vip_threshold
    else:
        contact.vip = override == "vip"
    session.flush()
    return Saved(contact)
