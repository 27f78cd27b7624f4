"""What a Twilio field may hold before it reaches a column, checked at the edge (a 400 naming it).

Flask-free, so the webhook helpers (handlers/twilio_request.py) and the form parsers of intake share it.
"""

from __future__ import annotations

import re

SID_MAX_CHARACTERS = 64  # every *_sid column
STATUS_MAX_CHARACTERS = 16  # messages.status, calls.dial_status, messages.error_code
URL_MAX_CHARACTERS = 2000
TWILIO_ID = re.compile(f"[A-Za-z0-9]{{2,{SID_MAX_CHARACTERS}}}")


def is_twilio_id(value: str) -> bool:
    return TWILIO_ID.fullmatch(value) is not None


def is_whole_number(value: str, max_digits: int) -> bool:
    """ASCII digits only: "²".isdigit() is True, and int("²") fails; 20 digits overflow a column."""
    return re.fullmatch(f"[0-9]{{1,{max_digits}}}", value) is not None
