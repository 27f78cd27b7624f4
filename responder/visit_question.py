"""Is the customer asking when their own visit is ("what time is my appointment?", "¿a qué hora llega el técnico?"),
whether it is still on ("all good for tomorrow?", "¿sigue en pie lo de mañana?") or asking us to confirm it
("can you confirm my appointment?", "¿me pueden confirmar la cita de mañana?").

Asked with a visit on the books, it is answered from the booking itself; without one, the text goes on
to the classifier like any other (it is then usually an availability question).
"""

from __future__ import annotations

import re

from classifiers.text import for_rules

_VISIT = r"(?:appointment|appt|visit|booking|service call|cleaning|install(?:ation)?|job)"
_WORKER = r"(?:tech|techs|technician|plumber|electrician|guy|guys|crew|team|someone|you guys|you all|you|y'?all)"
_WHEN = r"(?:when'?s|when|what time|wat time|what day|which day|wht time)"
_DAY_OR_VISIT = rf"(?:today|tomorrow|tmrw|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:my|our|the)\s+{_VISIT})"
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
    # "my appointment is tomorrow right?"
    rf"\bmy\s+{_VISIT}\s+(?:is|was)\s+(?:\w+\s*){{0,4}}?,?\s*(?:right|correct|yes)?\s*\?",
    # still on: "all good for tomorrow?", "are we still good for friday?", "is my appointment confirmed?" (asked:
    # "we're good for tomorrow" is the customer confirming, for the booking rules)
    rf"\b(?:all|everything|we|we're)\s+(?:still\s+)?(?:good|set|ok|okay|on)\s+for\s+{_DAY_OR_VISIT}[^.!?]*\?",
    rf"\bare\s+we\s+(?:still\s+)?(?:good|set|ok|okay|on)\s+for\s+{_DAY_OR_VISIT}",
    rf"\bis\s+(?:my|our|the)\s+{_VISIT}\s+(?:still\s+)?confirmed\b",
    # asking us to confirm it (not the customer confirming: "I confirm my appointment" is theirs to give)
    rf"\b(?:can|could|would|will)\s+(?:you|u|someone|somebody)\s+(?:please\s+)?(?:re)?confirm\b[^?.!]*"
    rf"\b(?:{_VISIT}|time|tomorrow|today)\b",
    rf"\bplease\s+confirm\s+(?:my|our|the)\s+{_VISIT}\b",
)
_CITA = r"(?:cita|visita|servicio)"
_DIA_O_CITA = rf"(?:manana|hoy|pasado\s+manana|el\s+\w+|(?:la|mi)\s+{_CITA}|lo\s+de\s+\w+)"
_LLEGAN = r"(?:llega|llegan|viene|vienen|pasa|pasan|van?\s+a\s+(?:venir|llegar|pasar))"
_TECNICO = r"(?:tecnico|tecnicos|plomero|electricista|muchacho|muchachos|equipo)"
_SPANISH = (
    rf"\b(?:cuando|a que hora|que dia|que hora)\b[^?.!]*\bmi\s+{_CITA}\b",
    rf"\b(?:cuando|a que hora|que dia|que hora)\s+(?:es|era|sera|seria|queda|quedo)\s+(?:la|nuestra)\s+{_CITA}\b",
    rf"\b(?:mi|la)\s+{_CITA}\s+(?:sigue|todavia|aun)\b",
    rf"\b(?:a que hora|cuando)\s+{_LLEGAN}\s+(?:el|los|la)\s+{_TECNICO}\b",
    r"\b(?:siguen|todavia|aun)\s+(?:vienen|van a venir)\b",
    # "¿a qué hora llegan?", "¿cuándo vienen mañana?": when the visit comes, not when they could ("pueden venir")
    rf"\b(?:a que hora|cuando)\s+(?:me\s+|nos\s+)?{_LLEGAN}\b(?!\s+(?:el|la|los|las)\s+(?!{_TECNICO}))",
    r"\b(?:a que hora|que dia|cuando)\s+me\s+toca\b",
    # "mi cita es mañana verdad?", "¿mi cita es a las 10?"
    rf"\bmi\s+{_CITA}\s+(?:es|era|esta|queda)\s+(?:\w+\s*){{0,4}}?,?\s*(?:verdad|cierto|correcto|no)?\s*\?",
    # still on, asked: "todo bien para mañana?", "¿sigue en pie lo de mañana?", "¿siempre sí vienen?", "¿ya está
    # confirmada?" ("la cita sigue en pie" is the customer confirming)
    rf"\btodo\s+(?:bien|listo|en\s+orden|sigue\s+igual)\s+(?:para|con)\s+{_DIA_O_CITA}[^.!?]*\?",
    r"\b(?:sigue|siguen|seguimos)\s+en\s+pie\b[^.!?]*\?",
    rf"\bsiempre\s+si\s+(?:{_LLEGAN}|es|hay|tengo)\b[^.!?]*\?",
    rf"\b(?:esta|quedo)\s+confirmad[ao]\s+(?:mi|la)\s+{_CITA}\b|\b(?:mi|la)\s+{_CITA}\s+(?:ya\s+)?(?:esta|quedo)"
    r"\s+confirmad[ao]\b",
    # asking us to confirm it: "¿me pueden confirmar la cita de mañana?", "me confirma la hora"
    rf"\b(?:(?:me|nos)\s+(?:puede|pueden|podria|podrian)\s+confirmar|me\s+confirman?|confirm(?:e|en)me)\b[^?.!]*"
    rf"\b(?:{_CITA}|hora|horario|manana|hoy)\b",
)
_ASKS = re.compile("|".join((*_ENGLISH, *_SPANISH)))
# "When is my appointment? I need to move it": a change, for the booking rules.
_CHANGES = re.compile(r"\b(?:move|change|reschedul\w*|push|instead|cancel\w*|earlier|later|"
                      r"cambi\w*|muev\w*|mover\w*|reprogram\w*|pospon\w*|adelant\w*|atras\w*|recorr\w*"
                      r"|mas\s+(?:tarde|temprano)|otro\s+dia|otra\s+hora)\b")


def asks_when_their_visit_is(text: str) -> bool:
    plain = for_rules(text)
    return bool(_ASKS.search(plain)) and not _CHANGES.search(plain)
