"""Message hygiene: SMS segment counting and the phrases every body must carry."""

import re

# GSM 03.38 default alphabet (one septet each) and its extension table (escape + char: two).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM7_SINGLE, GSM7_PART = 160, 153  # septets; a multipart header takes 7
UCS2_SINGLE, UCS2_PART = 70, 67  # UTF-16 code units


def segments(body: str) -> int:
    """How many SMS segments `body` takes: GSM-7 when every character allows it, else UCS-2.

    Parts of a long message never split an escape sequence or a surrogate pair, as handsets
    and carriers do not. An empty body takes none.
    """
    if is_gsm7(body):
        units = [2 if ch in GSM7_EXTENSION else 1 for ch in body]
        single, part = GSM7_SINGLE, GSM7_PART
    else:
        units = [len(ch.encode("utf-16-le")) // 2 for ch in body]
        single, part = UCS2_SINGLE, UCS2_PART
    total = sum(units)
    if total <= single:
        return 1 if total else 0
    count, used = 1, 0
    for size in units:
        if used + size > part:
            count, used = count + 1, 0
        used += size
    return count


def is_gsm7(body: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in body)


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SPACES = re.compile(r"\s+")


def contains_phrase(body: str, phrase: str) -> bool:
    """True when `phrase` appears in `body`, ignoring case, curly quotes and runs of spaces."""
    return _normalized(phrase) in _normalized(body)


def _normalized(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_QUOTES)).casefold().strip()
