"""Access notes (gate codes, lockbox codes, pets) as staff see them: codes masked unless asked for.

The SMS responder writes the notes. A value under a key named `code` or ending in `_code` (or
`_codes`) opens a customer's door, so it leaves the service masked to its last two characters unless
the caller asks to reveal it, and it is never logged.
"""

from __future__ import annotations

import re
from typing import Any

MASK = "**"
SHOWN_CHARACTERS = 2
MIN_LENGTH_TO_SHOW_TAIL = 4  # a shorter code would be (half) given away by its last two characters
_CODE_KEY = re.compile(r"(?:^|_)codes?$", re.IGNORECASE)  # gate_code, Lockbox_Code, door_codes, code


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
