"""Asks, right before a send, whether this message may go to this contact now."""

from __future__ import annotations

from sqlalchemy.orm import Session

from compliance import ledger
from config import Settings
from delivery import outbound
from delivery.purposes import OPT_OUT_CONFIRMATION
from store.models import Contact, Message


def admit(session: Session, settings: Settings, message: Message, contact: Contact) -> str | None:
    """None when the message may be sent now; otherwise the status it was given instead."""
    state = ledger.state_of(session, contact.id)
    if message.purpose == OPT_OUT_CONFIRMATION:
        return None
    if state.opted_out_all:
        return outbound.refuse(message, "the contact opted out of all texts").status
    if message.purpose == "marketing" and state.opted_out_marketing:
        return outbound.refuse(message, "the contact opted out of marketing texts").status
    return None
