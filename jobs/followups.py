"""Follow-up jobs that write their message when they run, from what the database says then."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

import runtime
from delivery import outbound
from jobs.send import deliver
from responder import wording
from store.db import session_scope
from store.models import Contact, Message, utcnow

TEXTBACK_SUBJECT = "missed_call_textback"


def missed_call_textback(contact_id: int, call_sid: str) -> str:
    settings = runtime.settings()
    window = timedelta(minutes=settings.missed_call_textback_window_minutes)
    with session_scope(settings.database_url) as session:
        contact = session.get(Contact, contact_id)
        job_key = f"missed-call-textback:{call_sid}"
        message = session.scalars(select(Message).where(Message.job_key == job_key)).one_or_none()
        if message is None:
            recent = session.scalar(select(Message.id).where(
                Message.contact_id == contact_id, Message.subject == TEXTBACK_SUBJECT,
                Message.status.not_in(("refused", "failed")), Message.created_at > utcnow() - window))
            if recent is not None:
                return "already texted back within the window"
            body = wording.say(TEXTBACK_SUBJECT, business=settings.business_name)
            message = outbound.new_outbound(session, contact, body, purpose="service_followup",
                                            subject=TEXTBACK_SUBJECT, job_key=job_key)
        message_id = message.id
    return deliver(message_id)
