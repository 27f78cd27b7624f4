"""Calls ring the staff phone; a missed call records evidence, takes a voicemail and texts back once."""

from sqlalchemy import select

from app import create_app
from store.db import session_scope
from store.models import ConsentEvent, Message, QueuedJob, Voicemail
from tests.conftest import BUSINESS_NAME
from tests.support.webhooks import post, sid, twiml

CALLER = "+13055550100"


def _call(client, call_sid):
    return post(client, "/twilio/voice", {"CallSid": call_sid, "From": CALLER, "CallStatus": "ringing"})


def _dial_result(client, call_sid, status):
    return post(client, "/twilio/voice/dial-status", {"CallSid": call_sid, "From": CALLER, "DialCallStatus": status})


def test_call_is_forwarded_to_staff_with_the_timeout(client, settings):
    document = twiml(_call(client, sid("CA")))
    dial = document.find("Dial")
    assert dial.get("timeout") == str(settings.dial_timeout_seconds)
    assert dial.get("action") == "/twilio/voice/dial-status"
    assert dial.find("Number").text == settings.staff_forward_number


def test_without_a_staff_number_the_call_goes_straight_to_voicemail(settings, run_jobs, twilio_http):
    client = create_app(settings.with_overrides(staff_forward_number=None)).test_client()
    document = twiml(_call(client, sid("CA")))
    assert document.find("Dial") is None
    record = document.find("Record")
    assert record.get("action") == "/twilio/voicemail"
    assert record.get("transcribeCallback") == "/twilio/voicemail/transcription"
    run_jobs()
    assert len(twilio_http.sent_messages) == 1


def test_missed_call_records_evidence_prompts_for_voicemail_and_texts_back(client, settings, run_jobs, twilio_http):
    call_sid = sid("CA")
    _call(client, call_sid)
    document = twiml(_dial_result(client, call_sid, "no-answer"))
    assert document.find("Say") is not None and document.find("Record") is not None
    with session_scope(settings.database_url) as session:
        sources = [event.source for event in session.scalars(select(ConsentEvent))]
    assert sources == ["call", "missed_call"]
    run_jobs()
    [sent] = twilio_http.sent_messages
    assert sent["To"] == CALLER and sent["From"] == settings.twilio_number
    assert BUSINESS_NAME in sent["Body"] and "missed your call" in sent["Body"]


def test_answered_call_hangs_up_and_texts_nothing(client, settings, run_jobs, twilio_http):
    call_sid = sid("CA")
    _call(client, call_sid)
    assert twiml(_dial_result(client, call_sid, "completed")).find("Hangup") is not None
    run_jobs()
    assert twilio_http.sent_messages == []


def test_missed_calls_within_the_window_get_one_text_back(client, settings, run_jobs, twilio_http):
    for status in ("busy", "no-answer", "failed"):
        call_sid = sid("CA")
        _call(client, call_sid)
        _dial_result(client, call_sid, status)
        run_jobs()
    assert len(twilio_http.sent_messages) == 1


def test_text_back_is_not_sent_after_the_caller_opts_out(client, settings, run_jobs, twilio_http):
    call_sid = sid("CA")
    _call(client, call_sid)
    _dial_result(client, call_sid, "no-answer")
    post(client, "/twilio/sms", {"MessageSid": sid("SM"), "From": CALLER, "Body": "STOP"})
    run_jobs()
    assert twilio_http.sent_messages == []
    with session_scope(settings.database_url) as session:
        textback = session.scalars(select(Message).where(Message.purpose == "call_reply")).one()
        job = session.scalars(select(QueuedJob)).one()
    assert textback.status == "refused" and "opted out" in textback.status_reason
    assert job.finished_at is not None


def test_voicemail_is_stored_and_its_transcription_answered_by_the_sender(client, settings, run_jobs, twilio_http):
    call_sid, recording_sid = sid("CA"), sid("RE")
    _call(client, call_sid)
    _dial_result(client, call_sid, "no-answer")
    recording = {"CallSid": call_sid, "From": CALLER, "RecordingSid": recording_sid,
                 "RecordingUrl": "https://api.twilio.com/rec/RE1", "RecordingDuration": "12"}
    assert twiml(post(client, "/twilio/voicemail", recording)).find("Hangup") is not None
    transcription = post(client, "/twilio/voicemail/transcription", {
        "CallSid": call_sid, "RecordingSid": recording_sid, "TranscriptionSid": sid("TR"),
        "TranscriptionStatus": "completed", "TranscriptionText": "Hi, my kitchen sink is clogged, call me back"})
    assert list(twiml(transcription)) == []
    with session_scope(settings.database_url) as session:
        voicemail = session.scalars(select(Voicemail)).one()
        inbound = session.scalars(select(Message).where(Message.channel == "voicemail")).one()
        kinds = [event.kind for event in session.scalars(select(ConsentEvent).order_by(ConsentEvent.id))]
    assert voicemail.duration_seconds == 12 and "clogged" in voicemail.transcription_text
    assert inbound.body == voicemail.transcription_text and inbound.intent is not None
    assert kinds[-1] == "implied_inquiry"
    run_jobs()
    bodies = [message["Body"] for message in twilio_http.sent_messages if message["To"] == CALLER]
    assert len(bodies) == 2 and any("missed your call" in body for body in bodies)
    assert any("clogged" not in body and "missed your call" not in body for body in bodies)


def test_recording_status_callback_without_from_finds_the_caller_by_call(client, settings):
    call_sid, recording_sid = sid("CA"), sid("RE")
    _call(client, call_sid)
    response = post(client, "/twilio/voicemail", {"CallSid": call_sid, "RecordingSid": recording_sid,
                                                  "RecordingStatus": "completed"})
    assert response.status_code == 200
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Voicemail.recording_sid)).one() == recording_sid


def test_voicemail_stop_is_an_opt_out_like_a_text(client, settings, run_jobs, twilio_http):
    call_sid, recording_sid = sid("CA"), sid("RE")
    _call(client, call_sid)
    post(client, "/twilio/voicemail/transcription", {
        "CallSid": call_sid, "From": CALLER, "RecordingSid": recording_sid, "TranscriptionSid": sid("TR"),
        "TranscriptionStatus": "completed", "TranscriptionText": "Stop calling and texting me."})
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(ConsentEvent.kind).order_by(ConsentEvent.id.desc())).first() == "opt_out"
    run_jobs()
    [confirmation] = twilio_http.sent_messages
    assert BUSINESS_NAME in confirmation["Body"]


def test_a_spanish_speaking_caller_hears_the_voicemail_prompt_in_spanish(client, settings):
    post(client, "/twilio/sms", {"MessageSid": sid("SM"), "From": CALLER, "Body": "Hola, ¿tienen espacio el sábado?"})
    call_sid = sid("CA")
    _call(client, call_sid)
    prompt = twiml(_dial_result(client, call_sid, "no-answer")).find("Say")
    assert prompt.get("language") == "es-MX" and prompt.text.startswith("Disculpe, no pudimos contestar")


def test_a_new_caller_hears_the_voicemail_prompt_in_english(client):
    call_sid = sid("CA")
    _call(client, call_sid)
    prompt = twiml(_dial_result(client, call_sid, "no-answer")).find("Say")
    assert prompt.get("language") == "en-US" and prompt.text.startswith("Sorry we couldn't get to the phone")
