"""Escalations: what a person must answer, the texts that tell staff, and staff replies relayed back.

Only numbers listed in the business profile (staff_numbers, on_call_numbers) reach the relay: a
customer's text never does, and Twilio's signature guarantees the From number.

Every staff alert opens a numbered thread (StaffThread) and carries its reference "#N", whatever it is
about (an escalation, a lead, a booking request). "#N answer" answers thread N; a plain reply answers
the thread of the last alert that staff member received, unless another alert reached them within
AMBIGUOUS_WITHIN of it: then they are asked which, and nothing is relayed. Access codes in the
customer's words are masked in alert texts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import bindparam, case, func, insert, literal, select
from sqlalchemy.orm import Session

from compliance import ledger, purposes
from config import Settings
from crm.access import masked_text
from crm.fields import is_row_id
from delivery.outbound import PENDING, new_outbound
from jobs.queue import DELIVER_JOB, NOTIFY_JOB, Planned, schedule, schedule_all
from responder import wording
from store.models import Contact, Escalation, Message, StaffThread, utcnow

STAFF_ALERT = "staff_alert"
TRANSCRIPT_MESSAGES = 10
WORDS_IN_ALERT = 300
REFERENCE = re.compile(r"^\s*#(\d+)\s*[:\-]?\s*")
ALERT_SUBJECT = "alert:"
AMBIGUOUS_WITHIN = timedelta(minutes=1)


@dataclass
class Relayed:
    reply: str
    job_ids: list[int]


def is_staff(settings: Settings, phone: str) -> bool:
    profile = settings.profile
    return phone in profile.staff_numbers or phone in profile.on_call_numbers


def escalate(session: Session, settings: Settings, contact: Contact, reason: str, words: str, *,
             urgent: bool = False, flag: str = "") -> tuple[int, list[int]]:
    """Store an escalation with the conversation so far and text staff (on-call staff when urgent);
    the escalation's id and the alert jobs.

    `flag` ("URGENT") is put in front of the reason in the alert, for staff to see at a glance.
    """
    escalation_id = session.connection().execute(_INSERT_ESCALATION, {
        "contact_id": contact.id, "reason": reason, "status": "open", "transcript": _transcript(session, contact),
        "created_at": utcnow()}).scalar_one()
    profile = settings.profile
    recipients = (profile.on_call_numbers if urgent else ()) + profile.staff_numbers
    reason_text = f"{flag} {reason}" if flag else reason
    return escalation_id, alert_staff(session, recipients, contact, f"escalation:{escalation_id}",
                                      lambda reference: staff_alert(contact, reference, reason_text, words))


# Core INSERTs run on the session's connection: no flush of the text's own pending rows (its message and
# ledger event wait to go with the reply), and none of the ORM's unit of work for a row nothing reads back.
_INSERT_ESCALATION = insert(Escalation).returning(Escalation.id)
_INSERT_THREAD = insert(StaffThread).returning(StaffThread.id)


def who(contact: Contact) -> dict[str, str]:
    """The customer as staff texts name them: the number, the name in brackets when known, VIP when they are."""
    return {"phone": contact.phone, "name": f" ({contact.name})" if contact.name else "",
            "vip": " VIP" if contact.vip else ""}


def staff_alert(contact: Contact, reference, reason: str, words: str) -> str:
    return wording.say("staff_alert", reference=reference, reason=reason.replace("_", " "), **who(contact),
                       words=_shorten(masked_text(words)))


def alert_staff(session: Session, recipients, contact: Contact, about: str, compose,
                with_jobs: Sequence[Planned] = ()) -> list[int]:
    """Open a thread about `contact` (`about`: "lead:7"), text `compose(reference)` to each recipient.

    `with_jobs`: the caller's own jobs, written with the alerts' (one INSERT); every job's id is returned.
    """
    thread_id = session.connection().execute(_INSERT_THREAD, {
        "contact_id": contact.id, "subject": about, "created_at": utcnow()}).scalar_one()
    return notify_staff(session, dict.fromkeys(recipients), compose(thread_id), subject=f"{ALERT_SUBJECT}{thread_id}",
                        with_jobs=with_jobs)


def notify_staff(session: Session, recipients, body: str, *, subject: str,
                 with_jobs: Sequence[Planned] = ()) -> list[int]:
    """Text `body` to each staff number: their messages written by one INSERT ... SELECT over their
    contacts, their jobs (and `with_jobs`) by one more (not a lookup, then a statement per message and per job)."""
    phones = list(dict.fromkeys(recipients))
    if not phones:
        return schedule_all(session, with_jobs)
    statement = _staff_messages(len(phones))
    values = {"body": body, "subject": subject, "created_at": utcnow(),
              **{f"phone_{index}": phone for index, phone in enumerate(phones)}}
    message_ids = sorted(session.connection().execute(statement, values).scalars())
    if not message_ids:  # a staff number not yet a contact: every contact made first, then the messages
        ledger.contacts_for(session, phones, lead_source="manual")
        message_ids = sorted(session.connection().execute(statement, values).scalars())
    return schedule_all(session, [*(Planned(NOTIFY_JOB, {"message_id": message_id}) for message_id in message_ids),
                                  *with_jobs])


@lru_cache(maxsize=16)
def _staff_messages(count: int):
    """INSERT a staff alert for each of `count` numbers (:phone_0 ...) in their order, or none unless every
    number is a contact already."""
    phones = [bindparam(f"phone_{index}") for index in range(count)]
    known = select(func.count(Contact.id)).where(Contact.phone.in_(phones)).scalar_subquery()
    rows = (select(Contact.id, literal("outbound"), literal("sms"), bindparam("body"), literal(STAFF_ALERT),
                   bindparam("subject"), literal(PENDING), literal(0), bindparam("created_at"))
            .where(Contact.phone.in_(phones), known == count)
            .order_by(case(*[(Contact.phone == phone, index) for index, phone in enumerate(phones)])))
    return (insert(Message).from_select(["contact_id", "direction", "channel", "body", "purpose", "subject", "status",
                                         "attempts", "created_at"], rows)
            .returning(Message.id))


def relay(session: Session, settings: Settings, staff_phone: str, text: str) -> Relayed:
    """A staff member's text: "#12 text" answers alert 12; plain text answers the last alert they received."""
    match = REFERENCE.match(text)
    if match:
        thread = session.get(StaffThread, int(match.group(1))) if is_row_id(int(match.group(1))) else None
    else:
        latest = _latest_threads_sent_to(session, staff_phone)
        if len(latest) > 1:
            return Relayed(wording.say("relay_which", options=_which(latest)), [])
        thread = latest[0] if latest else None
    words = text[match.end():].strip() if match else text.strip()
    if thread is None:
        return Relayed(wording.say("relay_unknown"), [])
    if not words:
        return Relayed(wording.say("relay_empty", reference=thread.id), [])
    customer = session.get(Contact, thread.contact_id)
    message = new_outbound(session, customer, wording.say("relayed", business=settings.business_name, words=words),
                           purpose=purposes.CONVERSATIONAL, subject=thread.subject)
    refusal = _refusal(session, settings, message, customer)
    if refusal is not None:
        return Relayed(wording.say("relay_refused", reference=thread.id, phone=customer.phone, reason=refusal), [])
    escalation = _escalation_of(session, thread)
    if escalation is not None:
        if escalation.status == "open":
            escalation.status, escalation.claimed_by = "claimed", staff_phone
        escalation.transcript = [*escalation.transcript, {"from": "staff", "by": staff_phone, "text": words,
                                                          "at": utcnow().isoformat()}]
    job_id = schedule(session, DELIVER_JOB, message_id=message.id)
    return Relayed(wording.say("relay_sent", reference=thread.id, phone=customer.phone), [job_id])


