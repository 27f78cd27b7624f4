"""The job that sends one stored outbound message, asking the gate first."""

from __future__ import annotations

import runtime
from delivery import outbound
from delivery.gatekeeper import admit
from delivery.sender import build_sender
from store.db import session_scope
from store.models import Contact, Message

SENDABLE = {"queued", "retrying", "deferred"}


def deliver(message_id: int) -> str:
    settings = runtime.settings()
    with session_scope(settings.database_url) as session:
        message = session.get(Message, message_id)
        if message is None or message.status not in SENDABLE:
            return message.status if message else "missing"
        contact = session.get(Contact, message.contact_id)
        refusal = admit(session, settings, message, contact)
        if refusal is not None:
            return refusal
        result = outbound.send(session, settings, message, contact, build_sender(settings))
    if result.retry:
        raise outbound.RetryLater(f"message {message_id}: {message.status_reason}")
    return result.status
