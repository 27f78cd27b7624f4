"""Changes to a visit by text, and replies to the times offered: moves that name the visit's day and the
day wanted, asks to adjust a visit, a "never mind" to the offers, and replies that ask around them.

Same business and clock as tests/test_conversations.py: the example profile (America/New_York,
Mon-Fri 8-17, Sat 9-13, 2-hour slots), the clock at Tue 24 Nov 2026, 11am New York; "the visit" is
a confirmed one tomorrow, Wed 25 Nov 10am-12pm.
"""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from store.db import session_scope
from store.models import Booking, Escalation
from tests.support.bookings import add_visit
from tests.support.webhooks import replies, sms

CUSTOMER = "+13055550100"
SPANISH_CUSTOMER = "+13055550177"
STAFF = ("+16175550144", "+16175550145")
VISIT_START = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # Wed 25 Nov, 10am New York


def say(client, text, phone=CUSTOMER) -> str:
    response = sms(client, text, phone=phone)
    assert response.status_code == 200
    [reply] = replies(response)
    return reply


def _visit_tomorrow(settings, phone=CUSTOMER) -> int:
    return add_visit(settings, phone, VISIT_START)


def _bookings(settings) -> list[tuple[str, datetime]]:
    with session_scope(settings.database_url) as session:
        return [(booking.status, booking.window_start.astimezone(UTC))
                for booking in session.scalars(select(Booking).order_by(Booking.id))]


def _escalations(settings) -> list[str]:
    with session_scope(settings.database_url) as session:
        return [escalation.reason for escalation in session.scalars(select(Escalation))]


def _sent_to(twilio_http, phone) -> list[str]:
    return [message["Body"] for message in twilio_http.sent_messages if message["To"] == phone]


# 1. A move that names the visit's day and the day wanted offers the day wanted.

@pytest.mark.parametrize(("text", "target"), [
    ("can I change tomorrow's appointment to friday?", "Fri Nov 27"),
    ("can we move tomorrow to friday?", "Fri Nov 27"),
    ("hey can we push tomorrow's visit to monday?", "Mon Nov 30"),
])
def test_a_move_from_the_visits_day_offers_the_day_asked_for(client, settings, run_jobs, twilio_http, text, target):
    _visit_tomorrow(settings)
    offers = say(client, text)
    assert f"move your visit to 1) {target}" in offers and "Wed Nov 25" not in offers, offers
    assert f"moved to {target}" in say(client, "1")
    [(status, start)] = _bookings(settings)
    assert status == "requested" and start.astimezone(settings.profile.time_zone).day in (27, 30)
    run_jobs()
    assert any("Booking moved" in alert for alert in _sent_to(twilio_http, STAFF[0]))


@pytest.mark.parametrize(("text", "target"), [
    ("Buenas, se puede cambiar la cita de mañana para el viernes?", "vie 27 nov"),
    ("puedo cambiar mi cita de mañana al lunes?", "lun 30 nov"),
])
def test_a_spanish_move_from_the_visits_day_offers_the_day_asked_for(client, settings, text, target):
    _visit_tomorrow(settings, SPANISH_CUSTOMER)
    offers = say(client, text, SPANISH_CUSTOMER)
    assert f"pasar su cita a 1) {target}" in offers and "mié 25 nov" not in offers, offers
    assert f"quedó para el {target}" in say(client, "la segunda", SPANISH_CUSTOMER)
    [(status, start)] = _bookings(settings)
    assert status == "requested" and start != VISIT_START


def test_a_customer_with_a_visit_is_not_offered_a_second_one_that_day(client, settings):
    _visit_tomorrow(settings)
    offers = say(client, "what's your earliest?")
    assert "1) Tue Nov 24, 2-4pm" in offers and "Wed Nov 25" not in offers and "to book" in offers, offers


def test_the_visits_own_time_is_never_offered_as_a_move(client, settings):
    _visit_tomorrow(settings)
    offers = say(client, "can we move my appointment to another time tomorrow?")
    assert "1) Wed Nov 25, 8-10am" in offers and "Wed Nov 25, 10am-12pm" not in offers, offers


# 2. An ask to adjust the visit moves it; an extra job for it is noted on it.

