"""Inbound calls, missed calls and voicemail recordings: evidence, and the missed-call text-back."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from compliance import ledger
from config import Settings
from jobs.queue import schedule
from store.models import Call, Contact, Voicemail, utcnow
from store.upsert import insert_ignoring_conflict

MISSED_DIAL_STATUSES = {"no-answer", "busy", "failed", "canceled"}
TEXTBACK_JOB = "jobs.followups.missed_call_textback"


def receive_call(session: Session, contact: Contact, call_sid: str) -> Call:
    call = _call(session, contact, call_sid)
    # A call is an inquiry (seed 000: "inbound SMS, missed calls and voicemail"), whatever is said.
    ledger.record(session, contact, "implied_inquiry", source="call", channel="call",
                  sid=call_sid, snippet="(inbound call)")
    return call


def call_missed(session: Session, settings: Settings, contact: Contact, call_sid: str,
                dial_status: str) -> int | None:
    """Record a missed call and queue the text-back; returns the queued job's id, if one was queued."""
    call = _call(session, contact, call_sid)
    call.dial_status = dial_status
    call.missed = True
    ledger.record(session, contact, "implied_inquiry", source="missed_call", channel="call",
                  sid=call_sid, snippet=f"(missed call: {dial_status})")
    window = timedelta(minutes=settings.missed_call_textback_window_minutes)
    bucket = int(utcnow().timestamp() // window.total_seconds())
    # The bucket key stops concurrent duplicates; the job itself checks the sliding window.
    return schedule(session, TEXTBACK_JOB, dedupe_key=f"missed-call-textback:{contact.id}:{bucket}",
                    contact_id=contact.id, call_sid=call_sid)


def _call(session: Session, contact: Contact, call_sid: str) -> Call:
    """The call with this sid, inserted once: the dial status may arrive before the call's own webhook."""
    insert_ignoring_conflict(session, Call, {"call_sid": call_sid, "contact_id": contact.id, "missed": False,
                                             "created_at": utcnow()})
    return session.scalars(select(Call).where(Call.call_sid == call_sid)).one()


def store_recording(session: Session, contact: Contact, *, recording_sid: str, call_sid: str | None,
                    recording_url: str | None, duration_seconds: int | None) -> Voicemail:
    # The recording and its transcription may arrive at once: insert once, then update.
    insert_ignoring_conflict(session, Voicemail, {"recording_sid": recording_sid, "contact_id": contact.id,
                                                  "created_at": utcnow()})
    voicemail = session.scalars(select(Voicemail).where(Voicemail.recording_sid == recording_sid)).one()
    # The Record action, the recording status callback and the transcription each know part of it.
    voicemail.call_sid = call_sid or voicemail.call_sid
    voicemail.recording_url = recording_url or voicemail.recording_url
    if duration_seconds is not None:
        voicemail.duration_seconds = duration_seconds
    session.flush()
    return voicemail
