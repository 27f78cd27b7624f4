"""Staff replies reach the right customer; access codes and phone numbers stay inside the service.

Signed webhooks from customers and staff phones, the staff API with its token, real jobs and the
recording Twilio client. The business is the example profile (staff +16175550144 and +16175550145).
"""

import logging
import runpy
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from store.db import session_scope
from store.models import Escalation, Message, Reveal
from tests.conftest import BUSINESS_NAME
from tests.support.webhooks import replies, sms

AUTH = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}
ALICE = "+13055550100"
BOB = "+13055550111"
STAFF = "+16175550144"
CODE = "739146"  # six digits: a timestamp or id in an answer is unlikely to contain it by chance
NINE_AM = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)  # Tue 24 Nov, 9am New York


def say(client, text, phone) -> str:
    response = sms(client, text, phone=phone)
    assert response.status_code == 200
    [reply] = replies(response)
    return reply


def _sent_to(twilio_http, phone) -> list[str]:
    return [message["Body"] for message in twilio_http.sent_messages if message["To"] == phone]


def _staff_bodies(twilio_http) -> list[str]:
    return _sent_to(twilio_http, STAFF)


def test_a_plain_staff_reply_goes_to_the_last_alert_received_whatever_its_kind(
        client, settings, run_jobs, twilio_http, weekday_morning):
    weekday_morning.move_to(NINE_AM)
    say(client, "your tech was rude and left a mess, this is terrible", BOB)  # an escalation
    weekday_morning.move_to(NINE_AM + timedelta(minutes=5))
    say(client, "how much for a quote on a new water heater?", ALICE)  # a lead, 5 minutes later
    run_jobs()
    escalation_alert, lead_alert = _staff_bodies(twilio_http)
    assert escalation_alert.startswith("[#1 complaint]") and BOB in escalation_alert
    assert lead_alert.startswith("[#2 quote request]") and ALICE in lead_alert and "reply to this text" in lead_alert

    [listed] = client.get("/api/escalations", headers=AUTH).json["escalations"]
    assert listed["reference"] == 1
    answer = say(client, "Yes, we can look at it Thursday morning.", STAFF)
    assert ALICE in answer and "#2" in answer
    run_jobs()
    assert _sent_to(twilio_http, ALICE) == [f"{BUSINESS_NAME}: Yes, we can look at it Thursday morning."]
    assert _sent_to(twilio_http, BOB) == []
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Escalation)).one().status == "open"  # the lead reply did not claim it

    assert BOB in say(client, "#1 So sorry, I'll call you now", STAFF)
    run_jobs()
    assert _sent_to(twilio_http, BOB) == [f"{BUSINESS_NAME}: So sorry, I'll call you now"]
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Escalation)).one().claimed_by == STAFF


def test_booking_request_alerts_carry_a_reference_and_take_the_plain_reply(
        client, settings, run_jobs, twilio_http, weekday_morning):
    weekday_morning.move_to(NINE_AM)
    say(client, "your tech was rude and left a mess, this is terrible", BOB)
    weekday_morning.move_to(NINE_AM + timedelta(minutes=5))
    say(client, "can someone come tomorrow morning?", ALICE)
    say(client, "1", ALICE)
    run_jobs()
    booking_alert = _staff_bodies(twilio_http)[-1]
    assert booking_alert.startswith("[#2 New booking request]") and ALICE in booking_alert
    assert ALICE in say(client, "Confirmed, see you then", STAFF)
    run_jobs()
    assert _sent_to(twilio_http, ALICE)[-1] == f"{BUSINESS_NAME}: Confirmed, see you then"
    assert _sent_to(twilio_http, BOB) == []


def test_two_alerts_within_a_minute_ask_which_and_relay_nothing(
        client, settings, run_jobs, twilio_http, weekday_morning):
    weekday_morning.move_to(NINE_AM)
    say(client, "how much for a quote on a new water heater?", ALICE)
    weekday_morning.move_to(NINE_AM + timedelta(seconds=30))
    say(client, "your tech was rude and left a mess, this is terrible", BOB)
    asked = say(client, "I'll call you in 5", STAFF)
    assert "#1 or #2?" in asked and "Nothing was sent" in asked
    run_jobs()
    assert _sent_to(twilio_http, ALICE) == [] and _sent_to(twilio_http, BOB) == []
    with session_scope(settings.database_url) as session:
        relayed = session.scalars(select(Message).where(Message.body.contains("call you in 5"),
                                                        Message.direction == "outbound")).all()
    assert relayed == []
    assert ALICE in say(client, "#1 I'll call you in 5", STAFF)


def _api_answers(client, settings, headers=AUTH) -> dict[str, bytes]:
    """Every staff API read, and the writes that echo text back, as the raw bytes that leave the service."""
    with session_scope(settings.database_url) as session:
        escalation_id = session.scalars(select(Escalation.id)).first()
    answers = {}
    contact_id = client.get(f"/api/consent?phone=%2B{ALICE[1:]}", headers=headers).json["contact_id"]
    paths = [f"/api/consent?phone=%2B{ALICE[1:]}", f"/api/contacts/{contact_id}/consent",
             f"/api/contacts/{contact_id}", f"/api/contacts/{contact_id}/addresses", "/api/bookings",
             "/api/escalations", f"/api/escalations/{escalation_id}", "/api/messages?status=refused",
             "/api/messages?status=deferred", "/api/estimates"]
    for path in paths:
        response = client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.data)
        answers[path] = response.data
    claim = client.post(f"/api/escalations/{escalation_id}/claim", headers=headers, json={"by": "dana"})
    answers["claim"] = claim.data
    one_off = client.post("/api/messages", headers=headers, json={
        "contact_id": contact_id, "purpose": "marketing",
        "body": f"{BUSINESS_NAME}: the gate code is {CODE}. Reply STOP to opt out"})
    assert one_off.status_code == 202
    answers["one-off"] = one_off.data
    return answers


