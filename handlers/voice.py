"""POST /twilio/voice and /twilio/voice/dial-status: ring the staff phone, else take a voicemail."""

from flask import Blueprint, current_app, url_for
from twilio.twiml.voice_response import VoiceResponse

from compliance import ledger
from handlers.once import process_once
from handlers.twilio_request import field, phone_field, sid_field, twilio_webhook, twiml
from intake.calls import MISSED_DIAL_STATUSES, call_missed, receive_call
from responder import wording
from store.limits import STATUS_MAX_CHARACTERS
from store.receipts import Outcome

bp = Blueprint("voice", __name__)
VOICEMAIL_MAX_SECONDS = 120
SPOKEN_LANGUAGES = {"en": "en-US", "es": "es-MX"}  # wording language -> the <Say> language Twilio speaks it in


@bp.post("/twilio/voice")
@twilio_webhook
def incoming_call():
    call_sid = sid_field("CallSid")
    phone = phone_field("From")
    settings = current_app.config["SETTINGS"]

    def work(session) -> Outcome:
        contact = ledger.contact_for(session, phone)
        receive_call(session, contact, call_sid)
        if settings.staff_forward_number:
            answer = VoiceResponse()
            dial = answer.dial(timeout=settings.dial_timeout_seconds, action=url_for("voice.dial_status"))
            dial.number(settings.staff_forward_number)
            return Outcome(str(answer))
        job_id = call_missed(session, settings, contact, call_sid, "no-staff-number")
        return Outcome(voicemail_prompt(contact.language), [job_id])

    return twiml(process_once("voice", call_sid, work, pending_answer=come_back("voice.incoming_call")))


@bp.post("/twilio/voice/dial-status")
@twilio_webhook
def dial_status():
    call_sid = sid_field("CallSid")
    phone = phone_field("From")
    status = field("DialCallStatus", max_length=STATUS_MAX_CHARACTERS)
    settings = current_app.config["SETTINGS"]

    def work(session) -> Outcome:
        if status not in MISSED_DIAL_STATUSES:
            answer = VoiceResponse()
            answer.hangup()
            return Outcome(str(answer))
        contact = ledger.contact_for(session, phone)
        job_id = call_missed(session, settings, contact, call_sid, status)
        return Outcome(voicemail_prompt(contact.language), [job_id])

    return twiml(process_once("dial_status", call_sid, work, pending_answer=come_back("voice.dial_status")))


def come_back(endpoint: str) -> str:
    """For a duplicate whose first copy is still working: pause, then ask again (valid TwiML)."""
    answer = VoiceResponse()
    answer.pause(length=1)
    answer.redirect(url_for(endpoint), method="POST")
    return str(answer)


def voicemail_prompt(language: str | None) -> str:
    """Record a voicemail after a prompt spoken in the caller's language (Twilio's voice for it)."""
    answer = VoiceResponse()
    with wording.speaking(language) as spoken:
        answer.say(wording.say("voicemail_prompt"), language=SPOKEN_LANGUAGES[spoken])
    answer.record(action=url_for("voicemail.recording"), method="POST", max_length=VOICEMAIL_MAX_SECONDS,
                  transcribe=True, transcribe_callback=url_for("voicemail.transcription"))
    return str(answer)
