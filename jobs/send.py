"""The job that sends one stored outbound message, asking the gate first."""

from __future__ import annotations

import runtime
from compliance.gate import ALLOW
from delivery import outbound
from delivery.gatekeeper import admit
from delivery.sender import build_sender
from jobs.queue import dispatch
from store.db import session_scope
from store.models import Contact, Message

SENDABLE = {outbound.PENDING, "retrying", "deferred"}


def deliver(message_id: int) -> str:
    settings = runtime.settings()
    deferred_job = None
    with session_scope(settings.database_url) as session:
        message = session.get(Message, message_id)
        if message is None or message.status not in SENDABLE:
            return message.status if message else "missing"
        contact = session.get(Contact, message.contact_id)
        decision, deferred_job = admit(session, settings, message, contact)
        if decision.action == ALLOW:
            result = outbound.send(session, settings, message, contact, build_sender(settings))
        status, reason = message.status, message.status_reason
    if deferred_job is not None:
        dispatch(settings, [deferred_job])
    if decision.action == ALLOW and result.retry:
        raise outbound.RetryLater(f"message {message_id}: {reason}")
    return status
