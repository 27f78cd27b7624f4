"""Answers a real business gets wrong in its first week, driven by signed webhooks.

The business is the example profile (America/New_York, Mon-Fri 8-17, Sat 9-13, 2-hour slots,
capacity 2, two hours' notice, three options, US public holidays, on-call +16175550143, staff
+16175550144 and +16175550145).
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from compliance import ledger
from store.db import session_scope
from store.models import Booking, ConsentEvent, Escalation, Message
from tests.conftest import BUSINESS_NAME
from tests.support.webhooks import post, replies, sid, sms

CUSTOMER = "+13055550100"
STAFF = ("+16175550144", "+16175550145")
ON_CALL = "+16175550143"


def say(client, text, phone=CUSTOMER) -> str:
    response = sms(client, text, phone=phone)
    assert response.status_code == 200
    [reply] = replies(response)
    return reply


def _sent_to(twilio_http, phone) -> list[str]:
    return [message["Body"] for message in twilio_http.sent_messages if message["To"] == phone]


def _booking(settings, start, status="confirmed", **fields) -> int:
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, CUSTOMER)
        booking = Booking(contact_id=contact.id, window_start=start, window_end=start + timedelta(hours=2),
                          status=status, **fields)
        session.add(booking)
        session.flush()
        return booking.id


def _voicemail(client, text: str) -> None:
    call_sid, recording_sid = sid("CA"), sid("RE")
    response = post(client, "/twilio/voicemail/transcription", {
        "CallSid": call_sid, "From": CUSTOMER, "RecordingSid": recording_sid, "TranscriptionSid": sid("TR"),
        "TranscriptionStatus": "completed", "TranscriptionText": text})
    assert response.status_code == 200


# 7. A message the gate requires to name the business names it, whatever the conversation said.
def test_a_voicemail_answer_names_the_business_after_a_recent_text(client, settings, run_jobs, twilio_http,
                                                                   weekday_morning):
    assert say(client, "are you open saturday?").startswith(f"{BUSINESS_NAME}: ")
    weekday_morning.shift(timedelta(minutes=30))
    _voicemail(client, "Hi, my kitchen sink is clogged, can someone come tomorrow morning")
    run_jobs()
    [answer] = _sent_to(twilio_http, CUSTOMER)
    assert answer.startswith(f"{BUSINESS_NAME}: ")
    with session_scope(settings.database_url) as session:
        statuses = [message.status for message in session.scalars(
            select(Message).where(Message.direction == "outbound", Message.contact_id == 1))]
    assert "refused" not in statuses


# 8. "Cancel" alone is an opt-out, but a customer with a visit hears how to cancel it, and staff at once.
def test_bare_cancel_with_an_upcoming_visit_opts_out_and_points_at_the_visit(client, settings, run_jobs,
                                                                             twilio_http):
    booking_id = _booking(settings, datetime(2026, 12, 1, 14, 0, tzinfo=UTC))  # Tue Dec 1, 9am New York
    reply = say(client, "Cancel")
    assert "You're unsubscribed" in reply
    assert "If you meant your appointment on Tue Dec 1, call us at (305) 555-0199." in reply
    with session_scope(settings.database_url) as session:
        assert ledger.state_of(session, 1).opted_out_all
        assert session.get(Booking, booking_id).status == "confirmed"  # staff decide, not the keyword
    run_jobs()
    for staff in STAFF:
        [alert] = _sent_to(twilio_http, staff)
        assert CUSTOMER in alert and "CANCEL" in alert and "Tue Dec 1, 9-11am" in alert and alert.startswith("[#")


def test_bare_cancel_without_a_visit_is_the_plain_opt_out(client, settings, run_jobs, twilio_http):
    reply = say(client, "cancel")
    assert "You're unsubscribed" in reply and "appointment" not in reply
    run_jobs()
    assert all(_sent_to(twilio_http, staff) == [] for staff in STAFF)


# 9. "After 2pm" widens the search until the profile's three options are found.
def test_after_2pm_offers_as_many_options_as_the_profile_asks(client, weekday_morning):
    weekday_morning.move_to(datetime(2026, 11, 24, 20, 0, tzinfo=UTC))  # Tue 3pm: today's 2-4pm has passed
    reply = say(client, "can you come after 2pm")
    assert "1) Wed Nov 25, 2-4pm" in reply and "2) Fri Nov 27, 2-4pm" in reply and "3) Mon Nov 30, 2-4pm" in reply


# 10. A stale "1" after the offer expired gets fresh times.
def test_a_stale_1_after_the_offer_expired_gets_fresh_times(client, settings, redis_connection, weekday_morning):
    say(client, "can someone come tomorrow morning?")
    weekday_morning.shift(timedelta(seconds=settings.conversation_ttl_seconds + 60))
    redis_connection.flushdb()  # what the expiry does, without waiting for it
    reply = say(client, "1")
    assert "1) " in reply and "Reply with the number" in reply and "no longer held" in reply
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Escalation)).all() == []
        assert session.scalars(select(Booking)).all() == []


# 11. "How will the tech get in?" is answered from the saved access details only.
def test_how_will_the_tech_get_in_answers_from_the_saved_lockbox(client, settings):
    _booking(settings, datetime(2026, 11, 27, 14, 0, tzinfo=UTC))
    assert "ending 21" in say(client, "the lockbox code is 4821")
    reply = say(client, "How will the tech get in?")
    assert "lockbox code (ending 21)" in reply
    assert settings.profile.access_answers["home_required"] not in reply
    assert "4821" not in reply


def test_how_will_the_tech_get_in_without_saved_details_gives_the_profiles_answer_only(client, settings):
    reply = say(client, "How will the tech get in?")
    assert settings.profile.access_answers["tech_entry"] in reply
    assert settings.profile.access_answers["home_required"] not in reply


# 12. "Sunday" asked on a Sunday says "We're closed Sundays" once.
def test_sunday_asked_on_a_sunday_says_closed_sundays_once(client, weekday_morning):
    weekday_morning.move_to(datetime(2026, 11, 29, 15, 0, tzinfo=UTC))  # Sunday 29 Nov, 10am New York
    for text in ("Sunday", "are you open sunday?", "can someone come sunday"):
        reply = say(client, text)
        assert reply.count("closed Sundays") == 1, reply
        assert "Mon Nov 30" in reply or "Mon Dec 7" in reply, reply


# 13. A complaint that mentions water is a complaint, urgent for staff, not the emergency script.
def test_a_flooding_complaint_is_an_urgent_complaint_not_the_shut_off_script(client, settings, run_jobs,
                                                                            twilio_http):
    reply = say(client, "your plumber flooded my basement and I want a refund")
    assert settings.profile.emergency_instructions.split(".")[0] not in reply
    assert "passed this to our team" in reply
    with session_scope(settings.database_url) as session:
        escalation = session.scalars(select(Escalation)).one()
    assert escalation.reason == "complaint"
    run_jobs()
    for staff in STAFF:
        [alert] = _sent_to(twilio_http, staff)
        assert "URGENT complaint" in alert and "flooded my basement" in alert
    assert _sent_to(twilio_http, ON_CALL) == []


def test_water_happening_now_is_still_the_emergency(client, settings):
    reply = say(client, "your plumber was here yesterday and now water is pouring through the ceiling")
    assert settings.profile.emergency_instructions.split(".")[0] in reply
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Escalation)).one().reason == "emergency"
        assert session.scalars(select(ConsentEvent)).first() is not None
