"""Spanish day and time phrases, and Spanish picks among offered times."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from classifiers.entities import find_entities
from responder.availability import Slot
from responder.choice import pick_option
from responder.when import requested_window

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)  # Wednesday


@pytest.mark.parametrize(("text", "days", "earliest", "latest"), [
    ("el sábado", (date(2026, 11, 28),), None, None),
    ("¿tienen espacio el sabado?", (date(2026, 11, 28),), None, None),
    ("mañana en la tarde", (date(2026, 11, 26),), time(12), time(17)),
    ("mañana temprano", (date(2026, 11, 26),), None, time(10)),
    ("el próximo martes a las 3", (date(2026, 12, 1),), time(15), time(15)),
    ("el martes que viene a las 10 de la mañana", (date(2026, 12, 1),), time(10), time(10)),
    ("pasado mañana después de las 2", (date(2026, 11, 27),), time(14), None),
    ("hoy mismo", (date(2026, 11, 25),), None, None),
    ("el 5 de diciembre", (date(2026, 12, 5),), None, None),
    ("el viernes entre las 9 y las 11", (date(2026, 11, 27),), time(9), time(11)),
    ("a las 3 de la tarde", (), time(15), time(15)),
    ("mañana antes del mediodía", (date(2026, 11, 26),), None, time(12)),
    ("después del mediodía", (), time(12), None),
    ("el lunes en la mañanita", (date(2026, 11, 30),), time(6), time(12)),
    ("el lunes después del almuerzo", (date(2026, 11, 30),), time(13), None),
    ("lunes despues de almorzar", (date(2026, 11, 30),), time(13), None),
    ("después de comer el viernes", (date(2026, 11, 27),), time(13), None),
    ("luego de la comida", (), time(13), None),
    ("mañana antes del almuerzo", (date(2026, 11, 26),), None, time(12)),
    ("antes de comer", (), None, time(12)),
    ("a la hora del almuerzo", (), time(12), time(12)),
    ("al mediodía", (), time(12), time(12)),
    ("saliendo del trabajo", (), time(17), None),
    ("el viernes después del trabajo", (date(2026, 11, 27),), time(17), None),
    ("después de la escuela", (), time(15), None),
    ("mañana a primera hora", (date(2026, 11, 26),), None, time(10)),
    ("mañana en la noche", (date(2026, 11, 26),), time(17), time(20)),
    ("el jueves temprano", (date(2026, 11, 26),), None, time(10)),
    ("el jueves temprano en la mañana", (date(2026, 11, 26),), None, time(10)),
    ("el viernes en la tardecita", (date(2026, 11, 27),), time(15), time(17)),
    # a greeting's "días", "tardes" or "morning" is not a time of day
    ("Buenos días, ¿tienen espacio mañana?", (date(2026, 11, 26),), None, None),
    ("Hola, buenas tardes. ¿Pueden venir el viernes?", (date(2026, 11, 27),), None, None),
    ("Buenas noches, ¿el sábado en la mañana?", (date(2026, 11, 28),), time(6), time(12)),
    ("Good morning, can you come tomorrow?", (date(2026, 11, 26),), None, None),
    ("good afternoon! friday morning?", (date(2026, 11, 27),), time(6), time(12)),
])
def test_spanish_phrases(text, days, earliest, latest) -> None:
    window = requested_window(text, NOW, TZ)
    assert (window.days, window.earliest, window.latest) == (days, earliest, latest)


def test_la_proxima_semana_is_next_monday_to_sunday() -> None:
    window = requested_window("la próxima semana", NOW, TZ)
    assert window.days[0] == date(2026, 11, 30) and len(window.days) == 7


def test_lo_antes_posible_is_asap() -> None:
    assert requested_window("lo antes posible", NOW, TZ).asap


OFFERED = [
    Slot(datetime(2026, 12, 1, 8, tzinfo=TZ), datetime(2026, 12, 1, 10, tzinfo=TZ)),
    Slot(datetime(2026, 12, 2, 10, tzinfo=TZ), datetime(2026, 12, 2, 12, tzinfo=TZ)),
    Slot(datetime(2026, 12, 3, 8, tzinfo=TZ), datetime(2026, 12, 3, 10, tzinfo=TZ)),
]


@pytest.mark.parametrize(("text", "picked"), [
    ("la primera", 0), ("La segunda por favor", 1), ("la última", 2), ("el martes me sirve", 0),
    ("el jueves", 2), ("la de las 10", 1), ("cualquiera", 0), ("sí, la primera", 0), ("la opción 3", 2),
    ("ninguna", None), ("no puedo, otro día", None), ("¿tienen algo más tarde?", None),
])
def test_spanish_picks(text, picked) -> None:
    chosen = pick_option(text, OFFERED, TZ, now=NOW)
    assert chosen == (None if picked is None else OFFERED[picked])


@pytest.mark.parametrize(("text", "spans"), [
    ("el lunes despues del almuerzo", [("date", "el lunes"), ("time", "despues del almuerzo")]),
    ("antes de comer", [("time", "antes de comer")]),
    ("Buenos días, ¿tienen espacio mañana?", [("date", "mañana")]),
    ("Good morning, can you come tomorrow?", [("date", "tomorrow")]),
    ("good morning", [("time", "morning")]),  # a greeting alone is what it is
])
def test_spanish_time_of_day_entities_and_greetings(text, spans) -> None:
    assert [(entity["kind"], entity["text"]) for entity in find_entities(text)] == spans
