"""Which texts ask about the customer's own visit (when it is, whether it is still on, confirm it), in English
and Spanish alike; and which ask for other times, change the visit or ask about something else."""

import pytest

from responder.visit_question import asks_when_their_visit_is


@pytest.mark.parametrize("text", [
    # when is it
    "when is my appointment?", "what time is the tech coming tomorrow?", "my appt is tomorrow right?",
    "cuando es mi cita?", "a que hora llega el tecnico mañana?", "a qué hora es la cita de mañana?",
    "mi cita es mañana verdad? a que hora?", "el código es 1234 y a qué hora llegan?",
    "a que hora vienen mañana? y tengo que estar?", "¿a qué hora me toca mañana?", "¿a qué hora llegan los técnicos?",
    # is it still on
    "are we still on for tomorrow?", "all good for tomorrow?", "are we still good for friday?",
    "is my appointment confirmed?", "todo bien para mañana?", "¿todo listo para mañana?",
    "¿sigue en pie lo de mañana?", "¿siempre sí vienen mañana?", "¿ya está confirmada mi cita?",
    # confirm it for me
    "can you confirm my appointment tomorrow?", "please confirm my appointment",
    "¿Me pueden confirmar la cita de mañana?", "me confirma la hora de la visita por favor",
])
def test_asks_about_their_visit(text) -> None:
    assert asks_when_their_visit_is(text)


@pytest.mark.parametrize("text", [
    "can you come tomorrow?", "¿pueden venir el viernes?", "a que hora pueden venir mañana?", "cuando pueden venir?",
    "cuando abren?", "todo bien, gracias", "all good thanks",
    # the customer confirming, or changing it
    "I confirm my appointment", "confirmo mi cita", "we're good for tomorrow", "All set for tomorrow!",
    "todo listo para mañana, gracias", "sigue en pie, gracias", "my appointment is tomorrow and I need to move it",
    "quiero cambiar mi cita de mañana al viernes", "se puede adelantar la cita de mañana? mas temprano",
    # about something else
    "can you confirm you got my photo?", "¿me pueden confirmar si tienen espacio el viernes?",
    "cuando llegan las piezas?", "que dia tienen libre para la visita?",
])
def test_does_not_ask_about_their_visit(text) -> None:
    assert not asks_when_their_visit_is(text)
