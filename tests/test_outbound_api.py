"""The staff outbound API: the gate preview, the held-back listing, one-off messages and on-my-way.

Real Redis, real burst workers and the recording Twilio client; the clock is moved with time-machine.
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from compliance import ledger
from store.db import session_scope
from store.models import Booking, GateDecision, Message, QueuedJob
from tests.conftest import BUSINESS_NAME, WEEKDAY_MORNING

AUTH = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}
MIAMI = "+13055550100"
UNKNOWN = "+13055550177"
SERVICE_BODY = f"{BUSINESS_NAME}: just checking in on the water heater we looked at. Reply here with any questions."
INVOICE_BODY = f"{BUSINESS_NAME}: your invoice #88 is ready."
MARKETING_BODY = f"{BUSINESS_NAME}: 15% off drain cleaning this week. Reply STOP to opt out"
PROMO_BODY = f"{BUSINESS_NAME}: your invoice #88 is ready. Pay this week and get 20% off your next visit!"
TUESDAY_10PM_MIAMI = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)
WEDNESDAY_8AM_MIAMI = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)
DROP = object()  # a payload override that removes the key


def _contact(settings, phone=MIAMI, *, evidence="implied_inquiry") -> int:
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, phone, lead_source="manual")
        if evidence:
            ledger.record(session, contact, evidence, source="staff", recorded_by="test")
        return contact.id


def _booking(settings, contact_id, *, status="confirmed") -> int:
    start = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)  # today 1-3pm in Miami
    with session_scope(settings.database_url) as session:
        booking = Booking(contact_id=contact_id, window_start=start, window_end=start + timedelta(hours=2),
                          status=status)
        session.add(booking)
        session.flush()
        return booking.id


def _count(settings, model) -> int:
    with session_scope(settings.database_url) as session:
        return session.scalar(select(func.count()).select_from(model))


def _outbound(settings) -> list[Message]:
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(Message).where(Message.direction == "outbound").order_by(Message.id)))


def _payload(contact_id, overrides=None, **fields) -> dict:
    payload = {"contact_id": contact_id, "purpose": "transactional", "body": INVOICE_BODY}
    payload.update(overrides or {}, **fields)
    return {key: value for key, value in payload.items() if value is not DROP}


# --- the bearer token -------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path", [
    ("post", "/api/gate/preview"),
    ("get", "/api/messages?status=refused"),
    ("post", "/api/messages"),
    ("post", "/api/bookings/1/on-my-way"),
])
@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer guess"},
    {"Authorization": "staff-secret-4f9c2e7a1b8d6053e4a7c9f1"},
    {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1-and-more"},
], ids=["none", "wrong", "no-bearer", "longer"])
def test_every_endpoint_needs_the_bearer_token(client, settings, method, path, headers):
    contact_id = _contact(settings)
    booking_id = _booking(settings, contact_id)
    path = path.replace("/1/", f"/{booking_id}/")
    response = getattr(client, method)(path, headers=headers,
                                       json=_payload(contact_id, eta_minutes=25) if method == "post" else None)
    assert response.status_code == 401 and "Bearer" in response.json["error"]
    assert _count(settings, Message) == 0 and _count(settings, QueuedJob) == 0


# --- POST /api/gate/preview ----------------------------------------------------------------------------

@pytest.mark.parametrize("now, purpose, body, action, defer_until, reason", [
    pytest.param(WEEKDAY_MORNING, "service_followup", SERVICE_BODY, "allow", None,
                 "consent evidence for service_followup: implied_inquiry", id="allow-at-11am"),
    pytest.param(TUESDAY_10PM_MIAMI, "service_followup", SERVICE_BODY, "defer", WEDNESDAY_8AM_MIAMI,
                 "deferred to Wed 2026-11-25 08:00 EST", id="defer-at-10pm-miami"),
    pytest.param(WEEKDAY_MORNING, "transactional", PROMO_BODY, "refuse", None,
                 "promotional wording in a transactional message", id="refuse-20-percent-off"),
    pytest.param(WEEKDAY_MORNING, "marketing", MARKETING_BODY, "refuse", None,
                 "needs express consent recorded for marketing", id="refuse-marketing-without-express"),
])
@pytest.mark.parametrize("address", ["contact_id", "phone"])
def test_preview_answers_with_the_gate_decision_and_records_nothing(client, settings, weekday_morning, now,
                                                                    purpose, body, action, defer_until, reason,
                                                                    address):
    contact_id = _contact(settings)
    weekday_morning.move_to(now)
    who = {"contact_id": contact_id} if address == "contact_id" else {"phone": "(305) 555-0100"}
    response = client.post("/api/gate/preview", headers=AUTH, json={**who, "purpose": purpose, "body": body})
    assert response.status_code == 200
    decision = response.json
    assert decision["action"] == action
    assert any(reason in line for line in decision["reasons"]), decision["reasons"]
    assert decision["defer_until"] == (defer_until.isoformat() if defer_until else None)
    assert decision["segments"] == 1
    if purpose == "transactional":
        assert decision["spans"], "a content refusal names the promotional words"
        for span in decision["spans"]:
            assert body[span["start"]:span["end"]] == span["text"]
        assert any("20%" in span["text"] for span in decision["spans"])
    else:
        assert decision["spans"] == []
    assert _count(settings, GateDecision) == 0 and _count(settings, Message) == 0
    assert _count(settings, QueuedJob) == 0


# --- POST /api/messages and GET /api/messages -------------------------------------------------------------

def test_one_off_is_queued_then_sent_by_the_job(client, settings, run_jobs, twilio_http):
    contact_id = _contact(settings)
    response = client.post("/api/messages", headers=AUTH, json=_payload(contact_id))
    assert response.status_code == 202
    answer = response.json
    assert answer["status"] == "pending" and answer["phone"] == MIAMI and answer["not_before"] is None
    assert answer["body"] == INVOICE_BODY and answer["purpose"] == "transactional"
    assert twilio_http.sent_messages == []
    run_jobs()
    [sent] = twilio_http.sent_messages
    assert sent["Body"] == INVOICE_BODY and sent["To"] == MIAMI
    [message] = _outbound(settings)
    assert message.id == answer["id"] and message.status == "queued" and message.twilio_sid
    with session_scope(settings.database_url) as session:
        assert list(session.scalars(select(GateDecision.action))) == ["allow"]


def test_one_off_with_send_at_waits_until_then(client, settings, run_jobs, twilio_http, weekday_morning):
    contact_id = _contact(settings)
    send_at = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)  # 1pm in Miami, two hours from now
    response = client.post("/api/messages", headers=AUTH,
                           json=_payload(contact_id, send_at="2026-11-24T13:00:00-05:00"))
    assert response.status_code == 202
    assert datetime.fromisoformat(response.json["not_before"]) == send_at
    run_jobs()
    assert twilio_http.sent_messages == []
    [message] = _outbound(settings)
    assert message.status == "pending" and message.not_before == send_at
    weekday_morning.move_to(send_at - timedelta(minutes=1))
    run_jobs()
    assert twilio_http.sent_messages == []
    weekday_morning.move_to(send_at + timedelta(seconds=1))
    run_jobs()
    assert [sent["Body"] for sent in twilio_http.sent_messages] == [INVOICE_BODY]


@pytest.mark.parametrize("purpose, body, reason, spanned", [
    pytest.param("marketing", MARKETING_BODY, "express consent", None, id="marketing-on-implied-inquiry"),
    pytest.param("transactional", PROMO_BODY, "promotional wording", "20%", id="offer-in-a-transactional-text"),
])
def test_refused_one_off_is_listed_with_its_reasons(client, settings, run_jobs, twilio_http, purpose, body,
                                                    reason, spanned):
    contact_id = _contact(settings)
    response = client.post("/api/messages", headers=AUTH, json=_payload(contact_id, purpose=purpose, body=body))
    assert response.status_code == 202
    run_jobs()
    assert twilio_http.sent_messages == []
    listing = client.get("/api/messages?status=refused", headers=AUTH)
    assert listing.status_code == 200
    [held] = listing.json["messages"]
    assert held["id"] == response.json["id"] and held["status"] == "refused" and held["phone"] == MIAMI
    assert held["purpose"] == purpose and reason in held["reasons"]
    if spanned:
        assert any(spanned in span["text"] for span in held["spans"])
    else:
        assert held["spans"] == []
    assert client.get("/api/messages", headers=AUTH).json == listing.json  # refused is the default
    assert client.get("/api/messages?status=deferred", headers=AUTH).json["messages"] == []


def test_message_deferred_by_quiet_hours_is_listed_with_not_before(client, settings, run_jobs, twilio_http,
                                                                  weekday_morning):
    contact_id = _contact(settings)
    weekday_morning.move_to(TUESDAY_10PM_MIAMI)
    response = client.post("/api/messages", headers=AUTH, json=_payload(contact_id))
    assert response.status_code == 202
    run_jobs()
    assert twilio_http.sent_messages == []
    [held] = client.get("/api/messages?status=deferred", headers=AUTH).json["messages"]
    assert held["id"] == response.json["id"] and held["status"] == "deferred"
    assert held["not_before"] == WEDNESDAY_8AM_MIAMI.isoformat()
    assert "outside the allowed hours" in held["reasons"] and held["spans"] == []
    assert client.get("/api/messages?status=refused", headers=AUTH).json["messages"] == []
    weekday_morning.move_to(WEDNESDAY_8AM_MIAMI + timedelta(seconds=1))
    run_jobs()
    assert [sent["Body"] for sent in twilio_http.sent_messages] == [INVOICE_BODY]
    assert client.get("/api/messages?status=deferred", headers=AUTH).json["messages"] == []


@pytest.mark.parametrize("status", ["sent", "queued", "pending", "", "REFUSED"])
def test_listing_other_statuses_is_a_400_naming_status(client, settings, status):
    response = client.get(f"/api/messages?status={status}", headers=AUTH)
    assert response.status_code == 400 and "status must be one of" in response.json["error"]


# --- 400s name their field --------------------------------------------------------------------------------

BAD_FIELDS = [
    pytest.param({"purpose": "newsletter"}, "purpose must be one of", id="purpose-not-in-rules"),
    pytest.param({"purpose": DROP}, "purpose is required", id="purpose-missing"),
    pytest.param({"purpose": 7}, "purpose must be non-empty text", id="purpose-not-text"),
    pytest.param({"body": ""}, "body must be non-empty text", id="body-empty"),
    pytest.param({"body": "   \n"}, "body must be non-empty text", id="body-blank"),
    pytest.param({"body": DROP}, "body must be non-empty text", id="body-missing"),
    pytest.param({"body": ["hi"]}, "body must be non-empty text", id="body-not-text"),
    pytest.param({"contact_id": 999999}, "contact_id names no contact", id="contact-id-unknown"),
    pytest.param({"contact_id": "1"}, "contact_id names no contact", id="contact-id-not-a-number"),
    pytest.param({"contact_id": DROP, "phone": "not-a-phone"}, "phone is not a phone number", id="phone-bad"),
    pytest.param({"contact_id": DROP, "phone": "555"}, "phone is not a phone number", id="phone-too-short"),
    pytest.param({"contact_id": DROP, "phone": UNKNOWN}, "phone names no contact", id="phone-unknown"),
    pytest.param({"contact_id": DROP}, "phone is required", id="no-contact-at-all"),
]
BAD_SEND_AT = [
    pytest.param({"send_at": "2026-11-24T18:00:00"}, "send_at must be an ISO 8601 date and time with a UTC offset",
                 id="send-at-naive"),
    pytest.param({"send_at": "tomorrow at 9"}, "send_at must be", id="send-at-not-a-date"),
    pytest.param({"send_at": 1795550400}, "send_at must be", id="send-at-a-number"),
]


@pytest.mark.parametrize("overrides, error", BAD_FIELDS + BAD_SEND_AT)
def test_bad_one_off_fields_are_400s_naming_the_field(client, settings, overrides, error):
    contact_id = _contact(settings)
    response = client.post("/api/messages", headers=AUTH, json=_payload(contact_id, overrides))
    assert response.status_code == 400 and error in response.json["error"]
    assert _count(settings, Message) == 0 and _count(settings, QueuedJob) == 0


@pytest.mark.parametrize("overrides, error", BAD_FIELDS)
def test_bad_preview_fields_are_400s_naming_the_field(client, settings, overrides, error):
    contact_id = _contact(settings)
    response = client.post("/api/gate/preview", headers=AUTH, json=_payload(contact_id, overrides))
    assert response.status_code == 400 and error in response.json["error"]


@pytest.mark.parametrize("path", ["/api/gate/preview", "/api/messages", "/api/bookings/1/on-my-way"])
@pytest.mark.parametrize("raw", ["[1, 2]", "not json", '"text"'])
def test_a_body_that_is_not_a_json_object_is_a_400(client, settings, path, raw):
    response = client.post(path, headers={**AUTH, "Content-Type": "application/json"}, data=raw)
    assert response.status_code == 400 and "JSON object" in response.json["error"]


# --- POST /api/bookings/<id>/on-my-way --------------------------------------------------------------------

def test_on_my_way_for_a_confirmed_booking_sends_the_eta(client, settings, run_jobs, twilio_http):
    booking_id = _booking(settings, _contact(settings))
    response = client.post(f"/api/bookings/{booking_id}/on-my-way", headers=AUTH,
                           json={"eta_minutes": 25, "tech": "Sam"})
    assert response.status_code == 202
    assert response.json["status"] == "pending" and response.json["purpose"] == "transactional"
    run_jobs()
    [sent] = twilio_http.sent_messages
    assert sent["To"] == MIAMI
    assert sent["Body"] == f"{BUSINESS_NAME}: Sam is on the way and should arrive in about 25 minutes."
    [message] = _outbound(settings)
    assert message.subject == f"booking:{booking_id}" and message.status == "queued"


def test_on_my_way_twice_sends_twice(client, settings, run_jobs, twilio_http):
    booking_id = _booking(settings, _contact(settings))
    for eta in (25, 10):
        assert client.post(f"/api/bookings/{booking_id}/on-my-way", headers=AUTH,
                           json={"eta_minutes": eta}).status_code == 202
    run_jobs()
    assert sorted(sent["Body"] for sent in twilio_http.sent_messages) == [
        f"{BUSINESS_NAME}: Our technician is on the way and should arrive in about {eta} minutes."
        for eta in (10, 25)]


@pytest.mark.parametrize("booking, payload, status, error", [
    pytest.param("cancelled", {"eta_minutes": 25}, 409, "the booking is cancelled, not confirmed", id="cancelled"),
    pytest.param("completed", {"eta_minutes": 25}, 409, "the booking is completed", id="completed"),
    pytest.param("requested", {"eta_minutes": 25}, 409, "the booking is requested", id="requested"),
    pytest.param("unknown", {"eta_minutes": 25}, 404, "no booking with that id", id="unknown-booking"),
    pytest.param("confirmed", {}, 400, "eta_minutes", id="eta-missing"),
    pytest.param("confirmed", {"eta_minutes": 0}, 400, "eta_minutes", id="eta-zero"),
    pytest.param("confirmed", {"eta_minutes": -5}, 400, "eta_minutes", id="eta-negative"),
    pytest.param("confirmed", {"eta_minutes": 601}, 400, "eta_minutes", id="eta-too-long"),
    pytest.param("confirmed", {"eta_minutes": "25"}, 400, "eta_minutes", id="eta-text"),
    pytest.param("confirmed", {"eta_minutes": 2.5}, 400, "eta_minutes", id="eta-fraction"),
    pytest.param("confirmed", {"eta_minutes": True}, 400, "eta_minutes", id="eta-boolean"),
    pytest.param("confirmed", {"eta_minutes": 25, "tech": ""}, 400, "tech must be", id="tech-empty"),
    pytest.param("confirmed", {"eta_minutes": 25, "tech": "x" * 61}, 400, "tech must be", id="tech-too-long"),
])
def test_on_my_way_refusals(client, settings, run_jobs, twilio_http, booking, payload, status, error):
    contact_id = _contact(settings)
    booking_id = 999999 if booking == "unknown" else _booking(settings, contact_id, status=booking)
    response = client.post(f"/api/bookings/{booking_id}/on-my-way", headers=AUTH, json=payload)
    assert response.status_code == status and error in response.json["error"]
    run_jobs()
    assert twilio_http.sent_messages == [] and _outbound(settings) == []
    assert _count(settings, QueuedJob) == 0


def test_staff_cannot_send_an_opt_out_confirmation_of_their_own(client, settings, run_jobs, twilio_http):
    contact_id = _contact(settings)
    with session_scope(settings.database_url) as session:
        ledger.record(session, ledger.find_contact(session, MIAMI), "opt_out", source="sms")
    response = client.post("/api/messages", headers=AUTH, json=_payload(
        contact_id, purpose="opt_out_confirmation", body=f"{BUSINESS_NAME}: we miss you! Call us about a tune-up."))
    run_jobs()
    assert twilio_http.sent_messages == []
    assert response.status_code == 400 and "purpose must be one of" in response.json["error"]


@pytest.mark.parametrize("overrides, named", [
    ({"purpose": "conversational"}, "purpose must be one of"),
    ({"subject": {"a": 1}}, "subject must be"),
    ({"subject": "x" * 129}, "subject must be"),
    ({"contact_id": True}, "contact_id names no contact"),
    ({"contact_id": 2**70}, "contact_id names no contact"),
])
def test_staff_one_offs_cannot_bypass_quiet_hours_or_break_on_odd_fields(client, settings, overrides, named):
    contact_id = _contact(settings)
    response = client.post("/api/messages", headers=AUTH, json=_payload(contact_id, overrides))
    assert response.status_code == 400 and named in response.json["error"]


def test_on_my_way_for_an_out_of_range_booking_id_is_404(client):
    response = client.post(f"/api/bookings/{2**70}/on-my-way", headers=AUTH, json={"eta_minutes": 10})
    assert response.status_code == 404
