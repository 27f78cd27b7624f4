"""High-precision intent cues the bag-of-words model tends to miss, decided before the model."""

from __future__ import annotations

import re

from classifiers import prefilter
from classifiers.text import for_rules, plain, squeeze

# Asking for a person (the model confuses "is this a bot?" with "who is this?", a help request).
HUMAN_PATTERNS: tuple[str, ...] = (
    # "is this automated?" alone asks what these texts are (help); a bot or a person named is asking for one
    r"\b(?:is\s+this|are\s+you|am\s+i\s+(?:talking|texting|chatting)\s+(?:to|with))\s+(?:a\s+|an\s+)?(?:real\s+)?"
    r"(?:bot|robot|machine|computer|ai|person|human)\b",
    r"\b(?:need|want|get\s+me)\s+(?:a\s+|an\s+|to\s+talk\s+to\s+a\s+)?(?:real\s+)?(?:human|person)\b",
    r"\b(?:person|human)\s+or\s+(?:a\s+)?(?:bot|robot|machine|computer)\b",
    r"\b(?:real|live|actual)\s+(?:person|human|agent|people)\b",
    r"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+|your\s+)?(?:human|person|manager|owner|supervisor"
    r"|agent|representative|rep|operator)\b",
    r"\bis\s+(?:any|some)(?:body|one)\s+(?:actually\s+|even\s+)?(?:reading|there|getting)\b",
    # Spanish
    r"\b(?:hablar|comunicarme|platicar)\s+(?:con|with)\s+(?:una\s+|un\s+|el\s+|la\s+|the\s+|a\s+)?(?:persona|humano|dueno"
    r"|duena|owner|gerente|encargad[oa]|supervisor[a]?|alguien|representante|manager)\b",
    r"\b(?:es|eres|estoy\s+hablando\s+con)\s+(?:un\s+|una\s+)?(?:robot|bot|maquina|contestadora)\b",
    r"\bpersona\s+(?:real|de\s+verdad)\b|\balguien\s+de\s+verdad\b",
)
# Asking what the texts are, not for a person: "is this a real person or a bot?", "¿esto es automático o es una
# persona?", and what a keyword would do: "does replying STOP cancel my appointment too?", 'if I text "para" does it
# stop everything?'. A request for a person anywhere in the text ("...? I need a human") is HUMAN_PATTERNS'.
WHAT_THESE_TEXTS_ARE = (
    r"\b(?:is\s+this|are\s+you|am\s+i\s+(?:talking|texting)\s+(?:to|with)|esto\s+es|es\s+esto|eres|es)\s+(?:a\s+|an\s+|un\s+|una\s+)?"
    r"(?:real\s+|actual\s+|live\s+)?(?:person|human|persona|humano|automated|automatic|automatico|bot|robot|machine|maquina)"
    r"(?:\s+(?:real|de\s+verdad))?\s+(?:or|o)\s+(?:is\s+it\s+|es\s+)?(?:a\s+|an\s+|un\s+|una\s+)?(?:real\s+|actual\s+)?"
    r"(?:person|human|persona|humano|automated|automatic|automatico|bot|robot|machine|maquina)\b",
    r"\b(?:does|will|would|do)\s+(?:replying|texting|sending|typing|answering|responding)\s+(?:with\s+)?\W?(?:stop|para|baja"
    r"|alto|cancel|cancelar|unsubscribe|end|quit)\W?\s+[^?]*\?",
    r"\bif\s+(?:i|we)\s+(?:reply|text|send|type|answer|respond|write|put)\s+(?:with\s+)?\W?(?:stop|para|baja|alto|cancel"
    r"|cancelar|unsubscribe|end|quit)\W?\s*,?\s*(?:does|will|would|do|is)\b[^?]*\?",
    r"\bsi\s+(?:respondo|contesto|mando|envio|escribo|pongo)\s+\W?(?:stop|para|baja|alto|cancelar)\W?\s*,?\s*(?:se|me|lo|va|cancela"
    r"|deja|para)\b[^?]*\?",
)
_NEEDS_A_PERSON = re.compile(
    r"\b(?:need|want|get\s+me|talk|speak|call\s+me|connect)\b|\b(?:necesito|quiero|hablar|llam\w*|comunicarme)\b")
