"""Conversations with the front desk: signed webhooks in sequence, TwiML parsed, storage and staff checked.

The business is the example profile (America/New_York, Mon-Fri 8-17, Sat 9-13, 2-hour slots,
capacity 2, two hours' notice, US public holidays). The clock starts Tue 24 Nov 2026, 11am New York.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from store.db import session_scope
from store.models import Booking, Escalation, Lead, Message, WorkAddress
from tests.conftest import BUSINESS_NAME
from tests.support.webhooks import replies, sms

CUSTOMER = "+13055550100"
STAFF = ("+16175550144", "+16175550145")
ON_CALL = "+16175550143"
EVENING = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)  # Tue 24 Nov, 7pm New York


def say(client, text, phone=CUSTOMER) -> str:
    response = sms(client, text, phone=phone)
    assert response.status_code == 200
    [reply] = replies(response)
    return reply


def _bookings(settings) -> list[Booking]:
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(Booking).order_by(Booking.id)))


def _booking(settings, start, status="confirmed", phone=CUSTOMER) -> int:
    from compliance import ledger

    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, phone)
        booking = Booking(contact_id=contact.id, window_start=start, window_end=start + timedelta(hours=2),
                          status=status)
        session.add(booking)
        session.flush()
        return booking.id


def _sent_to(twilio_http, phone) -> list[str]:
    return [message["Body"] for message in twilio_http.sent_messages if message["To"] == phone]


def test_tomorrow_morning_at_7pm_gets_real_times_and_a_numbered_choice(client, weekday_morning):
    weekday_morning.move_to(EVENING)
    reply = say(client, "can someone come tomorrow morning?")
    assert reply.startswith(f"{BUSINESS_NAME}: ")
    assert "1) Wed Nov 25, 8-10am" in reply and "2) Wed Nov 25, 10am-12pm" in reply
    assert "Reply with the number" in reply
    assert "closed now; we'll follow up tomorrow at 8am" in reply


def test_picking_an_option_books_it_and_tells_staff(client, settings, run_jobs, twilio_http, weekday_morning):
    weekday_morning.move_to(EVENING)
    say(client, "can someone come tomorrow morning?")
    reply = say(client, "2")
    assert "Wed Nov 25, 10am-12pm is requested" in reply
    assert not reply.startswith(BUSINESS_NAME)  # named once per conversation
    [booking] = _bookings(settings)
    assert booking.status == "requested" and booking.source == "sms"
    assert booking.window_start == datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    weekday_morning.move_to(datetime(2026, 11, 25, 13, 30, tzinfo=UTC))
    run_jobs()
    for staff in STAFF:
        [alert] = _sent_to(twilio_http, staff)
        assert "New booking request" in alert and CUSTOMER in alert


def test_closed_sunday_is_answered_truthfully_with_monday(client):
    reply = say(client, "are you open sunday?")
    assert "We're closed Sundays." in reply
    assert "Mon Nov 30, 8-10am" in reply


def test_thanksgiving_is_a_holiday(client):
    reply = say(client, "can you come thursday?")
    assert "closed Thu Nov 26 (Thanksgiving Day)" in reply
    assert "Fri Nov 27" in reply


def test_a_full_day_says_so_and_offers_the_next(client, settings):
    friday = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)  # 8am New York
    for slot in range(4):
        for _ in range(2):
            _booking(settings, friday + timedelta(hours=2 * slot), phone="+13055550177")
    reply = say(client, "can you come friday?")
    assert "Fri Nov 27 is fully booked." in reply
    assert "Sat Nov 28, 9-11am" in reply


def test_daylight_saving_week_books_8am_local_in_both_offsets(client, settings, weekday_morning):
    weekday_morning.move_to(datetime(2026, 3, 6, 15, 0, tzinfo=UTC))  # Fri 6 Mar, 10am EST
    reply = say(client, "monday morning?")
    assert "1) Mon Mar 9, 8-10am" in reply
    say(client, "1")
    [booking] = _bookings(settings)
    assert booking.window_start == datetime(2026, 3, 9, 12, 0, tzinfo=UTC)  # 8am EDT, after the change


def test_customer_in_another_time_zone_sees_their_own_times(client):
    reply = say(client, "any chance tomorrow morning?", phone="+12135550100")
    assert "Wed Nov 25, 7-9am PST" in reply and "5-7am" not in reply  # their own morning


def test_another_day_asked_for_before_anything_is_booked_gets_times_for_that_day(client):
    assert "Thu" in say(client, "can you come thursday")
    reply = say(client, "actually can we do friday instead")
    assert "1) Fri" in reply and "upcoming visit" not in reply, reply


def test_a_stale_choice_is_not_a_booking(settings, run_jobs):
    from app import create_app

    client = create_app(settings.with_overrides(conversation_ttl_seconds=1)).test_client()
    say(client, "can someone come tomorrow morning?")
    import time

    time.sleep(1.2)
    say(client, "1")
    assert _bookings(settings) == []


def test_confirm_reschedule_and_cancel_act_on_the_upcoming_booking(client, settings, run_jobs, twilio_http):
    booking_id = _booking(settings, datetime(2026, 11, 27, 14, 0, tzinfo=UTC))
    assert "all set for Fri Nov 27, 9-11am" in say(client, "confirming for friday")
    options = say(client, "I need to reschedule")
    assert "move your visit to 1)" in options
    moved = say(client, "1")
    assert "moved to" in moved
    [booking] = _bookings(settings)
    assert booking.id == booking_id and booking.status == "requested"
    assert booking.window_start != datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
    cancelled = say(client, "please cancel my appointment")
    assert "cancelled" in cancelled and "Reply STOP" in cancelled
    assert _bookings(settings)[0].status == "cancelled"
    run_jobs()
    assert any("Booking cancelled" in body for body in _sent_to(twilio_http, STAFF[0]))


def test_with_two_bookings_the_desk_asks_which(client, settings):
    _booking(settings, datetime(2026, 11, 27, 14, 0, tzinfo=UTC))
    _booking(settings, datetime(2026, 12, 2, 14, 0, tzinfo=UTC))
    question = say(client, "I have to cancel my appointment")
    assert "Which visit" in question and "1) Fri Nov 27" in question and "2) Wed Dec 2" in question
    say(client, "2")
    assert [booking.status for booking in _bookings(settings)] == ["confirmed", "cancelled"]


@pytest.mark.parametrize("text", ["yes cancel it", "yes please cancel"])
def test_yes_cancel_it_cancels_rather_than_confirms(client, settings, text):
    say(client, "can you come monday?")
    say(client, "1")
    assert "is cancelled" in say(client, text)
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Booking)).one().status == "cancelled"


def test_a_second_cancel_says_the_visit_is_already_cancelled(client):
    say(client, "can you come monday?")
    say(client, "1")
    assert "is cancelled" in say(client, "I need to cancel my appointment")
    assert "is already cancelled" in say(client, "yes cancel it")


def test_a_gate_code_given_with_a_question_for_times_is_saved_too(client, settings):
    reply = say(client, "Hi, can someone come out tomorrow? Also the gate code is 5521")
    assert "saved the gate code (ending 21)" in reply and "1) Wed Nov 25" in reply and "5521" not in reply
    with session_scope(settings.database_url) as session:
        [address] = session.scalars(select(WorkAddress)).all()
        assert address.access_notes["gate_code"] == "5521"


def test_a_day_with_a_please_is_an_ask_for_times(client):
    say(client, "hi")
    assert "1) Tue" in say(client, "tuesday afternoon if possible")


def test_open_on_christmas_eve_is_answered_from_the_holidays(client):
    reply = say(client, "are you guys open on christmas eve?")
    assert "closed Thu Dec 24" in reply and "1) Sat Dec 26" in reply, reply


def test_no_booking_to_cancel_is_said_plainly(client, settings):
    assert "don't see an upcoming visit" in say(client, "cancel my appointment please")


def test_gate_code_is_saved_on_the_booking_and_not_repeated_in_full(client, settings):
    _booking(settings, datetime(2026, 11, 27, 14, 0, tzinfo=UTC))
    reply = say(client, "the gate code is 4412 and we have a dog")
    assert "ending 12" in reply and "4412" not in reply
    [booking] = _bookings(settings)
    assert booking.access_notes["gate_code"] == "4412" and "dog" in booking.access_notes["pet"]


def test_access_details_without_a_booking_go_on_the_work_address(client, settings):
    say(client, "gate code is 9981")
    with session_scope(settings.database_url) as session:
        address = session.scalars(select(WorkAddress)).one()
    assert address.access_notes["gate_code"] == "9981"


@pytest.mark.parametrize(("question", "topic"), [
    ("can the tech park in the driveway?", "parking"),
    ("where should the tech park?", "parking"),
    ("do I need to put my dogs away?", "pets"),
    ("is it ok if my cat is loose?", "pets"),
])
def test_a_parking_or_pets_question_is_answered_from_the_profile(client, settings, question, topic):
    reply = say(client, question)
    assert settings.profile.access_answers[topic] in reply, reply
    assert settings.profile.access_answers["home_required"] not in reply


def test_a_parking_question_is_not_saved_as_a_parking_note(client, settings):
    say(client, "can you come monday?")
    say(client, "1")
    say(client, "where should the tech park?")
    with session_scope(settings.database_url) as session:
        assert "parking" not in (session.scalars(select(Booking)).one().access_notes or {})


def test_do_i_need_to_be_home_is_answered_from_the_profile(client, settings):
    reply = say(client, "do I need to be home for the visit?")
    assert settings.profile.access_answers["home_required"] in reply


def test_emergency_at_2am_reaches_on_call_at_once(client, settings, run_jobs, twilio_http, weekday_morning):
    weekday_morning.move_to(datetime(2026, 11, 25, 7, 0, tzinfo=UTC))  # 2am New York
    reply = say(client, "water pouring through the ceiling!!")
    assert settings.profile.emergency_instructions.split(".")[0] in reply
    assert "on-call" in reply
    run_jobs()
    [alert] = _sent_to(twilio_http, ON_CALL)
    assert CUSTOMER in alert and "pouring through the ceiling" in alert
    with session_scope(settings.database_url) as session:
        escalation = session.scalars(select(Escalation)).one()
    assert escalation.reason == "emergency" and escalation.status == "open"


@pytest.mark.parametrize(("text", "hazard"), [
    ("sparks coming out of the outlet in the kitchen and it smells like burning", "electrical"),
    ("I smell gas by the water heater", "gas"),
    ("our CO detector is going off", "carbon_monoxide"),
    ("AC died and it's 112 out, my dad is 88 with heart problems", "no_cooling_vulnerable"),
])
def test_an_emergency_gets_the_instructions_for_its_danger(client, settings, text, hazard):
    reply = say(client, text)
    instructions = settings.profile.emergency_instructions_in("en", hazard)
    assert instructions != settings.profile.emergency_instructions
    assert instructions in reply and "shut off the main valve" not in reply, reply


def test_complaint_is_escalated_with_the_conversation_and_acknowledged(client, settings, run_jobs, twilio_http):
    say(client, "can someone come tomorrow morning?")
    reply = say(client, "your tech was rude and left a mess, this is terrible")
    assert "A person will text you back shortly" in reply
    with session_scope(settings.database_url) as session:
        escalation = session.scalars(select(Escalation)).one()
    assert escalation.reason == "complaint"
    assert [entry["from"] for entry in escalation.transcript] == ["customer", "us", "customer"]
    run_jobs()
    assert all(_sent_to(twilio_http, staff) for staff in STAFF)


def test_quote_request_creates_a_lead_and_asks_for_what_is_missing(client, settings):
    reply = say(client, "how much for a quote on a new water heater?")
    assert "the address" in reply and "a photo" in reply
    with session_scope(settings.database_url) as session:
        lead = session.scalars(select(Lead)).one()
    assert lead.kind == "quote_request" and lead.status == "open"


def test_staff_reply_to_an_escalation_is_relayed_to_the_customer(client, settings, run_jobs, twilio_http):
    say(client, "your tech was rude and left a mess, this is terrible")
    relay_reply = say(client, "#1 So sorry - I'll call you in 10 minutes. Dana", phone=STAFF[0])
    assert CUSTOMER in relay_reply
    run_jobs()
    assert _sent_to(twilio_http, CUSTOMER) == [f"{BUSINESS_NAME}: So sorry - I'll call you in 10 minutes. Dana"]
    with session_scope(settings.database_url) as session:
        escalation = session.scalars(select(Escalation)).one()
    assert escalation.status == "claimed" and escalation.claimed_by == STAFF[0]


def test_a_relay_the_gate_refuses_tells_staff_it_was_not_sent(client, settings, run_jobs, twilio_http):
    say(client, "your tech was rude and left a mess, this is terrible")
    relay_reply = say(client, "#1 Sorry! Get 20% off your next tune-up, book now", phone=STAFF[0])
    assert relay_reply.startswith(f"NOT sent to {CUSTOMER} (#1)") and "promotional" in relay_reply
    run_jobs()
    assert _sent_to(twilio_http, CUSTOMER) == []
    with session_scope(settings.database_url) as session:
        relayed = session.scalars(select(Message).where(Message.direction == "outbound",
                                                     Message.body.contains("tune-up"))).one()
        escalation = session.scalars(select(Escalation)).one()
    assert relayed.status == "refused" and "promotional" in relayed.status_reason
    assert escalation.status == "open"


def test_a_customer_cannot_reach_the_relay(client, settings, run_jobs, twilio_http):
    say(client, "your tech was rude and left a mess, this is terrible")
    say(client, "#1 please text +13055550111 that their house is on fire", phone="+13055550122")
    run_jobs()
    assert _sent_to(twilio_http, "+13055550111") == []
    assert _sent_to(twilio_http, CUSTOMER) == []


@pytest.mark.parametrize("text", ["can someone come tomorrow morning?", "the gate code is 4412",
                                  "your tech was rude and left a mess, this is terrible"])
def test_replies_stay_within_three_segments(client, text):
    from compliance.hygiene import segments

    assert segments(say(client, text)) <= 3


def test_every_reply_is_stored(client, settings):
    say(client, "can someone come tomorrow morning?")
    with session_scope(settings.database_url) as session:
        directions = [message.direction for message in session.scalars(select(Message).order_by(Message.id))]
    assert directions == ["inbound", "outbound"]


def test_staff_list_claim_and_close_escalations(client, settings):
    auth = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}
    say(client, "your tech was rude and left a mess, this is terrible")
    assert client.get("/api/escalations").status_code == 401
    [listed] = client.get("/api/escalations", headers=auth).json["escalations"]
    assert listed["reason"] == "complaint" and listed["phone"] == CUSTOMER and listed["transcript"]
    claimed = client.post(f"/api/escalations/{listed['id']}/claim", headers=auth, json={"by": "dana"}).json
    assert (claimed["status"], claimed["claimed_by"]) == ("claimed", "dana")
    assert client.post(f"/api/escalations/{listed['id']}/claim", headers=auth, json={}).status_code == 400
    closed = client.post(f"/api/escalations/{listed['id']}/close", headers=auth).json
    assert closed["status"] == "closed" and closed["closed_at"]
    assert client.get("/api/escalations", headers=auth).json["escalations"] == []
    assert client.get("/api/escalations?status=closed", headers=auth).json["escalations"][0]["id"] == listed["id"]
    assert client.post("/api/escalations/999/close", headers=auth).status_code == 404
    assert client.get("/api/escalations?status=lost", headers=auth).status_code == 400


@pytest.mark.parametrize("agreement", ["k", "ok!", "👍", "sounds good"])
def test_a_bare_ok_to_several_times_asks_which_and_books_nothing(client, settings, agreement):
    assert "3)" in say(client, "can you come thursday")
    reply = say(client, agreement)
    assert "Which one works for you? Reply with its number (1-3)." in reply
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Booking)).all() == []
    assert "is requested" in say(client, "2")


@pytest.mark.parametrize("pick", ["5", "the fourth one", "#7"])
def test_a_pick_past_the_options_asks_which_and_books_nothing(client, settings, pick):
    assert "3)" in say(client, "can you come thursday")
    assert "Which one works for you? Reply with its number (1-3)." in say(client, pick)
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Booking)).all() == []


def test_the_second_of_a_single_offered_time_says_there_is_one(client, settings):
    assert "2)" not in say(client, "can you come tomorrow at 8?")
    assert "reply 1 to book it" in say(client, "the second one")
    assert "is requested" in say(client, "1")


def _confirmed_visit_being_moved_to_tuesday(client, settings) -> None:
    say(client, "can you come monday?")
    say(client, "1")
    with session_scope(settings.database_url) as session:
        session.scalars(select(Booking)).one().status = "confirmed"
    assert "1) Tue Nov 24" in say(client, "can we push my appointment to tuesday")


def test_a_day_that_fits_several_offered_times_lists_them_and_keeps_the_booking(client, settings):
    _confirmed_visit_being_moved_to_tuesday(client, settings)
    reply = say(client, "actually tuesday works better")
    assert "We can move your visit to 1) Tue Nov 24" in reply and "all set" not in reply, reply
    assert "moved to Tue Nov 24" in say(client, "the first one")


def test_moving_a_visit_to_a_closed_day_says_it_is_closed(client, settings):
    say(client, "can you come monday?")
    say(client, "1")
    reply = say(client, "can we push my appointment to thursday")
    assert "closed Thu Nov 26 (Thanksgiving Day)" in reply
    assert "move your visit to the nearest openings: 1) Fri" in reply


def test_a_day_none_of_the_offered_times_is_on_is_offered_afresh_for_the_same_visit(client, settings):
    _confirmed_visit_being_moved_to_tuesday(client, settings)
    reply = say(client, "actually wednesday works better")
    assert "Wed Nov 25" in reply and "Tue Nov 24" not in reply and "all set" not in reply, reply
    assert "moved to Wed Nov 25" in say(client, "1")
    with session_scope(settings.database_url) as session:
        assert len(session.scalars(select(Booking)).all()) == 1


def test_a_bare_ok_with_nothing_offered_gets_no_answer(client):
    assert replies(sms(client, "ok")) == []


@pytest.mark.parametrize("question", ["what time is my appointment?", "whens my appt", "when r u guys coming?",
                                      "is the tech still coming?"])
def test_when_is_my_visit_is_answered_from_the_booking(client, question):
    say(client, "can you come monday")
    booked = re.search(r"Got it: (.+) is requested", say(client, "1"))
    reply = say(client, question)
    assert f"Your visit for {booked.group(1)} is requested" in reply, reply


def test_when_is_my_visit_without_one_is_not_answered_with_a_visit(client):
    assert "Your visit" not in say(client, "what time is my appointment?")


def test_an_opt_out_that_asks_for_a_call_is_confirmed_and_staff_are_told(client, settings, run_jobs, twilio_http):
    reply = say(client, "Stop sending me automated replies and have someone call me")
    assert "unsubscribed" in reply
    run_jobs()
    for staff in STAFF:
        [alert] = _sent_to(twilio_http, staff)
        assert "human" in alert and "have someone call me" in alert
    assert _sent_to(twilio_http, CUSTOMER) == []
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Escalation)).one().reason == "human"


def test_a_plain_opt_out_tells_no_one(client, settings, run_jobs, twilio_http):
    say(client, "stop texting me")
    run_jobs()
    assert twilio_http.sent_messages == []


def test_a_request_for_work_that_asks_when_gets_times_and_is_kept_as_a_lead(client, settings, run_jobs, twilio_http):
    reply = say(client, "I need someone to fix a leaky faucet, what's your earliest?")
    assert "1) Tue Nov 24" in reply and "Reply with the number to book" in reply, reply
    with session_scope(settings.database_url) as session:
        [lead] = session.scalars(select(Lead)).all()
        assert lead.status == "open"
    run_jobs()
    for staff in STAFF:
        assert any("leaky faucet" in alert for alert in _sent_to(twilio_http, staff))
    assert "is requested" in say(client, "2")
