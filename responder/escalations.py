"""Escalations: what a person must answer, the texts that tell staff, and staff replies relayed back.

Only numbers listed in the business profile (staff_numbers, on_call_numbers) reach the relay: a
customer's text never does, and Twilio's signature guarantees the From number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from compliance import ledger, purposes
from config import Settings
from delivery.outbound import new_outbound
from jobs.queue import DELIVER_JOB, schedule
from responder import wording
from store.models import Contact, Escalation, Message, utcnow

STAFF_ALERT = "staff_alert"
NOTIFY_JOB = "jobs.staff.notify"
TRANSCRIPT_MESSAGES = 10
WORDS_IN_ALERT = 300
REFERENCE = re.compile(r"^\s*#(\d+)\s*[:\-]?\s*")


@dataclass
class Relayed:
    reply: str
    job_ids: list[int]


def is_staff(settings: Settings, phone: str) -> bool:
    profile = settings.profile
    return phone in profile.staff_numbers or phone in profile.on_call_numbers


def escalate(session: Session, settings: Settings, contact: Contact, reason: str, words: str, *,
             urgent: bool = False) -> tuple[Escalation, list[int]]:
    """Store an escalation with the conversation so far and text staff (on-call staff when urgent)."""
    escalation = Escalation(contact_id=contact.id, reason=reason, status="open",
                            transcript=_transcript(session, contact))
    session.add(escalation)
    session.flush()
    alert = staff_alert(contact, escalation.id, reason, words)
    profile = settings.profile
    recipients = (profile.on_call_numbers if urgent else ()) + profile.staff_numbers
    return escalation, notify_staff(session, dict.fromkeys(recipients), alert, subject=f"escalation:{escalation.id}")


def who(contact: Contact) -> dict[str, str]:
    """The customer as staff texts name them: the number, and the name in brackets when known."""
    return {"phone": contact.phone, "name": f" ({contact.name})" if contact.name else ""}


def staff_alert(contact: Contact, reference, reason: str, words: str) -> str:
    return wording.say("staff_alert", reference=reference, reason=reason.replace("_", " "), **who(contact),
                       words=_shorten(words))


def notify_staff(session: Session, recipients, body: str, *, subject: str) -> list[int]:
    job_ids = []
    for phone in recipients:
        staff = ledger.contact_for(session, phone, lead_source="manual")
        message = new_outbound(session, staff, body, purpose=STAFF_ALERT, subject=subject)
        job_ids.append(schedule(session, NOTIFY_JOB, message_id=message.id))
    return job_ids


def relay(session: Session, settings: Settings, staff_phone: str, text: str) -> Relayed:
    """A staff member's text: "#12 text" answers escalation 12; plain text answers their latest one."""
    match = REFERENCE.match(text)
    escalation = (session.get(Escalation, int(match.group(1))) if match
                  else _latest_escalation_sent_to(session, staff_phone))
    words = text[match.end():].strip() if match else text.strip()
    if escalation is None:
        return Relayed(wording.say("relay_unknown"), [])
    if not words:
        return Relayed(wording.say("relay_empty", reference=escalation.id), [])
    customer = session.get(Contact, escalation.contact_id)
    message = new_outbound(session, customer, wording.say("relayed", business=settings.business_name, words=words),
                           purpose=purposes.CONVERSATIONAL, subject=f"escalation:{escalation.id}")
    if escalation.status == "open":
        escalation.status, escalation.claimed_by = "claimed", staff_phone
    escalation.transcript = [*escalation.transcript, {"from": "staff", "by": staff_phone, "text": words,
                                                      "at": utcnow().isoformat()}]
    job_id = schedule(session, DELIVER_JOB, message_id=message.id)
    return Relayed(wording.say("relay_sent", reference=escalation.id, phone=customer.phone), [job_id])


def _latest_escalation_sent_to(session: Session, staff_phone: str) -> Escalation | None:
    staff = ledger.find_contact(session, staff_phone)
    if staff is None:
        return None
    subject = session.scalars(
        select(Message.subject).where(Message.contact_id == staff.id, Message.purpose == STAFF_ALERT,
                                      Message.subject.like("escalation:%"))
        .order_by(Message.id.desc()).limit(1)).first()
    return session.get(Escalation, int(subject.split(":")[1])) if subject else None


def _transcript(session: Session, contact: Contact) -> list[dict]:
    messages = session.scalars(select(Message).where(Message.contact_id == contact.id)
                               .order_by(Message.id.desc()).limit(TRANSCRIPT_MESSAGES))
    return [{"from": "customer" if message.direction == "inbound" else "us", "text": message.body,
             "at": message.created_at.isoformat()} for message in reversed(list(messages))]


def _shorten(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= WORDS_IN_ALERT else words[: WORDS_IN_ALERT - 3] + "..."