def test_come_earlier_on_the_visits_day_offers_to_move_it_not_a_second_booking(client, settings, run_jobs,
                                                                               twilio_http):
    _visit_tomorrow(settings)
    offers = say(client, "any chance the tech can come earlier tomorrow?")
    assert "move your visit to 1) Wed Nov 25, 8-10am" in offers and "to book" not in offers, offers
    assert "10am-12pm" not in offers.partition("1)")[2]  # earlier than the visit, and never its own time
    assert "moved to Wed Nov 25, 8-10am" in say(client, "1")
    assert _bookings(settings) == [("requested", datetime(2026, 11, 25, 13, 0, tzinfo=UTC))]
    run_jobs()
    alerts = _sent_to(twilio_http, STAFF[0])
    assert any("Booking moved" in alert for alert in alerts) and not any("New booking" in a for a in alerts)


def test_running_late_in_spanish_offers_to_move_the_visit_to_the_hour_asked(client, settings):
    _visit_tomorrow(settings, SPANISH_CUSTOMER)
    offers = say(client, "voy a llegar un poco tarde mañana, puede venir el tecnico a las 12?", SPANISH_CUSTOMER)
    assert "pasar su cita a 1) mié 25 nov, 12-2pm" in offers and "agendar" not in offers, offers
    say(client, "1", SPANISH_CUSTOMER)
    assert _bookings(settings) == [("requested", datetime(2026, 11, 25, 17, 0, tzinfo=UTC))]


def test_another_job_for_the_visit_is_noted_on_it_and_staff_are_told(client, settings, run_jobs, twilio_http):
    booking_id = _visit_tomorrow(settings)
    reply = say(client, "can the tech also look at the bathroom sink tomorrow? it drips")
    assert "1)" not in reply and "Wed Nov 25, 10am-12pm" in reply and "added" in reply, reply
    with session_scope(settings.database_url) as session:
        booking = session.get(Booking, booking_id)
        assert "bathroom sink" in booking.notes and booking.status == "confirmed"
    assert len(_bookings(settings)) == 1 and _escalations(settings) == []
    run_jobs()
    for staff in STAFF:
        assert any("bathroom sink" in alert for alert in _sent_to(twilio_http, staff))


# 7. "Never mind" drops the offers; "cancel it instead" cancels.

@pytest.mark.parametrize(("phone", "ask", "never_mind", "answer"), [
    (CUSTOMER, "can you come monday?", "nvm, I fixed it myself", "No problem"),
    (SPANISH_CUSTOMER, "pueden venir el lunes?", "olvidelo, ya lo arregle", "No hay problema"),
])
def test_never_mind_to_offered_times_drops_them_without_a_person(client, settings, phone, ask, never_mind, answer):
    assert "1)" in say(client, ask, phone)
    assert answer in say(client, never_mind, phone)
    say(client, "1", phone)  # a late "1" may get fresh times, never a booking
    assert _bookings(settings) == [] and _escalations(settings) == []


@pytest.mark.parametrize(("phone", "ask", "never_mind", "answer"), [
    (CUSTOMER, "can we move tomorrow to friday?", "actually never mind, keep the original time",
     "your visit stays Wed Nov 25, 10am-12pm"),
    (SPANISH_CUSTOMER, "se puede mover mi cita al viernes?", "mejor no, dejela como estaba",
     "su cita sigue para el mié 25 nov, 10am-12pm"),
])
def test_never_mind_to_a_move_keeps_the_visit_as_it_was(client, settings, phone, ask, never_mind, answer):
    _visit_tomorrow(settings, phone)
    assert "1)" in say(client, ask, phone)
    assert answer.lower() in say(client, never_mind, phone).lower()
    late_pick = say(client, "1", phone)  # the times are dropped: the visit is told, no new times to pick from
    assert "2)" not in late_pick and ("Wed Nov 25, 10am-12pm" in late_pick or "mié 25 nov, 10am-12pm" in late_pick)
    assert _bookings(settings) == [("confirmed", VISIT_START)] and _escalations(settings) == []


def test_cancel_it_instead_after_move_offers_cancels_the_visit(client, settings, run_jobs, twilio_http):
    _visit_tomorrow(settings)
    say(client, "can we move tomorrow to friday?")
    reply = say(client, "eh just cancel it instead")
    assert "Your visit Wed Nov 25, 10am-12pm is cancelled" in reply, reply
    assert _bookings(settings) == [("cancelled", VISIT_START)] and _escalations(settings) == []
    run_jobs()
    assert any("Booking cancelled" in alert for alert in _sent_to(twilio_http, STAFF[0]))


# 11. Replies that ask around the offered times keep them in view.

