"""The jobs that send one stored outbound message: to customers through the gate, to staff without it."""

from __future__ import annotations

from sqlalchemy import bindparam, select

import runtime
from compliance.gate import ALLOW
from delivery import outbound
from delivery.gatekeeper import admit
from delivery.sender import build_sender
from jobs.queue import dispatch
from jobs.runner import Lease, takes_lease
from store.db import session_scope
from store.models import Contact, Message

SENDABLE = {outbound.PENDING, "retrying", "deferred"}
# The message, locked, and its contact: one statement.
_MESSAGE_AND_CONTACT = (select(Message, Contact).join(Contact, Contact.id == Message.contact_id)
                        .where(Message.id == bindparam("message_id")).with_for_update(of=Message))


@takes_lease
def deliver(message_id: int, lease: Lease | None = None) -> str:
    return send_stored(message_id, ask_gate=True, lease=lease)


def send_stored(message_id: int, *, ask_gate: bool, lease: Lease | None = None) -> str:
    """Send a stored outbound message at most once; its status afterwards. Raises RetryLater on a
    transient failure.

    The gate is asked and the message claimed ("sending") under the row's lock (SELECT ... FOR UPDATE;
    SQLite's write lock), and the claim is committed before the text leaves: a second run of the same
    job finds it claimed and leaves it, and a failed or lost outcome cannot make it look unsent. A run
    that dies between the claim and its outcome leaves the row to the sweeper (jobs.settle).

    Run as a job (`lease`), the claim goes in the transaction that took the job's lease, and the job is
    finished in the one that commits its outcome (or the claim's, when nothing is sent).
    """
    settings = runtime.settings()
    deferred_job = None  # a deferred send, or the digest that tells staff of a refusal
    claimed = None
    with lease.transaction() if lease else session_scope(settings.database_url) as session:
        found = session.execute(_MESSAGE_AND_CONTACT, {"message_id": message_id}).first()
        message, contact = found if found else (None, None)
        if message is not None and message.status in SENDABLE:
            allowed = True
            if ask_gate:
                decision, deferred_job = admit(session, settings, message, contact)
                allowed = decision.action == ALLOW
            if allowed:
                claimed = outbound.claim(message, contact)
        status = message.status if message else "missing"
        if claimed is None and lease:
            lease.finish(session)
    if deferred_job is not None:
        dispatch(settings, [deferred_job])
    if claimed is None:
        return status
    delivery = outbound.send_claimed(settings, claimed, build_sender(settings), finish=lease and lease.finish)
    if delivery.retry:
        raise outbound.RetryLater(f"message {message_id}: {delivery.reason}")
    return delivery.status
