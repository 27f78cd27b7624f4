"""Spanish for the fragments the scheduling code writes in English ("Tue Dec 1, 8-10am",
"tomorrow at 8am", "the gate code (ending 21)"), applied to the fields of a Spanish sentence.

Only these known forms are rewritten; anything else (a name, an address, the customer's words)
passes through unchanged.
"""

from __future__ import annotations

import re

from classifiers.language import detect_language

WEEKDAYS = {"Mon": "lun", "Tue": "mar", "Wed": "mié", "Thu": "jue", "Fri": "vie", "Sat": "sáb", "Sun": "dom"}
WEEKDAY_PLURALS = {"Mondays": "los lunes", "Tuesdays": "los martes", "Wednesdays": "los miércoles",
                   "Thursdays": "los jueves", "Fridays": "los viernes", "Saturdays": "los sábados",
                   "Sundays": "los domingos"}
MONTHS = {"Jan": "ene", "Feb": "feb", "Mar": "mar", "Apr": "abr", "May": "may", "Jun": "jun", "Jul": "jul",
          "Aug": "ago", "Sep": "sep", "Oct": "oct", "Nov": "nov", "Dec": "dic"}
PHRASES = {
    "as soon as we can": "lo antes posible",
    "the address": "la dirección",
    "a photo of the problem": "una foto del problema",
    "a day that works for you": "un día que le funcione",
    "the gate code": "el código del portón",
    "the lockbox code": "el código de la caja de llaves",
    "the alarm code": "el código de la alarma",
    "the door code": "el código de la puerta",
    "the pets note": "la nota sobre las mascotas",
    "the parking note": "la nota sobre el estacionamiento",
    "the unit/buzzer note": "la nota del departamento y el timbre",
    "the key location note": "la nota de dónde está la llave",
}
# US federal holidays as responder.profile names them.
HOLIDAYS = {
    "Christmas Day": "Navidad", "Columbus Day": "Día de la Raza", "Independence Day": "Día de la Independencia",
    "Juneteenth National Independence Day": "Juneteenth", "Labor Day": "Día del Trabajo",
    "Martin Luther King Jr. Day": "Día de Martin Luther King Jr.", "Memorial Day": "Día de los Caídos",
    "New Year's Day": "Año Nuevo", "Thanksgiving Day": "Día de Acción de Gracias",
    "Veterans Day": "Día de los Veteranos", "Washington's Birthday": "Día de los Presidentes",
}
# Days a business commonly closes on besides the federal ones, as a profile may name them.
CLOSED_DAYS = {
    "New Year's Eve": "víspera de Año Nuevo", "Christmas Eve": "Nochebuena", "Good Friday": "Viernes Santo",
    "Easter": "Pascua", "Easter Sunday": "Domingo de Pascua", "Easter Monday": "Lunes de Pascua",
    "Day after Thanksgiving": "día después de Acción de Gracias", "Black Friday": "Black Friday",
    "Cinco de Mayo": "Cinco de Mayo", "Mother's Day": "Día de las Madres", "Father's Day": "Día del Padre",
}
_NAMES = {name.casefold(): spanish for name, spanish in (*HOLIDAYS.items(), *CLOSED_DAYS.items())}
_WD = "|".join(WEEKDAYS)
_MON = "|".join(MONTHS)
_DAY = re.compile(rf"\b({_WD}) ({_MON}) (\d{{1,2}})\b")
_OPENING = re.compile(rf"\b(today|tomorrow|{_WD}) at (\d{{1,2}}(?::\d\d)?[ap]m)\b")
_ENDING = re.compile(r"\(ending (\w+)\)")
_CLOSED_ON = re.compile(r"We're closed (" + "|".join(WEEKDAY_PLURALS) + r")\.")
_CLOSED_HOLIDAY = re.compile(r"We're closed ([^.(]+?)(?: \((.*?)\)\.| for a holiday\.)")  # "(X (observed))."
_FULLY_BOOKED = re.compile(r"([^.]+?) is fully booked\.")
_CANNOT = re.compile(r"We can't make it ([^.]+?)\.")
_NOTHING_OPEN = re.compile(r"Nothing is open [^.]*\.")
_CLOSING = re.compile(r"We close at ([^;]+?) on ([^;]+); the last visit starts at ([^.]+)\.")
_PHRASE = re.compile("|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)))


def _holiday(name: str) -> str | None:
    """The holiday's Spanish name; None for a name given in English that we cannot put into Spanish (the
    sentence then says "por día festivo" rather than quote English in a Spanish reply)."""
    observed = name.endswith(" (observed)")
    base = name.removesuffix(" (observed)")
    spanish = _NAMES.get(base.casefold()) or (base if detect_language(base) == "es" else None)
    return spanish and spanish + (", día feriado" if observed else "")


def _closed_holiday(match: re.Match[str]) -> str:
    holiday = _holiday(match[2]) if match[2] else None
    return f"El {match[1]} estamos cerrados" + (f" ({holiday})." if holiday else " por día festivo.")


def _day(match: re.Match[str]) -> str:
    return f"{WEEKDAYS[match[1]]} {int(match[3])} {MONTHS[match[2]]}"


def _opening(match: re.Match[str]) -> str:
    day = {"today": "hoy", "tomorrow": "mañana"}.get(match[1]) or f"el {WEEKDAYS[match[1]]}"
    return f"{day} {_at(match[2])}"


def _at(hour: str) -> str:
    """ "a la 1pm", "a las 5pm" """
    return f"{'a la' if hour.startswith('1') and not hour.startswith(('10', '11', '12')) else 'a las'} {hour}"


def localise(text: str) -> str:
    """The Spanish of the known English fragments in `text`."""
    text = _CLOSED_ON.sub(lambda m: f"{WEEKDAY_PLURALS[m[1]].capitalize()} no abrimos.", text)
    text = _CLOSED_HOLIDAY.sub(_closed_holiday, text)
    text = _FULLY_BOOKED.sub(lambda m: f"El {m[1]} ya no tenemos lugar.", text)
    text = _CANNOT.sub(lambda m: f"No podemos ir el {m[1]}.", text)
    text = _NOTHING_OPEN.sub("No tenemos nada libre a esa hora.", text)
    text = _CLOSING.sub(lambda m: f"El {m[2]} cerramos {_at(m[1])}; última cita {m[3]}.", text)
    text = _DAY.sub(_day, text)
    text = _OPENING.sub(_opening, text)
    text = _ENDING.sub(lambda m: f"(termina en {m[1]})", text)
    return _PHRASE.sub(lambda m: PHRASES[m[0]], text)
