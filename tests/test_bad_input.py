"""Malformed webhooks get a 400 with a one-line reason; nothing is stored, no stack trace."""

import json

import pytest
from sqlalchemy import func, select

from app import create_app
from store.db import session_scope
from store.models import Call, Contact, Message, WebhookReceipt
from tests.support.webhooks import post, sid, signature, twiml


def _nothing_stored(settings) -> bool:
    with session_scope(settings.database_url) as session:
        return all(session.scalar(select(func.count()).select_from(model)) == 0
                   for model in (Contact, Message, WebhookReceipt))


def _assert_clear_400(response, reason: str):
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert reason in text
    assert "\n" not in text.strip() and "Traceback" not in text


@pytest.mark.parametrize("params, reason", [
    ({"MessageSid": "SMx", "Body": "hi"}, "missing From"),
    ({"From": "+13055550100", "Body": "hi"}, "missing MessageSid"),
    ({"MessageSid": "SMx", "From": "hello", "Body": "hi"}, "From is not a phone number"),
    ({"MessageSid": "SMx", "From": "+13055550100", "Body": "x" * 1601}, "longer than 1600"),
])
def test_malformed_sms_is_a_400_naming_the_problem(client, settings, params, reason):
    _assert_clear_400(post(client, "/twilio/sms", params), reason)
    assert _nothing_stored(settings)


def test_body_of_exactly_1600_characters_is_accepted(client):
    assert post(client, "/twilio/sms", {"MessageSid": sid("SM"), "From": "+13055550100",
                                        "Body": "a" * 1600}).status_code == 200


def test_invalid_utf8_is_a_400(client, settings):
    raw = b"MessageSid=SM1&From=%2B13055550100&Body=caf%E9"
    lenient = {"MessageSid": "SM1", "From": "+13055550100", "Body": "caf\ufffd"}
    response = client.post("/twilio/sms", data=raw, content_type="application/x-www-form-urlencoded",
                           headers={"X-Twilio-Signature": signature("http://localhost/twilio/sms", lenient)})
    _assert_clear_400(response, "not valid UTF-8")
    assert _nothing_stored(settings)


def test_json_body_on_a_form_endpoint_is_a_400(client, settings):
    body = json.dumps({"MessageSid": "SM1", "From": "+13055550100", "Body": "hi"})
    response = client.post("/twilio/sms", data=body, content_type="application/json",
                           headers={"X-Twilio-Signature": signature("http://localhost/twilio/sms", {})})
    _assert_clear_400(response, "expected a application/x-www-form-urlencoded body")
    assert _nothing_stored(settings)


def test_missing_call_sid_on_voice_is_a_400(client, settings):
    _assert_clear_400(post(client, "/twilio/voice", {"From": "+13055550100"}), "missing CallSid")
    assert _nothing_stored(settings)


def test_voicemail_for_an_unknown_call_without_from_is_a_400(client, settings):
    response = post(client, "/twilio/voicemail", {"RecordingSid": sid("RE"), "CallSid": sid("CA")})
    _assert_clear_400(response, "CallSid names no call we know")
    assert _nothing_stored(settings)


def test_unknown_path_and_wrong_method_answer_plainly(client):
    assert client.get("/twilio/sms").status_code == 405
    assert client.post("/nowhere").status_code == 404


def test_emoji_and_non_latin_text_work_end_to_end(client, settings):
    text = "¿Pueden venir mañana? 🙏 水漏れ"
    response = post(client, "/twilio/sms", {"MessageSid": sid("SM"), "From": "+13055550100", "Body": text})
    assert response.status_code == 200
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Message.body).where(Message.direction == "inbound")).one() == text


# Signed input that used to reach the database and fail there with a 500 (issue 10, faults 4).
LONG_SID = "SM" + "a" * 70


@pytest.mark.parametrize("path, params, reason", [
    ("/twilio/sms", {"MessageSid": LONG_SID, "From": "+13055550100", "Body": "hi"}, "MessageSid is not a Twilio id"),
    ("/twilio/sms", {"MessageSid": "SM1-2", "From": "+13055550100", "Body": "hi"}, "MessageSid is not a Twilio id"),
    ("/twilio/sms", {"MessageSid": "SMok1", "From": "+13055550100", "Body": "a\x00b"}, "Body contains a NUL"),
    ("/twilio/sms", {"MessageSid": "SMok1", "From": "+13055550100", "Body": "hi", "NumMedia": "²"},
     "NumMedia is not a whole number"),
    ("/twilio/status", {"MessageSid": "SMok1", "MessageStatus": "delivered" * 3}, "MessageStatus is longer than 16"),
    ("/twilio/status", {"MessageSid": "SMok1", "MessageStatus": "failed", "ErrorCode": "3" * 17},
     "ErrorCode is longer than 16"),
    ("/twilio/status", {"MessageSid": LONG_SID, "MessageStatus": "delivered"}, "MessageSid is not a Twilio id"),
    ("/twilio/voice", {"CallSid": "CA" + "1" * 80, "From": "+13055550100"}, "CallSid is not a Twilio id"),
    ("/twilio/voice/dial-status", {"CallSid": "CAok1", "From": "+13055550100", "DialCallStatus": "no-answer" * 2},
     "DialCallStatus is longer than 16"),
    ("/twilio/voicemail", {"RecordingSid": "REok1", "From": "+13055550100", "RecordingDuration": "²"},
     "RecordingDuration is not a whole number"),
    ("/twilio/voicemail", {"RecordingSid": "REok1", "From": "+13055550100", "RecordingDuration": "9" * 20},
     "RecordingDuration is not a whole number"),
    ("/twilio/voicemail/transcription", {"TranscriptionSid": "TR" + "x" * 70, "RecordingSid": "REok1",
                                         "From": "+13055550100", "TranscriptionText": "hi"},
     "TranscriptionSid is not a Twilio id"),
])
def test_signed_input_too_long_or_malformed_for_its_column_is_a_400_naming_the_field(client, settings, path,
                                                                                      params, reason):
    _assert_clear_400(post(client, path, params), reason)
    assert _nothing_stored(settings)


def test_dial_status_before_the_call_itself_is_answered_both_times(client, settings):
    call_sid = sid("CA")
    missed = post(client, "/twilio/voice/dial-status", {"CallSid": call_sid, "From": "+13055550100",
                                                        "DialCallStatus": "no-answer"})
    assert missed.status_code == 200
    call = post(client, "/twilio/voice", {"CallSid": call_sid, "From": "+13055550100"})
    assert call.status_code == 200
    with session_scope(settings.database_url) as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 1


def test_a_duplicate_that_outwaits_the_first_copy_gets_valid_twiml_or_a_503(app, settings):
    """The first copy has claimed the id and not answered yet: never an empty body."""
    client = create_app(settings.with_overrides(duplicate_wait_seconds=0.2)).test_client()
    call_sid, message_sid = sid("CA"), sid("SM")
    with session_scope(settings.database_url) as session:
        session.add_all([WebhookReceipt(kind="voice", key=call_sid), WebhookReceipt(kind="sms", key=message_sid)])
    voice = post(client, "/twilio/voice", {"CallSid": call_sid, "From": "+13055550100"})
    assert voice.status_code == 200
    document = twiml(voice)
    assert document.tag == "Response" and document.find("Redirect").text == "/twilio/voice"
    text = post(client, "/twilio/sms", {"MessageSid": message_sid, "From": "+13055550100", "Body": "hi"})
    assert text.status_code == 503 and text.headers["Retry-After"] == "2"
