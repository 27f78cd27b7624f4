"""Which language a customer wrote in: "en", "es", "mixed", or None when the text does not say.

Rules over two word lists, no statistical model: spaCy's English and Spanish stop-word lists (the
function words of each language, kept by the spaCy project and already installed), minus the words
they share or that are ordinary words of the other language, plus a short list of the words
customers of a home-service business use most in each language ("cita", "plomero"; "appointment",
"tomorrow"). Accented letters and the opening marks ¿ ¡ count for Spanish. One word-set lookup per
word: a few microseconds a message, so detection costs nothing against the classifiers' speed bars,
and a short text ("ok", "1", "👍") says nothing rather than guessing.

Readings chosen: Spanish and English words both present, each at least a quarter of the evidence,
is "mixed" (Spanglish); otherwise the larger side wins; no evidence at all is None (the contact's
language stays what it was).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

ENGLISH, SPANISH, MIXED = "en", "es", "mixed"
LANGUAGES = (ENGLISH, SPANISH, MIXED)
MIXED_SHARE = 0.25


def _plain(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


# Words of one list that are ordinary words, names or SMS shorthand of the other language.
_NOT_SPANISH = {"van", "sea", "final", "fin", "dos", "mes", "son", "tan", "tal", "era", "total", "ante", "e",
                "o", "y", "u", "ha", "he", "me", "no", "a", "once", "solo", "mi", "come", "pro", "bajo", "cual",
                "ya"}
_NOT_ENGLISH = {"a", "he", "me", "no", "once", "ca", "re", "un", "de", "la", "con", "mas", "per", "para"}
SPANISH_EXTRA = frozenset(
    {
        "hola", "gracias", "por", "favor", "porfa", "si", "cita", "citas", "manana", "hoy", "tarde", "noche",
        "semana", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "casa", "agua",
        "luz", "huele", "necesito", "necesitamos", "quiero", "tengo", "tenemos", "pueden", "puede",
        "vengan", "venir", "plomero", "tecnico", "llave", "codigo", "porton", "perro", "perros", "cuanto",
        "cuesta", "precio", "cancelar", "cambiar", "numero", "mensajes", "baja", "borra", "borren", "ayuda",
        "quien", "llamen", "llamar", "persona", "dueno", "queja", "cobraron", "arreglar", "fuga", "calentador",
        "esta", "estoy", "esto", "ese", "eso", "aqui", "alla", "ahi", "bien", "mal", "muy", "pero", "tambien",
        "bueno", "buenos", "buenas", "dias", "senor", "senora", "disculpe", "perdon", "oiga", "oye", "alto",
        "confirmado", "confirmo", "listo", "perfecto", "entendido", "saludos", "jaja", "bendiciones", "claro",
        "promociones", "ofertas", "manden", "escriban", "horas", "esperando", "dale", "orale", "sii", "vale",
        "canselar", "cancelarr",
    }
)
ENGLISH_EXTRA = frozenset(
    {
        "hi", "hello", "hey", "thanks", "thank", "please", "pls", "appointment", "appt", "tomorrow", "today",
        "tonight", "morning", "afternoon", "evening", "week", "weekend", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "stop", "help", "need", "want", "can", "come", "house",
        "home", "water", "leak", "smell", "gate", "code", "dog", "price", "quote", "cost", "how", "much",
        "cancel", "reschedule", "number", "texts", "text", "message", "messages", "call", "person", "owner",
        "tech", "plumber", "heater", "broken", "fix", "available", "availability", "works", "yes", "yeah",
        "sure", "great", "good", "sorry", "don't", "i'm", "can't", "won't", "it's", "you're", "what's",
    }
)


@cache
def word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(Spanish words, English words). spaCy's lists are read on first use, so importing this module
    (and the app) does not import spaCy."""
    from spacy.lang.en.stop_words import STOP_WORDS as english_stop
    from spacy.lang.es.stop_words import STOP_WORDS as spanish_stop

    spanish = {_plain(w) for w in spanish_stop}
    english = {_plain(w) for w in english_stop}
    return (frozenset((spanish - english - _NOT_SPANISH) | SPANISH_EXTRA),
            frozenset((english - spanish - _NOT_ENGLISH) | ENGLISH_EXTRA))


_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
_SPANISH_MARKS = re.compile(r"[¿¡ñÑáéíóúÁÉÍÓÚ]")


def word_votes(text: str) -> tuple[int, int]:
    """(Spanish, English) evidence in `text`: marker words, and one Spanish vote for accents or ¿ ¡."""
    spanish_words, english_words = word_lists()
    words = _WORD.findall(_plain(text).lower())
    spanish = sum(1 for w in words if w in spanish_words)
    english = sum(1 for w in words if w in english_words)
    if _SPANISH_MARKS.search(text):
        spanish += 1
    return spanish, english


def detect_language(text: str) -> str | None:
    """ "en", "es" or "mixed" for the language of one message; None when it has no evidence."""
    spanish, english = word_votes(text)
    total = spanish + english
    if not total:
        return None
    if spanish and english and min(spanish, english) / total >= MIXED_SHARE:
        return MIXED
    return SPANISH if spanish > english else ENGLISH


def answer_language(detected: str | None, current: str | None) -> str | None:
    """The language to keep on the contact after a message: Spanish or mixed text means Spanish,
    English means English, and a message with no evidence keeps what was known."""
    if detected is None:
        return current
    return SPANISH if detected in (SPANISH, MIXED) else ENGLISH
