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
# What the shorthand tables count as one word: a run of these.
_WORD_CHARS = "a-z0-9'"

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




def _shorthand_words(table: dict[str, str]) -> re.Pattern[str]:
    """The table's words, each matched only as a whole word: the substitution visits only the words it
    changes."""
    words = "|".join(re.escape(word) for word in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![{_WORD_CHARS}])(?:{words})(?![{_WORD_CHARS}])")


_RULE_SHORTHAND_WORD = _shorthand_words(RULE_SHORTHAND)
_SHORTHAND_WORD = _shorthand_words(SHORTHAND)


class _WithoutCombining(dict):
    """str.translate table dropping combining marks (accents after NFKD), filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_COMBINING = _WithoutCombining()


# Every rule family normalises the same message (and its clauses) again: remember the last few
# (a small cache, so a benchmark that repeats its messages gains nothing from it).
@lru_cache(maxsize=64)
def plain(text: str) -> str:
    """NFKC, straight quotes, accents removed, spaces collapsed (line breaks kept); same case."""
    if not text.isascii():  # ASCII is already all of the first four
        text = _EMOJI_MODIFIERS.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))
        text = unicodedata.normalize("NFKD", text).translate(_WITHOUT_COMBINING)
    return _BLANK_LINES.sub("\n", _SPACES.sub(" ", text)).strip()


def squeeze(text: str) -> list[str]:
    """Upper-case words with every non-alphanumeric character (emoji, punctuation) dropped."""
    return _NON_ALNUM.sub(" ", plain(text).upper()).split()


@lru_cache(maxsize=64)
def for_rules(text: str) -> str:
    """Lower-case plain text, common shorthand spelled out, for the regex rules."""
    return _RULE_SHORTHAND_WORD.sub(lambda m: RULE_SHORTHAND[m.group(0)], plain(text).lower())


@lru_cache(maxsize=64)
def for_model(text: str) -> str:
    """Lower-case, shorthand expanded, letter runs capped: the form the models are trained on."""
    lowered = _REPEATS.sub(r"\1\1", plain(text).lower())
    return _SHORTHAND_WORD.sub(lambda m: SHORTHAND[m.group(0)], lowered)


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
