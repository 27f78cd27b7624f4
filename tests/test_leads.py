"""Leads through the staff API: listed, read with their photos, updated, closed; active only for a
while; one staff reminder when nobody answers."""

import re
from datetime import timedelta

from sqlalchemy import select

from compliance import ledger
from delivery.facts import contact_facts
from store.db import session_scope
from store.models import Lead, utcnow
from tests.support.webhooks import sms

CUSTOMER = "+13055550100"
STAFF_NUMBERS = ("+16175550144", "+16175550145")
AUTH = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}
REQUEST = "can you send someone to fix my leaking water heater? here's a photo"


def _open_lead(client, settings) -> int:
    media_url = (f"https://api.twilio.com/2010-04-01/Accounts/{settings.twilio_account_sid}/Messages/MM1/Media/ME1")
    assert sms(client, REQUEST, phone=CUSTOMER, NumMedia="1", MediaUrl0=media_url,
               MediaContentType0="image/png").status_code == 200
    with session_scope(settings.database_url) as session:
        return session.scalars(select(Lead.id)).one()


def _reminders(twilio_http) -> list[dict]:
    return [message for message in twilio_http.sent_messages if "no one has answered it yet" in message["Body"]]


def test_a_lead_is_listed_read_with_its_photo_updated_and_closed(client, settings):
    lead_id = _open_lead(client, settings)
    (listed,) = client.get("/api/leads", headers=AUTH).get_json()["leads"]
    assert listed["id"] == lead_id and listed["status"] == "open" and listed["kind"] == "service_request"
    read = client.get(f"/api/leads/{lead_id}", headers=AUTH).get_json()
    (photo,) = read["media"]
    assert photo["content_type"] == "image/png" and photo["twilio_url"].endswith("/ME1")

    updated = client.patch(f"/api/leads/{lead_id}", json={"assigned_to": "Dana", "notes": "call after 3"},
                           headers=AUTH)
    assert updated.status_code == 200 and updated.get_json()["assigned_to"] == "Dana"
    assert updated.get_json()["answered_at"] is not None

    closed = client.post(f"/api/leads/{lead_id}/close", json={"outcome": "won"}, headers=AUTH)
    assert closed.status_code == 200 and closed.get_json()["status"] == "closed"
    assert closed.get_json()["outcome"] == "won" and closed.get_json()["closed_at"]
    assert client.post(f"/api/leads/{lead_id}/close", json={"outcome": "won"}, headers=AUTH).status_code == 200
    assert client.post(f"/api/leads/{lead_id}/close", json={"outcome": "lost"}, headers=AUTH).status_code == 409
    assert client.patch(f"/api/leads/{lead_id}", json={"notes": "x"}, headers=AUTH).status_code == 409
    assert client.get("/api/leads", headers=AUTH).get_json()["leads"] == []
    assert [lead["id"] for lead in client.get("/api/leads?status=closed", headers=AUTH).get_json()["leads"]] == [
        lead_id]


def test_closing_as_duplicate_names_the_other_lead(client, settings):
    first = _open_lead(client, settings)
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, CUSTOMER)
        second = Lead(contact_id=contact.id, kind="service_request", summary="same heater again")
        session.add(second)
        session.flush()
        second_id = second.id
    missing = client.post(f"/api/leads/{second_id}/close", json={"outcome": "duplicate"}, headers=AUTH)
    assert missing.status_code == 400 and "duplicate_of" in missing.get_json()["error"]
    itself = client.post(f"/api/leads/{second_id}/close", json={"outcome": "duplicate", "duplicate_of": second_id},
                         headers=AUTH)
    assert itself.status_code == 400
    closed = client.post(f"/api/leads/{second_id}/close", json={"outcome": "duplicate", "duplicate_of": first},
                         headers=AUTH)
    assert closed.status_code == 200 and closed.get_json()["duplicate_of"] == first
    assert client.post(f"/api/leads/{first}/close", json={"outcome": "sold"}, headers=AUTH).status_code == 400
    assert client.get("/api/leads/999999", headers=AUTH).status_code == 404
    assert client.get("/api/leads", headers={}).status_code == 401


def test_an_open_lead_is_an_active_request_only_within_active_request_days(settings):
    now = utcnow()
    with session_scope(settings.database_url) as session:
        fresh, stale = ledger.contact_for(session, "+13055550111"), ledger.contact_for(session, "+13055550112")
        session.add(Lead(contact_id=fresh.id, kind="quote_request", summary="quote", status="open",
                         created_at=now - timedelta(days=settings.active_request_days - 1)))
        session.add(Lead(contact_id=stale.id, kind="quote_request", summary="quote", status="open",
                         created_at=now - timedelta(days=settings.active_request_days + 1)))
        session.flush()
        assert contact_facts(session, settings, fresh, now).has_active_request
        assert not contact_facts(session, settings, stale, now).has_active_request


def test_an_unanswered_lead_gets_one_staff_reminder_after_the_delay(client, settings, run_jobs, twilio_http,
                                                                     weekday_morning):
    lead_id = _open_lead(client, settings)
    run_jobs()
    assert _reminders(twilio_http) == []
    weekday_morning.shift(timedelta(minutes=settings.lead_reminder_minutes + 1))
    run_jobs()
    reminders = _reminders(twilio_http)
    assert sorted(message["To"] for message in reminders) == sorted(STAFF_NUMBERS)
    assert CUSTOMER in reminders[0]["Body"]
    weekday_morning.shift(timedelta(days=1))
    run_jobs()
    assert len(_reminders(twilio_http)) == len(STAFF_NUMBERS)
    with session_scope(settings.database_url) as session:
        assert session.get(Lead, lead_id).reminded_at is not None


def test_a_lead_staff_already_answered_gets_no_reminder(client, settings, run_jobs, twilio_http, weekday_morning):
    lead_id = _open_lead(client, settings)
    client.patch(f"/api/leads/{lead_id}", json={"assigned_to": "Sam"}, headers=AUTH)
    weekday_morning.shift(timedelta(minutes=settings.lead_reminder_minutes + 1))
    run_jobs()
    assert _reminders(twilio_http) == []
    with session_scope(settings.database_url) as session:
        assert session.get(Lead, lead_id).reminded_at is None


def test_a_staff_reply_to_the_lead_reminder_reaches_that_lead_s_customer(client, settings, run_jobs, twilio_http,
                                                                        weekday_morning):
    _open_lead(client, settings)
    weekday_morning.shift(timedelta(minutes=settings.lead_reminder_minutes + 1))
    run_jobs()
    [reminder] = [message for message in _reminders(twilio_http) if message["To"] == STAFF_NUMBERS[0]]
    reference = re.match(r"\[#(\d+) ", reminder["Body"]).group(1)
    weekday_morning.shift(timedelta(minutes=5))
    assert sms(client, f"#{reference} we can come Thursday at 9", phone=STAFF_NUMBERS[0]).status_code == 200
    run_jobs()
    assert any(message["To"] == CUSTOMER and "we can come Thursday at 9" in message["Body"]
               for message in twilio_http.sent_messages)
