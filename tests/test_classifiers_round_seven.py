"""Families found by the seventh blind set, each tested with phrasings written here (no frozen row is copied)."""

import pytest

from classifiers.inbound import classify_inbound, emergency_hazard
from responder.choice import is_bare_pick


@pytest.mark.parametrize(
    "text",
    [
        # taken off the list, in the passive
        "hello, I'd like to be taken off the list for the texts please",
        "can I get taken out of your text list",
        # Spanish: what we send may no longer arrive, asked in the subjunctive
        "quisiera que ya no me lleguen mensajes de ustedes",
        "no me lleguen mas textos por fa",
        # Spanish: taken off the list with the pronoun before the verb
        "les pido que me quiten de su lista, gracias",
        "me podrían borrar de la lista? gracias",
        # no need for them to keep writing
        "ya no vivo ahí, no hace falta que me sigan mandando mensajes",
        "no necesito que me sigan texteando",
        # "quítenme" closing a longer message
        "ni sé quiénes son, bórrenme",
        # texting shorthand for what we send
        "dejen de enviar msj",
        "no me manden mas mensages",
        # keywords with polite words joined by "y", and CANCELAR misspelt
        "ALTO por favor y gracias",
        "canselar",
    ],
)
def test_round_seven_opt_outs_stop_everything(text: str) -> None:
    result = classify_inbound(text)
    assert (result.label, result.opt_out_scope) == ("opt_out", "all")


@pytest.mark.parametrize(
    "text",
    [
        "me pueden quitar de lo de las promociones? las citas sí",
        "paren los mensajes de ofertas por favor, lo demás está bien",
    ],
)
def test_round_seven_offers_only(text: str) -> None:
    result = classify_inbound(text)
    assert (result.label, result.opt_out_scope) == ("opt_out", "marketing")


@pytest.mark.parametrize(
    "text",
    [
        "no me llegan los recordatorios de la cita, los pueden revisar?",
        "me quitan de la lista de espera?",
        "no necesito que me sigan mandando técnicos distintos cada vez",
        "nos quitaron el descuento de la factura?",
        "basta con que me manden un mensaje al llegar",
    ],
)
def test_round_seven_look_alikes_are_not_opt_outs(text: str) -> None:
    assert classify_inbound(text).label != "opt_out"


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("furnace quit overnight and it's 12 degrees outside", "no_heat_vulnerable"),
        ("no heat and it's below zero out there", "no_heat_vulnerable"),
        ("se nos apagó el calentador y estamos bajo cero", "no_heat_vulnerable"),
        ("la calefacción dejó de funcionar y nos estamos congelando", "no_heat_vulnerable"),
        ("the upstairs toilet is overflowing and I can't get it to stop", "flooding"),
        ("el lavabo se está desbordando", "flooding"),
        ("ya no para el agua del baño", "flooding"),
        ("the sewer está regresando por la regadera", "sewage"),
        ("detector is beeping and the display says CO", "carbon_monoxide"),
    ],
)
def test_round_seven_emergencies(text: str, hazard: str) -> None:
    assert classify_inbound(text).label == "emergency"
    assert emergency_hazard(text) == hazard


@pytest.mark.parametrize(
    "text",
    [
        "la llave del lavabo no para de gotear",
        "the co-op board wants a quote",
        "heat is fine, can you check the thermostat wiring",
    ],
)
def test_round_seven_not_emergencies(text: str) -> None:
    assert classify_inbound(text).label != "emergency"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # asking what the texts are, by an either-or question, or what a keyword would do
        ("is this a person or automated?", "help"),
        ("¿es un robot o una persona?", "help"),
        ("will texting STOP also cancel my visit?", "help"),
        ("if I reply stop, does it end the appointment reminders too?", "help"),
        ("si respondo BAJA se cancela mi servicio?", "help"),
        # the same question with a request for a person wants a person
        ("is this a person or automated? I need to talk to someone", "human"),
        # a lone option letter
        ("C", "booking_confirm"),
        ("b por favor", "booking_confirm"),
        # bare acknowledgements ask nothing: the conversation decides what they agree to
        ("👍", "other"),
        ("ok thx", "other"),
        # someone else lets the technician in; a dog to mind
        ("yo no estaré, mi hermano les abre", "access_details"),
        ("ojo que tenemos una perra brava en el patio", "access_details"),
        # a call asked for in Spanglish; a booked visit moved in so many words
        ("nos pueden call mañana?", "human"),
        ("hi, need to move my Friday appointment, something came up", "booking_reschedule"),
        # asked to text again
        ("vuélvanme a mandar los avisos por favor", "opt_in"),
    ],
)
def test_round_seven_cues(text: str, label: str) -> None:
    assert classify_inbound(text).label == label


def test_a_lone_letter_names_an_option_but_a_word_does_not() -> None:
    assert is_bare_pick("B") and is_bare_pick("option c") and is_bare_pick("b porfa")
    assert not is_bare_pick("a lot") and not is_bare_pick("be there at 3")
