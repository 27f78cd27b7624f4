"""Staff hear what the gate held back (issue 8, item 7): one digest text per refusal reason a day."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from store.db import session_scope
from store.models import GateDecision
from tests.support.webhooks import sms
from tests.test_staff_api import call, new_address, new_booking, new_contact

STAFF = ("+16175550144", "+16175550145")  # profile.example.toml's staff_numbers


def _opted_out_booking(client, phone: str) -> int:
    contact_id = new_contact(client, phone=phone)
    sms(client, "STOP", phone=phone)
    return new_booking(client, contact_id)["id"]


def _staff_texts(twilio_http) -> list[dict]:
    return [message for message in twilio_http.sent_messages if message["To"] in STAFF]


def test_refused_confirmations_reach_staff_once_a_day_per_reason(client, settings, run_jobs, twilio_http,
                                                                 weekday_morning):
    _opted_out_booking(client, "+13055550101")
    _opted_out_booking(client, "+13055550102")
    run_jobs()
    assert _staff_texts(twilio_http) == []  # the digest waits a little to gather the day's refusals
    weekday_morning.move_to(datetime(2026, 11, 24, 16, 31, tzinfo=UTC))
    run_jobs()
    digests = _staff_texts(twilio_http)
    assert sorted(text["To"] for text in digests) == sorted(STAFF)
    body = digests[0]["Body"]
    assert body.startswith("[Held back today] 2 texts not sent: the customer opted out.")
    assert "booking confirmation to +13055550101 and booking confirmation to +13055550102" in body

    _opted_out_booking(client, "+13055550103")  # the same reason, later the same day: no second digest
    weekday_morning.move_to(datetime(2026, 11, 24, 18, 0, tzinfo=UTC))
    run_jobs()
    assert len(_staff_texts(twilio_http)) == 2

    weekday_morning.move_to(datetime(2026, 11, 25, 15, 0, tzinfo=UTC))  # the next day
    _opted_out_booking(client, "+13055550104")
    run_jobs()
    weekday_morning.move_to(datetime(2026, 11, 25, 15, 31, tzinfo=UTC))
    run_jobs()
    assert len(_staff_texts(twilio_http)) == 4
    assert "1 text not sent" in _staff_texts(twilio_http)[-1]["Body"]


def test_each_reason_has_its_own_digest(client, settings, run_jobs, twilio_http, weekday_morning):
    _opted_out_booking(client, "+13055550101")
    contact_id = new_contact(client, phone="+13055550102")
    address_id = new_address(client, contact_id, after_sales_care=False)
    booking = new_booking(client, contact_id, address_id=address_id, window_start="2026-11-24T08:00:00-05:00",
                          window_end="2026-11-24T10:00:00-05:00")
    call(client, "PATCH", f"/api/bookings/{booking['id']}", {"status": "completed"})
    weekday_morning.move_to(datetime(2026, 11, 25, 13, 0, tzinfo=UTC))
    run_jobs()
    with session_scope(settings.database_url) as session:
        rules = {(row.purpose, row.rule) for row in session.scalars(select(GateDecision)) if row.action == "refuse"}
    # the refused review request (the post-job sequence's first step, seed 001) is held back by design:
    # staff are not texted about it
    assert rules == {("booking_confirmation", "opt_out"), ("review_request", "after_sales_care")}
    weekday_morning.move_to(datetime(2026, 11, 25, 13, 31, tzinfo=UTC))
    run_jobs()
    digests = _staff_texts(twilio_http)
    assert len(digests) == 2 and all("the customer opted out" in text["Body"] for text in digests)


def test_a_refusal_at_night_is_told_to_staff_in_the_morning(client, settings, run_jobs, twilio_http,
                                                            weekday_morning):
    weekday_morning.move_to(datetime(2026, 11, 25, 3, 0, tzinfo=UTC))  # 10pm in New York
    _opted_out_booking(client, "+13055550101")
    run_jobs()
    weekday_morning.move_to(datetime(2026, 11, 25, 3, 0, tzinfo=UTC) + timedelta(hours=2))
    run_jobs()
    assert _staff_texts(twilio_http) == []
    weekday_morning.move_to(datetime(2026, 11, 25, 13, 0, 5, tzinfo=UTC))  # 8am
    run_jobs()
    assert len(_staff_texts(twilio_http)) == 2
