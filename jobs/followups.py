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
SKIPPED = "skipped"  # a follow-up whose moment is gone: stored with the reason, never sent


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
        message_id = _message(session, contact_id, body, purposes.CALL_REPLY,
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
        message_id = _message(session, booking.contact_id, body, purposes.POST_JOB_CHECKIN, f"post-job:{booking_id}",
                              "post_job_checkin", address_id=booking.address_id)
    return deliver(message_id)


def quote_followup(estimate_id: int, step: int) -> str:
    """Follow up an open estimate once for `step`, unless its moment is gone (see `_stale_followup`)."""
    settings = runtime.settings()
    with session_scope(settings.database_url) as session:
        estimate = session.get(Estimate, estimate_id)
        if estimate is None or estimate.status != "open":
            return "the estimate is no longer open"
        if estimate.booking_id is not None:
            return "the estimate has a booking"
        if _replied_since(session, estimate.contact_id, estimate.sent_at):
            return "the customer replied since the quote was sent"
        job_key = f"quote-followup:{estimate_id}:{step}"
        message_id = session.scalars(select(Message.id).where(Message.job_key == job_key)).one_or_none()
        if message_id is None:  # not written by an earlier run of this job
            message_id = _new_quote_followup(session, settings, estimate, step, job_key)
        if message_id is None:
            return SKIPPED
    return deliver(message_id)


def _new_quote_followup(session: Session, settings: Settings, estimate: Estimate, step: int,
                        job_key: str) -> int | None:
    """Write the follow-up; None when it is skipped (recorded with the reason instead)."""
    lang = _language(session, estimate.contact_id)
    portal = wording.say("quote_followup_portal", lang=lang, url=estimate.portal_url) if estimate.portal_url else ""
    body = wording.say("quote_followup", lang=lang, business=settings.business_name, number=estimate.number,
                       portal=portal)
    subject, now = f"estimate:{estimate.number}", utcnow()
    stale = _stale_followup(settings, estimate, step, now)
    if stale:
        _skipped(session, estimate.contact_id, body, job_key, subject, stale)
        return None
    # One follow-up of an estimate a day (the business's day), whichever step: the daily key is unique.
    today = now.astimezone(ZoneInfo(settings.business_time_zone)).date().isoformat()
    message_id = _message(session, estimate.contact_id, body, purposes.QUOTE_FOLLOWUP, job_key, subject,
                          daily_key=f"quote-followup:{estimate.id}:{today}")
    if message_id is None:
        _skipped(session, estimate.contact_id, body, job_key, subject,
                 f"a follow-up of estimate #{estimate.number} was already written today ({today})")
    return message_id


def _stale_followup(settings: Settings, estimate: Estimate, step: int, now: datetime) -> str | None:
    """Why this step must not go any more: the estimate is too old, or the step's moment passed too long ago."""
    age = now - estimate.sent_at
    if age > timedelta(days=settings.quote_followup_max_age_days):
        return (f"estimate #{estimate.number} was sent {age.days} days ago, more than "
                f"QUOTE_FOLLOWUP_MAX_AGE_DAYS ({settings.quote_followup_max_age_days}): no follow-up")
    if not 1 <= step <= len(settings.quote_followup_days):
        return f"QUOTE_FOLLOWUP_DAYS has no step {step} any more"
    due = estimate.sent_at + timedelta(days=settings.quote_followup_days[step - 1])
    late = now - due
    if late > timedelta(days=settings.quote_followup_grace_days):
        return (f"follow-up {step} of estimate #{estimate.number} was due {due:%Y-%m-%d %H:%M} UTC, "
                f"{late.days} day(s) ago, beyond the {settings.quote_followup_grace_days}-day grace: skipped")
    return None


def _skipped(session: Session, contact_id: int, body: str, job_key: str, subject: str, reason: str) -> None:
    """Record a quote follow-up that will not go, with the reason, under its job key (a rerun finds it)."""
    insert_ignoring_conflict(session, Message, {
        "contact_id": contact_id, "direction": "outbound", "channel": "sms", "body": body,
        "purpose": purposes.QUOTE_FOLLOWUP, "subject": subject, "status": SKIPPED, "status_reason": reason,
        "job_key": job_key, "attempts": 0, "created_at": utcnow()})


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
                              f"{template}:{booking_id}:{window_start}", f"booking:{booking_id}",
                              address_id=booking.address_id)
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


def _message(session: Session, contact_id: int, body: str, purpose: str, job_key: str, subject: str, *,
             address_id: int | None = None, daily_key: str | None = None) -> int | None:
    """The message for this job key: written once, so a job run twice sends it once.

    `address_id` is the work address the message is about (the booking's): the gate reads its zone and
    after-sales care instead of the contact's newest address. None when another message already holds
    `daily_key`.
    """
    insert_ignoring_conflict(session, Message, {
        "contact_id": contact_id, "direction": "outbound", "channel": "sms", "body": body, "purpose": purpose,
        "subject": subject, "status": outbound.PENDING, "job_key": job_key, "attempts": 0, "created_at": utcnow(),
        "address_id": address_id, "daily_key": daily_key})
    return session.scalars(select(Message.id).where(Message.job_key == job_key)).one_or_none()


def _replied_since(session: Session, contact_id: int, since: datetime) -> bool:
    return session.scalar(select(exists(select(Message.id).where(
        Message.contact_id == contact_id, Message.direction == "inbound", Message.created_at > since))))