def test_access_codes_leave_no_path_masked_and_no_log(client, settings, run_jobs, twilio_http, caplog):
    with caplog.at_level(logging.DEBUG):
        say(client, f"the gate code is {CODE}", ALICE)
        say(client, f"how much for a quote on a new water heater? gate code is {CODE}", ALICE)
        say(client, "your tech was rude and left a mess, this is terrible", ALICE)
        run_jobs()
        answers = _api_answers(client, settings)
        run_jobs()
        answers.update({f"again {path}": body for path, body in _api_answers(client, settings).items()})
    for path, body in answers.items():
        assert CODE not in body.decode(), path
    assert "**46" in answers[f"/api/escalations/{1}"].decode()
    assert "gate code is **46" in answers[f"/api/consent?phone=%2B{ALICE[1:]}"].decode()
    assert "gate code is **46" in answers["again /api/messages?status=refused"].decode()
    staff_texts = _staff_bodies(twilio_http)
    assert staff_texts and all(CODE not in text for text in staff_texts)
    assert any("gate code is **46" in text for text in staff_texts)
    assert CODE not in caplog.text
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Reveal)).all() == []


def test_reveal_by_an_authorised_caller_shows_the_code_and_is_recorded(client, settings, weekday_morning):
    say(client, f"the gate code is {CODE}", ALICE)
    say(client, "your tech was rude and left a mess, this is terrible", ALICE)
    assert client.get("/api/escalations/1?reveal=1").status_code == 401
    assert client.get("/api/escalations/1?reveal=1", headers={"Authorization": "Bearer guess"}).status_code == 401
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Reveal)).all() == []
    revealed = client.get("/api/escalations/1?reveal=1", headers={**AUTH, "X-Staff-Member": "dana"})
    assert revealed.status_code == 200 and f"gate code is {CODE}" in revealed.data.decode()
    assert CODE not in client.get("/api/escalations/1?reveal=0", headers=AUTH).data.decode()
    with session_scope(settings.database_url) as session:
        [audit] = session.scalars(select(Reveal)).all()
        assert (audit.revealed_by, audit.method, audit.path) == ("dana", "GET", "/api/escalations/1")
        assert audit.revealed_at.date() == datetime(2026, 11, 24).date()
    # The ledger keeps the customer's words as they were.
    with session_scope(settings.database_url) as session:
        from store.models import ConsentEvent

        assert any(event.snippet == f"the gate code is {CODE}" for event in session.scalars(select(ConsentEvent)))


def test_no_phone_number_in_a_path_or_an_info_log(client, settings, run_jobs, caplog):
    with caplog.at_level(logging.INFO):
        say(client, "your tech was rude and left a mess, this is terrible", ALICE)
        run_jobs()
        listing = client.get(f"/api/consent?phone=%2B{ALICE[1:]}", headers=AUTH)
        assert listing.status_code == 200
        by_id = client.get(f"/api/contacts/{listing.json['contact_id']}/consent", headers=AUTH)
        assert by_id.json == listing.json
        recorded = client.post(f"/api/contacts/{listing.json['contact_id']}/consent", headers=AUTH, json={
            "kind": "express", "source": "staff", "recorded_by": "dana"})
        assert recorded.status_code == 201
    assert ALICE[2:] not in caplog.text and STAFF[2:] not in caplog.text
    # A phone in the path is no longer a route: it would be written to every access log.
    assert client.get(f"/api/contacts/{ALICE}/consent", headers=AUTH).status_code == 404


def test_the_access_log_line_has_the_path_but_not_the_query():
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    conf = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", conf["access_log_format"])

    class Response:
        status, headers, sent, response_length = "200 OK", [], 10, 10

    class Request:
        headers, method, path, query, version = [], "GET", "/api/consent", "phone=%2B13055550100", (1, 1)
        uri = "/api/consent?phone=%2B13055550100"

    environ = {"REQUEST_METHOD": "GET", "RAW_URI": Request.uri, "PATH_INFO": Request.path,
               "QUERY_STRING": Request.query, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.9"}
    line = config.access_log_format % Logger(config).atoms(Response(), Request(), environ, timedelta(seconds=0.01))
    assert '"GET /api/consent HTTP/1.1" 200' in line and "5550100" not in line


def test_masked_text_masks_every_code_the_responder_would_save_and_nothing_else():
    from crm.access import masked_text

    for text, masked in [
        ("gate code is 4821", "gate code is **21"), ("punch in 4821 at the gate", "punch in **21 at the gate"),
        ("Lockbox: 7788 and the dog is friendly", "Lockbox: **88 and the dog is friendly"),
        ("the code to the gate is 123456#", "the code to the gate is **6#"),
        ("call me at 305-555-0100 after 2pm", "call me at 305-555-0100 after 2pm"),
        ("2026-11-24T16:00:00+00:00", "2026-11-24T16:00:00+00:00"),
    ]:
        assert masked_text(text) == masked
