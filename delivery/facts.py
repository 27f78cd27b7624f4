"""What the send gate needs to know about a contact, read from the database."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, func, or_, select
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
    address = _address(session, contact.id, address_id)
    active, open_work, last_call_at = _activity(session, settings, contact.id, now)
    return ContactFacts(
        contact_id=contact.id,
        phone_e164=contact.phone,
        lead_source=contact.lead_source,
        business_name=settings.business_name,
        business_tz=settings.business_time_zone,
        events=tuple(ledger.newest_events(session, contact.id)),
        address_state=address.state if address else None,
        address_tz=address.time_zone if address else None,
        has_active_request=active,
        has_open_work=open_work,
        after_sales_care=contact.after_sales_care and (address.after_sales_care if address else True),
        sent_history=_sent_history(session, contact.id, now),
        subject=subject,
        last_call_at=last_call_at,
    )


def _active_request_checks(settings: Settings, contact_id: int, now: datetime) -> tuple:
    """An open estimate, an upcoming booking, or a recent open lead, text, voicemail or call (seed 000).

    An open lead counts only within ACTIVE_REQUEST_DAYS: a request nobody closed is not a licence to
    text for ever."""
    recent = now - timedelta(days=settings.active_request_days)
    return (
        select(Lead.id).where(Lead.contact_id == contact_id, Lead.status == "open", Lead.created_at > recent),
        select(Estimate.id).where(Estimate.contact_id == contact_id, Estimate.status == "open"),
        select(Booking.id).where(Booking.contact_id == contact_id, Booking.status.in_(("requested", "confirmed")),
                                 Booking.window_end > now),
        select(Message.id).where(Message.contact_id == contact_id, Message.direction == "inbound",
                                 Message.created_at > recent),
        select(Call.id).where(Call.contact_id == contact_id, Call.created_at > recent),
    )


def _open_work_checks(settings: Settings, contact_id: int, now: datetime) -> tuple:
    """Work entered for the contact that is not finished: an open estimate, or a booking neither completed
    nor cancelled whose window ended less than ACTIVE_REQUEST_DAYS ago (a late on-my-way still goes)."""
    ended_after = now - timedelta(days=settings.active_request_days)
    return (
        select(Estimate.id).where(Estimate.contact_id == contact_id, Estimate.status == "open"),
        select(Booking.id).where(Booking.contact_id == contact_id, Booking.status.in_(("requested", "confirmed")),
                                 Booking.window_end > ended_after),
    )


def _activity(session: Session, settings: Settings, contact_id: int,
              now: datetime) -> tuple[bool, bool, datetime | None]:
    """(has an active request, has open work, when the contact last called) in one statement: the send gate asks
    for all three. A voicemail belongs to its call, so the last call is what a call_reply answers."""
    last_call = select(func.max(Call.created_at)).where(Call.contact_id == contact_id).scalar_subquery()
    active, open_work, last_call_at = session.execute(select(
        or_(*(exists(check) for check in _active_request_checks(settings, contact_id, now))),
        or_(*(exists(check) for check in _open_work_checks(settings, contact_id, now))),
        last_call)).one()
    return bool(active), bool(open_work), last_call_at


def _address(session: Session, contact_id: int, address_id: int | None) -> WorkAddress | None:
    query = select(WorkAddress).where(WorkAddress.contact_id == contact_id)
    if address_id is not None:
        query = query.where(WorkAddress.id == address_id)
    return session.scalars(query.order_by(WorkAddress.id.desc()).limit(1)).first()


def _sent_history(session: Session, contact_id: int, now: datetime) -> tuple:
    """What the caps count: the sent texts, and those being sent (claimed: they may have left), at their claim."""
    sent_at = func.coalesce(Message.sent_at, Message.claimed_at)
    rows = session.execute(
        select(sent_at, Message.purpose, Message.subject).where(
            Message.contact_id == contact_id, Message.direction == "outbound",
            or_(Message.sent_at.is_not(None), Message.status == SENDING),
            sent_at > now - timedelta(days=HISTORY_DAYS)))
    return tuple((sent_at, purpose, subject) for sent_at, purpose, subject in rows)
