"""The Spanish wording file: every customer sentence, the same fields, no staff text; and the
scheduling fragments it is filled with put into Spanish."""

import re
import string

import pytest

from responder import wording
from responder.spanish import localise


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_customer_sentence_has_spanish_with_the_same_fields() -> None:
    english = wording.load()
    spanish = wording.load(str(wording.LANGUAGE_FILES["es"]))
    customer_keys = set(english) - wording.STAFF_KEYS
    assert set(spanish) == customer_keys
    for key in customer_keys:
        assert _fields(spanish[key]) == _fields(english[key]), key


def test_staff_texts_stay_english_inside_a_spanish_answer() -> None:
    with wording.speaking("es"):
        alert = wording.say("staff_alert", reference=7, reason="complaint", phone="+13055550177", name="", vip="",
                            words="el técnico fue grosero")
        assert alert == "[#7 complaint] +13055550177: el técnico fue grosero -- reply to this text to answer them."
        assert wording.say("help", business="Acme", phone="(617) 555-0142").startswith("Acme: llámenos")
    assert wording.say("help", business="Acme", phone="x").startswith("Acme: call us")


@pytest.mark.parametrize(("lang", "expected"), [("es", "es"), ("mixed", "es"), ("en", "en"), (None, "en"),
                                                ("fr", "en")])
def test_speaking_falls_back_to_english(lang, expected) -> None:
    with wording.speaking(lang) as chosen:
        assert chosen == expected == wording.current_language()
    assert wording.current_language() == "en"


@pytest.mark.parametrize(("english", "spanish"), [
    ("1) Tue Dec 1, 8-10am 2) Wed Dec 2, 10am-12pm", "1) mar 1 dic, 8-10am 2) mié 2 dic, 10am-12pm"),
    ("tomorrow at 8am", "mañana a las 8am"),
    ("Mon at 1pm", "el lun a la 1pm"),
    ("We're closed Sundays.", "Los domingos no abrimos."),
    ("We're closed Thu Nov 26 (Thanksgiving Day).", "El jue 26 nov estamos cerrados (Día de Acción de Gracias)."),
    ("We're closed Thu Dec 31 (New Year's Eve).", "El jue 31 dic estamos cerrados (víspera de Año Nuevo)."),
    ("We're closed Fri Dec 24 (Christmas Day (observed)).", "El vie 24 dic estamos cerrados (Navidad, día feriado)."),
    # a name the business gave in English and we cannot translate is left out, not quoted in English
    ("We're closed Mon Dec 7 (Company Picnic).", "El lun 7 dic estamos cerrados por día festivo."),
    ("We're closed Mon Dec 7 (Día del Fundador).", "El lun 7 dic estamos cerrados (Día del Fundador)."),
    ("Fri Nov 27 is fully booked.", "El vie 27 nov ya no tenemos lugar."),
    ("the gate code (ending 21)", "el código del portón (termina en 21)"),
    ("the address, a photo of the problem", "la dirección, una foto del problema"),
    ("Ana Lopez", "Ana Lopez"),
])
def test_localise(english: str, spanish: str) -> None:
    assert localise(english) == spanish


def test_listing_joins_with_y_in_spanish() -> None:
    with wording.speaking("es"):
        assert wording.listing(["a", "b", "c"]) == "a, b y c"
    assert wording.listing(["a", "b"]) == "a and b"


def test_no_english_left_in_the_spanish_file() -> None:
    spanish = wording.load(str(wording.LANGUAGE_FILES["es"]))
    for key, text in spanish.items():
        if key in {"relayed", "quote_followup_portal"}:
            continue
        assert not re.search(r"\b(?:the|your|you|we|us|Reply|please)\b", text), key
