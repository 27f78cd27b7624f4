"""A Spanish-speaking customer, end to end through signed webhooks: every answer in Spanish, staff
alerts in English quoting the customer's Spanish words.

Same business and clock as tests/test_conversations.py: the example profile (America/New_York),
the clock starting Tue 24 Nov 2026, 11am New York.
"""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from compliance import ledger
from store.db import session_scope
from store.models import Booking, Contact, Escalation
from tests.conftest import BUSINESS_NAME
from tests.support.webhooks import replies, sms

CUSTOMER = "+13055550177"
STAFF = ("+16175550144", "+16175550145")
ON_CALL = "+16175550143"
ENGLISH_WORDS = ("Reply", "We ", "your ", "Thanks", "booked", "Sorry", "You're")


def say(client, text, phone=CUSTOMER) -> str:
    response = sms(client, text, phone=phone)
    assert response.status_code == 200
    [reply] = replies(response) or [""]
    return reply


def _sent_to(twilio_http, phone) -> list[str]:
    return [message["Body"] for message in twilio_http.sent_messages if message["To"] == phone]


def _contact(settings) -> Contact:
    with session_scope(settings.database_url) as session:
        contact = session.scalars(select(Contact).where(Contact.phone == CUSTOMER)).one()
        session.expunge(contact)
        return contact


def _assert_spanish(reply: str) -> None:
    assert reply, "no answer"
    assert not any(word in reply for word in ENGLISH_WORDS), reply


def test_a_spanish_customer_is_answered_in_spanish_from_first_text_to_start(client, settings, run_jobs,
                                                                           twilio_http, weekday_morning):
    # availability, with a Spanish date phrase
    reply = say(client, "Hola, ¿pueden venir mañana en la mañana?")
    _assert_spanish(reply)
    assert reply.startswith(f"{BUSINESS_NAME}: Podemos ir 1) mié 25 nov, 8-10am 2) mié 25 nov, 10am-12pm")
    assert "Responda con el número" in reply
    assert _contact(settings).language == "es"

    # booking by reply
    reply = say(client, "la primera")
    _assert_spanish(reply)
    assert "mié 25 nov, 8-10am" in reply and "Le escribimos para confirmar" in reply
    with session_scope(settings.database_url) as session:
        booking = session.scalars(select(Booking)).one()
        assert booking.window_start == datetime(2026, 11, 25, 13, 0, tzinfo=UTC)
        booking.status = "confirmed"

    # access code: saved, not repeated in full
    reply = say(client, "El código del portón es 4821 y tenemos un perro")
    _assert_spanish(reply)
    assert "el código del portón (termina en 21)" in reply and "4821" not in reply
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Booking)).one().access_notes["gate_code"] == "4821"

    # emergency: Spanish instructions, on-call paged in English with the customer's words
    reply = say(client, "¡Huele a gas en la cocina!")
    _assert_spanish(reply)
    assert settings.profile.emergency_instructions_in("es", "gas") in reply
    assert "no prenda ni apague luces" in reply  # the gas instructions, not the general water ones
    assert "Ya avisamos a nuestro técnico de guardia." in reply
    run_jobs()
    alerts = _sent_to(twilio_http, ON_CALL)
    assert len(alerts) == 1
    assert re.match(r"\[#\d+ emergency\] ", alerts[0]) and "¡Huele a gas en la cocina!" in alerts[0]
    assert "reply to this text to answer them" in alerts[0]
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Escalation)).one().reason == "emergency"
    staff_alerts = [body for staff in STAFF for body in _sent_to(twilio_http, staff)]
    assert any("New booking request]" in body and "Wed Nov 25, 8-10am" in body for body in staff_alerts)

    # STOP, in Spanish words, then START
    reply = say(client, "Para ya, borra mi número")
    _assert_spanish(reply)
    assert reply == f"{BUSINESS_NAME}: Ya no le enviaremos más mensajes. Si quiere volver a recibirlos, responda START."
    with session_scope(settings.database_url) as session:
        assert ledger.state_of(session, _contact(settings).id).opted_out_all

    reply = say(client, "START")
    _assert_spanish(reply)
    assert reply.startswith(f"{BUSINESS_NAME}: Listo, volverá a recibir nuestros mensajes.")
    with session_scope(settings.database_url) as session:
        assert not ledger.state_of(session, _contact(settings).id).opted_out_all


