"""Replay a webhook the fallback URL kept, through the normal path."""

from __future__ import annotations

import runtime
from twilio_account import fallback


def replay_request(request_id: int) -> str:
    return fallback.replay(runtime.settings(), request_id)
