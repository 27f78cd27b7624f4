"""The jobs that send one stored outbound message: to customers through the gate, to staff without it."""

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
    return send_stored(message_id, ask_gate=True)


def send_stored(message_id: int, *, ask_gate: bool) -> str:
    """Send a stored outbound message at most once; its status afterwards. Raises RetryLater on a
    transient failure.

    The gate is asked and the message claimed ("sending") under the row's lock (SELECT ... FOR UPDATE;
    SQLite's write lock), and the claim is committed before the text leaves: a second run of the same
    job finds it claimed and leaves it, and a failed or lost outcome cannot make it look unsent. A run
    that dies between the claim and its outcome leaves the row to the sweeper (jobs.settle).
    """
    settings = runtime.settings()
    deferred_job = None  # a deferred send, or the digest that tells staff of a refusal
    claimed = None
    with session_scope(settings.database_url) as session:
        message = session.get(Message, message_id, with_for_update=True)
        if message is None or message.status not in SENDABLE:
            return message.status if message else "missing"
        contact = session.get(Contact, message.contact_id)
        allowed = True
        if ask_gate:
            decision, deferred_job = admit(session, settings, message, contact)
            allowed = decision.action == ALLOW
        if allowed:
            claimed = outbound.claim(message, contact)
        status = message.status
    if deferred_job is not None:
        dispatch(settings, [deferred_job])
    if claimed is None:
        return status
    delivery = outbound.send_claimed(settings, claimed, build_sender(settings))
    if delivery.retry:
        raise outbound.RetryLater(f"message {message_id}: {delivery.reason}")
    return delivery.status
