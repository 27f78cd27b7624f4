"""Is the customer asking when their own visit is ("what time is my appointment?", "¿a qué hora llega el técnico?").

Asked with a visit on the books, it is answered from the booking itself; without one, the text goes on
to the classifier like any other (it is then usually an availability question).
"""

from __future__ import annotations

import re

from classifiers.text import for_rules

_VISIT = r"(?:appointment|appt|visit|booking|service call|cleaning|install(?:ation)?|job)"
_WORKER = r"(?:tech|techs|technician|plumber|electrician|guy|guys|crew|team|someone|you guys|you all|you|y'?all)"
_WHEN = r"(?:when'?s|when|what time|wat time|what day|which day|wht time)"
_ARRIVING = r"(?:arriv\w*|com\w*|get(?:ting)? (?:here|there)|be (?:here|there)|show(?:ing)? up|here)"
_ENGLISH = (
    rf"\b{_WHEN}\b[^?.!]*\b(?:is|was|s|'s|are)\b[^?.!]*\b(?:my|our|the)\s+{_VISIT}\b",
    rf"\b{_WHEN}\b[^?.!]*\bmy\s+{_VISIT}\b",
    rf"\b(?:is|are)\s+(?:my|our|the)\s+{_VISIT}\s+still\b",
    r"\bstill\s+(?:on|coming|happening)\b[^?.!]*\b(?:today|tomorrow|tmrw|tmr|for)\b",
    rf"\b(?:is|are)\s+(?:the\s+|my\s+|our\s+)?{_WORKER}\s+still\s+coming\b",
    rf"\b{_WHEN}\b\s+(?:will|is|are|r|should)\s+(?:the\s+|my\s+|your\s+)?{_WORKER}\s+(?:be\s+)?{_ARRIVING}",
    rf"\b{_WHEN}\b[^?.!]*\b{_ARRIVING}\s+again\b",
    rf"\bwhen'?s\s+(?:the\s+|my\s+)?{_WORKER}\s+{_ARRIVING}",
    r"\bconfirm\s+(?:the\s+)?time\s+(?:of|for)\s+my\b",
)
_SPANISH = (
    r"\b(?:cuando|a que hora|que dia|que hora)\b[^?.!]*\bmi\s+(?:cita|visita|servicio)\b",
    r"\bmi\s+(?:cita|visita)\s+(?:sigue|todavia|aun)\b",
    r"\b(?:a que hora|cuando)\s+(?:llega|llegan|viene|vienen|pasa|pasan)\s+(?:el|los|la)\s+"
    r"(?:tecnico|tecnicos|plomero|electricista|muchacho|muchachos|equipo)\b",
    r"\b(?:siguen|todavia|aun)\s+(?:vienen|van a venir)\b",
)
_ASKS = re.compile("|".join((*_ENGLISH, *_SPANISH)))
# "When is my appointment? I need to move it": a change, for the booking rules.
_CHANGES = re.compile(r"\b(?:move|change|reschedul\w*|push|instead|cancel\w*|earlier|later|"
                      r"cambi\w*|muev\w*|mover\w*|reprogram\w*|pospon\w*)\b")


def asks_when_their_visit_is(text: str) -> bool:
    plain = for_rules(text)
    return bool(_ASKS.search(plain)) and not _CHANGES.search(plain)
