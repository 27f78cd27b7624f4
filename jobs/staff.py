"""Texts to the business's own staff (escalations, new requests). Staff are not customers: these
are not asked of the customer send gate, but they are stored and retried like every other text."""

from __future__ import annotations

import runtime
from delivery import outbound
from delivery.sender import build_sender
from store.db import session_scope
from store.models import Contact, Message


def notify(message_id: int) -> str:
    settings = runtime.settings()
    with session_scope(settings.database_url) as session:
        message = session.get(Message, message_id)
        if message is None or message.status not in (outbound.PENDING, "retrying"):
            return message.status if message else "missing"
        contact = session.get(Contact, message.contact_id)
        result = outbound.send(session, settings, message, contact, build_sender(settings))
        status, reason = message.status, message.status_reason
    if result.retry:
        raise outbound.RetryLater(f"staff message {message_id}: {reason}")
    return status
