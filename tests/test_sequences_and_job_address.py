"""Follow-up sequences after a marketing opt-out, and after-sales care at the job's own address
(issue 8, items 4 and 5)."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from store.db import session_scope
from store.models import Message
from tests.conftest import BUSINESS_NAME
from tests.support.webhooks import sms
from tests.test_staff_api import PHONE, call, new_address, new_booking, new_contact

CHECKIN = f"{BUSINESS_NAME}: how did the visit go? Reply here if anything isn't right."
SEQUENCES = ["post_job_checkin", "review_request", "satisfaction_checkin", "maintenance_reminder", "win_back",
             "birthday", "anniversary", "vip_checkin"]
CONTINUING = ["booking_confirmation", "booking_reminder", "transactional", "quote_followup"]


def _preview(client, contact_id: int, purpose: str, body: str = CHECKIN) -> dict:
    response = call(client, "POST", "/api/gate/preview", {"contact_id": contact_id, "purpose": purpose, "body": body})
    assert response.status_code == 200, response.json
    return response.json


def _completed_customer(client) -> int:
    contact_id = new_contact(client)
    booking = new_booking(client, contact_id, window_start="2026-11-24T08:00:00-05:00",
                          window_end="2026-11-24T10:00:00-05:00")
    call(client, "PATCH", f"/api/bookings/{booking['id']}", {"status": "completed"})
    return contact_id


@pytest.mark.parametrize("purpose", SEQUENCES)
def test_a_marketing_opt_out_excludes_every_follow_up_sequence(client, settings, purpose):
    contact_id = _completed_customer(client)
    sms(client, "stop sending me promotions", phone=PHONE)
    decision = _preview(client, contact_id, purpose,
                        CHECKIN + (" Reply STOP to opt out" if purpose in SEQUENCES[3:] else ""))
    assert decision["action"] == "refuse" and decision["rule"] == "opt_out"
    assert "opted out of marketing" in decision["reasons"][0]


@pytest.mark.parametrize("purpose", CONTINUING)
def test_reminders_confirmations_and_notices_continue_after_a_marketing_opt_out(client, settings, purpose):
    contact_id = new_contact(client)
    new_booking(client, contact_id)  # upcoming work: its transactional context is in force
    sms(client, "stop sending me promotions", phone=PHONE)
    body = f"{BUSINESS_NAME}: reminder, your visit is Tue Dec 1, 9-11am."
    assert _preview(client, contact_id, purpose, body)["action"] == "allow"


def test_service_sequences_go_to_a_recent_customer_who_did_not_opt_out(client, settings):
    contact_id = _completed_customer(client)
    for purpose in ("post_job_checkin", "review_request", "satisfaction_checkin"):
        assert _preview(client, contact_id, purpose)["action"] == "allow"
    promo = f"{BUSINESS_NAME}: it has been a year, book a tune-up. Reply STOP to opt out"
    assert _preview(client, contact_id, "win_back", promo)["action"] == "refuse"  # marketing needs express


def _texted_first(client) -> int:
    """A customer who texted about work (an implied inquiry), then entered by staff: the contact's id."""
    sms(client, "Hi, can someone look at my water heater this week?", phone=PHONE)
    return call(client, "POST", "/api/contacts", {"phone": PHONE}).json["id"]


def _post_job_texts(settings) -> list[Message]:
    with session_scope(settings.database_url) as session:
        # The post-job sequence's first step (seed 001), a review request.
        return list(session.scalars(select(Message).where(Message.job_key.like("sequence:%"))))


def test_the_post_job_check_in_is_not_sent_after_stop_sending_me_promotions(client, settings, run_jobs,
                                                                             twilio_http, weekday_morning):
    contact_id = _texted_first(client)
    booking = new_booking(client, contact_id, window_start="2026-11-24T08:00:00-05:00",
                          window_end="2026-11-24T10:00:00-05:00")
    call(client, "PATCH", f"/api/bookings/{booking['id']}", {"status": "completed"})
    sms(client, "stop sending me promotions", phone=PHONE)
    weekday_morning.move_to(datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    run_jobs()
    assert _post_job_texts(settings) == []  # the opt-out stopped the sequence before its first step was written
    assert not any("thanks for choosing us" in text["Body"] for text in twilio_http.sent_messages)


@pytest.mark.parametrize("job_at, sent", [("cared_off", False), ("cared_on", True)])
def test_after_sales_care_is_read_at_the_jobs_address(client, settings, run_jobs, twilio_http, weekday_morning,
                                                      job_at, sent):
    contact_id = _texted_first(client)
    addresses = {"cared_off": new_address(client, contact_id, line1="1 Rental Row", state="FL",
                                          after_sales_care=False),
                 "cared_on": new_address(client, contact_id, line1="9 Home St", state="FL")}
    booking = new_booking(client, contact_id, address_id=addresses[job_at], window_start="2026-11-24T08:00:00-05:00",
                          window_end="2026-11-24T10:00:00-05:00")
    call(client, "PATCH", f"/api/bookings/{booking['id']}", {"status": "completed"})
    weekday_morning.move_to(datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    run_jobs()
    [checkin] = _post_job_texts(settings)
    if sent:
        assert checkin.status == "queued" and "thanks for choosing us" in twilio_http.sent_messages[-1]["Body"]
    else:
        assert checkin.status == "refused" and "after-sales care is off" in checkin.status_reason
        assert not any("thanks for choosing us" in text["Body"] for text in twilio_http.sent_messages)
    assert checkin.address_id == addresses[job_at]
