"""Opt-out and opt-in read as a composition, not as a list of phrasings.

An opt-out is a cessation part ("stop", "no more", "don't send", "remove", "dejen de", "ya no me
manden", "bórrenme") joined to a messaging object ("texts", "these", "this number", "mensajes",
"esto") by nothing but small words ("the", "any more", "sending me", "con los"), in either order
("stop the texts", "these texts have to stop", "las ofertas, ya no las manden"). When the object is
the offers ("promos", "deals", "ofertas") and not the texts in general, the scope is "marketing".
An opt-in is a resumption part ("restart", "resume", "volver a recibir", "activen") with the same
messaging object, or a request to be sent the texts "again"/"back"/"otra vez".

A word between the parts that is not a small word breaks the composition: "stop the leak", "quit
laughing", "stop by" have no messaging object and are not opt-outs. Guards (keywords.REVOCATION_GUARDS
and the ones here) take out the speaker stopping ("I'll stop texting after this") and questions
about a later, hypothetical opt-out ("how do I get these to stop later if I want to?").

Matched on classifiers.text.for_rules output (lower case, accents folded, shorthand spelled out).
"""

from __future__ import annotations

import re

from classifiers import prefilter

# What we send, as a series: one message ("delete the message I sent", "cancel the reminder for
# tomorrow") is not the texts. "these"/"esto" stand for the texts only with nothing after them but the
# clause end ("why am I still getting these??"), never before a noun ("these leaks").
_MESSAGES = (
    r"(?:texts|text\s+(?:messages|alerts|updates|notifications|reminders)|txts|messages|msgs|sms|spam"
    r"|notifications|alerts|reminders|texting|messaging|txting|robo\s*texts?|this\s+(?:number|#|phone)"
    r"|(?:my|her|his|their|our)\s+(?:number|#|phone(?:\s+number)?|cell)|mensajes|mensajitos|textos|msjs|msj|mensages|sms|notificaciones"
    r"|recordatorios|avisos|este\s+(?:numero|telefono|cel|celular)|mi\s+(?:numero|telefono|cel|celular)"
    r"|(?:these|those|esto|estos|eso|esos)(?=\s*(?:[.!?,;:)]|$|please|pls|already|anymore|any\s*more|now|ya|por\s+favor)))"
)
OFFERS = (
    r"(?:promos?|promotions?|promotional\s+\w+|ads|advertisements?|advertising|deals?|offers?|coupons?|specials?"
    r"|sales?(?:\s+(?:stuff|texts?|messages?|pitches))?|marketing|newsletters?|upsells?|promociones|ofertas|anuncios"
    r"|descuentos|publicidad|especiales|cupones)"
)
# Small words that may sit between the parts without changing what is stopped.
_SMALL = (
    r"(?:the|these|those|this|your|ur|all|any|more|anymore|of|with|w/|me|us|sending|getting|receiving|sending\s+me"
    r"|texting\s+me|to\s+me|to\s+us|from\s+you|from\s+y'?all|stupid|damn|dang|freaking|annoying|constant|endless|daily"
    r"|random|automated|auto|already|holiday|weekly|monthly|so\s+many|many|again|ever|please|pls|now|just|de|con|los|las|sus|tus"
    r"|tantos|tantas|estos|estas|esos|esas|mas|me|nos|le|les|mandar|enviar|recibir|mandando|enviando|el|la|un|una)"
)
# At most one other word (an adjective, a name): "stop the holiday sale stuff", never a preposition
# that leads somewhere else ("replied stop on my phone").
_OTHER_WORD = r"(?!(?:on|at|in|by|for|to|over|about|from|after|before|until|en|por|para|a)\b)[a-z'/-]+"
# ...or a short quoted name: 'stop the "refer a friend" texts'.
_QUOTED = r"[\"'][^\"'\n]{1,30}[\"']"
_GAP = rf"(?:\s+{_SMALL})*?(?:\s+(?:{_OTHER_WORD}|{_QUOTED})){{0,1}}?\s+"

