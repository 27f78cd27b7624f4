"""Follow-up jobs. Each re-reads the database when it runs, writes its message, and sends it
through the gate; what changed since it was queued (a sale, a reschedule, a reply) stops it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

import runtime
from compliance import purposes
from config import Settings
from delivery import outbound
from jobs.send import deliver
from responder import wording
from responder.availability import Slot, describe_slot
from responder.zones import job_zone
from store.db import session_scope
from store.models import Booking, Contact, Estimate, Message, WorkAddress, utcnow
from store.upsert import insert_ignoring_conflict

TEXTBACK_SUBJECT = "missed_call_textback"


def missed_call_textback(contact_id: int, call_sid: str) -> str:
    settings = runtime.settings()
    window = timedelta(minutes=settings.missed_call_textback_window_minutes)
    with session_scope(settings.database_url) as session:
        recent = session.scalar(select(Message.id).where(
            Message.contact_id == contact_id, Message.subject == TEXTBACK_SUBJECT,
            Message.job_key != f"missed-call-textback:{call_sid}",
            Message.status.not_in(("refused", "failed")), Message.created_at > utcnow() - window))
        if recent is not None:
            return "already texted back within the window"
        body = wording.say(TEXTBACK_SUBJECT, lang=_language(session, contact_id), business=settings.business_name)
        message_id = _message(session, contact_id, body, purposes.SERVICE_FOLLOWUP,
                              f"missed-call-textback:{call_sid}", TEXTBACK_SUBJECT)
    return deliver(message_id)


def booking_confirmation(booking_id: int, window_start: str) -> str:
    return _about_booking(booking_id, window_start, "booking_confirmation", purposes.BOOKING_CONFIRMATION)


def booking_reminder(booking_id: int, window_start: str) -> str:
    return _about_booking(booking_id, window_start, "booking_reminder", purposes.BOOKING_REMINDER)


def post_job_checkin(booking_id: int) -> str:
    settings = runtime.settings()
    with session_scope(settings.database_url) as session:
        booking = session.get(Booking, booking_id)
        if booking is None or booking.status != "completed":
            return "the booking is not completed"
        body = wording.say("post_job_checkin", lang=_language(session, booking.contact_id),
                           business=settings.business_name)
        message_id = _message(session, booking.contact_id, body, purposes.POST_JOB, f"post-job:{booking_id}",
                              "post_job_checkin")
    return deliver(message_id)


def quote_followup(estimate_id: int, step: int) -> str:
    settings = runtime.settings()
    with session_scope(settings.database_url) as session:
        estimate = session.get(Estimate, estimate_id)
        if estimate is None or estimate.status != "open":
            return "the estimate is no longer open"
        if estimate.booking_id is not None:
            return "the estimate has a booking"
        if _replied_since(session, estimate.contact_id, estimate.sent_at):
            return "the customer replied since the quote was sent"
        lang = _language(session, estimate.contact_id)
        portal = wording.say("quote_followup_portal", lang=lang, url=estimate.portal_url) if estimate.portal_url else ""
        body = wording.say("quote_followup", lang=lang, business=settings.business_name, number=estimate.number,
                           portal=portal)
        message_id = _message(session, estimate.contact_id, body, purposes.QUOTE_FOLLOWUP,
                              f"quote-followup:{estimate_id}:{step}", f"estimate:{estimate.number}")
    return deliver(message_id)


def _about_booking(booking_id: int, window_start: str, template: str, purpose: str) -> str:
    settings = runtime.settings()
    with session_scope(settings.database_url) as session:
        booking = session.get(Booking, booking_id)
        if booking is None or booking.status != "confirmed":
            return "the booking is not confirmed"
        if booking.window_start != datetime.fromisoformat(window_start):
            return "the booking was moved; the new window has its own message"
        window = _window_text(session, settings, booking)
        body = wording.say(template, lang=_language(session, booking.contact_id), business=settings.business_name,
                           window=window)
        message_id = _message(session, booking.contact_id, body, purpose,
                              f"{template}:{booking_id}:{window_start}", f"booking:{booking_id}")
    return deliver(message_id)


def _window_text(session: Session, settings: Settings, booking: Booking) -> str:
    """The visit's window in the job's zone (named when it is not the business's); see responder.zones."""
    business_zone = ZoneInfo(settings.business_time_zone)
    slot = Slot(booking.window_start.astimezone(business_zone), booking.window_end.astimezone(business_zone))
    contact = session.get(Contact, booking.contact_id)
    address = (session.get(WorkAddress, booking.address_id) if booking.address_id
               else contact.addresses[-1] if contact.addresses else None)
    return describe_slot(slot, job_zone(contact.phone, address, business_zone), utcnow())


def _language(session: Session, contact_id: int) -> str:
    """The wording language of the contact the text goes to (English until they write in another)."""
    contact = session.get(Contact, contact_id)
    return wording.language_of(contact.language if contact else None)


def _message(session: Session, contact_id: int, body: str, purpose: str, job_key: str, subject: str) -> int:
    """The message for this job key: written once, so a job run twice sends it once."""
    insert_ignoring_conflict(session, Message, {
        "contact_id": contact_id, "direction": "outbound", "channel": "sms", "body": body, "purpose": purpose,
        "subject": subject, "status": outbound.PENDING, "job_key": job_key, "attempts": 0, "created_at": utcnow()})
    return session.scalars(select(Message.id).where(Message.job_key == job_key)).one()


def _replied_since(session: Session, contact_id: int, since: datetime) -> bool:
    return session.scalar(select(exists(select(Message.id).where(
        Message.contact_id == contact_id, Message.direction == "inbound", Message.created_at > since))))