def test_later_in_the_day_after_offers_offers_the_later_times_of_that_day(client, settings):
    assert "1) Mon Nov 30, 8-10am" in say(client, "can you come monday?")
    reply = say(client, "none of those work, anything later in the day?")
    assert "1) Mon Nov 30, 2-4pm" in reply and "upcoming visit" not in reply, reply
    assert "8-10am" not in reply


def test_none_of_those_gets_the_next_openings_after_the_last_one_offered(client, settings):
    assert "1) Fri Nov 27, 12-2pm 2) Fri Nov 27, 2-4pm" in say(client, "can you come friday afternoon?")
    reply = say(client, "neither works for me")
    assert "The next openings: 1) Sat Nov 28, 9-11am 2) Sat Nov 28, 11am-1pm 3) Mon Nov 30, 8-10am" in reply, reply
    assert _escalations(settings) == []


def test_none_of_those_to_move_offers_keeps_moving_the_visit(client, settings):
    _visit_tomorrow(settings)
    say(client, "can we move tomorrow to friday?")
    reply = say(client, "none of those work")
    assert "move your visit to the next openings: 1) Fri Nov 27, 2-4pm" in reply, reply
    assert "moved to Fri Nov 27, 2-4pm" in say(client, "1")
    assert _bookings(settings) == [("requested", datetime(2026, 11, 27, 19, 0, tzinfo=UTC))]


def test_a_time_none_of_the_options_starts_at_is_looked_for_on_their_days(client, settings):
    offers = say(client, "pueden venir lo antes posible?", SPANISH_CUSTOMER)
    assert "mié 25 nov, 10am-12pm" in offers and "12-2pm" not in offers, offers
    reply = say(client, "esa de las 12 esta bien", SPANISH_CUSTOMER)
    assert "1) mié 25 nov, 12-2pm" in reply and "cita próxima" not in reply, reply
    say(client, "1", SPANISH_CUSTOMER)
    assert _bookings(settings) == [("requested", datetime(2026, 11, 25, 17, 0, tzinfo=UTC))]


def test_a_time_after_the_last_visit_keeps_the_day_offered(client, settings):
    assert "Fri Nov 27, 2-4pm" in say(client, "can you come friday afternoon?")
    reply = say(client, "how about 4pm?")
    assert "Fri Nov 27" in reply and "last visit starts at 2pm" in reply, reply
    assert "Tue Nov 24" not in reply and "about 4pm" not in reply


def test_a_time_after_closing_says_when_we_close_and_offers_that_days_latest(client, settings):
    reply = say(client, "can you come at 6pm tomorrow? I work til 5")
    assert "We close at 5pm on Wed Nov 25" in reply and "til 5" not in reply, reply
    assert "1) Wed Nov 25, 2-4pm" in reply


def test_a_time_after_closing_in_spanish_says_when_we_close_within_three_segments(client, settings):
    from compliance.hygiene import segments

    reply = say(client, "pueden venir mañana a las 6 de la tarde? trabajo hasta las 5", SPANISH_CUSTOMER)
    assert "El mié 25 nov cerramos a las 5pm; última cita 2pm." in reply and "1) mié 25 nov, 2-4pm" in reply, reply
    assert reply.endswith("Responda con el número para agendar.") and segments(reply) <= 3


def test_a_customer_in_another_zone_is_told_the_closing_on_their_clock(client, settings):
    reply = say(client, "can you come at 6pm tomorrow?", "+12135550100")
    assert "We close at 2pm PST on Wed Nov 25; the last visit starts at 11am PST." in reply, reply


def test_a_request_for_work_on_the_visits_day_is_noted_on_the_visit(client, settings):
    booking_id = _visit_tomorrow(settings)
    reply = say(client, "my kitchen faucet is leaking, can someone come tomorrow?")
    assert "1)" not in reply and "added that to your visit Wed Nov 25, 10am-12pm" in reply, reply
    with session_scope(settings.database_url) as session:
        assert "faucet is leaking" in session.get(Booking, booking_id).notes
    assert len(_bookings(settings)) == 1


def test_a_day_named_after_offers_that_is_the_visits_day_moves_the_visit(client, settings):
    _visit_tomorrow(settings)
    assert "to book" in say(client, "can you come monday?")
    reply = say(client, "actually wednesday works better")
    assert "move your visit to 1) Wed Nov 25, 8-10am" in reply and "10am-12pm" not in reply, reply
