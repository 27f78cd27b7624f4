"""What the send gate needs to know about a contact, read from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, exists, func, or_, select, true
from sqlalchemy.orm import Session

from compliance import ledger
from compliance.gate import ContactFacts
from config import Settings
from delivery.outbound import SENDING
from store.models import Booking, Call, Contact, Estimate, Lead, Message, WorkAddress

# Long enough to see the last opt-out confirmation and every cap window (the longest is 24 h).
HISTORY_DAYS = 30


def contact_facts(session: Session, settings: Settings, contact: Contact, now: datetime, *,
                  subject: str | None = None, address_id: int | None = None) -> ContactFacts:
    """The facts about `contact`; `address_id` is the work address the message is about (a booking's),
    whose zone and after-sales care then count, whatever the contact's other addresses say."""
    activity = _activity(session, settings, contact.id, now, address_id)
    return ContactFacts(
        contact_id=contact.id,
        phone_e164=contact.phone,
        lead_source=contact.lead_source,
        business_name=settings.business_name,
        business_tz=settings.business_time_zone,
        events=tuple(ledger.newest_events(session, contact.id)),
        address_state=activity.address_state,
        address_tz=activity.address_tz,
        has_active_request=activity.has_active_request,
        has_open_work=activity.has_open_work,
        after_sales_care=contact.after_sales_care and (activity.address_after_sales_care
                                                       if activity.address_found else True),
        sent_history=_sent_history(session, contact.id, now),
        subject=subject,
        last_call_at=activity.last_call_at,
    )


# The statements below are built once, with these parameters: SQLAlchemy then finds them in its cache by
# the statement object itself, instead of building and keying a new tree of seven subqueries on each send.
_CONTACT_ID = bindparam("contact_id")
_NOW = bindparam("now")
_RECENT = bindparam("recent")  # now less ACTIVE_REQUEST_DAYS
_HISTORY_SINCE = bindparam("history_since")  # now less HISTORY_DAYS


def _active_request_checks() -> tuple:
    """An open estimate, an upcoming booking, or a recent open lead, text, voicemail or call (seed 000).

    An open lead counts only within ACTIVE_REQUEST_DAYS: a request nobody closed is not a licence to
    text for ever."""
    return (
        select(Lead.id).where(Lead.contact_id == _CONTACT_ID, Lead.status == "open", Lead.created_at > _RECENT),
        select(Estimate.id).where(Estimate.contact_id == _CONTACT_ID, Estimate.status == "open"),
        select(Booking.id).where(Booking.contact_id == _CONTACT_ID, Booking.status.in_(("requested", "confirmed")),
                                 Booking.window_end > _NOW),
        select(Message.id).where(Message.contact_id == _CONTACT_ID, Message.direction == "inbound",
                                 Message.created_at > _RECENT),
        select(Call.id).where(Call.contact_id == _CONTACT_ID, Call.created_at > _RECENT),
    )


def _open_work_checks() -> tuple:
    """Work entered for the contact that is not finished: an open estimate, or a booking neither completed
    nor cancelled whose window ended less than ACTIVE_REQUEST_DAYS ago (a late on-my-way still goes)."""
    return (
        select(Estimate.id).where(Estimate.contact_id == _CONTACT_ID, Estimate.status == "open"),
        select(Booking.id).where(Booking.contact_id == _CONTACT_ID, Booking.status.in_(("requested", "confirmed")),
                                 Booking.window_end > _RECENT),
    )


def _activity_statement(by_address: bool):
    """Whether the contact has an active request and open work, when it last called, and the work address the
    message is about (`address_id`, else its newest): one row. A voicemail belongs to its call, so the last
    call is what a call_reply answers."""
    last_call = select(func.max(Call.created_at)).where(Call.contact_id == _CONTACT_ID).scalar_subquery()
    address = select(WorkAddress.id, WorkAddress.state, WorkAddress.time_zone, WorkAddress.after_sales_care).where(
        WorkAddress.contact_id == _CONTACT_ID)
    if by_address:
        address = address.where(WorkAddress.id == bindparam("address_id"))
    address = address.order_by(WorkAddress.id.desc()).limit(1).subquery("address")
    return (select(or_(*(exists(check) for check in _active_request_checks())),
                   or_(*(exists(check) for check in _open_work_checks())),
                   last_call, address.c.id, address.c.state, address.c.time_zone, address.c.after_sales_care)
            .select_from(Contact).outerjoin(address, true()).where(Contact.id == _CONTACT_ID))


_ACTIVITY = {by_address: _activity_statement(by_address) for by_address in (False, True)}


@dataclass(frozen=True)
class _Activity:
    has_active_request: bool
    has_open_work: bool
    last_call_at: datetime | None
    address_found: bool
    address_state: str | None
    address_tz: str | None
    address_after_sales_care: bool | None


def _activity(session: Session, settings: Settings, contact_id: int, now: datetime,
              address_id: int | None) -> _Activity:
    """The contact's activity and address in one statement: the send gate asks for all of it."""
    parameters = {"contact_id": contact_id, "now": now, "recent": now - timedelta(days=settings.active_request_days)}
    if address_id is not None:
        parameters["address_id"] = address_id
    row = session.execute(_ACTIVITY[address_id is not None], parameters).one()
    active, open_work, last_call_at, found_id, state, zone, care = row
    return _Activity(bool(active), bool(open_work), last_call_at, found_id is not None, state, zone, care)


_SENT_AT = func.coalesce(Message.sent_at, Message.claimed_at)
_SENT_HISTORY = select(_SENT_AT, Message.purpose, Message.subject).where(
    Message.contact_id == _CONTACT_ID, Message.direction == "outbound",
    or_(Message.sent_at.is_not(None), Message.status == SENDING), _SENT_AT > _HISTORY_SINCE)


def _sent_history(session: Session, contact_id: int, now: datetime) -> tuple:
    """What the caps count: the sent texts, and those being sent (claimed: they may have left), at their claim."""
    since = now - timedelta(days=HISTORY_DAYS)
    rows = session.execute(_SENT_HISTORY, {"contact_id": contact_id, "history_since": since})
    return tuple((sent_at, purpose, subject) for sent_at, purpose, subject in rows)
