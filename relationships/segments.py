"""Customer segments: a saved filter compiled to one SQL query over contacts, with a preview.

Filters (all optional, combined with AND): score_min/score_max (the latest relationship score),
service (text in the service of a completed job), state/city/postal_code (a work address; a ZIP
matches by prefix), inactive_days_min/inactive_days_max (days since the last completed job),
customer_type (the contact's type, any case), job_history (lead: no completed job, new: one, repeat:
two or more), vip, after_sales_care,
birthday_this_month (the business's calendar).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, Select, and_, cast, exists, func, select
from sqlalchemy.orm import Session

from crm import fields
from crm.errors import Conflict, InvalidField
from crm.fields import Field
from crm.rows import Saved, found
from store.models import Booking, Campaign, Contact, Segment, WorkAddress, utcnow

JOB_HISTORIES = ("lead", "new", "repeat")
PREVIEW_ROWS = 20
COMPLETED = "completed"


def _bounded(low: int, high: int):
    def parse(name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidField(name, f"must be a whole number from {low} to {high}")
        return value

    return parse


FILTER_FIELDS = {
    "score_min": Field(_bounded(0, 100)),
    "score_max": Field(_bounded(0, 100)),
    "service": Field(fields.text(200)),
    "state": Field(fields.us_state),
    "city": Field(fields.text(100)),
    "postal_code": Field(lambda name, value: _zip_prefix(name, value)),
    "inactive_days_min": Field(_bounded(0, 36500)),
    "inactive_days_max": Field(_bounded(0, 36500)),
    "customer_type": Field(fields.text(64)),
    "job_history": Field(fields.choice(*JOB_HISTORIES)),
    "vip": Field(fields.boolean),
    "after_sales_care": Field(fields.boolean),
    "birthday_this_month": Field(fields.boolean),
}
SEGMENT_FIELDS = {
    "name": Field(fields.text(200), required=True, nullable=False),
    "filters": Field(lambda name, value: parse_filters(value, prefix=name), required=True, nullable=False),
}


def parse_filters(value: Any, *, prefix: str = "filters") -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidField(prefix, "must be an object of filters")
    try:
        parsed = fields.parse_every(value, FILTER_FIELDS)
    except InvalidField as error:
        raise InvalidField(f"{prefix}.{error.field}", str(error)[len(error.field) + 1:]
                           .replace("; ", f"; {prefix}.")) from None
    parsed = {name: item for name, item in parsed.items() if item is not None}
    for low, high in (("score_min", "score_max"), ("inactive_days_min", "inactive_days_max")):
        if low in parsed and high in parsed and parsed[low] > parsed[high]:
            raise InvalidField(f"{prefix}.{high}", f"must not be below {low}")
    return parsed


def last_jobs():
    return (select(Booking.contact_id, func.max(Booking.window_start).label("last_job"),
                   func.count(Booking.id).label("jobs"))
            .where(Booking.status == COMPLETED).group_by(Booking.contact_id).subquery("last_jobs"))


def compile_filters(session: Session, filters: dict[str, Any], now: datetime, month: int) -> Select:
    """The ids of the contacts the filters select, as one query."""
    jobs = last_jobs()
    query = select(Contact.id).outerjoin(jobs, jobs.c.contact_id == Contact.id)
    conditions = []
    if "score_min" in filters:
        conditions.append(Contact.relationship_score >= filters["score_min"])
    if "score_max" in filters:
        conditions.append(Contact.relationship_score <= filters["score_max"])
    if "service" in filters:
        conditions.append(exists(select(Booking.id).where(
            Booking.contact_id == Contact.id, Booking.status == COMPLETED,
            func.lower(Booking.service).contains(filters["service"].lower(), autoescape=True))))
    address = []
    if "state" in filters:
        address.append(WorkAddress.state == filters["state"])
    if "city" in filters:
        address.append(func.lower(WorkAddress.city) == filters["city"].lower())
    if "postal_code" in filters:
        address.append(WorkAddress.postal_code.startswith(filters["postal_code"], autoescape=True))
    if address:
        conditions.append(exists(select(WorkAddress.id).where(WorkAddress.contact_id == Contact.id, *address)))
    if "inactive_days_min" in filters:
        conditions.append(jobs.c.last_job <= now - timedelta(days=filters["inactive_days_min"]))
    if "inactive_days_max" in filters:
        conditions.append(jobs.c.last_job > now - timedelta(days=filters["inactive_days_max"] + 1))
    if "customer_type" in filters:
        conditions.append(func.lower(Contact.customer_type) == filters["customer_type"].lower())
    if "job_history" in filters:
        kind = filters["job_history"]
        conditions.append(jobs.c.jobs.is_(None) if kind == "lead" else
                          jobs.c.jobs == 1 if kind == "new" else jobs.c.jobs >= 2)
    if "vip" in filters:
        conditions.append(Contact.vip.is_(filters["vip"]))
    if "after_sales_care" in filters:
        conditions.append(Contact.after_sales_care.is_(filters["after_sales_care"]))
    if "birthday_this_month" in filters:
        in_month = _month(session, Contact.birthday) == month
        conditions.append(in_month if filters["birthday_this_month"] else ~in_month | Contact.birthday.is_(None))
    return query.where(and_(*conditions)) if conditions else query


def preview(session: Session, filters: dict[str, Any], now: datetime, month: int) -> dict[str, Any]:
    ids = compile_filters(session, filters, now, month).subquery()
    count = session.scalar(select(func.count()).select_from(ids))
    jobs = last_jobs()
    rows = session.execute(
        select(Contact, jobs.c.last_job).outerjoin(jobs, jobs.c.contact_id == Contact.id)
        .where(Contact.id.in_(select(ids.c.id))).order_by(Contact.id).limit(PREVIEW_ROWS))
    return {"count": count, "first": [
        {"id": contact.id, "phone": contact.phone, "name": contact.name,
         "relationship_score": contact.relationship_score, "vip": contact.vip,
         "last_job": fields.iso(last_job)} for contact, last_job in rows]}


def create(session: Session, data: dict[str, Any]) -> Saved:
    values = fields.parse_every(data, SEGMENT_FIELDS)
    now = utcnow()
    segment = Segment(name=values["name"], filters=values["filters"], created_at=now, updated_at=now)
    session.add(segment)
    session.flush()
    return Saved(segment, created=True)


def get(session: Session, segment_id: int) -> Segment:
    return found(session, Segment, segment_id, "segment")


def listing(session: Session) -> list[Segment]:
    return list(session.scalars(select(Segment).order_by(Segment.id)))


def update(session: Session, segment_id: int, data: dict[str, Any]) -> Saved:
    segment = get(session, segment_id)
    for name, value in fields.parse_every(data, SEGMENT_FIELDS, partial=True).items():
        setattr(segment, name, value)
    segment.updated_at = utcnow()
    session.flush()
    return Saved(segment)


def delete(session: Session, segment_id: int) -> None:
    segment = get(session, segment_id)
    used = session.scalars(select(Campaign.id).where(Campaign.segment_id == segment.id,
                                                     Campaign.deleted_at.is_(None)).limit(1)).first()
    if used is not None:
        raise Conflict(f"segment {segment.id} is used by campaign {used}; delete the campaign first")
    session.delete(segment)


def to_json(segment: Segment) -> dict[str, Any]:
    return {"id": segment.id, "name": segment.name, "filters": dict(segment.filters),
            "created_at": fields.iso(segment.created_at), "updated_at": fields.iso(segment.updated_at)}


def _month(session: Session, column):
    if session.get_bind().dialect.name == "sqlite":
        return cast(func.strftime("%m", column), Integer)
    return func.extract("month", column)


def _zip_prefix(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip().isdigit() or not 1 <= len(value.strip()) <= 5:
        raise InvalidField(name, "must be a ZIP code or its first digits (1 to 5 digits)")
    return value.strip()
