"""Compliance keywords and revocation patterns (docs/compliance.md, section 2).

These are decided by rules only, never by the statistical model: a missed opt-out or a false one
costs real money, so every phrasing we honour is written down here and tested.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from classifiers import prefilter
from classifiers.consent_grammar import NOT_A_REQUEST_GUARDS, OFFERS, composed_opt_in, composed_revocations
from classifiers.text import for_rules, plain, squeeze

# Whole-message keywords, compared after squeeze() and with the spaces removed, so that
# "STOP ALL", "Opt-Out" and "opt out" become STOPALL / OPTOUT.
OPT_OUT_KEYWORDS = frozenset({
    "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT",
    "PARA", "PARAR", "ALTO", "BAJA", "CANCELAR",
})
# Unmistakable misspellings and short forms of the keywords above; sent alone they mean "stop".
OPT_OUT_VARIANTS = frozenset({
    "STOPP", "STOPPP", "STPO", "SOTP", "STOOP", "UNSUB", "UNSUSCRIBE", "UNSUBCRIBE", "UNSUBSRIBE",
    "UNSUBSCRIBEME", "REMOVE", "REMOVEME", "SPAM", "OPTMEOUT", "UNSUBSCIBE", "UNSUBSCRBE", "UNSUBSCRIB",
    "UNSUBSRCIBE", "UNSUBCSRIBE", "UNSUSBCRIBE", "USUBSCRIBE", "UNSUBSCRIBED", "STOPPPP", "SSTOP", "STIP", "SOTPP",
    "TSOP", "STPOP", "DESUSCRIBIR", "DESUSCRIBIRME", "DESINSCRIBIR", "DARMEDEBAJA", "DAMEDEBAJA", "DENMEDEBAJA",
    "STOO", "STPP", "ST0P", "ST0PP", "STOPO", "SROP", "STOIP", "UNSUBSCRIVE", "UNSUSCRIBIR", "NOMORE", "NOMAS",
    "PAREN", "PARENLE", "PARALE", "PARENLEYA", "YAPARENLE", "BAJENME", "BAJAME", "DESUSCRIBANME",
    "CANSELAR", "CANCELARR", "DESUSCRIVIR", "DESUSCRIBIRSE",
})
# A message made only of these emoji is a STOP: the stop sign is the keyword drawn.
OPT_OUT_EMOJI = frozenset({"\U0001F6D1"})
# Signs that mean "stop" only beside words that say so ("✋ no more", "🚫 stop"): alone, a raised hand
# or a no-entry sign answers a question ("no") as often as it ends the texts.
STOP_SIGN_EMOJI = frozenset({"\U0001F6D1", "\U0001F6AB", "\u270B", "\u26D4", "\U0001F91A"})
# Words that, with nothing else in the message but polite words and stop signs, mean "no more texts":
# "no more", "enough", "no más", "basta ya".
# What a stop sign may be drawn over: "🚫 texts", "✋ mensajes".
MESSAGE_WORDS = frozenset({"TEXT", "TEXTS", "TXT", "TXTS", "MESSAGES", "MSGS", "SMS", "SPAM", "MENSAJES", "TEXTOS",
                           "MSJS"})
ENOUGH_WORDS = frozenset({"NOMORE", "ENOUGH", "ENOUGHALREADY", "NOMAS", "BASTA", "BASTAYA", "YABASTA",
                          "ENOUGHISENOUGH"})
# Spanish keywords that still mean "stop" with a polite or emphatic word beside them ("para ya",
# "baja por favor", "BAJA por favor y gracias"). CANCELAR with a polite word is read like a bare CANCEL.
SPANISH_OPT_OUT_KEYWORDS = frozenset({"PARA", "PARAR", "ALTO", "BAJA", "PAREN", "PARENLE", "PARALE", "BAJENME"})
SPANISH_POLITE_WORDS = frozenset({"YA", "POR", "FAVOR", "PORFA", "PORFAVOR", "GRACIAS", "AHORA", "MISMO", "YAA", "Y",
                                  "XFA", "MUCHAS", "BENDICIONES"})
# Keywords that still mean "stop" when they stand as their own sentence inside a longer message
# ("Wrong number. STOP") or with a polite word ("stop please"). CANCEL, END, QUIT and the Spanish
# words do not: inside a sentence they are usually about a visit ("Something came up, cancel.").
STRONG_OPT_OUT_KEYWORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "OPTOUT", "REVOKE", "STOPP"})
OPT_IN_KEYWORDS = frozenset({"START", "UNSTOP", "SUBSCRIBE", "OPTIN", "RESUBSCRIBE"})
# Spanish START, whole message only (with polite words): ALTA is "dar de alta", the opposite of BAJA.
# Inside a sentence these are ordinary words ("la presión está alta", "empezar la obra").
SPANISH_OPT_IN_KEYWORDS = frozenset({
    "ALTA", "EMPEZAR", "COMENZAR", "INICIAR", "SUSCRIBIR", "SUSCRIBIRME", "REACTIVAR", "ACTIVAR", "REANUDAR",
    "DARMEDEALTA", "DEMEDEALTA", "DENMEDEALTA", "DAMEDEALTA", "SUSCRIBIRMEOTRAVEZ", "ALTADENUEVO", "ALTAOTRAVEZ",
})
HELP_KEYWORDS = frozenset({"HELP", "INFO", "AYUDA"})
# Words that may surround a keyword without changing it ("STOP please", "start again thx").
POLITE_WORDS = frozenset({
    "PLEASE", "PLS", "PLZ", "THANKS", "THX", "THANK", "YOU", "TY", "NOW", "AGAIN", "ASAP",
    "OK", "OKAY", "IMMEDIATELY", "ALREADY", "SIR", "MAAM", "POR", "FAVOR", "PORFA", "PORFAVOR", "GRACIAS",
    "AND", "SORRY",
})
# Bare yes: a booking confirmation, or an opt-in only while the contact is opted out (the caller knows).
YES_WORDS = frozenset({
    "YES", "Y", "YEAH", "YEA", "YA", "YEP", "YUP", "YESS", "YESSS", "YESSSS", "YAS", "SI",
    "YEAP", "YEH", "YESPLEASE", "YESPLS", "YEPPERS", "AFFIRMATIVE", "SII", "SIII", "SIP", "SIPORFAVOR",
})

_TEXTS = (
    r"(?:text\s+messages?|texts?|txts?|messages|msgs|sms|notifications?|alerts?|reminders?"
    r"|communications?|emails?\s+(?:and|or)\s+texts?|mensajes|textos)"
)
_ME = r"(?:me|us|this\s+(?:number|phone|#)|my\s+(?:number|phone|cell)|here)"
_ANY_CONTACT = r"(?:calling|phoning|emailing|e-mailing|contacting|texting|txting|messaging|msging)"
_OF_YOURS = r"(?:(?:the|these|those|your|ur|all|any|all\s+(?:the|your|these))\s+)?"
_LIST = (
    r"(?:list|lists|text\s+list|texts?|messages|mailing\s+list|contact\s+list|database|system"
    r"|contacts|records|text\s+alerts)"
)

# Natural-language revocations that stop every automated text (scope "all").
REVOCATION_PATTERNS: tuple[str, ...] = (
    # "stop texting me", "quit msging me", "stop the text messages", "stop contacting me"
    r"\b(?:stop|quit|cease|end|discontinue|halt)\s+(?:all\s+)?(?:texting|txting|texing|messaging"
    r"|msging|contacting|spamming|harassing|bugging|bothering)\b",
    rf"\b(?:stop|quit|cease|end|discontinue)\s+{_OF_YOURS}{_TEXTS}\b",
    rf"\b(?:stop|quit)\s+sending\s+(?:me|us|this\s+number|{_TEXTS}|these|those|stuff|things|junk)\b",
    # "stop calling and texting me"; "stop calling me" too, unless they ask for texts instead
    rf"\b(?:stop|quit|cease)\s+{_ANY_CONTACT}(?:\s*(?:,|and|or|&|/)\s*{_ANY_CONTACT})*\s*(?:,|and|or|&|/)\s*"
    rf"(?:texting|txting|messaging|msging)\b",
    rf"\b(?:stop|quit|cease)\s+{_ANY_CONTACT}(?:\s*(?:,|and|or|&|/)\s*{_ANY_CONTACT})*\s+(?:me|us|this\s+number)"
    rf"\b(?![\s\S]*\btext)",
    rf"\b(?:enough|quit\s+it|stop\s+it|done)\s+with\s+{_OF_YOURS}{_TEXTS}\b",
    r"^\W*stop\s+it\W*$",
    # "don't text me again", "do not contact this number" (not "don't text me before 9")
    rf"\b(?:don'?t|do\s+not|never|dont\s+ever|don'?t\s+ever|do\s+not\s+ever)\s+(?:ever\s+)?"
    rf"(?:(?:call|email|phone)\s*(?:or|and|&|/)\s*(?:text|txt|message)|(?:text|txt|message)\s*(?:or|and|&|/)\s*"
    rf"(?:call|email|phone)|text|txt|message|msg|contact|sms|spam)\s+{_ME}\b"
    rf"(?!\s+(?:before|after|until|till|til|during|while|on\s+weekends|at\s+work|so\s+early"
    rf"|so\s+late|at\s+night|on\s+sundays))",
    # "take me off your list", "remove me from your list", "take my number off"
    rf"\b(?:take|remove|delete|erase|drop|get)\s+(?:me|us|my\s+(?:number|#|info|information|phone"
    rf"(?:\s+number)?|name|contact(?:\s+info)?)|this\s+(?:number|phone|#))\s+(?:off|from)\s+(?:of\s+)?"
    rf"(?:all\s+(?:of\s+)?)?(?:your\s+|ur\s+|the\s+|this\s+|these\s+|ya'?ll'?s\s+)?(?:\w+\s+)?{_LIST}\b",
    r"\b(?:take|get)\s+(?:me|us|my\s+number|this\s+number)\s+off\b(?!\s+(?:of\s+)?(?:the\s+|your\s+"
    r"|my\s+|that\s+)?(?:schedule|calendar|wait\s*list|appointment|route|job|estimate|roof|ladder))",
    r"\b(?:remove|delete|lose|forget|erase|drop)\s+(?:my|this)\s+(?:cell\s+)?(?:number|#|phone"
    r"(?:\s+number)?|info|information|contact(?:\s+info)?)\b",
    r"\bremove\s+(?:me|us)\b(?!\s+from\s+(?:the\s+|your\s+|my\s+)?(?:schedule|calendar|wait\s*list"
    r"|appointment|job|route))",
    # unsubscribe / opt out / revoke / withdraw consent, anywhere in the message
    r"\b(?:un-?subscribe|unsub|unsuscribe|unsubcribe|opt(?:ing)?[\s-]*out|opt\s+(?:me|us)\s+out"
    r"|optout|revoke|revoking|rescind)\b",
    r"\bwithdraw(?:ing)?\s+(?:my\s+|our\s+|all\s+)?consent\b",
    r"\b(?:do\s+not|don'?t|no\s+longer|never|didn'?t|did\s+not)\s+(?:give\s+(?:you\s+)?(?:my\s+)?)?"
    r"(?:consent|consented|agree(?:d)?\s+to\s+(?:these|this|texts|receive|get))\b",
    r"\bnever\s+(?:gave|given)\s+(?:you\s+|anyone\s+|y'?all\s+)?(?:my\s+|this\s+)?(?:permission|consent|number"
    r"|phone\s+number)\b",
    # passive and third-person forms: "I'd like to be removed from your list", "not Rick's number anymore"
    rf"\b(?:be|get|been|gets?|being)\s+(?:removed\s+(?:from|off)|taken\s+(?:off|out\s+of)|deleted\s+(?:from|off))"
    rf"\s+(?:of\s+)?(?:your\s+|ur\s+|the\s+|this\s+|all\s+)?(?:\w+\s+)?{_LIST}\b",
    r"\b(?:be|get)\s+(?:unsubscribed|opted\s+out)\b",
    r"\b(?:this|that|the|my)\s+(?:number|phone|#|cell)\s+(?:doesn'?t|does\s+not|no\s+longer|don'?t)\s+"
    r"(?:belong|belongs)\b",
    r"\b(?:isn'?t|is\s+not|not)\s+(?:\w+'s|his|her|their)\s+(?:number|phone|cell)\s+(?:anymore|any\s+more)\b",
    r"\bnew\s+owner\s+of\s+this\s+(?:number|phone)\b|\b(?:this|that)\s+(?:is|was)\s+(?:\w+'s\s+)?old\s+number\b",
    # wrong number / never signed up
    r"\bwrong\s+(?:(?:number|person|phone|no|guy|house)\b|#)",
    r"\b(?:never|didn'?t|did\s+not|don'?t\s+remember)\s+(?:ever\s+)?(?:sign(?:ed)?\s+up|opt(?:ed)?\s+in"
    r"|subscribed?|asked\s+for\s+(?:these|this|texts|your\s+texts|any\s+texts))\b",
    # no more texts / don't want texts
    rf"\bno\s+more\s+{_TEXTS}\b",
    r"\bno\s+more\s+(?:texting|messaging|contact)\b",
    rf"\b(?:don'?t|do\s+not|no\s+longer)\s+(?:want|wish|need)\s+(?:to\s+(?:get|receive)\s+)?"
    rf"(?:any\s*more\s+|any\s+|more\s+|these\s+|those\s+|your\s+|the\s+)*(?:(?!to\b)\w+\s+)?{_TEXTS}\b",
    rf"\bwant\s+(?:out|off)\s+(?:of\s+)?(?:these\s+|this\s+|your\s+)?(?:{_TEXTS}|list)\b",
    r"\b(?:why\s+do\s+you|you\s+guys|y'?all)\s+keep\s+(?:texting|txting|messaging|contacting)\b",
    # hostility that a reasonable person reads as "stop"
    r"\bleave\s+(?:me|us)\s+alone\b",
    r"\b(?:this\s+is|this's|that'?s|it'?s|its|you'?re|reported\s+as|reporting\s+as|report(?:ed)?"
    r"\s+(?:you|this)\s+(?:as|for))\s+spam\b",
    r"\b(?:i'?m|i\s+am|i'?ll\s+be|we'?re)\s+blocking\s+(?:this\s+number|you|this)\b",
    r"\bblock(?:ed|ing)?\s+this\s+number\b",
    r"\bcease\b",
    rf"\bcancel\s+{_OF_YOURS}(?:my\s+)?(?:text\s+alerts|texts?|txts|text\s+messages|sms|messages"
    rf"|notifications|alerts|subscription)\b",
    r"^\W*(?:i'?m\s+|i\s+am\s+|we'?re\s+|we\s+are\s+|sorry,?\s+|no,?\s+|nope,?\s+)?(?:not|no\s+longer)"
    r"\s+interested\W*(?:thanks?|thank\s+you|thx|ty|anymore|at\s+this\s+time|sorry|bye)?\W*$",
    # Spanish
    r"\bno\s+me\s+(?:manden|mande|envien|envie|escriban|escriba|contacten|contacte|textee|texteen)\b"
    r"(?!\s+(?:al|el|la|las|los|un|una|a\s+(?!(?:este|esta|mi)\s+(?:numero|telefono|cel|celular|linea)\b)\w+,?)\s+(?!mensajes\b|textos\b|msjs\b"
    r"|mensajitos\b|recordatorios\b|notificaciones\b|promociones\b|ofertas\b|publicidad\b|anuncios\b))",
    r"\bya\s+no\s+(?:me\s+)?(?:manden|envien|escriban)\b(?!\s+(?:al|el|la|las|los|un|una|a\s+(?!(?:este|esta|mi)\s+(?:numero|telefono|cel|celular|linea)\b)\w+,?)\s+"
    r"(?!mensajes\b|textos\b|msjs\b|recordatorios\b|notificaciones\b))",
    # "ya no quiero" alone or about the texts; "ya no quiero la cita" is about the visit
    r"\bya\s+no\s+quiero(?=\W*$|\s+(?:recibir|(?:mas\s+)?(?:mensajes|textos|msjs)\b|sus\s+(?:mensajes|textos)|que\s+me))",
    r"\bdej(?:en|e|a)\s+de\s+(?:enviarme|mandarme|escribirme|molestarme|contactarme)\b",
    r"\bno\s+mas\s+mensajes\b",
    r"\bnumero\s+equivocado\b",
    r"\bquit(?:en|e)me\s+de\b",
    r"\b(?:borr|elimin)(?:en|e|a|ar)\s+(?:mi|my|este|el|this)\s+(?:numero|number|#|telefono|cel|celular)\b",
    r"\bno\s+(?:quiero|deseo)\s+(?:recibir\s+)?(?:mas\s+)?(?:mensajes|textos|msjs)\b",
    r"\b(?:dame|denme|deme|darme|darnos|dar\s+de)\s+de\s+baja\b|\bdarme\s+de\s+baja\b",
    r"\b(?:quit|saq|sac|borr|elimin)(?:a|e|en|ar|ue|uen)(?:me|nos)\s+de\b",
    r"\bdej(?:en|e|a)\s+de\s+(?:mandar|enviar|escribir)(?:me|nos)?\s+(?:mensajes|textos)\b",
    r"\bequivoc\w*\s+de\s+numero\b",
    r"\b(?:este|ese)\s+no\s+es\s+(?:el\s+)?(?:numero|telefono|cel|celular)\s+de\b",
    r"\bbasta\s+(?:de|con)\s+(?:los\s+|sus\s+|tantos\s+)?(?:mensajes|textos)\b",
    r"\bno\s+mas\s+(?:textos|msjs|mensajitos)\b",
    r"\bno\s+quiero\s+que\s+me\s+(?:contacten|escriban|manden|envien|molesten|sigan)\b",
    r"\bno\s+(?:autorice|autorize|di\s+permiso)\b|\bnunca\s+(?:me\s+)?(?:inscribi|suscribi|registre|di\s+mi\s+numero)\b",
    r"\bdesuscrib\w*|\bdesinscrib\w*|\bcancel(?:ar|en)\s+(?:la\s+|mi\s+)?suscripcion\b",
    r"^\W*(?:ya\s+)?no\s+me\s+interesa\W*(?:gracias)?\W*$|^\W*(?:ya\s+basta|basta\s+ya|basta)\W*(?:por\s+favor|gracias)?\W*$",
    r"^\W*no\s+mas\W*(?:por\s+favor|gracias)?\W*$",
    r"\bdej(?:en|e|a)\s+de\s+molestar(?:me|nos)?\b",
    r"\bno\s+me\s+vuelvan\s+a\s+(?:escribir|mandar|enviar|contactar|textear)\b",
    r"\b(?:borr|elimin)(?:en|e|a|ar)\s+(?:mis|my)\s+(?:datos|data|info)\b",
    r"\bstop\s+(?:los\s+|sus\s+)?(?:mensajes|textos)\b",
    r"^\W*(?:do\s+not|don'?t|no)\s+(?:text|txt|contact|message)(?:ing)?\W*(?:please|pls|thanks)?\W*$",
    # polite English: "can you not text me anymore", "I'd rather not get texts", "no texts please"
    r"\b(?:can|could|would|will)\s+(?:you|y'?all|you\s+guys)\s+(?:please\s+)?not\s+(?:text|message|contact|email"
    r"|sms|send\s+me\s+(?:texts|messages))(?:\s+(?:me|us|this\s+number))?\s+(?:anymore|any\s+more|again|no\s+more)\b",
    rf"\b(?:i'?d|i\s+would|we'?d)\s+(?:rather|prefer\s+to)\s+not\s+(?:get|receive)\s+(?:any\s+)?(?:more\s+)?{_TEXTS}\b"
    r"(?!\s+(?:before|after|until|till|during|at|on|while))",
    rf"^(?![^?]*\?)\W*no\s+(?:more\s+)?{_TEXTS}\W*(?:please|thanks|thank\s+you|thx|ty|anymore)?\W*$",
    # a leading keyword with its reason: "STOP I moved", "stop, wrong person", "STOP ya no vivo ahí"
    r"^\W*(?:stop|unsubscribe|stop\s*all|opt[\s-]*out|para|alto|baja)\b[\W_]*(?:(?:please|por\s+favor)\W+)?(?:ya\s+)?"
    r"(?:(?:i|we)\s+(?:moved|sold|no\s+longer|don'?t\s+live|do\s+not\s+live|don'?t\s+own|never|changed|got\s+a"
    r"\s+new|am\s+not|'?m\s+not)|(?:i'?m|we'?re)\s+not|moved|sold\s+(?:the|my|our)|no\s+longer|not\s+(?:my|our|his"
    r"|her|the\s+right|interested)|(?:this|that)\s+(?:isn'?t|is\s+not|is\s+no\s+longer|was\s+never)\b|who\s+is\s+this|wrong"
    r"|don'?t\s+live|deceased|passed\s+away|ya\s+no\s+(?:vivo|vivimos|vive|soy|es|tengo|me\s+interesa)|me\s+mude"
    r"|nos\s+mudamos|me\s+cambie|nos\s+cambiamos|i\s+rent|(?:the\s+)?(?:home\s*owner|owner|previous\s+owner|tenant)\s+(?:passed|moved|died|sold|is\s+gone|no\s+longer)|no\s+(?:vivo|vivimos|soy|es\s+mi|es\s+el|me\s+interesa)|vendi|vendimos|equivocad|numero"
    r"\s+equivocado)",
    # Spanish requests without "me": "favor de no enviar más mensajes", "no envíen más mensajes"
    r"\b(?:ya\s+)?no\s+(?:enviar|mandar|envien|manden|envie|mande)(?:me|nos)?\s+(?:mas\s+)?(?:mensajes|textos|msjs)\b",
    r"\b(?:favor\s+de|por\s+favor)\s+(?:ya\s+)?no\s+(?:escribir|contactar|textear|mandar|enviar)(?:me|nos)\b",
    r"\bno\s+me\s+sigan\s+(?:mandando|enviando|escribiendo|molestando|texteando|contactando)\b",
    r"\bbasta\s+ya\s+(?:de|con)\s+(?:los\s+|sus\s+|tantos\s+)?(?:mensajes|textos)\b",
    r"\b(?:don'?t|do\s+not|no\s+longer)\s+(?:want|wish)\s+to\s+(?:get|receive)\s+(?:these|them|those|anything\s+from\s+you)"
    r"(?=\s*(?:any\s*more|any\s+longer)?\s*(?:please|thanks|thank\s+you)?\s*(?:[.!,;]|$))",
    rf"\benough\s+(?:of\s+)?(?:the\s+|these\s+|your\s+|all\s+the\s+)?{_TEXTS}\b",
    rf"\b(?:want|like|wish|need)\s+to\s+stop\s+(?:receiving|getting)\s+(?:these\s+|your\s+|the\s+|any\s+|all\s+)?"
    rf"(?:more\s+)?(?:\w+\s+)?{_TEXTS}\b",
    r"\b(?:put|add|place)\s+(?:me|us|my\s+number|this\s+number)\s+(?:on|to)\s+(?:your|the|ur)\s+do[\s-]+not[\s-]+"
    r"(?:text|contact|call|txt|message|disturb)\s+list\b",
    r"\bno\s+me\s+molest(?:en|e)\s+mas\b|\bdej(?:en|e)\s+de\s+(?:escribir|textear)(?:me|nos)?\W*(?:por\s+favor|ya)?\W*$",
    r"\b(?:quit|borr|elimin|saqu)(?:en|e|ar|a)\s+mi\s+(?:numero|telefono|cel|celular)(?=\W*(?:por\s+favor|gracias)?\W*$"
    r"|\s+de\s+(?:su|la|sus|esta)\s+(?:lista|sistema|base|contactos))",
    r"\bdejar\s+de\s+recibir\s+(?:los\s+|sus\s+|estos\s+|mas\s+)?(?:mensajes|textos|msjs|recordatorios)\b",
    r"\bcancel(?:ar|en|e)\s+(?:los\s+|sus\s+|mis\s+|estos\s+)?(?:mensajes|textos|msjs|notificaciones)\b",
    # indirect English: "quit it", "how did you get this number? take it off"
    r"^\W*quit\s+it\W*$",
    r"\bhow\s+did\s+(?:you|y'?all|they)\s+get\s+(?:this|my)\s+(?:number|#)\b[\s\S]*\b(?:take|remove|delete|erase)"
    r"\s+(?:it|me|us)\b",
    # asking how to end the texts is asking to end them: "how do I make these texts stop"
    r"\bcomo\s+(?:puedo\s+|se\s+|hago\s+para\s+)?(?:cancel\w*|dej\w*\s+de\s+recibir|par\w*|quit\w*|desactiv\w*)\s+"
    r"(?:los\s+|sus\s+|estos\s+|mis\s+|esos\s+)?(?:mensajes|textos|msjs|notificaciones|texts)\b",
    rf"\b(?:make|get)\s+{_OF_YOURS}(?:\w+\s+)?{_TEXTS}\s+(?:to\s+)?(?:stop|end|go\s+away)\b",
    # "stop" with what we send as its object, or as an imperative of its own: "stop sending it", "Stop it already"
    r"\b(?:stop|quit|cease)\s+(?:sending|texting|messaging)\s+(?:it|them|these|those|this|that|anything|nothing)\b"
    r"(?!\s+(?:to|at|for)\s)",
    r"^\W*(?:(?:please|just|ok|omg|seriously|dude|man)\s+)?(?:stop|quit)\s+(?:it|these|those|them|this)"
    r"(?:\s+(?:already|now|please|asap|right\s+now|for\s+real|seriously))*\W*(?:[.!?,;]|$)",
    r"\bstop\s+(?:the\s+|this\s+|your\s+|all\s+(?:the\s+|this\s+)?)?(?:spam|spamming|robo\s*texts?)\b",
    # a leading STOP with its reason: "STOP this is a business line, not a customer"
    r"^\W*(?:stop|unsubscribe|para|alto|baja)\b[\W_]*(?:(?:this|that|it)(?:'s|\s+is|\s+was)\s+(?:a|an|my|our|the)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:line|number|phone|cell|landline|#)|(?:i'?m\s+|i\s+am\s+|we'?re\s+|we\s+are\s+)?(?:not|never"
    r"(?:\s+been)?)\s+(?:a|an|your)\s+(?:customer|client)|es\s+(?:un|una|mi)\s+(?:numero|linea|telefono|cel)\s+de"
    r"\s+(?:trabajo|negocio|oficina)|no\s+soy\s+(?:su\s+)?(?:cliente|clienta))",
    r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+not\s+(?:a|an|your)\s+(?:customer|client)\b[\s\S]*\b(?:stop|remove|take\s+(?:me|us)"
    r"\s+off|don'?t\s+(?:text|message|contact))\b",
    # Spanish "párenle" (stop it) to us, with or without what to stop: "párenle con los mensajes"
    r"\b(?:ya\s+)?par(?:en|e|a)le\s+(?:ya\s+)?(?:con|a)\s+(?:los\s+|sus\s+|tantos\s+|esos\s+|estos\s+|el\s+)?"
    r"(?:mensajes|textos|msjs|mensajitos|spam|texts|messages)\b",
    r"\bpar(?:en|e|a)(?:le)?\s+(?:ya\s+)?de\s+(?:mandar|enviar|escribir|textear|molestar)(?:me|nos)?(?=\W*(?:por\s+favor"
    r"|porfa|ya|gracias)?\W*$|\s+(?:mensajes|textos|msjs|mensajitos|tantos|cosas|spam)\b)",
    r"\bparen\s+(?:ya\s+)?(?:los|sus|estos|esos|tantos)\s+(?:mensajes|textos|msjs|mensajitos)\b"
    r"(?!\s+(?:de|sobre|con)\s+(?:las\s+|los\s+|sus\s+)?(?:promos?|promociones|ofertas|descuentos|publicidad|anuncios|especiales))",
    r"^\W*(?:ya\s+)?par(?:en|e|a)le(?:\s+ya)?\W*(?:por\s+favor|porfa|gracias)?\W*$",
    # "bájenme (de la lista)"; not "bájenme el precio"
    r"\bbaj(?:en|e|a)(?:me|nos)\b(?!\s+(?:el|la|los|las|un|una|lo|algo|mas|un\s+poco)\b(?!\s+(?:lista|sistema)))",
    # "quítenme", "sáquenme", "bórrenme" alone
    r"^\W*(?:ya\s+)?(?:quit|saq|borr|elimin)(?:uen|en|e|a)(?:me|nos)(?:\s+ya)?\W*(?:por\s+favor|porfa|gracias|ya)?\W*$",
    r"\bdej(?:en|e|a)\s+de\s+(?:mandar|enviar)(?:me|nos)?(?:\s+(?:cosas|nada|eso|esto|mensajes|textos))?\W*"
    r"(?:por\s+favor|porfa|ya|gracias)?\W*$",
    r"\b(?:no|ya\s+no)\s+quiero\s+recibir\s+(?:nada|mas\s+nada|nada\s+mas|ningun\s+(?:mensaje|texto))\b",
    # "stop w/ the texts", "cut it out with the texts", "knock it off"
    rf"\b(?:stop|quit|enough|done|cut\s+it\s+out|knock\s+it\s+off)\s+(?:with|w/?)\s+{_OF_YOURS}(?:\w+\s+)?{_TEXTS}\b",
    r"^\W*(?:cut\s+it\s+out|knock\s+it\s+off)\W*(?:already|please|pls)?\W*$",
    rf"\bcount\s+(?:me|us)\s+out(?:\s+(?:of|from)\s+{_OF_YOURS}(?:\w+\s+)?(?:{_TEXTS}|{_LIST})\b|\W*(?:please|thanks)?\W*$)",
    # a reason, then the keyword: "not interested stop", "no gracias, baja"
    r"\b(?:not\s+interested|no\s+thanks?|no\s+thank\s+you|no\s+gracias|no\s+me\s+interesa|who\s+is\s+this)\W+"
    r"(?:stop|unsubscribe|remove(?:\s+me)?|baja|alto|para)\W*$",
    # no longer the person we think: "I'm not the homeowner anymore, please remove"
    r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:not\s+the\s+(?:home\s*owners?|owners?|tenants?|residents?)\s+(?:anymore"
    r"|any\s+more|any\s+longer)|no\s+longer\s+the\s+(?:home\s*owners?|owners?|tenants?|residents?))\b[\s\S]*"
    r"\b(?:stop|remove|delete|take\s+(?:me|us|it)\s+off)\b",
    # Spanish: "nunca les di mi número", "me quiero dar de baja", "ya no me molesten"
    r"\b(?:nunca|yo\s+no)\s+(?:les|le|te)\s+di\s+(?:mi\s+)?(?:numero|permiso|autorizacion|telefono|cel)\b",
    r"\b(?:me|nos)\s+(?:quiero|queremos)\s+dar\s+de\s+baja\b|\b(?:me|nos)\s+(?:doy|damos)\s+de\s+baja\b"
    r"|\bdar\s+de\s+baja\s+(?:mi|este|el)\s+(?:numero|telefono|cel|celular)\b",
    r"\bya\s+no\s+(?:me|nos)\s+molest(?:en|e)\b",
    r"\b(?:me|nos)\s+(?:(?:pueden|puede|podrian|podria|podra|podran)\s+)?(?:sac|saq|quit|borr|elimin|baj)\w*\s+de\s+"
    r"(?:su|sus|la|esta|tu)\s+lista\b"
    r"(?!\s+de\s+(?:citas|espera|manana|hoy|precios|trabajos|visitas))",
    r"\bno\s+(?:necesito|quiero|hace\s+falta|es\s+necesario)\s+que\s+(?:me|nos)\s+(?:sigan|sigas|vuelvan\s+a)\s+"
    r"(?:escribiendo|texteando|contactando|escribir|textear|contactar|(?:mandando|enviando|mandar|enviar)(?=\W*$|\s*[.!?,;]"
    r"|\s+(?:mensajes|textos|msjs|msj|nada|cosas|eso|esto)\b))\b",
    r"(?:^|[.!?,;]\s*)(?:ya\s+)?(?:quit|saq|borr|elimin)(?:uen|en|e|a)(?:me|nos)(?:\s+ya)?\W*(?:por\s+favor|gracias|ya)?\W*$",
    r"\b(?:ya\s+)?no\s+(?:me|nos)\s+(?:lleguen|llegen|llegue)\s+(?:mas\s+)?(?:sus\s+|los\s+|estos\s+)?(?:mensajes|textos"
    r"|msjs|msj|mensages|mensajitos|texts|recordatorios|notificaciones)\b",
)

_PROMO = (
    r"(?:promos?|promotions?|promotional|ads|advertisements?|advertising|adverts?|deals?|offers?"
    r"|coupons?|specials?|discounts?|marketing|sales|sales\s+pitches|newsletters?|upsells?"
    r"|promociones|ofertas|descuentos|publicidad|anuncios|especiales)"
)
_PROMO_PLURAL = (
    r"(?:promos|promotions|ads|advertisements|advertising|marketing|deals|offers|coupons|specials"
    r"|sales\s+texts|newsletters|promociones|ofertas|descuentos|anuncios)"
)
# Revocations limited to marketing (scope "marketing"): reminders for booked work continue.
MARKETING_REVOCATION_PATTERNS: tuple[str, ...] = (
    rf"\b(?:stop|quit|cease|end|enough|cancel|unsubscribe(?:\s+me)?(?:\s+from)?|opt\s+(?:me\s+)?out"
    rf"\s+(?:of|from)|remove\s+me\s+from|take\s+me\s+off)\s+(?:sending\s+(?:me\s+)?|texting\s+(?:me\s+)?"
    rf"|with\s+)?(?:(?:the|these|those|your|ur|all|any|more)\s+)*(?:[\w'-]+\s+){{0,3}}?{_PROMO}\b",
    rf"\bno\s+more\s+(?:\w+\s+)?{_PROMO}\b",
    rf"\bno\s+(?:more\s+)?{_PROMO_PLURAL}(?:\s*(?:,|or|and|&|/|ni|o|y)\s*{_PROMO_PLURAL})*"
    rf"(?=\s*(?:please|pls|plz|thanks|thx|por\s+favor|gracias)?\s*(?:[.!,;]|$))",
    # Spanish
    rf"\b(?:no\s+(?:me\s+)?(?:manden|mande|envien|envie|quiero|deseo)|ya\s+no\s+(?:me\s+manden|quiero)"
    rf"|dej(?:en|e|a)\s+de\s+(?:mandarme|enviarme)|no\s+mas|nada\s+de)\s+(?:mas\s+|recibir\s+)?(?:\w+\s+)?"
    rf"{_PROMO}\b",
    r"\bsolo\s+(?:mandenme|enviame|envienme|escribanme|mandame|quiero)\s+(?:mensajes\s+|los\s+mensajes\s+)?"
    r"(?:de|sobre|para|acerca\s+de)\s+(?:mis\s+|la\s+|las\s+|mi\s+)?(?:citas?|recordatorios|servicios?|visitas?)\b",
    rf"\b(?:don'?t|do\s+not|dont)\s+(?:send|text|want|need)\s+(?:me\s+)?(?:(?:any\s*more|anymore|any"
    rf"|more|the|your|these)\s+)*(?:\w+\s+)?{_PROMO}\b",
    r"\b(?:only|just)\s+(?:text|message|contact|send|txt)\s+(?:me\s+)?(?:the\s+)?(?:about\s+|for\s+"
    r"|with\s+|regarding\s+)?(?:my\s+|the\s+)?(?:\w+\s+)?(?:appointments?|appts?|reminders?|service"
    r"|jobs?|bookings?|visits?|work)\b",
    r"\bi\s+only\s+want\s+(?:the\s+)?(?:texts?|messages|reminders)\s+(?:about|for)\b",
    r"\b(?:i\s+)?(?:only|just)\s+(?:want\s+|need\s+)?(?:the\s+|my\s+)?(?:reminders|(?:appointment|appt|service|booking|visit"
    r"|job)\s+(?:texts?|messages|notifications|reminders|stuff))\W*(?:please|pls|thanks|por\s+favor)?\W*$",
    rf"^\W*(?:sin|nada\s+de)\s+(?:mas\s+)?{_PROMO}\W*(?:por\s+favor|porfa|gracias|please)?\W*$",
    rf"\b(?:quit|saq|sac|borr|elimin|baj)(?:a|e|en|ar|ue|uen)(?:me|nos)\s+de\s+(?:las\s+|los\s+|sus\s+|la\s+lista\s+de\s+)?"
    rf"(?:\w+\s+)?{_PROMO}\b",
    # "me pueden quitar de lo de los descuentos?", "quiero que paren los mensajes de promo"
    rf"\b(?:me|nos)\s+(?:\w+\s+)?(?:quit|saq|sac|borr|elimin|baj)(?:ar|en|e|an|aran|a)\s+de\s+(?:lo\s+de\s+)?"
    rf"(?:las\s+|los\s+|sus\s+|la\s+lista\s+de\s+)?(?:\w+\s+)?{_PROMO}\b",
    rf"\bpar(?:en|e|ar)\s+(?:ya\s+)?(?:los|sus|estos|esos|tantos)\s+(?:mensajes|textos|msjs|mensajitos)\s+(?:de|sobre|con)\s+"
    rf"(?:las\s+|los\s+|sus\s+)?{_PROMO}\b",
    # the offers named first, the request pointing back at them: "I don't need the monthly specials,
    # unsubscribe me from those"
    rf"\b{_PROMO}\b[^.!?]{{0,60}}?\b(?:un-?subscribe|remove|take|opt|drop|get)\s+(?:me|us)\s+(?:out\s+)?(?:from|off|of)"
    rf"\s+(?:of\s+)?(?:those|these|them|that|it|all\s+(?:of\s+)?(?:those|that|them))\b",
    rf"\b{_PROMO}\b[^.!?]{{0,60}}?\b(?:stop|quit|enough\s+with|no\s+more\s+of)\s+(?:those|these|them|that)\b",
    rf"\b(?:stop|quit|no\s+more|enough)\s+(?:with\s+)?(?:those|these|the)\s+(?:\w+\s+)?{_PROMO}\b",
)

# Clear requests to be texted again (START/UNSTOP are handled as keywords).
OPT_IN_PATTERNS: tuple[str, ...] = (
    r"\bunstop\b",
    r"\b(?:start|restart|continue|resume)\s+(?:texting|txting|messaging|sending|texts|messages|the\s+texts)\b",
    r"\b(?:start|restart|begin|resume)\s+(?:getting|receiving)\s+(?:your\s+|the\s+)?(?:texts?|text\s+\w+|messages"
    r"|reminders|notifications)\b",
    r"\b(?:re-?subscribe|re-?enable|reactivate|re-?activate)\b",
    r"\bresume\s+(?:my\s+|the\s+|your\s+)?(?:text\s+)?(?:texts|messages|notifications|reminders|alerts)\b",
    r"\bopt(?:\s+(?:me|us))?[\s-]+(?:back\s+)?in\b(?!\s*to\b(?!\s+(?:texts|text|messages)))",
    r"\bsign\s+(?:me|us)\s+(?:back\s+)?up(?:\s+again)?(?:\s+for\s+(?:the\s+)?(?:texts?|text\s+\w+|alerts|reminders"
    r"|messages|notifications)\b|\W*$)",
    r"\bsubscribe\s+(?:me|us|this\s+number)\b",
    r"\b(?:you\s+can|ok\s+to|okay\s+to|feel\s+free\s+to|it'?s\s+ok\s+to|it'?s\s+okay\s+to|fine\s+to|go\s+ahead\s+and)"
    r"\s+(?:text|message|txt)\s+(?:me|this\s+number|us)(?:\s+again\b|\W*$)",
    r"\btext\s+me\s+again(?=\s*(?:please|pls|thanks|por\s+favor)?\s*(?:[.,!;]|$))",
    r"\b(?:add|put)\s+(?:me|us|my\s+number|this\s+number)\s+back\b",
    r"\bput\s+my\s+number\s+back\b",
    r"\b(?:want|like|love)\s+(?:to\s+)?(?:get\s+|receive\s+)?(?:the\s+|your\s+)?(?:texts?|text\s+\w+"
    r"|messages|reminders|notifications)\s+(?:again|back)\b",
    r"\bi\s+want\s+(?:the|your)\s+(?:texts|messages|reminders)\b",
    r"\b(?:want|need|like)\s+(?:my|the|your)\s+(?:text\s+)?(?:texts|messages|reminders|notifications|alerts)\s+back\b",
    r"\bi\s+(?:consent|agree)\s+to\s+(?:receive|receiving|get|getting)\s+(?:texts?|text\s+messages"
    r"|messages|sms)\b",
    r"\bturn\s+(?:my\s+)?(?:texts?|text\s+notifications|notifications|messages|text\s+messages)\s+back\s+on\b",
    r"\b(?:texts?|messages|notifications|stopped|unsubscribed|stop)\b.*\bturn\s+(?:them|it)\s+back\s+on\b",
    # "I replied stop by mistake", "puse STOP por error"
    r"\b(?:replied|texted|sent|hit|typed|pressed|wrote|said|responded|answered)\s+(?:with\s+)?\W?"
    r"(?:stop|unsubscribe|cancel|end|quit)\W?\s+(?:by\s+(?:mistake|accident)|accidentally|on\s+accident|in\s+error"
    r"|without\s+meaning\s+to)\b",
    r"\baccidentally\s+(?:replied|texted|sent|hit|typed|pressed|unsubscribed|opted\s+out)\b",
    r"\b(?:puse|mande|envie|escribi|respondi|conteste|le\s+di)\s+(?:a\s+)?\W?(?:stop|para|baja|alto|cancelar)\W?"
    r"\s+(?:por\s+(?:error|equivocacion|accidente)|sin\s+querer)\b",
    r"\bunblock\s+(?:me|us|my\s+(?:number|phone|#|cell)|this\s+number)\b|\bdesbloque\w*(?:me|nos)\b"
    r"|\bdesbloque(?:en|e|ar|a)\s+(?:mi|este)\s+(?:numero|telefono|cel|celular)\b",
    r"^\W*(?:please\s+|por\s+favor\s+)?(?:resume|reanudar|reanuden|reanude)\W*(?:please|pls|thanks|por\s+favor"
    r"|gracias)?\W*$",
    r"\breanud\w*\s+(?:los\s+|mis\s+|el\s+envio\s+de\s+)?(?:mensajes|textos|notificaciones|recordatorios)\b",
    r"\bactiv(?:en|e|a|ar)(?:me|nos)?\s+(?:de\s+nuevo\s+|otra\s+vez\s+)?(?:los\s+|mis\s+)?(?:mensajes|textos"
    r"|notificaciones|recordatorios)\b",
    r"\b(?:send|text)\s+(?:me\s+|us\s+)?(?:the\s+|your\s+)?(?:texts?|messages|reminders|notifications)\s+again\b",
    r"\bturn\s+(?:the\s+|your\s+)?(?:texts?|text\s+notifications|notifications|messages|text\s+messages)\s+back\s+on\b",
    r"\bya\s+(?:me\s+|nos\s+)?(?:pueden|puede)\s+(?:mandar|enviar|escribir|textear)(?:me|nos)?\s+(?:los\s+)?(?:mensajes|textos"
    r"|texts|again|otra\s+vez|de\s+nuevo)\b",
    # Signing up for the texts themselves: "I want to get text alerts for my appointments", "add my cell to the
    # reminder texts", "sign me up para los text alerts", "inscríbanme para los textos de las citas".
    r"\bi\s+(?:want|would\s+like|'?d\s+like)\s+to\s+(?:get|receive)\s+(?:the\s+|your\s+)?(?:text\s+(?:alerts|reminders"
    r"|updates|notifications|messages)|texts|sms)\b",
    r"\badd\s+(?:me|us|my\s+(?:cell|number|phone|#|mobile)|this\s+(?:number|phone|cell))\s+to\s+(?:the\s+|your\s+)?"
    r"(?:\w+\s+)?(?:texts|text\s+(?:list|alerts|reminders|updates)|texting\s+list|sms\s+list)\b",
    r"\bsign\s+(?:me|us)\s+up\s+para\s+(?:los\s+)?(?:texts|text\s+\w+|mensajes|textos|recordatorios|alertas)\b",
    r"\binscrib\w*(?:me|nos)\s+(?:a|para|en)\s+(?:los\s+)?(?:textos|mensajes|recordatorios|avisos|alertas|texts)\b",
    # Put back on the list, in Spanish: "ponme de nuevo en la lista de texts", "vuelvan a ponerme en la lista".
    r"\b(?:pon|pong\w*|poner)(?:me|nos)\s+(?:de\s+nuevo|otra\s+vez|nuevamente)\s+en\s+la\s+lista\b"
    r"|\bvuelvan\s+a\s+poner(?:me|nos)\s+en\s+la\s+lista\b",
    # A stop undone: "I blocked you guys by accident w/ stop", "I unsubscribed by mistake".
    r"\b(?:blocked\s+(?:you|y'?all|your\s+(?:number|texts)|this\s+number)|unsubscribed|opted\s+out)\b[^.!?\n]{0,20}?"
    r"\b(?:by\s+(?:mistake|accident)|accidentally|on\s+accident|in\s+error)\b",
    r"\bquiero\s+(?:recibir|seguir\s+recibiendo)\s+(?:los\s+|sus\s+)?(?:mensajes|textos|recordatorios|notificaciones)\b",
    r"\b(?:mand|envi|escrib)\w*(?:me|nos)\s+(?:los\s+)?(?:mensajes|textos|recordatorios)\s+(?:otra\s+vez|de\s+nuevo)\b",
    r"\bsigan\s+(?:mandando|enviando)(?:me|nos)\s+(?:los\s+)?(?:mensajes|textos|recordatorios)\b",
    r"\bno\s+(?:quise|queria)\s+(?:poner|mandar|enviar|escribir)(?:les)?\s+\W?(?:stop|para|baja|alto)\b",
    # "vuélvanme a mandar los recordatorios" (not "vuélvanme a mandar la factura": one paper is not the texts)
    r"\bvuelv(?:an|a)(?:me|nos)\s+a\s+(?:mandar|enviar|escribir|textear)\b(?:\s+(?:los\s+|sus\s+)?(?:mensajes|textos|recordatorios"
    r"|avisos|notificaciones|texts|alertas)\b|\W*(?:por\s+favor|gracias)?\W*$)",
    r"\bturn\s+on\s+(?:the\s+|my\s+|your\s+)?(?:texts|text\s+messages|text\s+notifications)\b"
    r"|\bturn\s+(?:the\s+|my\s+|your\s+)?(?:texts|text\s+messages)\s+on\b",
    r"\bundo\s+(?:the\s+|my\s+)?(?:stop|unsubscribe|opt[\s-]*out)\b",
    r"\bdidn'?t\s+mean\s+to\s+(?:say|send|reply|type|hit|text|write)\s+\W?(?:stop|unsubscribe)\b",
    # "keep texting me", "you can keep texting me" (not "you keep texting me at 6am")
    r"(?:^\W*|\b(?:please|pls|you\s+can|feel\s+free\s+to|ok\s+to|go\s+ahead\s+and|want\s+you\s+to)\s+)(?:keep|continue)\s+"
    r"(?:texting|messaging|sending\s+(?:me\s+)?(?:the\s+)?(?:texts|messages|reminders))\b(?![\s\S]*\b(?:block|report"
    r"|spam|or\s+else)\b)",
    r"\b(?:volver|vuelvan|vuelva|vuelve)\s+a\s+(?:mandar|enviar|escrib)\w*",
    r"\b(?:reactivar|reactiven)\b|\b(?:inscribanme|suscribanme|inscribeme|suscribeme)\b",
    r"\bquiero\s+(?:volver\s+a\s+recibir|los\s+(?:mensajes|texts))\b",
    r"\b(?:mandar|enviar|escrib)\w*\s+(?:los\s+)?(?:mensajes\s+)?(?:otra\s+vez|de\s+nuevo)\b",
    # Spanish and Spanglish: "pueden mandarme texts otra vez", "me suscribo otra vez", "SI quiero textos"
    r"\b(?:mand|envi|escrib)\w*(?:me|nos)\s+(?:los\s+|sus\s+)?(?:texts?|txts?|msjs|mensajitos|messages|notificaciones"
    r"|avisos)\s+(?:otra\s+vez|de\s+nuevo|again)\b",
    r"\b(?:me|nos)\s+(?:suscribo|inscribo|re-?suscribo|vuelvo\s+a\s+(?:suscribir|inscribir))\b(?:\s+(?:otra\s+vez|de\s+nuevo)|\W*"
    r"(?:por\s+favor|porfa|gracias)?\W*$|\s+a\s+(?:los\s+|sus\s+)?(?:mensajes|textos|texts|recordatorios|avisos))",
    r"\b(?:suscrib|inscrib)(?:anme|ame|eme|irme|ir)\s+(?:otra\s+vez|de\s+nuevo)\b",
    r"\bme\s+di\s+de\s+baja\s+(?:por\s+(?:error|accidente|equivocacion)|sin\s+querer)\b",
    r"\b(?:unsubscribed|opted\s+out|stopped\s+(?:the\s+)?texts)\s+(?:by\s+(?:mistake|accident)|accidentally|on\s+accident"
    r"|in\s+error)\b",
    r"\b(?:dar(?:me|nos)|den(?:me|nos)|de(?:me|nos)|dame|me\s+doy|nos\s+damos|volver\s+a\s+dar(?:me|nos))\s+de\s+alta\b",
    r"^\W*(?:quiero\s+)?volver\s+a\s+recibir(?:los|las)?\b(?!\s+(?:el|la|al|un|una)\s)",
    r"\b(?:si|yes)\W+(?:quiero|queremos)\s+(?:recibir\s+)?(?:los\s+|sus\s+)?(?:mensajes|textos|texts|recordatorios"
    r"|avisos|notificaciones)\b",
    r"\bquiero\s+(?:recibir\s+)?(?:sus\s+|los\s+)?(?:mensajes|textos|texts|recordatorios|avisos)\s+(?:otra\s+vez|de\s+nuevo"
    r"|again)\b",
    r"\b(?:reactiv|activ)(?:en|e|a|ar)(?:me|nos)?\s+(?:de\s+nuevo\s+|otra\s+vez\s+)?(?:los\s+|mis\s+)?(?:texts?|avisos|alertas)\b",
)

# Sentences that contain revocation words without revoking anything.
REVOCATION_GUARDS: tuple[str, ...] = (
    # taken off a day's visits, not off the texts: "remove me from tomorrow's schedule"
    r"\b(?:take|remove|delete|drop|get|pull|scratch|cross)\s+(?:me|us|my\s+(?:name|appointment|appt|visit|job|booking))"
    r"\s+(?:off|from|out\s+of)\s+(?:of\s+)?(?:[\w'-]+\s+){0,3}?(?:schedule|calendar|appointments?|appointment\s+list"
    r"|visits?|route|jobs?|bookings?|wait\s*-?list|roster|agenda|books|line\s*up|lineup)\b",
    r"\b(?:quit|saq|sac|borr|elimin|baj)(?:a|e|en|ar|ue|uen)(?:me|nos)\s+de\s+(?:la\s+|su\s+|mi\s+|el\s+)?(?:[\w]+\s+){0,2}?"
    r"(?:agenda|citas?|calendario|programacion|ruta|visitas?|lista\s+de\s+(?:citas|espera|manana|hoy))\b",
    r"\b(?:what\s+happens|what\s+if)\s+(?:if\s+)?(?:i|we)\s+(?:un-?subscribe|opt[\s-]*out|reply\s+stop)",
    r"\b(?:don'?t|do\s+not|didn'?t|did\s+not|no\s+need\s+to|not\s+trying\s+to)\s+(?:want\s+to\s+"
    r"|mean\s+to\s+)?(?:un-?subscribe|opt[\s-]*out|remove\s+me)\b",
    # leaving a paid plan is not revoking consent to texts
    r"\b(?:un-?subscribe|opt[\s-]*out)\s+(?:me\s+|us\s+)?(?:from|of)\s+(?:the|my|your|our|this)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:plan|membership|club|agreement|contract|warranty|program|service\s+plan)\b",
    # "¿cómo cancelo?" alone or about a visit or plan; about the texts it is a request (REVOCATION_PATTERNS)
    r"\bcomo\s+(?:puedo\s+|se\s+)?cancel\w*\b(?!\s+(?:los\s+|sus\s+|estos\s+|mis\s+|esos\s+)?(?:mensajes|textos|msjs"
    r"|notificaciones|texts))",
    # the speaker stopping themselves: "ok I'll stop bugging you lol"
    r"\b(?:i'?ll|i\s+will|i'?m\s+(?:gonna|going\s+to)|let\s+me|i\s+should|i'?d\s+better)\s+(?:stop|quit)\s+(?:\w+ing)"
    r"\s+(?:you|y'?all|ya)\b",
)

_CLAUSE_SPLIT = re.compile(r"[.!?;,:\n]+|\s[-\u2013\u2014]+\s")


def _compile(patterns: Iterable[str]) -> prefilter.Prefiltered:
    return prefilter.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.MULTILINE)


_REVOCATION = prefilter.RuleIndex(prefilter.compile(p, re.IGNORECASE) for p in REVOCATION_PATTERNS)
_MARKETING_REVOCATION = prefilter.RuleIndex(prefilter.compile(p, re.IGNORECASE) for p in MARKETING_REVOCATION_PATTERNS)
_OPT_IN = _compile(OPT_IN_PATTERNS)
_GUARDS = _compile(REVOCATION_GUARDS + NOT_A_REQUEST_GUARDS)


def _strip_polite(words: list[str]) -> list[str]:
    core = [w for w in words if w not in POLITE_WORDS]
    return core or words


def whole_message_keyword(text: str) -> str | None:
    """Label a message that is only a compliance keyword: opt_out, opt_in, help or None."""
    words = squeeze(text)
    if not words:
        return "opt_out" if _only_stop_emoji(text) else None
    joined = "".join(words)
    if joined in OPT_OUT_KEYWORDS or joined in OPT_OUT_VARIANTS:
        return "opt_out"
    core = _strip_polite(words)
    if "".join(core) in OPT_OUT_VARIANTS or (len(set(core)) == 1 and core[0] in OPT_OUT_VARIANTS | OPT_OUT_KEYWORDS):
        return "opt_out"  # "Remove. Remove. REMOVE."
    if all(w in STRONG_OPT_OUT_KEYWORDS for w in core) or "".join(core) in STRONG_OPT_OUT_KEYWORDS:
        return "opt_out"
    spanish_core = [w for w in words if w not in SPANISH_POLITE_WORDS]
    if len(spanish_core) == 1 and spanish_core[0] in SPANISH_OPT_OUT_KEYWORDS:
        return "opt_out"
    if "".join(core) in ENOUGH_WORDS or "".join(spanish_core) in ENOUGH_WORDS:
        return "opt_out"
    if _has_stop_sign(text) and all(w in MESSAGE_WORDS for w in spanish_core):
        return "opt_out"
    if joined in OPT_IN_KEYWORDS or "".join(core) in OPT_IN_KEYWORDS:
        return "opt_in"
    if "".join(spanish_core) in SPANISH_OPT_IN_KEYWORDS or "".join(core) in SPANISH_OPT_IN_KEYWORDS:
        return "opt_in"
    if joined in HELP_KEYWORDS or "".join(core) in HELP_KEYWORDS:
        return "help"
    return None


def _only_stop_emoji(text: str) -> bool:
    marks = [ch for ch in plain(text) if not ch.isspace()]
    return bool(marks) and all(ch in OPT_OUT_EMOJI for ch in marks)


def _has_stop_sign(text: str) -> bool:
    return any(ch in STOP_SIGN_EMOJI for ch in text)


def _clauses(text: str) -> list[list[str]]:
    return [_strip_polite(squeeze(part)) for part in _CLAUSE_SPLIT.split(text) if squeeze(part)]


def _keyword_clause(text: str, keywords: frozenset[str]) -> bool:
    """True when one sentence of a longer message is only a keyword: "Wrong number. STOP"."""
    return any("".join(c) in keywords or all(w in keywords for w in c) for c in _clauses(text))


def _spans(rules: prefilter.RuleIndex, text: str) -> list[tuple[int, int]]:
    return [m.span() for i in rules.candidates(text) for m in rules[i].regex.finditer(text)]


def revocation_scope(text: str) -> str | None:
    """Scope of a natural-language revocation: "all", "marketing", or None when there is none.

    A marketing revocation ("stop sending me promos") narrows an overlapping general one
    ("stop sending me"); any general revocation elsewhere in the message makes the scope "all".
    """
    norm = for_rules(text)
    if _keyword_clause(norm, STRONG_OPT_OUT_KEYWORDS):
        return "all"
    composed_general, composed_marketing = composed_revocations(norm, plain(text))
    general = [g for g in _spans(_REVOCATION, norm) + composed_general if not _guarded(norm, g)]
    marketing = _spans(_MARKETING_REVOCATION, norm) + [m for m in composed_marketing if not _guarded(norm, m)]
    marketing += [g for g in general if _about_offers(norm, g)]
    if any(not any(_overlap(g, m) for m in marketing) for g in general):
        return "all"
    return "marketing" if marketing else None


# Words that make "the ... texts" the marketing ones: "stop the 'refer a friend' texts", "the discount
# texts every week are too much, remove me from those".
_OFFER_WORDS = re.compile(rf"\b(?:{OFFERS}|promotional|tips|discounts?|referrals?|refer\s+a\s+friend)\b")
# An object that points back at what the message named before it: "remove me from those".
_POINTER_END = re.compile(r"\b(?:those|them|these|it|that|esos|esas|eso|estos|estas|esto)\W*$")
_POINTER_AFTER = re.compile(r"\s+(?:from|of|off)\s+(?:those|them|these|that|it|esos|esas|eso|estos|estas)\b")


# The offers named right after a general request: "remove us from promotional messaging".
_OFFERS_NEXT = re.compile(rf"\s+(?:(?:from|of|off)\s+)?(?:the\s+|your\s+|any\s+|all\s+)?(?:{OFFERS}|promotional)\b")


def _about_offers(text: str, span: tuple[int, int]) -> bool:
    """A general revocation whose own words, or (for a pointer) the words before it, name only offers."""
    words = text[span[0]:span[1]]
    if _OFFER_WORDS.search(words) or _OFFERS_NEXT.match(text, span[1]):
        return True
    points_back = _POINTER_END.search(words) or _POINTER_AFTER.match(text, span[1])
    return bool(points_back and _OFFER_WORDS.search(text, 0, span[0])
                and not _TEXTS_IN_GENERAL.search(text, 0, span[0]))


# "all your texts", "every message": the texts as a whole, whatever else the message mentions.
_TEXTS_IN_GENERAL = re.compile(r"\b(?:all|every|any)\s+(?:of\s+)?(?:your\s+|the\s+|these\s+)?(?:texts|messages)\b")


def _guarded(text: str, span: tuple[int, int]) -> bool:
    return any(_overlap(span, g.span()) for g in _GUARDS.finditer(text))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# A request denied just before it: "no quiero recibir los recordatorios por correo".
_DENIED_BEFORE = re.compile(r"\b(?:no|ya\s+no|don'?t|do\s+not|never)\s+(?:\w+\s+)?$")


def is_opt_in_request(text: str) -> bool:
    """True for START/UNSTOP as a sentence of their own and for clear "text me again" requests."""
    norm = for_rules(text)
    asked = any(not _DENIED_BEFORE.search(norm, 0, m.start()) for m in _OPT_IN.finditer(norm))
    return _keyword_clause(norm, OPT_IN_KEYWORDS) or asked or composed_opt_in(norm)


def is_opt_in_yes(text: str) -> bool:
    """True when the whole message is a bare yes ("YES", "y", "yeah!", "Yes please 👍")."""
    words = squeeze(text)
    if not words or len(words) > 3:
        return False
    core = [w for w in words if w not in {"PLEASE", "PLS", "PLZ"}]
    return bool(core) and "".join(core) in YES_WORDS