# Cessation parts that take their object after them.
_CESSATION = (
    r"(?:stop|quit|cease|halt|discontinue|cancel|enough|no\s+more|remove|delete|erase|block|unsubscribe\s+me\s+from"
    r"|opt\s+(?:me\s+)?out\s+of|take\s+(?:me|us)\s+off|take\s+off|get\s+rid\s+of"
    r"|(?:don'?t|do\s+not|never|dont)\s+(?:ever\s+)?(?:send|text|message|contact|email|sms)"
    r"|dej(?:en|e|a)\s+de|par(?:en|e|a)(?:le)?(?:\s+ya)?\s+(?:de|con)|ya\s+no(?:\s+(?:me|nos|le|les))?\s+(?:manden|envien|escriban"
    r"|texteen|textees|mande|envie|escri[bv]a|textee)|no\s+(?:me|nos|le|les)?\s*(?:manden|envien|escriban|texteen|textees|mande|envie"
    r"|escri[bv]a|textee)|(?:ya\s+)?no\s+(?:quiero|queremos|deseo|necesito)(?:\s+(?:re[cs]ibir|mas))*"
    r"|(?:don'?t|do\s+not|no\s+longer)\s+(?:want|need)(?:\s+(?:to\s+)?(?:get|receive|getting))?"
    r"|basta(?:\s+ya)?(?:\s+(?:de|con))?|ya\s+estuvo(?:\s+(?:de|con))?|no\s+mas|stop\s+con|(?:borr|quit|saqu|sac|elimin)(?:en|e|a|ar)(?:me|nos)\s+de"
    r"|(?:borr|saqu|elimin)(?:en|e|a|ar)|quit(?:en|ar)"
    # "knock it off with the promos", "enough with the texts"
    r"|knock\s+it\s+off\s+with|cut\s+it\s+out\s+with|cut\s+out|lay\s+off(?:\s+of)?|give\s+it\s+a\s+rest\s+with"
    r"|enough\s+with|ease\s+up\s+on|chill\s+with|(?:f|eff|fuck|piss|back)\s+off\s+with"
    # "I'd rather not get texts", "pueden dejar de mandar publicidad?", "dese de baja este número"
    r"|(?:i'?d|i\s+would|we'?d)\s+(?:rather|prefer)\s+(?:not(?:\s+to)?|to\s+not)\s+(?:get|receive|have)"
    r"|(?:pueden|puede|podrian|podria)\s+dejar\s+de|(?:de|den|dese|denme|deme)\s+de\s+baja"
    # interest withdrawn: "not interested in your deals", "ya no me interesa recibir ofertas"
    r"|not\s+interested\s+in(?:\s+(?:getting|receiving))?|(?:ya\s+)?no\s+(?:me|nos)\s+interesan?(?:\s+(?:recibir|mas))*"
    r"|no\s+estoy\s+interesad[oa]\s+en(?:\s+recibir)?)"
)
# Cessation parts that end a clause whose object came first: "these texts need to stop",
# "las ofertas, ya no las manden", "este número ... bórrenlo".
_CESSATION_AFTER = (
    r"(?:(?:need|needs|has|have|got|gotta|must)\s+(?:to\s+)?stop|(?:to\s+)?stop|to\s+end|(?:need|needs|has|have|must)\s+to\s+end"
    r"|ya\s+no(?:\s+(?:las|los|me|nos|le|les|lo|la))*\s+(?:manden|envien|escriban|quiero|mande|envie)"
    r"|no\s+(?:(?:las|los|me|lo|la|nos|se)\s+){1,2}(?:manden|envien|mande|envie|quiero)"
    r"|(?:borr|quit|saqu|elimin)(?:en|e|a)(?:lo|la|los|las)"
    r"|basta|ya\s+basta|no\s+mas)"
)
_CLAUSE_END = r"(?=\s*(?:[.!?,;:)]|$|please\b|pls\b|now\b|already\b|asap\b|thanks\b|ya\b|por\s+favor|gracias))"
# A paper or an app the number or the notifications belong to: "quiten mi número de la factura",
# "turn on the notifications on the app".
_ELSEWHERE = (
    r"(?:from|off(?:\s+of)?|on|in|de|en)\s+(?:the|my|your|la|el|su|mi)\s+(?:invoice|bill|receipt|form|account|estimate"
    r"|quote|order|app|website|portal|thermostat|factura|recibo|cuenta|formulario|orden|cotizacion|estimado|aplicacion)\b"
)
# A time or a person after the object narrows the request to that: "don't text me before 9",
# "don't send the reminder to my husband".
_NARROWED = (
    r"(?!\s+(?:before|after|until|till|til|during|while|so\s+early|so\s+late|at\s+night|on\s+(?:weekends|sundays)"
    rf"|to\s+(?:my|his|her|the)\s+(?!number|phone|cell|#)|por\s+(?:correo|e-?mail|mail)|by\s+(?:e-?mail|mail|post)"
    rf"|(?:via|through)\s+e-?mail)|(?:\s+[a-z'-]+)?\s+{_ELSEWHERE})"
)
_NOT_STOPPING = prefilter.compile(
    r"\b(?:don'?t|do\s+not|never|not|no)\s+(?:\w+\s+)?(?:stop|end)\b"
    # "I get enough spam": a complaint about the world, not a request to us
    r"|\b(?:get|got|gets|getting|have|had|receive)\s+enough\b"
    # the word quoted, not said to us: "my kid replied stop", "if I text stop"
    r"|\b(?:repl(?:y|ied|ying)|text(?:ed)?|typ(?:e|ed)|hit|press(?:ed)?|wrote|puso|puse|mando|envio)\s+\W?(?:stop|quit|end"
    r"|unsubscribe|para|baja)\b", re.IGNORECASE)

