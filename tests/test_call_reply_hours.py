"""A missed call is answered at any hour (issue 9, item 6): the text-back and a voicemail's answer reply to
the customer's own call, so within CALL_REPLY_WINDOW_MINUTES (default 15) of it they go at once; only
an older call waits for the allowed hours."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import create_app
from store.db import session_scope
from store.models import GateDecision, Message
from tests.support.webhooks import post, sid

CALLER = "+13055550100"  # Miami
THREE_AM_MIAMI = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
EIGHT_AM_MIAMI = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)


def _missed_call(client) -> str:
    call_sid = sid("CA")
    post(client, "/twilio/voice", {"CallSid": call_sid, "From": CALLER, "CallStatus": "ringing"})
    post(client, "/twilio/voice/dial-status", {"CallSid": call_sid, "From": CALLER, "DialCallStatus": "no-answer"})
    return call_sid


def _replies(settings) -> list[Message]:
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(Message).where(Message.purpose == "call_reply").order_by(Message.id)))


def test_a_missed_call_at_3am_is_texted_back_at_once(client, settings, run_jobs, twilio_http, weekday_morning):
    weekday_morning.move_to(THREE_AM_MIAMI)
    _missed_call(client)
    run_jobs()
    [textback] = twilio_http.sent_messages
    assert "missed your call" in textback["Body"]
    with session_scope(settings.database_url) as session:
        [decision] = session.scalars(select(GateDecision))
    assert decision.action == "allow"
    assert any("answers the customer's own call of 0 minute(s) ago" in reason for reason in decision.reasons)


def test_a_text_back_for_a_call_older_than_the_window_waits_for_8am(client, settings, run_jobs, twilio_http,
                                                                    weekday_morning):
    weekday_morning.move_to(THREE_AM_MIAMI)
    _missed_call(client)
    weekday_morning.move_to(THREE_AM_MIAMI + timedelta(minutes=16))  # the worker was down for a while
    run_jobs()
    assert twilio_http.sent_messages == []
    [textback] = _replies(settings)
    assert textback.status == "deferred" and textback.not_before == EIGHT_AM_MIAMI
    assert "the customer's call is older than 15 minutes" in textback.status_reason


def test_the_window_is_a_setting(settings, run_jobs, twilio_http, weekday_morning):
    import runtime

    changed = settings.with_overrides(call_reply_window_minutes=30)
    runtime.configure(changed)
    client = create_app(changed).test_client()
    weekday_morning.move_to(THREE_AM_MIAMI)
    _missed_call(client)
    weekday_morning.move_to(THREE_AM_MIAMI + timedelta(minutes=20))
    run_jobs()
    assert len(twilio_http.sent_messages) == 1


@pytest.mark.parametrize("delay_minutes, sent_at_once", [(5, True), (40, False)])
def test_a_voicemail_is_answered_at_night_only_while_the_call_is_recent(client, settings, run_jobs, twilio_http,
                                                                         weekday_morning, delay_minutes,
                                                                         sent_at_once):
    weekday_morning.move_to(THREE_AM_MIAMI)
    call_sid = _missed_call(client)
    run_jobs()  # the text-back
    weekday_morning.move_to(THREE_AM_MIAMI + timedelta(minutes=delay_minutes))
    post(client, "/twilio/voicemail/transcription", {
        "CallSid": call_sid, "From": CALLER, "RecordingSid": sid("RE"), "TranscriptionSid": sid("TR"),
        "TranscriptionStatus": "completed", "TranscriptionText": "Hi, my kitchen sink is clogged, call me back"})
    run_jobs()
    answer = _replies(settings)[-1]
    assert answer.job_key.startswith("voicemail-reply:")
    assert (answer.status == "deferred") is not sent_at_once
    to_caller = [text for text in twilio_http.sent_messages if text["To"] == CALLER]
    assert len(to_caller) == (2 if sent_at_once else 1)
