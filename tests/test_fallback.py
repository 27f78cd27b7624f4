"""/twilio/fallback keeps what the main path could not take, apologises, and a replay runs it
through the normal path once (the webhook receipt it shares with the main path sees to that)."""

import pytest
from sqlalchemy import select

import runtime
from store.db import session_scope
from store.models import Call, FallbackRequest, Message, QueuedJob
from tests.support.webhooks import post, replies, sid, sms, twiml
from twilio_account import fallback

CUSTOMER = "+13055550100"


@pytest.fixture
def settings(settings):
    immediate = settings.with_overrides(fallback_replay_delay_seconds=0)
    runtime.configure(immediate)
    return immediate


def _text(message_sid, body="do you fix garbage disposals?"):
    return {"MessageSid": message_sid, "From": CUSTOMER, "To": "+13055550199", "Body": body,
            "ErrorCode": "11200", "ErrorUrl": "https://desk.example.com/twilio/sms"}


def _stored(settings):
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(FallbackRequest).order_by(FallbackRequest.id)))


def test_a_text_is_stored_raw_once_and_answered_with_an_apology(client, settings):
    message_sid = sid("SM")
    first = post(client, "/twilio/fallback", _text(message_sid))
    again = post(client, "/twilio/fallback", _text(message_sid))
    assert replies(first) == replies(again) and "sorry" in replies(first)[0].lower()
    (row,) = _stored(settings)
    assert (row.kind, row.sid, row.error_code) == ("sms", message_sid, "11200")
    assert row.params["Body"] == "do you fix garbage disposals?" and row.replayed_at is None


def test_the_fallback_checks_the_signature(client):
    response = client.post("/twilio/fallback", data=_text(sid("SM")), headers={"X-Twilio-Signature": "forged"})
    assert response.status_code == 403


def test_stop_through_the_fallback_gets_no_apology(client, settings):
    assert replies(post(client, "/twilio/fallback", _text(sid("SM"), "STOP"))) == []


def test_a_replay_job_handles_the_text_and_answers_it_by_rest(client, settings, run_jobs, twilio_http):
    message_sid = sid("SM")
    post(client, "/twilio/fallback", _text(message_sid, "are you open saturday?"))
    run_jobs()
    (row,) = _stored(settings)
    assert row.result == "replayed" and row.replayed_at is not None
    with session_scope(settings.database_url) as session:
        inbound = session.scalars(select(Message).where(Message.twilio_sid == message_sid)).one()
    assert inbound.direction == "inbound" and inbound.body == "are you open saturday?"
    answers = [message for message in twilio_http.sent_messages if message["To"] == CUSTOMER]
    assert len(answers) == 1 and answers[0]["Body"]


def test_a_text_the_main_path_already_handled_is_not_handled_twice(client, settings, run_jobs, twilio_http):
    message_sid = sid("SM")
    assert sms(client, "are you open saturday?", phone=CUSTOMER, message_sid=message_sid).status_code == 200
    post(client, "/twilio/fallback", _text(message_sid, "are you open saturday?"))
    run_jobs()
    (row,) = _stored(settings)
    assert row.result == "the main path had already handled it"
    with session_scope(settings.database_url) as session:
        assert len(list(session.scalars(select(Message).where(Message.twilio_sid == message_sid)))) == 1
    assert [message for message in twilio_http.sent_messages if message["To"] == CUSTOMER] == []


def test_a_call_through_the_fallback_apologises_and_replays_as_a_missed_call(client, settings, run_jobs,
                                                                              twilio_http):
    call_sid = sid("CA")
    answer = post(client, "/twilio/fallback", {"CallSid": call_sid, "From": CUSTOMER, "CallStatus": "ringing",
                                               "ErrorCode": "11205"})
    assert twiml(answer).find("Say") is not None
    run_jobs()
    with session_scope(settings.database_url) as session:
        call = session.scalars(select(Call).where(Call.call_sid == call_sid)).one()
    assert call.missed and call.dial_status == "fallback"
    texts = [message["Body"] for message in twilio_http.sent_messages if message["To"] == CUSTOMER]
    assert len(texts) == 1 and "missed your call" in texts[0]


def test_flask_twilio_replay_replays_what_no_job_did(client, settings, app, twilio_http):
    message_sid = sid("SM")
    post(client, "/twilio/fallback", _text(message_sid, "are you open saturday?"))  # Redis took the job, never ran
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(QueuedJob).where(QueuedJob.func == fallback.REPLAY_JOB)).one()
    result = app.test_cli_runner().invoke(args=["twilio", "replay"])
    assert result.exit_code == 0 and "replayed" in result.output
    assert _stored(settings)[0].replayed_at is not None
    assert app.test_cli_runner().invoke(args=["twilio", "replay"]).output == ""  # nothing left