# "los mensajitos de ofertas", "the texts about deals": messages named by their offers are the offers.
_OFFER_MESSAGES = rf"(?:{_MESSAGES})\s+(?:de|about|with|for|of)\s+(?:las\s+|los\s+|the\s+|your\s+|sus\s+)?{OFFERS}"
_AFTER = prefilter.compile(rf"\b{_CESSATION}{_GAP}(?:(?P<offers>{_OFFER_MESSAGES}|{OFFERS})|{_MESSAGES})\b{_NARROWED}",
                           re.IGNORECASE)
_BEFORE = prefilter.compile(
    rf"\b(?:(?P<offers>{OFFERS})|{_MESSAGES})\b[^.!?\n]{{0,30}}?\b{_CESSATION_AFTER}\b{_CLAUSE_END}", re.IGNORECASE)
# A messaging verb denied, with only its addressee or "anything" after it, ends the clause: "can u not
# text me", "pls dont send me anything else", "no quiero recibir más".
_DENIED_MESSAGING = prefilter.compile(
    r"\b(?:(?:don'?t|do\s+not|never|dont)\s+(?:ever\s+)?|(?:can|could|would|will)\s+(?:you|y'?all)(?:\s+guys|\s+all)?"
    r"\s+(?:please\s+)?not\s+)(?:send|text|message|contact|email|sms)\s+(?:me|us|this\s+(?:number|phone))?\s*"
    r"(?:anything|nothing|any\s*more|anymore|again|ever\s+again|no\s+more)?(?:\s+(?:else|more|again|anymore))?"
    rf"{_CLAUSE_END}"
    r"|\b(?:ya\s+)?no\s+(?:me|nos)\s+(?:textees|texteen|textee|escribas|escri[bv]an|escri[bv]a|mandes|manden|envies|envien)"
    rf"(?:\s+(?:mas|nunca\s+mas|nada))?{_CLAUSE_END}"
    r"|\bdon'?t\s+want\s+to\s+hear\s+from\s+(?:you|y'?all|this\s+number|your\s+company)\b"
    r"|\bno\s+(?:quiero|deseo|queremos)\s+re[cs]ibir\s+(?:mas|nada)(?:\s+(?:nada|mas|de\s+ustedes))?(?=\s*(?:[.!?,;]|$|por\s+favor"
    r"|gracias))"
    # "les pido que dejen de escribir": the writing itself, with nothing after it
    r"|\bdej(?:en|e|a)\s+de\s+(?:escri[bv]ir|textear|mandar|enviar)(?:me|nos|le|les)?(?:\s+(?:mensajes|textos))?"
    rf"{_CLAUSE_END}"
    # "unsubscribe me (from this)", misspelt as customers type it ("unsubscibe", "unsuscribe")
    r"|\b(?=[a-z]{8,12}\b)uns[uo]?b?s?c?r?i?b?e\s+(?:me|us)(?:\s+(?:from|of)\s+(?:this|it|here|everything))?"
    rf"{_CLAUSE_END}"
    # the number taken off: "take his number off", "get my number off your list"
    r"|\b(?:take|get)\s+(?:my|his|her|their|our|this)\s+(?:number|#|phone(?:\s+number)?|cell)\s+off\b"
    r"(?!\s+(?:the|your|my)\s+(?:invoice|bill|receipt|form|account|estimate|quote|app|website))"
    # the number named, then "delete it": "who gave you my number? delete it"
    r"|\b(?:my|this)\s+(?:number|#|phone\s+number)\b[\s\S]{0,60}?\b(?:delete|remove|erase|lose|take)\s+(?:it|me)"
    rf"(?:\s+off)?{_CLAUSE_END}",
    re.IGNORECASE,
)
# The opt-out said before and said again: "I already replied STOP once", "ya les puse STOP". Not by mistake.
_STOP_ALREADY_SAID = prefilter.compile(
    r"\b(?:i|we)\s+(?:already\s+|have\s+already\s+|'ve\s+already\s+|'ve\s+|have\s+)?(?:replied|texted|said|sent"
    r"|typed|wrote|responded)\s+(?:with\s+)?(?:you\s+)?\W?(?:stop|unsubscribe)\b"
    r"|\bya\s+(?:les?\s+)?(?:puse|respondi|conteste|escribi|mande|dije)\s+(?:que\s+)?\W?(?:stop|para|baja)\b",
    re.IGNORECASE)