def test_no_power_and_a_burning_smell_gets_the_electrical_instructions_in_spanish(client, settings):
    reply = say(client, "no hay luz en la casa y huele a quemado")
    _assert_spanish(reply)
    assert settings.profile.emergency_instructions_in("es", "electrical") in reply
    assert "cierre la llave principal" not in reply, reply


def test_a_pets_question_in_spanish_is_answered_not_taken_for_help(client, settings):
    reply = say(client, "¿tengo que encerrar al perro?")
    _assert_spanish(reply)
    assert settings.profile.access_answers_in("es")["pets"] in reply
    assert "STOP" not in reply, reply


def test_si_after_a_cancellation_says_it_is_already_cancelled_in_spanish(client):
    say(client, "¿pueden venir el lunes?")
    say(client, "la primera")
    assert "quedó cancelada" in say(client, "necesito cancelar la cita")
    reply = say(client, "sí")
    _assert_spanish(reply)
    assert "ya está cancelada" in reply


def test_an_english_text_after_spanish_is_answered_in_english(client, settings):
    _assert_spanish(say(client, "¿Tienen disponibilidad el sábado?"))
    assert _contact(settings).language == "es"
    reply = say(client, "can someone come tomorrow morning?")
    assert "Reply with the number" in reply
    assert _contact(settings).language == "en"


def test_a_text_without_language_keeps_the_contacts(client, settings):
    say(client, "¿Tienen disponibilidad el sábado?")
    reply = say(client, "2")
    _assert_spanish(reply)
    assert _contact(settings).language == "es"


def test_help_and_a_complaint_are_answered_in_spanish(client, settings, run_jobs, twilio_http):
    reply = say(client, "AYUDA")
    assert reply.startswith(f"{BUSINESS_NAME}: llámenos al")
    reply = say(client, "el técnico fue grosero y dejó todo sucio")
    _assert_spanish(reply)
    assert "Una persona le responderá" in reply
    run_jobs()
    for staff in STAFF:
        [alert] = _sent_to(twilio_http, staff)
        assert re.match(r"\[#\d+ complaint\] ", alert) and "el técnico fue grosero y dejó todo sucio" in alert


def test_a_bare_acknowledgement_with_nothing_pending_gets_no_answer_and_no_escalation(client, settings, run_jobs,
                                                                                   twilio_http):
    for text in ("gracias", "👍", "k", "🙏"):
        response = sms(client, text, phone=CUSTOMER)
        assert response.status_code == 200 and replies(response) == []
    run_jobs()
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Escalation)).all() == []
    assert not any(_sent_to(twilio_http, staff) for staff in STAFF)


def test_a_thumbs_up_to_a_single_offered_time_books_it(client, settings):
    say(client, "¿pueden venir mañana a las 8?")
    reply = say(client, "👍")
    assert "Le escribimos para confirmar" in reply
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Booking)).one().window_start == datetime(2026, 11, 25, 13, 0, tzinfo=UTC)


def test_la_segunda_of_a_single_offered_time_says_there_is_one_in_spanish(client, settings):
    say(client, "¿pueden venir mañana a las 8?")
    reply = say(client, "la segunda")
    _assert_spanish(reply)
    assert "responda 1 para agendarlo" in reply
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Booking)).all() == []


def test_an_after_hours_answer_in_spanish_keeps_the_follow_up_whole_within_three_segments(client, weekday_morning):
    from compliance.hygiene import segments

    weekday_morning.move_to(datetime(2026, 11, 25, 3, 0, tzinfo=UTC))  # Tue 10pm in New York: office closed
    reply = say(client, "tengo una gotera en el techo, cuanto cobran por revisarla?")
    assert segments(reply) <= 3 and not reply.endswith("..."), reply
    assert "presupuesto" in reply and "mañana a las 8am" in reply, reply


def test_when_is_my_visit_is_answered_in_spanish_from_the_booking(client):
    say(client, "pueden venir el lunes?")
    booked = re.search(r"pedimos el (.+) para usted", say(client, "la primera"))
    reply = say(client, "¿a qué hora es mi cita?")
    assert f"Su visita del {booked.group(1)} está solicitada" in reply, reply


# A confirmed visit tomorrow, Wed 25 Nov 2026, 10am-12pm New York, entered the way staff enter one.
TOMORROW_10AM = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
VISIT_TOLD = "Su visita está confirmada para el mié 25 nov, 10am-12pm."


