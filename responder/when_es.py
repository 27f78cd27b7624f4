"""Spanish day and time phrases rewritten as the English ones responder.when reads.

"el sábado" -> "on saturday", "mañana en la tarde" -> "tomorrow afternoon", "el próximo martes a
las 3" -> "next tuesday at 3", "la primera" -> "first". Applied by when.normalise (and so by
choice.pick_option too) to lower-case text; English text has none of these words and passes through.

Readings chosen: "mañana" alone is tomorrow, "la mañana" / "en la mañana" is the morning;
"después del almuerzo" / "después de comer" is after lunch, "a la hora de la comida" noon;
"a las 3 de la tarde" is 3pm; "el 12" is the 12th of the month; "me sirve" / "me funciona" agree
like "works"; "ninguna" refuses like "neither".
"""

from __future__ import annotations

import re
import unicodedata

_WEEKDAYS = {"lunes": "monday", "martes": "tuesday", "miercoles": "wednesday", "jueves": "thursday",
             "viernes": "friday", "sabado": "saturday", "domingo": "sunday"}
_MONTHS = {"enero": "january", "febrero": "february", "marzo": "march", "abril": "april", "mayo": "may",
           "junio": "june", "julio": "july", "agosto": "august", "septiembre": "september",
           "setiembre": "september", "octubre": "october", "noviembre": "november", "diciembre": "december"}
_DAY = "|".join(_WEEKDAYS.values())
_CLOCK = r"(\d{1,2}(?::\d\d)?)"
_MEAL = r"del?\s+(?:almuerzo|la\s+comida|lonche|lonch)"
_MEAL_VERB = r"de\s+(?:almorzar|comer|lonchar)"
_NUMBERS = {"uno": "one", "una": "one", "dos": "two", "tres": "three", "cuatro": "four", "cinco": "five"}

