"""Everyday texts a front desk must handle without a person: greetings, hours, photos, access questions,
two asks in one text, the office-closed notice said once. Signed webhooks in, TwiML and staff texts checked.

The business is the example profile of tests/test_conversations.py (New York, Mon-Fri 8-17, Sat 9-13).
"""

from datetime import UTC, datetime

from sqlalchemy import select

from store.db import session_scope
from store.models import Booking, Escalation, Lead
from tests.conftest import BUSINESS_NAME
from tests.support.bookings import add_visit
from tests.support.webhooks import replies, sid, sms

CUSTOMER = "+13055550100"
SPANISH = "+13055550177"
STAFF = ("+16175550144", "+16175550145")
TOMORROW_10AM = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wed 25 Nov, 10am New York


def say(client, text, phone=CUSTOMER, **extra) -> str | None:
    response = sms(client, text, phone=phone, **extra)
    assert response.status_code == 200
    sent = replies(response)
    return sent[0] if sent else None


def _booking(settings, start=TOMORROW_10AM, phone=CUSTOMER) -> int:
    return add_visit(settings, phone, start)


def _escalations(settings) -> list[Escalation]:
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(Escalation)))


def _sent_to(twilio_http, phone) -> list[str]:
    return [message["Body"] for message in twilio_http.sent_messages if message["To"] == phone]


def _photo(client, text="", phone=CUSTOMER):
    message_sid = sid("MM")
    url = f"https://api.twilio.com/2010-04-01/Accounts/AC{'1' * 32}/Messages/{message_sid}/Media/ME1"
    return say(client, text, phone=phone, message_sid=message_sid, NumMedia="1", MediaUrl0=url,
               MediaContentType0="image/jpeg")


def test_a_greeting_is_greeted_back_without_paging_staff(client, settings, run_jobs, twilio_http):
    assert "How can we help?" in say(client, "Good morning!")
    assert "¿En qué le podemos ayudar?" in say(client, "hola buenas tardes", phone=SPANISH)
    run_jobs()
    assert _escalations(settings) == []
    assert not any(_sent_to(twilio_http, staff) for staff in STAFF)


def test_thanks_in_texting_spanish_after_a_code_is_not_escalated(client, settings):
    _booking(settings, phone=SPANISH)
    assert "termina en 34" in say(client, "el codigo del porton es 7734", phone=SPANISH)
    assert say(client, "grax", phone=SPANISH) is None
    assert _escalations(settings) == []


def test_the_office_hours_are_answered_from_the_profile(client, settings):
    assert say(client, "what are your hours?").endswith("We're open Mon-Fri 8am-5pm, Sat 9am-1pm.")
    assert "lun-vie 8am-5pm, sáb 9am-1pm" in say(client, "¿a qué hora abren?", phone=SPANISH)
    assert _escalations(settings) == []


def test_both_options_fine_books_the_first_and_the_earlier_one_is_the_first(client, settings):
    say(client, "can you come monday?")
    assert "Mon Nov 30, 8-10am is requested" in say(client, "1 or 2 both work")
    say(client, "anything saturday?", phone="+13055550111")
    assert "Sat Nov 28, 9-11am is requested" in say(client, "the earlier one", phone="+13055550111")
    assert _escalations(settings) == []


def test_a_photo_with_no_words_joins_the_open_request_and_tells_staff(client, settings, run_jobs, twilio_http):
    say(client, "my water heater is leaking from the bottom")
    assert "added it to your request" in _photo(client)
    run_jobs()
    [_, photo_alert] = _sent_to(twilio_http, STAFF[0])
    assert "photo for request" in photo_alert and "[photo] my water heater is leaking" in photo_alert
    assert _escalations(settings) == []
    with session_scope(settings.database_url) as session:
        assert len(session.scalars(select(Lead)).all()) == 1


def test_a_photo_with_no_words_and_no_request_names_the_photo_for_staff(client, settings, run_jobs, twilio_http):
    assert "passed this to our team" in _photo(client)
    run_jobs()
    assert all("[photo]" in alert for alert in _sent_to(twilio_http, STAFF[0]))


def test_leaving_a_key_is_not_promised_when_the_profile_wants_someone_home(client, settings):
    booking_id = _booking(settings)
    reply = say(client, "do I need to be home or can I leave the key under the mat?")
    answers = settings.profile.access_answers
    assert answers["home_required"] in reply and answers["tech_entry"] in reply
    assert "will use" not in reply and "saved" not in reply
    with session_scope(settings.database_url) as session:
        assert "key_location" not in (session.get(Booking, booking_id).access_notes or {})


