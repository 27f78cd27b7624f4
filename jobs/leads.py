"""The one reminder to staff about a lead nobody has answered."""

from __future__ import annotations

from datetime import timedelta

import runtime
from crm import leads
from jobs.queue import dispatch
from responder import wording
from responder.escalations import alert_staff, who
from store.db import session_scope
from store.models import Contact, Lead, utcnow


def remind_unanswered(lead_id: int) -> str:
    settings = runtime.settings()
    with session_scope(settings.database_url) as session:
        lead = session.get(Lead, lead_id)
        if lead is None:
            return "missing"
        if lead.reminded_at is not None:
            return "already reminded"
        if leads.is_answered(session, lead):
            return "answered"
        waited = utcnow() - lead.created_at
        contact = session.get(Contact, lead.contact_id)
        job_ids = alert_staff(
            session, settings.profile.staff_numbers, contact, f"lead:{lead.id}",
            lambda reference: wording.say("lead_reminder", reference=reference, waited=_duration(waited),
                                          words=lead.summary[:200], **who(contact)))
        lead.reminded_at = utcnow()
    dispatch(settings, job_ids)
    return f"reminded {len(job_ids)} staff number(s)"


def _duration(waited: timedelta) -> str:
    minutes = int(waited.total_seconds() // 60)
    return f"{minutes} min" if minutes < 120 else f"{minutes // 60} h"
