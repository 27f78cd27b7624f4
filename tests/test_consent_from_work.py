"""Consent evidence from the work itself (issue 8, items 1-3): bookings and estimates entered by staff,
completed jobs, and calls. Driven through the staff API and the voice webhooks, sent by real jobs."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from store.db import session_scope
from store.models import ConsentEvent, GateDecision, Message
from tests.conftest import BUSINESS_NAME
from tests.support.webhooks import post, sid
from tests.test_staff_api import PHONE, call, new_booking, new_contact, new_estimate

SERVICE_BODY = f"{BUSINESS_NAME}: checking in about the water heater we replaced. Reply here with any questions."
PROMO = f"{BUSINESS_NAME}: 15% off drain cleaning this week. Reply STOP to opt out"


def _events(settings) -> list[ConsentEvent]:
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(ConsentEvent).order_by(ConsentEvent.id)))


def _preview(client, contact_id: int, purpose: str, body: str = SERVICE_BODY) -> dict:
    response = call(client, "POST", "/api/gate/preview", {"contact_id": contact_id, "purpose": purpose, "body": body})
    assert response.status_code == 200, response.json
    return response.json


def test_a_booking_entered_by_staff_records_transactional_context_and_is_confirmed(client, settings, run_jobs,
                                                                                     twilio_http):
    contact_id = new_contact(client)
    booking = new_booking(client, contact_id, external_ref="fsm-77")
    resent = call(client, "POST", "/api/bookings", {"contact_id": contact_id, "window_start": booking["window_start"],
                                                   "window_end": booking["window_end"], "external_ref": "fsm-77"})
    assert resent.status_code == 200  # the field-service software re-sent it: an upsert
    [event] = _events(settings)
    assert (event.kind, event.scope, event.source) == ("transactional_context", "all", "booking")
    assert event.notes == f"booking {booking['id']}"
    run_jobs()
    [confirmation] = twilio_http.sent_messages
    assert confirmation["To"] == PHONE and "Tue Dec 1" in confirmation["Body"]
    # never marketing, even with the booking on record
    assert _preview(client, contact_id, "marketing", PROMO)["action"] == "refuse"


def test_an_estimate_entered_by_staff_records_transactional_context_and_is_followed_up(client, settings, run_jobs,
                                                                                         twilio_http,
                                                                                         weekday_morning):
    contact_id = new_contact(client)
    estimate = new_estimate(client, contact_id, sent_at="2026-11-24T10:00:00-05:00")
    [event] = _events(settings)
    assert (event.kind, event.source) == ("transactional_context", "estimate")
    assert event.notes.startswith(f"estimate {estimate['id']} ")
    weekday_morning.move_to(datetime(2026, 11, 26, 15, 0, 5, tzinfo=UTC))
    run_jobs()
    [followup] = twilio_http.sent_messages
    assert "estimate #E-100 is still open" in followup["Body"]


def test_transactional_context_lapses_when_its_work_is_closed(client, settings):
    contact_id = new_contact(client)
    estimate = new_estimate(client, contact_id)
    assert _preview(client, contact_id, "service_followup")["action"] == "allow"
    call(client, "PATCH", f"/api/estimates/{estimate['id']}", {"status": "declined"})
    decision = _preview(client, contact_id, "service_followup")
    assert decision["action"] == "refuse" and decision["rule"] == "consent"
    assert "transactional_context of 2026-11-24 (today) supports texts about the work" in decision["reasons"][-1]


def test_a_completed_booking_is_an_existing_relationship_for_18_months(client, settings, weekday_morning):
    contact_id = new_contact(client)
    booking = new_booking(client, contact_id, window_start="2026-11-24T08:00:00-05:00",
                          window_end="2026-11-24T10:00:00-05:00")
    assert call(client, "PATCH", f"/api/bookings/{booking['id']}", {"status": "completed"}).status_code == 200
    call(client, "PATCH", f"/api/bookings/{booking['id']}", {"status": "completed"})  # a repeat records nothing
    relationship = [event for event in _events(settings) if event.kind == "existing_relationship"]
    expected = [("booking", f"booking {booking['id']} completed")]
    assert [(event.source, event.notes) for event in relationship] == expected
    assert relationship[0].occurred_at == datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # when the work ended

    weekday_morning.move_to(datetime(2028, 5, 23, 15, 0, tzinfo=UTC))  # 17 months on, nothing active
    decision = _preview(client, contact_id, "service_followup")
    assert decision["action"] == "allow"
    assert "existing_relationship of 2026-11-24 (17 months ago), within 18 months" in decision["reasons"][1]

    weekday_morning.move_to(datetime(2028, 5, 25, 15, 0, tzinfo=UTC))  # 18 months and a day
    decision = _preview(client, contact_id, "service_followup")
    assert decision["action"] == "refuse"
    assert ("existing_relationship of 2026-11-24 (18 months ago): the last completed job is older than the "
            "18-month window") in decision["reasons"][-1]
    assert _preview(client, contact_id, "marketing", PROMO)["action"] == "refuse"


def test_the_relationship_window_is_a_setting(settings, weekday_morning):
    from app import create_app

    client = create_app(settings.with_overrides(existing_relationship_months=6)).test_client()
    contact_id = new_contact(client)
    booking = new_booking(client, contact_id, window_start="2026-11-24T08:00:00-05:00",
                          window_end="2026-11-24T10:00:00-05:00")
    call(client, "PATCH", f"/api/bookings/{booking['id']}", {"status": "completed"})
    weekday_morning.move_to(datetime(2027, 6, 1, 15, 0, tzinfo=UTC))
    decision = _preview(client, contact_id, "service_followup")
    assert decision["action"] == "refuse" and "older than the 6-month window" in decision["reasons"][-1]


def test_calls_and_missed_calls_are_implied_inquiries(client, settings, run_jobs, twilio_http):
    call_sid = sid("CA")
    post(client, "/twilio/voice", {"CallSid": call_sid, "From": PHONE, "CallStatus": "ringing"})
    post(client, "/twilio/voice/dial-status", {"CallSid": call_sid, "From": PHONE, "DialCallStatus": "no-answer"})
    assert [(event.kind, event.channel, event.source) for event in _events(settings)] == [
        ("implied_inquiry", "call", "call"), ("implied_inquiry", "call", "missed_call")]
    run_jobs()
    with session_scope(settings.database_url) as session:
        textback = session.scalars(select(Message).where(Message.direction == "outbound")).one()
        [decision] = session.scalars(select(GateDecision))
    assert textback.status == "queued" and decision.action == "allow"
    assert decision.reasons[1].startswith("consent evidence for call_reply: implied_inquiry of 2026-11-24")


def test_a_caller_with_no_request_any_more_still_has_an_inquiry_on_record(client, settings, weekday_morning):
    post(client, "/twilio/voice", {"CallSid": sid("CA"), "From": PHONE, "CallStatus": "ringing"})
    with session_scope(settings.database_url) as session:
        from compliance import ledger

        contact = ledger.find_contact(session, PHONE)
        contact.lead_source = "manual"
        contact_id = contact.id
    weekday_morning.move_to(datetime(2026, 11, 24, 16, 0, tzinfo=UTC) + timedelta(days=40, hours=1))
    decision = _preview(client, contact_id, "service_followup")
    assert decision["action"] == "allow" and "implied_inquiry of 2026-11-24 (40 days ago)" in decision["reasons"][1]


def test_a_late_on_my_way_still_reaches_a_customer_entered_by_staff(client, settings, run_jobs, twilio_http):
    contact_id = new_contact(client)
    booking = new_booking(client, contact_id, window_start="2026-11-24T08:00:00-05:00",
                          window_end="2026-11-24T10:00:00-05:00")  # ended an hour ago: the tech is late
    response = call(client, "POST", f"/api/bookings/{booking['id']}/on-my-way", {"eta_minutes": 20, "tech": "Sam"})
    assert response.status_code == 202
    run_jobs()
    assert any("Sam" in text["Body"] for text in twilio_http.sent_messages)
