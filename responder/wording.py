"""The sentences the service texts, loaded from `responder/wording.toml` (or a file staff choose).

A customer who writes in Spanish is answered from `responder/wording.es.toml`: the language is
chosen per call (`say(..., lang="es")`) or for a whole answer (`with speaking("es"): ...`), so the
modules that build answers do not carry it around. Texts to staff (STAFF_KEYS) are always English,
quoting the customer's own words. Dates, times and other fragments the scheduling code renders in
English are put into Spanish by responder.spanish when they fill a Spanish sentence.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from responder import spanish

DEFAULT_WORDING_FILE = Path(__file__).with_name("wording.toml")
ENGLISH, SPANISH = "en", "es"
LANGUAGE_FILES = {SPANISH: Path(__file__).with_name("wording.es.toml")}
# Texts that go to staff, never to a customer: in the staff's language whatever the customer's.
STAFF_KEYS = frozenset({"staff_alert", "staff_booking_request", "staff_booking_change", "relay_sent",
                        "relay_unknown", "relay_empty", "relay_refused", "lead_reminder", "staff_cancel_keyword",
                        "relay_which", "staff_refusal_digest", "staff_booking_note"})
_LOCALISERS = {SPANISH: spanish.localise}
_CONJUNCTIONS = {ENGLISH: "and", SPANISH: "y"}

_speaking: ContextVar[str] = ContextVar("wording_language", default=ENGLISH)


@lru_cache(maxsize=4)
def load(path: str | None = None) -> dict[str, str]:
    with open(path or DEFAULT_WORDING_FILE, "rb") as handle:
        wording = tomllib.load(handle)
    bad = [key for key, value in wording.items() if not isinstance(value, str)]
    if bad:
        raise ValueError(f"wording entries must be text: {', '.join(bad)}")
    return wording


def language_of(lang: str | None) -> str:
    """The wording language for a contact's language: Spanish (and mixed) or English."""
    return SPANISH if lang in (SPANISH, "mixed") else ENGLISH


@contextmanager
def speaking(lang: str | None) -> Iterator[str]:
    """Within the block, say() answers in `lang` (English when None or not a wording language)."""
    chosen = language_of(lang)
    token = _speaking.set(chosen)
    try:
        yield chosen
    finally:
        _speaking.reset(token)


def current_language() -> str:
    return _speaking.get()


def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c" ("a, b y c" in Spanish) """
    conjunction = _CONJUNCTIONS[current_language()]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def localised(text: str) -> str:
    """A fragment the scheduling code wrote in English ("1) Tue Dec 1, 8-10am") as say() puts it in the current
    language."""
    localise = _LOCALISERS.get(current_language())
    return localise(text) if localise is not None else text


def say(key: str, path: str | None = None, *, lang: str | None = None, **fields) -> str:
    chosen = language_of(lang) if lang is not None else current_language()
    if path is None and chosen != ENGLISH and key not in STAFF_KEYS:
        localise = _LOCALISERS[chosen]
        template = load(str(LANGUAGE_FILES[chosen]))[key]
        return template.format(**{name: localise(value) if isinstance(value, str) else value
                                  for name, value in fields.items()})
    return load(path)[key].format(**fields)