_BY_MISTAKE = prefilter.compile(
    r"\b(?:by\s+(?:accident|mistake)|accidental\w*|sin\s+querer|por\s+error|por\s+equivocacion"
    r"|(?:to|on|in)\s+the\s+wrong\s+(?:thread|text|message|one|chat|conversation))\b")
# The offers refused with a bare "no": "las promos no please, pero la cita sí", "promos no thanks".
_OFFERS_NO = prefilter.compile(
    rf"\b(?:las\s+|los\s+|the\s+|your\s+)?(?P<offers>{OFFERS})\s+no\b(?:\s+(?:please|pls|por\s+favor|gracias|thanks|thank\s+you))?"
    r"(?=\s*(?:[.!?,;:]|$|pero\b|but\b))", re.IGNORECASE)
# Asked how to make them stop, now: "how do I make these stop" (a later "if I want to" is NOT_A_REQUEST_GUARDS').
_HOW_TO_STOP = prefilter.compile(
    r"\bhow\s+(?:do|can)\s+(?:i|we)\s+(?:make|get)\s+(?:these|the\s+(?:texts?|messages?))\s+(?:to\s+)?stop\b"
    r"|\bcomo\s+(?:hago|le\s+hago)\s+para\s+que\s+(?:dejen|paren)\b", re.IGNORECASE)
# "Bórrenme." on its own: erase me.
_ERASE_ME = prefilter.compile(r"\b(?:borr|elimin)(?:en|e)(?:me|nos)\b(?=\s*(?:[.!?]|$|por\s+favor|ya))", re.IGNORECASE)
_STILL_GETTING = prefilter.compile(
    r"\bwhy\s+(?:am|are|do|does)\s+(?:i|we|you)\s+still\s+(?:getting|receiving|sending|texting)(?:\s+me)?"
    r"(?=\s*(?:[?!.]|$)|\s+(?:these|this|those|them|texts|messages|msgs|spam|(?:the|your)\s+(?:texts|messages"
    r"|reminders|alerts|promos|offers|ads))\b)"
    r"|\bwhy\s+(?:do|does)\s+(?:i|we)\s+(?:keep|still)\s+(?:getting|receiving)\s+(?:these|this|your|texts|messages)\b"
    r"|\bpor\s*que\s+(?:me\s+)?(?:siguen|sigo)\s+(?:mandando|enviando|llegando|recibiendo|escribiendo)\b",
    re.IGNORECASE,
)
# A lone upper-case STOP in a message otherwise written in lower case: "I said STOP. Why..."
# It ends its sentence or runs into what we send: "STOP!!", "STOP texting", not "STOP sign", "STOP by".
_SHOUTED_STOP = prefilter.compile(
    r"(?<![A-Za-z])STOP(?![A-Za-z])(?=\s*(?:[^\w\s]|$)|\s+(?:texting|txting|sending|messaging|contacting|calling|it|now"
    r"|already|please|pls|asap|[A-Z]{2,})\b)")
