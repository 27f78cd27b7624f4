"""Access notes (gate codes, lockbox codes, pets) as staff see them: codes masked unless asked for.

The SMS responder writes the notes. A value under a key named `code` or ending in `_code` (or
`_codes`) opens a customer's door, so it leaves the service masked to its last two characters unless
the caller asks to reveal it, and it is never logged. The same goes for a code in free text (a
customer's "gate code is 4821" in a transcript, a ledger snippet or a staff alert): `masked_text`
finds it as the responder does (classifiers.entities) and masks it; `redacted` does both to a
whole JSON answer.
"""

from __future__ import annotations

import re
from typing import Any

from classifiers.entities import CODE_KEYWORDS, CODE_KINDS, find_entities

MASK = "**"
SHOWN_CHARACTERS = 2
MIN_LENGTH_TO_SHOW_TAIL = 4  # a shorter code would be (half) given away by its last two characters
_CODE_KEY = re.compile(r"(?:^|_)codes?$", re.IGNORECASE)  # gate_code, Lockbox_Code, door_codes, code
ACCESS_NOTES_KEY = "access_notes"
# Every code rule of classifiers.entities needs three digits and one of these words: a cheap first look.
_MAY_HOLD_A_CODE = re.compile(r"\d{3}")
_CODE_WORDS = re.compile("|".join([*CODE_KEYWORDS.values(), r"code|pin|combo|combination|passcode|password"]),
                         re.IGNORECASE)


def masked_text(text: str) -> str:
    """`text` with the value of every access code it mentions masked: "gate code is **21"."""
    if not _MAY_HOLD_A_CODE.search(text) or not _CODE_WORDS.search(text):
        return text
    spans = [(entity["start"], entity["end"], entity["value"]) for entity in find_entities(text)
             if entity["kind"] in CODE_KINDS and entity.get("value")]
    for start, end, value in reversed(spans):
        at = text.rfind(value, start, end)
        if at >= 0:
            text = text[:at] + _mask(value) + text[at + len(value):]
    return text


def redacted(answer: Any) -> Any:
    """A JSON answer with every code masked: access notes by key, and codes mentioned in any text."""
    if isinstance(answer, dict):
        return {key: masked(value) if key == ACCESS_NOTES_KEY else redacted(value) for key, value in answer.items()}
    if isinstance(answer, list):
        return [redacted(item) for item in answer]
    if isinstance(answer, str):
        return masked_text(answer)
    return answer


def masked(notes: Any, reveal: bool = False) -> Any:
    """A copy of `notes` with every code masked, e.g. "4821" -> "**21"; nested objects included."""
    if reveal:
        return notes
    if isinstance(notes, dict):
        return {key: _mask(value) if _is_code(key) else masked(value) for key, value in notes.items()}
    if isinstance(notes, list):
        return [masked(item) for item in notes]
    return notes


def _is_code(key: Any) -> bool:
    return _CODE_KEY.search(str(key)) is not None


def _mask(value: Any) -> Any:
    """Every value under a code key is masked, however it is nested."""
    if isinstance(value, dict):
        return {key: _mask(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_mask(item) for item in value]
    if value is None:
        return None
    code = str(value)
    return MASK + code[-SHOWN_CHARACTERS:] if len(code) >= MIN_LENGTH_TO_SHOW_TAIL else MASK
