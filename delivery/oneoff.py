"""Messages staff send by hand (one-offs, on-my-way): stored, then sent by a job through the gate."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from compliance import purposes
from config import Settings
from delivery.outbound import new_outbound
from jobs.queue import DELIVER_JOB, schedule
from responder import wording
from store.models import Booking, Contact, Message


def schedule_message(session: Session, contact: Contact, purpose: str, body: str, *,
                     send_at: datetime | None = None, subject: str | None = None,
                     job_key: str | None = None) -> tuple[Message, int | None]:
    message = new_outbound(session, contact, body, purpose=purpose, subject=subject,
                           job_key=job_key or f"one-off:{uuid.uuid4().hex}")
    message.not_before = send_at
    job_id = schedule(session, DELIVER_JOB, run_at=send_at, dedupe_key=f"deliver:{message.id}:first",
                      message_id=message.id)
    return message, job_id


def on_my_way(session: Session, settings: Settings, booking: Booking, eta_minutes: int,
              tech: str) -> tuple[Message, int | None]:
    contact = session.get(Contact, booking.contact_id)
    body = wording.say("on_my_way", lang=contact.language, business=settings.business_name, tech=tech,
                       eta=eta_minutes)
    message, job_id = schedule_message(session, contact, purposes.TRANSACTIONAL, body, subject=f"booking:{booking.id}",
                                       job_key=f"on-my-way:{booking.id}:{uuid.uuid4().hex}")
    message.address_id = booking.address_id  # the gate reads the job's zone and after-sales care
    return message, job_id