REWRITES: tuple[tuple[str, str], ...] = (
    (r"\b(?:lo\s+antes\s+posible|lo\s+mas\s+pronto(?:\s+posible)?|cuanto\s+antes|ya\s+mismo)\b", " asap "),
    (rf"\b{_CLOCK}\s*(?:de\s+la\s+manana|am)\b", r" \1am "),
    (rf"\b{_CLOCK}\s*(?:de\s+la\s+(?:tarde|noche)|pm)\b", r" \1pm "),
    (r"\bpasado\s+manana\b", " day after tomorrow "),
    (r"\besta\s+manana\b", " this morning "),
    (r"\besta\s+tarde\b", " this afternoon "),
    (r"\besta\s+noche\b", " tonight "),
    # meals, work and school: "después del almuerzo", "antes de comer", "saliendo del trabajo"
    (rf"\b(?:despues|luego)\s+(?:{_MEAL}|{_MEAL_VERB})\b", " after lunch "),
    (rf"\bantes\s+(?:{_MEAL}|{_MEAL_VERB})\b", " before lunch "),
    (r"\b(?:a\s+)?(?:la\s+)?hora\s+(?:del\s+almuerzo|de\s+(?:la\s+)?comida|de\s+comer)\b", " noon "),
    (r"\b(?:despues\s+del|saliendo\s+del|despues\s+de\s+salir\s+del)\s+trabajo\b", " after work "),
    (r"\b(?:despues|saliendo)\s+de\s+la\s+escuela\b", " after school "),
    (r"\ba\s+primera\s+hora\b", " first thing "),
    (r"\btemprano\s+(?:en|por)\s+la\s+manana\b|\b(?:en|por)\s+la\s+manana\s+temprano\b", " early morning "),
    (r"\b(?:en|por|a)\s+la\s+tardecita\b", " late afternoon "),
    (r"\b(?:en|por|de|a)\s+la\s+manana\b|\b(?:la|las)\s+mananas?\b", " morning "),
    (r"\b(?:en|por|de|a)\s+la\s+tarde\b|\b(?:la|las)\s+tardes\b", " afternoon "),
    (r"\b(?:en|por|de|a)\s+la\s+noche\b", " evening "),
    (r"\bmanana\b", " tomorrow "),
    (r"\bhoy(?:\s+mismo)?\b", " today "),
    (r"\bmediodia\b", " noon "),
    (r"\bmuy\s+temprano\b|\btemprano\b", " early morning "),
    (r"\bmas\s+tarde\b", " later "),
    (r"\bmas\s+temprano\b", " earlier "),
    *((rf"\b{es}s?\b", f" {en} ") for es, en in _WEEKDAYS.items()),
    *((rf"\b(\d{{1,2}})\s+de\s+{es}\b", rf" \1 {en} ") for es, en in _MONTHS.items()),
    (r"\b(?:el\s+)?proximo\s+fin\s+de\s+semana\b|\bel\s+fin\s+de\s+semana\s+que\s+viene\b", " next weekend "),
    (r"\b(?:este\s+|el\s+)?fin\s+de\s+semana\b", " weekend "),
    (r"\b(?:la\s+)?proxima\s+semana\b|\b(?:la\s+)?semana\s+que\s+viene\b|\bla\s+otra\s+semana\b", " next week "),
    (r"\besta\s+semana\b", " this week "),
    (r"\b(?:a\s+)?(?:principios|comienzos|inicios)\s+de\b", " early "),
    (r"\b(?:a\s+)?mediados\s+de\b", " mid "),
    (r"\b(?:a\s+)?(?:fines|finales)\s+de\b", " end of "),
    (rf"\b(?:el\s+)?proximo\s+({_DAY})\b|\b(?:el\s+)?({_DAY})\s+(?:que\s+viene|proximo)\b",
     lambda m: f" next {m[1] or m[2]} "),
    (rf"\beste\s+({_DAY})\b", r" this \1 "),
    (rf"\b(?:el|los)\s+({_DAY})\b", r" on \1 "),
    (rf"\bentre\s+(?:las?\s+)?{_CLOCK}\s+y\s+(?:las?\s+)?{_CLOCK}\b", r" between \1 and \2 "),
    (rf"\bdespues\s+de\s+(?:las?\s+)?{_CLOCK}", r" after \1"),
    (rf"\bantes\s+de\s+(?:las?\s+)?{_CLOCK}", r" before \1"),
    (r"\bantes\s+del?\s+(?:el\s+)?(?:mediodia|noon)\b", " before noon "),
    (r"\bdespues\s+del?\s+(?:el\s+)?(?:mediodia|noon)\b", " after noon "),
    (r"\b(?:en|por|de|a)\s+la\s+mananita\b|\btempranito\b", " morning "),
    (rf"\bdesde\s+(?:las?\s+)?{_CLOCK}", r" from \1"),
    (rf"\b(?:la\s+de\s+)?(?:a\s+)?las?\s+{_CLOCK}(?![\d:])", r" at \1"),
    (r"\bel\s+(\d{1,2})\b(?!\s*(?::|am|pm|de\b))", r" on the \1th "),
    # picking an offered option
    (r"\b(?:la|el)\s+primer[ao]?\b|\bprimer[ao]?\b", " first "),
    (r"\b(?:la|el)\s+segund[ao]\b|\bsegund[ao]\b", " second "),
    (r"\b(?:la|el)\s+tercer[ao]?\b|\btercer[ao]?\b", " third "),
    (r"\b(?:la|el)\s+ultim[ao]\b", " last "),
    (r"\bopcion\b", " option "),
    (r"\b(?:cualquiera|la\s+que\s+sea|me\s+da\s+igual|cualquier\s+(?:dia|hora))\b", " either "),
    (r"\bningun[ao]?\b", " neither "),
    (r"\bno\s+(?:puedo|podemos|me\s+(?:sirve|funciona|queda))\b", " can't "),
    (r"\b(?:otro\s+dia|otra\s+hora|otro\s+horario|otra\s+fecha)\b", " another time "),
    (r"\b(?:me|nos)\s+(?:sirve|funciona|queda\s+bien|conviene)\b|\besta\s+bien\b|\bperfecto\b|\bde\s+acuerdo\b",
     " works "),
    (r"^\W*si\b", " yes "),
    *((rf"\b(?:option|numero|la|el)\s+{es}\b", f" option {en} ") for es, en in _NUMBERS.items()),
)
_COMPILED = tuple((re.compile(pattern), replacement) for pattern, replacement in REWRITES)
_SPANISH_HINT = re.compile(
    r"\b(?:manana|hoy|tarde|noche|lunes|martes|miercoles|jueves|viernes|sabado|domingo|semana|las?|el|proxim[ao]"
    r"|primer[ao]?|segund[ao]|tercer[ao]?|ultim[ao]|cualquiera|ningun[ao]?|sirve|funciona|mediodia|temprano"
    r"|despues|luego|antes|entre|desde|si|opcion|perfecto|esta|de|del|hora)\b"
)


def _plain(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def from_spanish(lowered: str) -> str:
    """`lowered` with its Spanish day, time and choice phrases in the English that when.py reads."""
    plain = _plain(lowered)
    if not _SPANISH_HINT.search(plain):
        return lowered
    for pattern, replacement in _COMPILED:
        plain = pattern.sub(replacement, plain)
    return re.sub(r"  +", " ", plain).strip()