# A single option letter: "B", "B porfa", "c please" (picking from a lettered list, or C for confirm).
_OPTION_LETTER = frozenset({"A", "B", "C", "D"})
_POLITE_SPANISH = frozenset({"POR", "FAVOR", "PORFA", "GRACIAS", "THANK", "YOU"})
# "cancel" standing alone next to other sentences ("Something came up, cancel.") is about the visit:
# only a whole-message CANCEL is the compliance keyword.
CANCEL_WORDS = frozenset({"CANCEL", "CANCELAR", "CANCELLED", "CANCELED", "CANCELING", "CANCELLING"})
_CLAUSES = re.compile(r"[.!?;,\n]+|\s[-\u2013\u2014]+\s")
_POLITE = frozenset({"PLEASE", "PLS", "PLZ", "THANKS", "THX", "OK", "SO", "JUST", "THEN", "AND"})

# Spanish intents whose wording is unmistakable but spread over many verb forms ("cancelen",
# "cancelo", "cancelar") that a bag-of-words model sees too rarely to learn each one. Checked in order.
SPANISH_CUES: tuple[tuple[str, str], ...] = (
    ("human", r"\b(?:llam|marqu|habl)(?:a|e|en|ar)(?:me|nos)\b|\bllam(?:en|e|a)\s+a\s+mi\s+(?:esposo|esposa|"
              r"hijo|hija|cel|celular|numero)\b|\b(?:me|nos)\s+(?:puede|pueden|podrian|podria)\s+(?:llamar|marcar|call)\b"),
    # Someone else lets the technician in, or a dog to mind: "mi suegra les abre", "tengo un perro bravo".
    ("access_details", r"\b(?:mi|nuestra|nuestro|la|el)\s+\w+\s+(?:les|le)\s+(?:abre|va\s+a\s+abrir|abrira"
                       r"|deja\s+pasar)\b"
                       r"|\bperr[oa]s?\s+(?:bravos?|bravas?|agresiv[oa]s?|que\s+muerde)\b"),
    ("booking_reschedule", r"\b(?:reprogram|reagend|pospon|pospong)\w*|\b(?:cambiar|cambiemos|cambien|cambio|mover"
                           r"|muevan|pasar|pasen|adelantar|atrasar)\s+(?:\w+\s+)?(?:la\s+|mi\s+|nuestra\s+)?(?:cita"
                           r"|visita|hora\s+de\s+(?:mi|la)\s+cita)\b"),
    ("booking_cancel", r"(?<!\bno )(?<!\bno quiero )(?<!\bno queremos )\b(?:cancel|anul)(?:ar|o|en|e|a|amos|ando)\s+"
                       r"(?:la\s+|mi\s+|nuestra\s+|el\s+|lo\s+de\s+)?"
                       r"(?:\w+\s+)?(?:cita|visita|servicio|appointment|limpieza|instalacion)\b"
                       r"|\bya\s+no\s+(?:necesito|necesitamos|ocupo|ocupamos|hace\s+falta)\s+(?:que\s+vengan|la\s+visita"
                       r"|el\s+servicio|la\s+cita)\b"
                       r"|(?<!\bno )(?<!\bno la )(?<!\bno lo )(?<!\bno me la )(?<!\bno me lo )"
                       r"\b(?:cancelen|cancelamos|cancelo)\b(?!\s+(?:los\s+|mis\s+|sus\s+)?(?:mensajes|textos|suscripcion))"),
    ("complaint", r"\b(?:me|nos)\s+cobraron\s+(?:de\s+mas|dos\s+veces|doble|mas\s+de)"
                  r"|\bcobraron\b[^.!?\n]{0,40}\b(?:cotiz|dijeron|quedamos)"
                  r"|\b(?:cotiz|dijeron|quedamos)\w*\b[^.!?\n]{0,40}\bcobraron\b"),
    ("quote_request", r"\b(?:cotizacion|cotizar|presupuesto|estimado)\b|\bcuanto\s+(?:me\s+)?(?:cuesta|cobran|cobra"
                      r"|sale|saldria|seria|es\s+por|vale|cobrarian|cobraria|costaria|costarian|costara|va\s+a\s+costar)\b"
                      r"|\bprecio\s+(?:de|para|por)\b"),
)
# Taken off a day's visits ("remove me from tomorrow's schedule"): the visit, unless they ask to move it.
CANCEL_FROM_SCHEDULE = (
    r"\b(?:take|remove|delete|drop|pull|scratch|cross)\s+(?:me|us|my\s+(?:name|appointment|appt|visit|job|booking))"
    r"\s+(?:off|from|out\s+of)\s+(?:of\s+)?(?:[\w'-]+\s+){0,3}?(?:schedule|calendar|appointments?|appointment\s+list"
    r"|visits?|route|bookings?|agenda|books|line\s*up|lineup)\b"
    r"(?![\s\S]*\b(?:resched\w*|move|instead|push|another\s+(?:day|time)|different\s+(?:day|time)|put\s+(?:me|us)\s+(?:on|in)"
    r"|switch)\b)"
)
SPANISH_CANCEL_FROM_SCHEDULE = (
    r"\b(?:quit|saq|sac|borr|elimin|baj)(?:a|e|en|ar|ue|uen)(?:me|nos)\s+de\s+(?:la\s+|su\s+|mi\s+|el\s+)?(?:[\w]+\s+){0,2}?"
    r"(?:agenda|citas?|calendario|programacion|ruta|visitas?|lista\s+de\s+(?:citas|manana|hoy))\b"
    r"(?![\s\S]*\b(?:cambi\w*|mover|muev\w*|reprogram\w*|otro\s+dia|otra\s+(?:fecha|hora)|pasen|pasar)\b)"
)
# A visit called off and another asked for in the same breath is a reschedule: "cancel Monday and put me
# on Wednesday instead", "cancelen la del lunes y pásenla al miércoles".
CANCEL_AND_REBOOK = (
    r"\bcancel\w*\b[^.!?\n]{0,40}?\b(?:and|&)\s+(?:put|move|book|switch|schedule|slot)\s+(?:me|us|it|that)\s+"
    r"(?:on|for|to|in|into)\b"
    r"|\bcancel\w*\b[^.!?\n]{0,40}?\by\s+(?:pong|pas|muev|cambi|agend)(?:an|en|a|e)(?:me|nos|la|lo)?\s+(?:para\s+|al?\s+|el\s+)"
)
# Ending a recurring service is cancelling the booked work, not the texts: "please stop the weekly
# cleanings after this one", "quit the monthly pest treatment", "den de baja el servicio mensual".
END_RECURRING_SERVICE = (
    r"\b(?:stop|quit|cancel|discontinue|end|pause)\s+(?:the\s+|my\s+|our\s+|your\s+|all\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:cleanings?|treatments?|services?|visits|mowing|lawn\s+care|pest\s+control|maintenance\s+plan|subscription)\b"
    r"(?!\s+(?:texts?|messages|reminders|notifications|alerts|crew|guys?|lady|team|tech|truck|from)\b)"
    r"|\b(?:den|de|dar)\s+de\s+baja\s+(?:el|la|mi|su|nuestro|nuestra)\s+(?:\w+\s+)?(?:servicio|plan|limpieza|fumigacion"
    r"|mantenimiento|contrato)\b"
)
# When a visit could be instead: a day, a date, a time of day.
_WHEN = (
    r"(?:(?:mon|tue|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tonight|next\s+(?:week|month|time)"
    r"|the\s+(?:following|next)\s+\w+|the\s+week\s+after|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)|\d{1,2}(?::\d\d)?\s*(?:am|pm)"
    r"|(?:the\s+|in\s+the\s+)?(?:morning|afternoon|evening)|later|earlier|another\s+(?:day|time)|a\s+(?:different|later|earlier)"
    r"\s+(?:day|time|date|slot))"
)
_BOOKED = (
    r"(?:appointment|appt|visit|cleaning|service|install\w*|job|booking|mowing|treatment|inspection|tune-?up|estimate"
    r"|start|slot|time|one)"
)
# The booked visit asked for at another time, in English: "can we do the following Monday instead?",
# "bump the lawn service back a week", "postpone till the rain stops", "don't cancel, I need a different time".
ENGLISH_RESCHEDULE = (
    rf"\b{_WHEN}\b[^.!?\n]{{0,25}}?\binstead\b(?!\s+of\s+(?:calling|texting|a\s+call|a\s+text|email))"
    rf"|\binstead\s+of\s+(?:the\s+)?{_WHEN}\b"
    rf"|\b(?:push|bump|move|slide|shift|scoot)(?:ed|ing)?\s+(?:it|that|this|us|me|(?:my|our|the|tomorrow'?s|today'?s"
    rf"|\w+day'?s)\s+(?:[\w-]+\s+){{0,2}}?{_BOOKED})\s+(?:back|out|forward|(?:up\s+)?(?:a|one|two|\d)\s+(?:week|day|hour)s?"
    rf"|(?:to|till|until|til)\s+(?:the\s+)?(?:{_WHEN}|next|following|after|later|another))\b"
    r"|\bpostpon\w*"
    r"|\b(?:need|want|like|prefer|looking\s+for)\s+(?:a\s+)?(?:different|another|later|earlier|new)\s+(?:day|time|date|slot)\b"
    # "calling to move my Tuesday appointment", "can I change my visit"
    rf"|\b(?:move|change|switch|reschedule)\s+(?:my|our|the)\s+(?:\w+\s+)?(?:appointment|appt|visit|booking)\b"
)
# A yes that names the confirmation and asks for nothing else: "Y, confirming the 3pm", "confirmed for thursday".
CONFIRMATION = (
    r"^\W*(?:(?:y|yes|yep|yeah|yup|ok|okay|si|perfect|great)\b\W*)?(?:confirm|confirmed|confirming|confirmo|confirmamos"
    r"|confirmada|confirmado)\b(?![^?]*\?)"
    r"(?![\s\S]*\b(?:cancel\w*|resched\w*|not|can'?t|cannot|won'?t|instead|move|change|no\s+puedo|cambi\w*|pero|but)\b)"
)
# Asking for a price in so many words: "need a quote to fix a leaking dishwasher", "can I get an estimate".
ENGLISH_QUOTE = (
    r"\bhow\s+much\s+(?:to|for|would\s+it\s+(?:be|cost)|will\s+it\s+(?:be|cost)\s+to|does\s+it\s+cost|do\s+you\s+charge"
    r"|would\s+you\s+charge|is\s+it\s+to)\b"
    r"|\b(?:need|want|get|like|send\s+me|give\s+me|looking\s+for|requesting|request)\s+(?:a\s+|an\s+|some\s+)?(?:rough\s+"
    r"|quick\s+|free\s+|ballpark\s+)?(?:quote|estimate|price\s+(?:for|on|to)|ballpark|bid)\b(?!\s+(?:you|that|we)\b)"
)
# A problem named in so many words: "I have a leak", "we've got a clogged drain" (a job, like "tengo una fuga").
ENGLISH_SERVICE = (
    r"^\W*(?:(?:hi|hello|hey)\W+)?(?:i|we)\s+(?:have|got|'ve\s+got|have\s+got)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:leak|clog|drip|backup|clogged\s+\w+|leaking\s+\w+|broken\s+\w+)\b(?![^?]*\?)"
)
_ENGLISH_QUOTE = prefilter.compile(ENGLISH_QUOTE)
_ENGLISH_SERVICE = prefilter.compile(ENGLISH_SERVICE)
_ENGLISH_RESCHEDULE = prefilter.compile(ENGLISH_RESCHEDULE)
_CONFIRMATION = prefilter.compile(CONFIRMATION)
_CANCEL_AND_REBOOK = prefilter.compile(CANCEL_AND_REBOOK)
_END_RECURRING = prefilter.compile(END_RECURRING_SERVICE)
_CANCEL_FROM_SCHEDULE = prefilter.compile(f"(?:{CANCEL_FROM_SCHEDULE})|(?:{SPANISH_CANCEL_FROM_SCHEDULE})")
_HUMAN = prefilter.compile("|".join(f"(?:{p})" for p in HUMAN_PATTERNS))
_WHAT_THESE_TEXTS_ARE = prefilter.compile("|".join(f"(?:{p})" for p in WHAT_THESE_TEXTS_ARE))
# A call or a person asked for, whatever else the text says: "STOP texting me, call me instead".
_PERSON_ASKED = prefilter.compile(
    r"\b(?:call\s+me|give\s+(?:me|us)\s+a\s+(?:call|ring)|have\s+(?:someone|somebody|a\s+person|a\s+human|the\s+manager)\s+call"
    r"|(?:talk|speak)\s+(?:to|with)\s+(?:a\s+)?(?:real\s+)?(?:person|human|someone|somebody|manager|owner)"
    r"|llam(?:a|e|en|ar)(?:me|nos)|(?:me|nos)\s+(?:puede|pueden|podrian)\s+llamar|hablar\s+con\s+(?:una\s+)?persona)\b")


