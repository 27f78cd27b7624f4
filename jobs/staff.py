"""Texts to the business's own staff (escalations, new requests). Staff are not customers: these
are not asked of the customer send gate, but they are stored and retried like every other text."""

from __future__ import annotations

from jobs.runner import Lease, takes_lease
from jobs.send import send_stored


@takes_lease
def notify(message_id: int, lease: Lease | None = None) -> str:
    return send_stored(message_id, ask_gate=False, lease=lease)