_QUOTED_STOP = prefilter.compile(
    r"\b(?:repl(?:y|ied|ying)|text(?:ed|ing)?|sen[dt]|sending|typ(?:e|ed|ing)|writ(?:e|ing)|wrote|hit|press(?:ed)?|if\s+i\s+\w+"
    r"|respond(?:ed)?|responde|responda|respondi|escrib\w*|mand\w*|envi\w*|puse|pone)\s+(?:with\s+)?(?:a\s+)?\W?STOP\b",
    re.IGNORECASE,
)
# "stop" whose object is not what we send: a leak, water, a noise, a visit, a charge.
_STOP_OTHER = prefilter.compile(
    r"\b(?:stop|quit|cease|halt)\s+(?:the\s+|my\s+|it\s+from\s+|them\s+from\s+|that\s+)?(?:leak\w*|water|drip\w*|noise"
    r"|running|by|over|in|charging|billing|laughing|smell|flood\w*|bleed\w*|work|the\s+job|service|payment|check)\b"
    r"(?!\s+(?:texts?|messages|msgs|reminders|notifications|alerts|updates)\b)",
    re.IGNORECASE,
)

_RESUME = (
    r"(?:start|restart|re-?start|resume|reactivate|re-?activate|re-?enable|re-?subscribe|subscribe\s+me\s+to|turn\s+on"
    r"|volver\s+a\s+(?:textear|escribir)(?:me|nos)?|vuelvan\s+a\s+(?:textear|escribir)(?:me|nos)?|turn\s+back\s+on|keep\s+(?:getting|receiving)|continue\s+(?:getting|receiving)|seguir\s+recibiendo|reanud\w*|reactiv\w*|activ(?:en|e|ar)(?:me|nos)?|volver\s+a\s+(?:recibir|mandar|enviar)"
    r"|vuelvan\s+a\s+(?:mandar|enviar)(?:me|nos)?)"
)
# What a customer asks to get again: the texts in general, never one text ("send me the text again").
_SERIES = (
    r"(?:texts|text\s+(?:messages|alerts|updates|notifications|reminders)|txts|messages|msgs|sms|notifications|alerts"
    r"|reminders|updates|texting|messaging|mensajes|mensajitos|textos|msjs|notificaciones|recordatorios|avisos|alertas)"
)
_RESUME_AFTER = prefilter.compile(rf"\b{_RESUME}{_GAP}(?:{_SERIES}|{OFFERS})\b(?!\s+{_ELSEWHERE})", re.IGNORECASE)
# "send me texts again", "I'd like to get text updates from you again", "ya me pueden mandar texts otra vez"
_AGAIN = prefilter.compile(
    rf"\b(?:get|receive|send|text|mandar|enviar|recibir|mand\w*|envi\w*)(?:\s+(?:me|us))?{_GAP}{_SERIES}\b"
    r"[^.!?\n]{0,25}?\b(?:again|back|otra\s+vez|de\s+nuevo|nuevamente)\b",
    re.IGNORECASE,
)
_BACK = prefilter.compile(
    rf"\b(?:want|like|need|quiero|queremos)\s+(?:to\s+have\s+)?(?:the|my|your|los|mis|sus)\s+(?:\w+\s+)?{_SERIES}\s+"
    r"(?:back|de\s+vuelta|otra\s+vez|de\s+nuevo)\b",
    re.IGNORECASE,
)
# Asked to be written to again: "pueden volver a textearme", "vuelvan a escribirme".
_WRITE_AGAIN = prefilter.compile(
    r"\b(?:volver|vuelvan|vuelva)\s+a\s+(?:textear|escribir|mandar|enviar)(?:me|nos)\b(?!\s+(?:el|la|al|un|una)\s)",
    re.IGNORECASE)
# Put back on the list: "can you re-add this number?", "agréguenme otra vez a la lista de mensajes",
# "sign me up for text reminders", "I'd like text updates going forward".
_ADD_BACK = prefilter.compile(
    r"\b(?:re-?add|add\s+(?:me|us|this\s+(?:number|phone))\s+(?:back|again)|put\s+(?:me|us)\s+back\s+on)\b"
    r"|\bagreg(?:uen|ue|ar)(?:me|nos)\s+(?:otra\s+vez|de\s+nuevo|nuevamente)\b|\bvuelvan\s+a\s+agregar(?:me|nos)\b"
    rf"|\bsign\s+(?:me\s+|us\s+)?up\s+(?:for|to)\s+(?:\w+\s+)?{_SERIES}\b"
    r"|\b(?:i'?d|i\s+would|we'?d)\s+like\s+(?:to\s+(?:get|receive)\s+)?text\s+(?:updates|reminders|alerts|messages)\b",
    re.IGNORECASE)
# The keyword START with "again" words: "START otra vez porfa".
_START_AGAIN = prefilter.compile(
    r"^\W*(?:start|subscribe|unstop)\W+(?:again|otra\s+vez|de\s+nuevo|nuevamente)\W*(?:please|pls|por\s+favor|porfa"
    r"|gracias|thanks)?\W*$", re.IGNORECASE)