def asks_for_a_person(text: str) -> bool:
    """True when the text asks for a call or a person, even inside another request (an opt-out)."""
    norm = for_rules(text)
    return bool(_HUMAN.search(norm) or _PERSON_ASKED.search(norm))
_SPANISH = tuple((label, prefilter.compile(pattern)) for label, pattern in SPANISH_CUES)


# Bare acknowledgements: words that only say "got it" / "thanks", in English or Spanish, or a
# thumbs-up style emoji alone. What they mean depends on the conversation (responder.desk).
ACKNOWLEDGEMENT_WORDS = frozenset({
    "K", "KK", "OK", "OKAY", "OKK", "OKI", "THANKS", "THANK", "YOU", "THX", "TY", "TYSM", "GOT", "IT", "COOL",
    "GREAT", "NICE", "ALRIGHT", "NOTED", "GRACIAS", "MUCHAS", "MIL", "OKIS", "VALE", "LISTO", "ENTENDIDO",
    "GRAX", "THNX", "THANX", "TNX", "THANKU", "THANKYOU", "TYVM", "PERFECTO", "SALE",
})
# A greeting with nothing asked yet: "hi", "Good morning!", "hola buenas tardes", "klk".
GREETING_WORDS = frozenset({
    "HI", "HIYA", "HELLO", "HELO", "HEY", "HEYY", "HOWDY", "YO", "GOOD", "MORNING", "AFTERNOON", "EVENING", "THERE",
    "HOLA", "OLA", "BUENAS", "BUENOS", "BUEN", "DIA", "DIAS", "TARDES", "NOCHES", "SALUDOS", "KLK", "QUE", "TAL",
    "SENOR", "SENORA", "SENORITA", "JOVEN", "AMIGO", "AMIGA",
})
ACKNOWLEDGEMENT_EMOJI = frozenset("\U0001F44D\U0001F64F\U0001F44C\u2705\U0001F642\U0001F60A\u2764\U0001F44F")


