"""The fallback URL: keep what Twilio could not deliver to the main path, and replay it later.

Twilio calls the fallback URL when the main webhook fails (an error, a timeout, bad TwiML). The
request is stored raw (one row per Twilio SID, so Twilio's retries store it once), the caller gets
a short apology, and a job replays it through the normal path after
`FALLBACK_REPLAY_DELAY_SECONDS`: a text is classified, recorded and answered (by REST, since its
TwiML moment has passed); a call becomes a missed call with its text-back. The replay claims the
same webhook receipt as the main path, so a request that did get through once is not handled twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

from classifiers.keywords import whole_message_keyword
from compliance import ledger
from config import Settings
from intake import sms as inbound
from intake.calls import call_missed, receive_call
from jobs.queue import dispatch, schedule
from phones import InvalidPhoneNumber, to_e164
from responder import wording
from store.db import session_scope
from store.models import FallbackRequest, utcnow
from store.receipts import Outcome, answer_once
from store.upsert import insert_ignoring_conflict

REPLAY_JOB = "jobs.fallback.replay_request"


class Unreadable(ValueError):
    """Neither a message nor a call: nothing to replay."""


def keep(session: Session, settings: Settings, form: Mapping[str, str]) -> tuple[str, list[int]]:
    """Store the request (once per SID) and queue its replay; returns the TwiML apology."""
    message_sid = (form.get("MessageSid") or form.get("SmsSid") or "").strip()
    call_sid = (form.get("CallSid") or "").strip()
    if not (message_sid or call_sid):
        raise Unreadable("missing MessageSid or CallSid")
    kind, sid = ("sms", message_sid) if message_sid else ("voice", call_sid)
    request_id = insert_ignoring_conflict(session, FallbackRequest, {
        "kind": kind, "sid": sid[:64], "params": dict(form), "error_code": (form.get("ErrorCode") or None),
        "error_url": form.get("ErrorUrl") or None, "received_at": utcnow()})
    job_ids = []
    if request_id is not None:
        run_at = utcnow() + timedelta(seconds=settings.fallback_replay_delay_seconds)
        job_ids.append(schedule(session, REPLAY_JOB, run_at=run_at, dedupe_key=f"replay-fallback:{request_id}",
                                request_id=request_id))
    return _apology(settings, kind, form), job_ids


def replay(settings: Settings, request_id: int) -> str:
    """Run one stored request through the normal path; raises (for RQ to retry) when that path still fails."""
    with session_scope(settings.database_url) as session:
        row = session.get(FallbackRequest, request_id)
        if row is None:
            return "missing"
        if row.replayed_at is not None:
            return row.result or "already replayed"
        kind, params = row.kind, dict(row.params)
    try:
        outcome = _replay_sms(settings, params) if kind == "sms" else _replay_call(settings, params)
        result = "the main path had already handled it" if outcome.duplicate else "replayed"
    except (inbound.BadForm, Unreadable) as error:
        outcome, result = None, f"not replayable: {error}"
    with session_scope(settings.database_url) as session:
        row = session.get(FallbackRequest, request_id)
        row.replayed_at, row.result = utcnow(), result
    if outcome is not None and not outcome.duplicate:
        dispatch(settings, outcome.job_ids)
    return result


def pending(settings: Settings) -> list[int]:
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(FallbackRequest.id).where(FallbackRequest.replayed_at.is_(None))
                                    .order_by(FallbackRequest.id)))


def _replay_sms(settings: Settings, params: dict) -> Outcome:
    sms = inbound.parse(params)
    return answer_once(settings.database_url, "sms", sms.sid,
                       lambda session: inbound.answer(session, settings, sms, by_rest=True),
                       wait_seconds=settings.duplicate_wait_seconds)


def _replay_call(settings: Settings, params: dict) -> Outcome:
    call_sid = params["CallSid"]
    try:
        phone = to_e164(params.get("From") or "")
    except InvalidPhoneNumber:
        raise Unreadable("From is not a phone number") from None

    def work(session: Session) -> Outcome:
        contact = ledger.contact_for(session, phone)
        receive_call(session, contact, call_sid)
        return Outcome(str(VoiceResponse()), [call_missed(session, settings, contact, call_sid, "fallback")])

    return answer_once(settings.database_url, "voice", call_sid, work, wait_seconds=settings.duplicate_wait_seconds)


def _apology(settings: Settings, kind: str, form: Mapping[str, str]) -> str:
    if kind == "voice":
        answer = VoiceResponse()
        answer.say(wording.say("fallback_call"))
        answer.hangup()
        return str(answer)
    answer = MessagingResponse()
    if whole_message_keyword(form.get("Body") or "") is None:  # never answer STOP with an apology
        answer.message(wording.say("fallback_text", business=settings.business_name))
    return str(answer)
