"""A Spanish-speaking customer, end to end through signed webhooks: every answer in Spanish, staff
alerts in English quoting the customer's Spanish words.

Same business and clock as tests/test_conversations.py: the example profile (America/New_York),
the clock starting Tue 24 Nov 2026, 11am New York.
"""

import re
from datetime import UTC, datetime

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