def _visit_tomorrow(settings, phone=CUSTOMER) -> int:
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, phone)
        booking = Booking(contact_id=contact.id, window_start=TOMORROW_10AM,
                          window_end=TOMORROW_10AM.replace(hour=17), status="confirmed")
        session.add(booking)
        session.flush()
        return booking.id


def _escalations(settings) -> list[str]:
    with session_scope(settings.database_url) as session:
        return [escalation.reason for escalation in session.scalars(select(Escalation))]


@pytest.mark.parametrize("text", [
    "mi cita es mañana verdad? a que hora?",
    "todo bien para mañana?",
    "¿Me pueden confirmar la cita de mañana?",
    "¿sigue en pie lo de mañana?",
    "me confirma la hora de la visita por favor",
    "¿ya está confirmada mi cita?",
    "¿a qué hora me toca mañana?",
    "¿todo listo para mañana?",
    "buenas, a que hora viene el plomero mañana?",
    "¿siempre sí vienen mañana?",
])
def test_a_question_about_the_visit_in_spanish_is_answered_with_its_time(client, settings, text):
    _visit_tomorrow(settings)
    reply = say(client, text)
    _assert_spanish(reply)
    assert VISIT_TOLD in reply and "Podemos ir" not in reply, reply
    assert _escalations(settings) == []


@pytest.mark.parametrize("text", ["can you confirm my appointment tomorrow?", "all good for tomorrow?",
                                  "are we still good for tomorrow?"])
def test_the_same_questions_in_english_are_answered_with_the_visit_time(client, settings, text):
    _visit_tomorrow(settings, phone="+13055550100")
    reply = say(client, text, phone="+13055550100")
    assert "Your visit is confirmed for Wed Nov 25, 10am-12pm." in reply, reply
    assert _escalations(settings) == []


def test_a_code_and_a_time_question_saves_the_code_and_tells_the_visit(client, settings):
    booking_id = _visit_tomorrow(settings)
    reply = say(client, "el código es 1234 y a qué hora llegan?")
    _assert_spanish(reply)
    assert "(termina en 34)" in reply and VISIT_TOLD in reply and "Podemos ir" not in reply, reply
    assert not reply.endswith("..."), reply
    with session_scope(settings.database_url) as session:
        assert session.get(Booking, booking_id).access_notes["door_code"] == "1234"


def test_what_time_and_do_i_have_to_be_home_answers_both(client, settings):
    _visit_tomorrow(settings)
    reply = say(client, "a que hora vienen mañana? y tengo que estar?")
    _assert_spanish(reply)
    assert VISIT_TOLD in reply, reply
    assert settings.profile.access_answers_in("es")["home_required"] in reply, reply


@pytest.mark.parametrize("text", ["¿pueden venir el viernes?", "quiero cambiar mi cita de mañana al viernes"])
def test_an_ask_for_other_times_with_a_visit_booked_is_not_told_the_visit(client, settings, text):
    _visit_tomorrow(settings)
    assert VISIT_TOLD not in say(client, text)


@pytest.mark.parametrize("text", ["Cancelar", "CANCELAR", "cancelar.", "CANSELAR", "cancelar por favor"])
def test_a_bare_cancelar_with_a_visit_coming_opts_out_points_at_the_visit_and_alerts_staff(
        client, settings, run_jobs, twilio_http, text):
    booking_id = _visit_tomorrow(settings)
    reply = say(client, text)
    assert reply == (f"{BUSINESS_NAME}: Ya no le enviaremos más mensajes. Si quiere volver a recibirlos, responda "
                     "START. Si se refería a su cita del mié 25 nov, llámenos al (305) 555-0199."), reply
    with session_scope(settings.database_url) as session:
        assert ledger.state_of(session, _contact(settings).id).opted_out_all
        assert session.get(Booking, booking_id).status == "confirmed"  # staff decide, not the keyword
    run_jobs()
    for staff in STAFF:
        [alert] = _sent_to(twilio_http, staff)
        assert re.match(r"\[#\d+ Replied CANCEL\] ", alert) and CUSTOMER in alert, alert
        assert "Wed Nov 25, 10am-12pm" in alert, alert