# Speaker stopping, hypothetical and future readings (see module docstring); keywords.py applies
# these to every revocation span they overlap.
NOT_A_REQUEST_GUARDS: tuple[str, ...] = (
    r"\b(?:i'?ll|i\s+will|i'?m\s+(?:gonna|going\s+to)|let\s+me|i\s+should|i'?d\s+better|i\s+can|we'?ll|i\s+promise\s+to)"
    r"\s+(?:\w+\s+)?(?:stop|quit)\s+\w+ing\b",
    r"\b(?:how|what)\b[^.!?\n]*\b(?:later|in\s+the\s+future|someday|down\s+the\s+road|if\s+(?:i|we)\s+(?:ever\s+)?"
    r"(?:want|need|wish|decide)|when\s+(?:i|we)\s+(?:want|need))\b",
    r"\bif\s+(?:i|we)\s+(?:ever\s+)?(?:want|need|wish|decide)\s+to\s+(?:stop|unsubscribe|opt)",
    r"\b(?:como|que\s+hago)\b[^.!?\n]*\b(?:mas\s+adelante|en\s+el\s+futuro|si\s+algun\s+dia|si\s+(?:un\s+dia\s+)?"
    r"(?:quiero|quisiera))\b",
)


# "why am I getting these texts again?" is a complaint about the texts, not a request for them.
_COMPLAINING = prefilter.compile(r"\bwhy\b|\bpor\s*que\b|\bkeep\b|\bsiguen\b", re.IGNORECASE)


def _spans(pattern: prefilter.Prefiltered, text: str) -> list[tuple[int, int, bool]]:
    return [(m.start(), m.end(), bool(m.groupdict().get("offers"))) for m in pattern.finditer(text)]


def composed_revocations(rules_text: str, original: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(general spans, marketing spans) of composed opt-outs in `rules_text` (for_rules output).

    `original` (case kept) is read only for the shouted STOP.
    """
    general: list[tuple[int, int]] = []
    marketing: list[tuple[int, int]] = []
    for start, end, offers in _spans(_AFTER, rules_text) + _spans(_BEFORE, rules_text):
        if _STOP_OTHER.match(rules_text, start) or _NOT_STOPPING.search(rules_text, max(0, start - 12), end):
            continue
        (marketing if offers else general).append((start, end))
    general += [m.span() for pattern in (_STILL_GETTING, _HOW_TO_STOP, _ERASE_ME) for m in pattern.finditer(rules_text)]
    marketing += [m.span() for m in _OFFERS_NO.finditer(rules_text)]
    if not _BY_MISTAKE.search(rules_text) and not composed_opt_in(rules_text):  # "...so add us back"
        general += [m.span() for m in _STOP_ALREADY_SAID.finditer(rules_text)]
    general += [m.span() for m in _DENIED_MESSAGING.finditer(rules_text) if m.end() > m.start()]
    if _shouted_stop(original):
        general.append((0, len(rules_text)))
    return general, marketing


# A message that opens with a capitalised STOP and gives its reason: "STOP I just rent here".
_LEADING_STOP = prefilter.compile(r"^\W*STOP\b(?=[\s\W]+(?:I|we|my|our|this|that|not|wrong|no|please)\b)")


def _shouted_stop(original: str) -> bool:
    if _LEADING_STOP.search(original) and not _STOP_OTHER.match(original.lower().lstrip(" .!,\"'")):
        return True
    if not _SHOUTED_STOP.search(original) or _QUOTED_STOP.search(original):
        return False
    letters = [ch for ch in original if ch.isalpha()]
    lower = sum(1 for ch in letters if ch.islower())
    if lower < len(letters) / 2:  # a message in capitals throughout: its STOP is not a shout
        return False
    return not any(_STOP_OTHER.match(original.lower(), m.start()) for m in _SHOUTED_STOP.finditer(original))


def composed_opt_in(rules_text: str) -> bool:
    """True when a resumption part meets a messaging object, or the texts are asked for again."""
    again = _AGAIN.search(rules_text) and not _COMPLAINING.search(rules_text)
    return bool(_RESUME_AFTER.search(rules_text) or again or _BACK.search(rules_text) or _WRITE_AGAIN.search(rules_text)
                or _START_AGAIN.search(rules_text) or _ADD_BACK.search(rules_text))