def test_a_lockbox_code_given_with_the_question_is_saved_once_and_the_waiver_named(client, settings):
    _booking(settings)
    reply = say(client, "I won't be home, can the tech let himself in? lockbox code is 3319")
    assert reply.count("lockbox code (ending 19)") == 1
    assert settings.profile.access_answers["tech_entry"] in reply and "3319" not in reply


def test_a_pet_note_keeps_what_the_customer_said_and_a_pet_question_is_not_a_note(client, settings):
    booking_id = _booking(settings)
    note = "fyi the dog will be out in the yard, he's friendly"
    say(client, note)
    with session_scope(settings.database_url) as session:
        assert session.get(Booking, booking_id).access_notes["pet"] == note
    spanish_booking = _booking(settings, phone=SPANISH)
    reply = say(client, "tengo que encerrar al perro?", phone=SPANISH)
    assert settings.profile.access_answers_in("es")["pets"] in reply
    with session_scope(settings.database_url) as session:
        assert "pet" not in (session.get(Booking, spanish_booking).access_notes or {})


def test_a_parking_question_with_a_visit_booked_is_answered(client, settings):
    _booking(settings)
    assert settings.profile.access_answers["parking"] in say(client, "can the tech park in my driveway?")
    assert _escalations(settings) == []


def test_a_price_asked_beside_the_visit_time_is_not_dropped(client, settings, run_jobs, twilio_http):
    _booking(settings)
    reply = say(client, "is my appt still tomorrow and how much will it be?")
    assert "confirmed for Wed Nov 25, 10am-12pm" in reply and "about the price" in reply
    run_jobs()
    assert any("quote request" in alert for alert in _sent_to(twilio_http, STAFF[0]))


def test_a_price_asked_with_a_day_gets_times_and_says_the_price_follows(client, settings):
    reply = say(client, "how much to replace a toilet and can you come friday")
    assert "1) Fri Nov 27" in reply and reply.endswith("We'll text you about the price.")


def test_the_office_closed_notice_is_said_once_per_closed_spell(client, weekday_morning):
    weekday_morning.move_to(datetime(2026, 11, 29, 0, 0, tzinfo=UTC))  # Sat 28 Nov, 7pm New York
    first = say(client, "is anyone available monday morning?")
    assert "closed now; we'll follow up Mon at 8am" in first
    assert "closed now" not in say(client, "1")


def test_a_far_away_customer_is_not_promised_a_follow_up_before_8am_their_time(client, weekday_morning):
    weekday_morning.move_to(datetime(2026, 11, 25, 4, 30, tzinfo=UTC))  # Tue 11:30pm New York, 8:30pm Los Angeles
    reply = say(client, "can someone come friday?", phone="+12135550123")
    assert "we'll follow up tomorrow at 8am PST" in reply


def test_a_flood_the_tech_left_behind_is_a_complaint_not_the_shut_off_script(client, settings, weekday_morning):
    weekday_morning.move_to(datetime(2026, 11, 25, 4, 30, tzinfo=UTC))
    reply = say(client, "the tech you sent today flooded my bathroom floor and left. unacceptable.")
    assert "main valve" not in reply
    [escalation] = _escalations(settings)
    assert escalation.reason == "complaint"
    assert BUSINESS_NAME in reply


def test_a_problem_asked_with_when_is_a_job_for_staff_and_times_to_pick(client, settings, run_jobs, twilio_http):
    reply = say(client, "fijese que tengo una fuga debajo del lavamanos, cuando pueden venir?", phone=SPANISH)
    assert "Responda con el número" in reply
    run_jobs()
    assert any("service request" in alert for alert in _sent_to(twilio_http, STAFF[0]))
    with session_scope(settings.database_url) as session:
        assert [lead.kind for lead in session.scalars(select(Lead))] == ["service_request"]


def test_a_plain_availability_question_opens_no_lead(client, settings):
    assert "Reply with the number" in say(client, "do you have anything open thursday afternoon?")
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Lead)).all() == []


def test_a_photo_asking_the_price_is_a_quote_request_with_the_photo(client, settings, run_jobs, twilio_http):
    reply = _photo(client, "this is the drip under the sink, how much to fix?")
    assert "put a quote together" in reply and "photo" not in reply
    run_jobs()
    assert any("quote request" in alert and "[photo]" in alert for alert in _sent_to(twilio_http, STAFF[0]))


def test_an_answer_too_long_for_three_segments_loses_whole_sentences_not_half_of_one(client, settings):
    _booking(settings, phone=SPANISH)
    reply = say(client, "tengo que estar en la casa o puedo dejar la llave con el vecino?", phone=SPANISH)
    assert settings.profile.access_answers_in("es")["home_required"] in reply
    assert not reply.endswith("...") and reply.endswith(".")
