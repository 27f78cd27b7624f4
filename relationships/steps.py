"""Run one planned step of an enrollment: check the stop conditions, write its message, plan the next.

The message is written once (its job key names the enrollment and the step) and then sent by the
caller through the send gate, like every other follow-up; nothing here sends.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from jobs.followups import _message as write_message  # written once per job key, as every follow-up
from relationships import links, templates
from relationships.enrollment import (
    ACTIVE,
    COMPLETED,
    STOPPED,
    StepOutcome,
    message_key,
    plan_next,
    step_at,
    stop,
    stop_reason,
)
from store.models import Booking, Contact, Enrollment, FollowupSequence, Message, utcnow


def run(session: Session, settings: Settings, enrollment_id: int, position: int) -> StepOutcome:
    key = message_key(enrollment_id, position)
    written = session.scalar(select(Message.id).where(Message.job_key == key))
    if written is not None:
        return StepOutcome(written, "already written", [])
    enrollment = session.get(Enrollment, enrollment_id, with_for_update=True)
    if enrollment is None:
        return StepOutcome(None, "the enrollment is gone", [])
    if enrollment.status != ACTIVE:
        return StepOutcome(None, f"the enrollment is {enrollment.status}", [])
    if enrollment.next_position != position:
        return StepOutcome(None, "not the enrollment's next step", [])
    sequence = session.get(FollowupSequence, enrollment.sequence_id)
    step = step_at(session, sequence.id, position)
    if step is None:
        enrollment.status, enrollment.ended_at = COMPLETED, utcnow()
        enrollment.reason = "the sequence has no more steps"
        return StepOutcome(None, "no such step any more", [])
    reason = stop_reason(session, enrollment, sequence.stop_on)
    if reason:
        stop(session, enrollment, STOPPED, reason)
        return StepOutcome(None, reason, [])
    contact = session.get(Contact, enrollment.contact_id)
    booking = session.get(Booking, enrollment.booking_id) if enrollment.booking_id else None
    body = templates.render(step.template, {
        "first_name": templates.first_name(contact.name), "business": settings.business_name,
        "review_link": settings.review_url, "service": booking.service if booking else None})
    body, link_ids = links.rewrite(session, settings.public_base_url, contact.id, key, body)
    message_id = write_message(session, contact.id, body, step.purpose, key, f"sequence:{sequence.id}",
                               address_id=booking.address_id if booking else None)  # the gate reads the job's address
    links.attach(session, link_ids, message_id)
    enrollment.next_position = position + 1
    job_id = plan_next(session, enrollment)
    return StepOutcome(message_id, "written", [job_id] if job_id else [])
