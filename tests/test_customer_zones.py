"""Times are told in the job's zone: the work address's, else the number's area code, else the business's.

The business is the example profile (America/New_York). A San Francisco (415) number with a Boston
work address is offered, confirmed and reminded in Eastern time.
"""

from datetime import UTC, datetime

from tests.support.webhooks import replies, sms

AUTH = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}
SAN_FRANCISCO = "+14155550123"
EVENING = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)  # Tue 24 Nov, 7pm New York, 4pm San Francisco


def say(client, text, phone=SAN_FRANCISCO) -> str:
    response = sms(client, text, phone=phone)
    assert response.status_code == 200
    [reply] = replies(response)
    return reply


def _boston_customer(client, **address) -> tuple[int, int]:
    contact = client.post("/api/contacts", headers=AUTH, json={"phone": SAN_FRANCISCO}).json["id"]
    address_id = client.post(f"/api/contacts/{contact}/addresses", headers=AUTH,
                             json={"line1": "1 Beacon St", "city": "Boston", **address}).json["id"]
    return contact, address_id


def test_a_boston_job_with_a_415_number_is_offered_eastern_times(client, weekday_morning):
    _boston_customer(client, state="MA")
    weekday_morning.move_to(EVENING)
    reply = say(client, "can someone come tomorrow morning?")
    assert "1) Wed Nov 25, 8-10am" in reply and "PST" not in reply
    assert "we'll follow up tomorrow at 8am" in reply


def test_the_address_time_zone_wins_over_the_number(client, weekday_morning):
    _boston_customer(client, time_zone="America/New_York")
    weekday_morning.move_to(EVENING)
    reply = say(client, "can someone come tomorrow morning?")
    assert "1) Wed Nov 25, 8-10am" in reply and "PST" not in reply


def test_confirmation_and_reminder_use_the_jobs_zone(client, settings, run_jobs, twilio_http, weekday_morning):
    contact, address = _boston_customer(client, state="MA")
    assert client.post(f"/api/contacts/{contact}/consent", headers=AUTH, json={
        "kind": "existing_relationship", "source": "staff", "recorded_by": "dana"}).status_code == 201
    booking = client.post("/api/bookings", headers=AUTH, json={
        "contact_id": contact, "address_id": address, "status": "confirmed",
        "window_start": "2026-11-26T09:00:00-05:00", "window_end": "2026-11-26T11:00:00-05:00"})
    assert booking.status_code == 201
    run_jobs()
    weekday_morning.move_to(datetime(2026, 11, 25, 16, 5, tzinfo=UTC))  # past the reminder, 8am in SF
    run_jobs()
    sent = [message["Body"] for message in twilio_http.sent_messages if message["To"] == SAN_FRANCISCO]
    assert len(sent) == 2 and all("Thu Nov 26, 9-11am" in body and "PST" not in body for body in sent), sent


def test_without_an_address_the_area_code_decides_and_the_after_hours_note_follows_it(client, weekday_morning):
    weekday_morning.move_to(EVENING)
    reply = say(client, "can someone come tomorrow morning?")
    assert "1) Wed Nov 25, 7-9am PST" in reply  # their morning: 5-7am PST is the business's 8-10am
    # the office opens at 5am their time, but nobody is promised a text before 8am where they are
    assert "5-7am" not in reply and "we'll follow up tomorrow at 8am PST" in reply


def test_an_escalation_after_hours_names_the_next_opening_in_the_customers_zone(client, weekday_morning):
    weekday_morning.move_to(EVENING)
    reply = say(client, "your tech was rude and left a mess, this is terrible")
    assert "A person will text you back tomorrow at 8am PST" in reply


def test_a_pick_is_read_in_the_zone_the_options_were_shown_in(client, settings, weekday_morning):
    weekday_morning.move_to(EVENING)
    assert "1) Wed Nov 25, 7-9am PST" in say(client, "can someone come tomorrow morning?")
    assert "Wed Nov 25, 7-9am PST is requested" in say(client, "the 7am please")


def test_a_time_asked_for_is_read_on_the_customers_clock(client, weekday_morning):
    weekday_morning.move_to(EVENING)
    reply = say(client, "anything tomorrow after 10am?")  # 10am in San Francisco is 1pm in New York
    assert "1) Wed Nov 25, 11am-1pm PST" in reply and "9-11am" not in reply, reply
