"""POST /twilio/voicemail and /twilio/voicemail/transcription: keep the recording, answer its text."""

from flask import Blueprint, abort, current_app
from sqlalchemy import select
from twilio.twiml.voice_response import VoiceResponse

from compliance import ledger
from compliance.purposes import CALL_REPLY, CONVERSATIONAL
from delivery.outbound import new_outbound
from handlers.once import process_once
from handlers.twilio_request import (
    optional,
    sid_field,
    text_body,
    twilio_webhook,
    twiml,
    whole_number,
)
from intake.calls import store_recording
from intake.texts import receive_text
from jobs.queue import DELIVER_JOB, schedule
from phones import InvalidPhoneNumber, to_e164
from responder import wording
from store.limits import URL_MAX_CHARACTERS
from store.models import Call, Contact
from store.receipts import Outcome
from twilio_account.media import keep_recording

bp = Blueprint("voicemail", __name__)


@bp.post("/twilio/voicemail")
@twilio_webhook
def recording():
    recording_sid = sid_field("RecordingSid")
    call_sid = sid_field("CallSid", required=False)
    duration = whole_number("RecordingDuration", max_digits=5)
    recording_url = optional("RecordingUrl", max_length=URL_MAX_CHARACTERS)

    def work(session) -> Outcome:
        contact = _caller(session, call_sid)
        voicemail = store_recording(session, contact, recording_sid=recording_sid, call_sid=call_sid,
                                    recording_url=recording_url, duration_seconds=duration)
        answer = VoiceResponse()
        answer.say(wording.say("voicemail_thanks"))
        answer.hangup()
        return Outcome(str(answer), [keep_recording(session, voicemail)])

    return twiml(process_once("recording", recording_sid, work))


@bp.post("/twilio/voicemail/transcription")
@twilio_webhook
def transcription():
    transcription_sid = sid_field("TranscriptionSid")
    recording_sid = sid_field("RecordingSid")
    call_sid = sid_field("CallSid", required=False)
    recording_url = optional("RecordingUrl", max_length=URL_MAX_CHARACTERS)
    text = text_body("TranscriptionText").strip()
    completed = (optional("TranscriptionStatus") or "completed") == "completed"
    settings = current_app.config["SETTINGS"]

    def work(session) -> Outcome:
        contact = _caller(session, call_sid)
        voicemail = store_recording(session, contact, recording_sid=recording_sid, call_sid=call_sid,
                                    recording_url=recording_url, duration_seconds=None)
        voicemail.transcription_sid = transcription_sid
        voicemail.transcription_text = text
        fetch_job = keep_recording(session, voicemail)
        if not (completed and text):
            return Outcome(str(VoiceResponse()), [fetch_job])
        handled = receive_text(session, settings, contact, text, channel="voicemail",
                               source_sid=transcription_sid)
        job_ids = [fetch_job, *handled.job_ids]
        if handled.reply:
            # An answer to the caller's voicemail: conversational only while the call is recent.
            purpose = CALL_REPLY if handled.reply_purpose == CONVERSATIONAL else handled.reply_purpose
            reply = new_outbound(session, contact, handled.reply, purpose=purpose,
                                 job_key=f"voicemail-reply:{transcription_sid}")
            job_ids.append(schedule(session, DELIVER_JOB, message_id=reply.id))
        return Outcome(str(VoiceResponse()), job_ids)

    return twiml(process_once("transcription", transcription_sid, work))


def _caller(session, call_sid: str | None) -> Contact:
    """The caller: From when Twilio sends it (Record action), else the call we stored."""
    raw_from = optional("From")
    if raw_from:
        try:
            return ledger.contact_for(session, to_e164(raw_from))
        except InvalidPhoneNumber:
            abort(400, "From is not a phone number")
    call = session.scalars(select(Call).where(Call.call_sid == call_sid)).one_or_none() if call_sid else None
    if call is None:
        abort(400, "missing From, and CallSid names no call we know")
    return session.get(Contact, call.contact_id)