def is_bare_acknowledgement(text: str) -> bool:
    """True for "k", "ok thanks", "gracias", "👍", "🙏" and the like, with nothing else in the message."""
    words = squeeze(text)
    if words:
        return len(words) <= 4 and all(w in ACKNOWLEDGEMENT_WORDS for w in words)
    marks = [ch for ch in plain(text) if not ch.isspace()]
    return bool(marks) and all(ch in ACKNOWLEDGEMENT_EMOJI for ch in marks)


def is_option_letter(text: str) -> bool:
    """True for a message that is one option letter with polite words at most: "B", "b porfa", "C please"."""
    core = [w for w in squeeze(text) if w not in _POLITE and w not in _POLITE_SPANISH]
    return len(core) == 1 and core[0] in _OPTION_LETTER


def is_bare_greeting(text: str) -> bool:
    """True for "hi", "Good morning!", "hola buenas tardes" and the like, with nothing asked yet."""
    words = squeeze(text)
    return bool(words) and len(words) <= 5 and all(w in GREETING_WORDS or w in _POLITE for w in words) and any(
        w in GREETING_WORDS - {"GOOD", "THERE", "QUE", "TAL", "BUEN", "DIA", "DIAS"} for w in words)


def cue_label(text: str) -> str | None:
    """help, human, booking_confirm, booking_cancel, booking_reschedule or quote_request when a cue is unmistakable."""
    norm = for_rules(text)
    if _WHAT_THESE_TEXTS_ARE.search(norm) and not _NEEDS_A_PERSON.search(norm):
        return "help"
    if is_option_letter(text):
        return "booking_confirm"
    if _HUMAN.search(norm):
        return "human"
    if _CONFIRMATION.search(norm):
        return "booking_confirm"
    if _CANCEL_AND_REBOOK.search(norm) or _ENGLISH_RESCHEDULE.search(norm):
        return "booking_reschedule"
    if _CANCEL_FROM_SCHEDULE.search(norm) or _END_RECURRING.search(norm):
        return "booking_cancel"
    for label, pattern in _SPANISH:
        if pattern.search(norm):
            return label
    if _ENGLISH_QUOTE.search(norm):
        return "quote_request"
    if _ENGLISH_SERVICE.search(norm):
        return "service_request"
    clauses = [[w for w in squeeze(part) if w not in _POLITE] for part in _CLAUSES.split(text)]
    if len([c for c in clauses if c]) > 1 and any(len(c) == 1 and c[0] in CANCEL_WORDS for c in clauses):
        return "booking_cancel"
    return None
