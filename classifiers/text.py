"""Text normalisation shared by the rules and the statistical models."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_NON_ALNUM = re.compile(r"[^0-9A-Z]+")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r" ?\n[\s]*")
_REPEATS = re.compile(r"([a-z])\1{2,}")
# Emoji skin tones and variation selectors: "👍🏼" is "👍".
_EMOJI_MODIFIERS = re.compile("[\U0001F3FB-\U0001F3FF\uFE0E\uFE0F\u200D]")
_WORD = re.compile(r"[a-z0-9']+")

# SMS shorthand mapped to the spelling the models saw most; the BOW model has no subword features.
SHORTHAND = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "pleas": "please",
    "thx": "thanks", "ty": "thanks", "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow",
    "tomorow": "tomorrow", "tommorow": "tomorrow", "tommorrow": "tomorrow", "2morrow": "tomorrow",
    "2moro": "tomorrow", "appt": "appointment", "appts": "appointments", "apt": "apartment",
    "txt": "text", "txts": "texts", "txting": "texting", "msg": "message", "msgs": "messages",
    "msging": "messaging", "resched": "reschedule", "reschedual": "reschedule", "rescheduel": "reschedule",
    "reschedul": "reschedule", "rescedule": "reschedule", "b4": "before", "wk": "week", "hr": "hour", "hrs": "hours",
    "im": "i'm", "dont": "don't", "cant": "can't", "wont": "won't", "didnt": "didn't",
    "doesnt": "doesn't", "isnt": "isn't", "whats": "what's", "thats": "that's", "k": "ok",
    "okay": "ok", "yea": "yeah", "tues": "tuesday", "thurs": "thursday",
    # Spanish SMS shorthand and the commonest misspellings
    "q": "que", "qe": "que", "xq": "porque", "pq": "porque", "porq": "porque", "xfa": "por favor",
    "xfavor": "por favor", "porfa": "por favor", "porfavor": "por favor", "tmb": "tambien", "tb": "tambien",
    "grax": "gracias", "ola": "hola", "nesesito": "necesito", "nececito": "necesito", "nesecito": "necesito",
    "ocupo": "necesito", "aki": "aqui", "dnd": "donde", "d": "de",
}
# The subset of SHORTHAND the regex rules can rely on ("i never gave u my number").
RULE_SHORTHAND = {
    word: SHORTHAND[word]
    for word in ("u", "ur", "pls", "plz", "txt", "txts", "txting", "msg", "msgs", "msging", "dont",
                 "cant", "wont", "didnt", "doesnt", "isnt", "im", "thx", "q", "qe", "xq", "pq", "xfa", "xfavor",
                 "porfa", "porfavor", "nesesito", "nececito", "nesecito")
}


# Every rule family normalises the same message (and its clauses) again: remember the last few
# (a small cache, so a benchmark that repeats its messages gains nothing from it).
@lru_cache(maxsize=64)
def plain(text: str) -> str:
    """NFKC, straight quotes, accents removed, spaces collapsed (line breaks kept); same case."""
    text = _EMOJI_MODIFIERS.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()


def squeeze(text: str) -> list[str]:
    """Upper-case words with every non-alphanumeric character (emoji, punctuation) dropped."""
    return _NON_ALNUM.sub(" ", plain(text).upper()).split()


def for_rules(text: str) -> str:
    """Lower-case plain text, common shorthand spelled out, for the regex rules."""
    return _WORD.sub(lambda m: RULE_SHORTHAND.get(m.group(0), m.group(0)), plain(text).lower())


def for_model(text: str) -> str:
    """Lower-case, shorthand expanded, letter runs capped: the form the models are trained on."""
    lowered = _REPEATS.sub(r"\1\1", plain(text).lower())
    return _WORD.sub(lambda m: SHORTHAND.get(m.group(0), m.group(0)), lowered)


# A greeting opening a message ("Buenos días, ...", "hi there!", "Hola, buenas tardes."): it asks nothing, and its
# "morning" or "tardes" is not a time of day, so the intent and the time asked are read from what follows it.
_GREETING = re.compile(
    r"^[\W_]*(?:(?:hi|hello|hey|hiya|howdy|good\s+(?:morning|afternoon|evening)|hola|ola|saludos"
    r"|buen(?:os|as)?\s+(?:d[ií]as?|tardes?|noches?)|buenas|qu[eé]\s+tal)"
    r"(?:\s+(?:there|all|team|guys|folks|se[nñ]ora?|joven|amig[oa]s?))?(?![\w'])[\W_]*)+", re.IGNORECASE)


def greeting_length(text: str) -> int:
    """How many characters of `text` an opening greeting takes: 0 when none, or when it is the whole message."""
    match = _GREETING.match(text)
    return match.end() if match and text[match.end():].strip() else 0


def without_greeting(text: str) -> str:
    """`text` without its opening greeting; a greeting alone is left as it is."""
    return text[greeting_length(text):]