def test_a_bare_cancelar_without_a_visit_is_the_plain_spanish_opt_out(client, settings, run_jobs, twilio_http):
    reply = say(client, "Cancelar")
    assert reply == f"{BUSINESS_NAME}: Ya no le enviaremos más mensajes. Si quiere volver a recibirlos, responda START."
    run_jobs()
    assert all(_sent_to(twilio_http, staff) == [] for staff in STAFF)


@pytest.mark.parametrize("text", [
    "el lunes despues del almuerzo",
    "el lunes después del almuerzo",
    "lunes despues de almorzar",
    "despues del almuerzo el lunes puede ser?",
    "¿Pueden venir el lunes después del almuerzo?",
    "Buenos días, ¿pueden venir el lunes después de comer?",
])
def test_after_lunch_on_monday_in_spanish_gets_the_afternoon(client, settings, weekday_morning, text):
    weekday_morning.move_to(datetime(2026, 11, 27, 20, 0, tzinfo=UTC))  # Fri 3pm New York
    reply = say(client, text)
    _assert_spanish(reply)
    assert "1) lun 30 nov, 2-4pm" in reply and "8-10am" not in reply, reply
    assert "Responda con el número" in reply
    assert _escalations(settings) == []


@pytest.mark.parametrize("greeting", ["Buenos días, ", "Hola, buenas tardes. ", "Buenas, ", "buen dia! "])
@pytest.mark.parametrize(("ask", "first"), [
    ("¿tienen espacio mañana?", "1) mié 25 nov, 8-10am"),
    ("¿tienen algún espacio mañana por la tarde?", "1) mié 25 nov, 12-2pm"),
])
def test_a_greeting_in_front_of_an_ask_for_times_does_not_change_the_answer(client, settings, greeting, ask, first):
    reply = say(client, greeting + ask)
    _assert_spanish(reply)
    assert first in reply and "Responda con el número" in reply, reply
    assert _escalations(settings) == []


def test_good_morning_in_front_of_an_ask_is_a_greeting_not_a_time_of_day(client):
    reply = say(client, "Good morning, can you come tomorrow afternoon?", phone="+13055550100")
    assert "1) Wed Nov 25, 12-2pm" in reply, reply


TUESDAY_11AM, TUESDAY_1130PM, SUNDAY_2PM = (datetime(2026, 11, 24, 16, 0, tzinfo=UTC),
                                            datetime(2026, 11, 25, 4, 30, tzinfo=UTC),
                                            datetime(2026, 11, 29, 19, 0, tzinfo=UTC))


@pytest.mark.parametrize(("phone", "clock", "text"), [
    ("+12135550177", TUESDAY_1130PM, "pueden venir el jueves en la mañana?"),
    ("+17875550123", TUESDAY_11AM, "Saludos, tienen disponibilidad pasado mañana?"),
    ("+19565550123", TUESDAY_11AM, "oiga joven, pueden venir el jueves en la mañana?"),
    (CUSTOMER, SUNDAY_2PM, "estan abiertos hoy? el fregadero esta tapado"),
    (CUSTOMER, TUESDAY_11AM, "pueden venir el 31 de diciembre?"),
])
def test_a_spanish_answer_with_a_zone_or_a_closed_day_keeps_its_instructions_whole(client, weekday_morning, phone,
                                                                                    clock, text):
    from compliance.hygiene import segments

    weekday_morning.move_to(clock)
    reply = say(client, text, phone=phone)
    _assert_spanish(reply)
    assert segments(reply) <= 3 and "..." not in reply, reply
    assert "Responda con el número" in reply and "1) " in reply, reply
    if clock != TUESDAY_11AM:
        assert "cerrada" in reply, reply  # the office's next opening is told too


def test_a_closed_day_with_an_english_name_is_told_in_spanish(client):
    reply = say(client, "pueden venir el 31 de diciembre?")
    assert "New Year" not in reply, reply
    assert reply.startswith(f"{BUSINESS_NAME}: El jue 31 dic estamos cerrados"), reply


def test_an_option_left_out_to_fit_is_not_held(client, settings, weekday_morning):
    weekday_morning.move_to(SUNDAY_2PM)
    reply = say(client, "estan abiertos hoy? el fregadero esta tapado")
    assert "2) lun 30 nov, 10am-12pm. Responda" in reply and "3)" not in reply, reply
    assert "(1-2)" in say(client, "la tercera")
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(Booking)).all() == []