def _refusal(session: Session, settings: Settings, message: Message, customer: Contact) -> str | None:
    """Ask the gate now, so staff hear at once that their words will not go out (and why); None if allowed.

    The send job asks again at send time; a refusal is recorded on the message like any other.
    """
    # Imported here: the gatekeeper reaches jobs.refusals, which imports this module for notify_staff.
    from delivery import gatekeeper

    now = utcnow()
    decision = gatekeeper.decide(session, settings, customer, message.purpose, message.body, now,
                                 subject=message.subject, address_id=message.address_id)
    if decision.action != gatekeeper.gate.REFUSE:
        return None
    gatekeeper.record(session, settings, message, customer, decision, now, staff_told=True)
    return "; ".join(decision.reasons)


def references_of(session: Session, escalations: list[Escalation]) -> dict[int, int]:
    """Escalation id -> the "#N" of the alert that told staff of it (the first, if there were several)."""
    subjects = {f"escalation:{escalation.id}": escalation.id for escalation in escalations}
    if not subjects:
        return {}
    rows = session.execute(select(StaffThread.subject, StaffThread.id)
                           .where(StaffThread.subject.in_(list(subjects))).order_by(StaffThread.id.desc()))
    return {subjects[subject]: thread_id for subject, thread_id in rows}


def _latest_threads_sent_to(session: Session, staff_phone: str) -> list[StaffThread]:
    """The thread of the last alert this staff member received, or every thread alerted within a minute of it."""
    staff = ledger.find_contact(session, staff_phone)
    if staff is None:
        return []
    alerts = session.execute(
        select(Message.subject, Message.created_at)
        .where(Message.contact_id == staff.id, Message.purpose == STAFF_ALERT,
               Message.subject.like(f"{ALERT_SUBJECT}%"))
        .order_by(Message.id.desc()).limit(10)).all()
    if not alerts:
        return []
    last_at = alerts[0].created_at
    ids = dict.fromkeys(int(subject.removeprefix(ALERT_SUBJECT)) for subject, created_at in alerts
                        if last_at - created_at < AMBIGUOUS_WITHIN)
    return [thread for thread_id in sorted(ids) if (thread := session.get(StaffThread, thread_id)) is not None]


def _which(threads: list[StaffThread]) -> str:
    references = [f"#{thread.id}" for thread in threads]
    return f"{', '.join(references[:-1])} or {references[-1]}"


def _escalation_of(session: Session, thread: StaffThread) -> Escalation | None:
    kind, _, row_id = thread.subject.partition(":")
    return session.get(Escalation, int(row_id)) if kind == "escalation" and row_id.isdigit() else None


def _transcript(session: Session, contact: Contact) -> list[dict]:
    """The contact's last messages, the text being answered (not written yet: it goes with the reply) last."""
    pending = [message for message in session.new if isinstance(message, Message) and message.contact_id == contact.id]
    if any(message.created_at is None for message in pending):
        session.flush()  # its time is the row's: written now
        pending = []
    written = session.connection().execute(
        select(Message.direction, Message.body, Message.created_at).where(Message.contact_id == contact.id)
        .order_by(Message.id.desc()).limit(TRANSCRIPT_MESSAGES)).all()
    messages = [*reversed(written), *pending][-TRANSCRIPT_MESSAGES:]
    return [{"from": "customer" if message.direction == "inbound" else "us", "text": message.body,
             "at": message.created_at.isoformat()} for message in messages]


def _shorten(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= WORDS_IN_ALERT else words[: WORDS_IN_ALERT - 3] + "..."
