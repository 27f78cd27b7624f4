"""Malformed webhooks get a 400 with a one-line reason; nothing is stored, no stack trace."""

import json

import pytest
from sqlalchemy import func, select

from store.db import session_scope
from store.models import Contact, Message, WebhookReceipt
from tests.support.webhooks import post, sid, signature


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
