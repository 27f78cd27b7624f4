"""An inbound text (an SMS, or a voicemail's transcription): ledger first, then the answer.

The opt-out and opt-in events are written before anything is classified further or answered, in
the same transaction that the webhook commits before it replies.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from classifiers import InboundResult, classify_inbound, is_opt_in_yes
from classifiers.cues import asks_for_a_person
from classifiers.language import answer_language
from compliance import ledger
from compliance.purposes import CONVERSATIONAL, OPT_OUT_CONFIRMATION
from config import Settings
from phones import for_display
from relationships import enrollment, replies
from relationships.replies import ReplyContext
from responder import wording
from responder.cancel_keyword import upcoming_visit_after_cancel
from responder.desk import respond
from responder.escalations import escalate, is_staff, relay
from store.models import Contact, Message, utcnow

log = logging.getLogger(__name__)

# Twilio's Advanced Opt-Out has already answered these, so we only record them.
TWILIO_OPT_OUT_TYPES = {"STOP": "opt_out", "START": "opt_in", "HELP": "help"}
# Written on the ledger event, so that `flask twilio doctor` can tell whether Advanced Opt-Out is on.
ADVANCED_OPT_OUT_NOTE = "answered by Twilio Advanced Opt-Out"


@dataclass
class Handled:
    message: Message
    reply: str | None = None
    reply_purpose: str = CONVERSATIONAL
    job_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Known:
    """What the caller already read with the contact (intake/sender.py), so it is not read again.
    The contact's language is already the text's."""

    opt_outs: ledger.OptOuts
    replies: ReplyContext


def receive_text(session: Session, settings: Settings, contact: Contact, body: str, *,
                 channel: str, source_sid: str | None, message_sid: str | None = None,
                 twilio_opt_out_type: str | None = None, has_media: bool = False,
                 result: InboundResult | None = None, known: Known | None = None) -> Handled:
    """`result`: the body's classification when the caller has it (done before the transaction)."""
    result = result or classify_inbound(body)
    if known is None and not is_staff(settings, contact.phone):
        contact.language = answer_language(result.language, contact.language)
    with wording.speaking(contact.language):
        return _receive(session, settings, contact, body, result, channel=channel, source_sid=source_sid,
                        message_sid=message_sid, twilio_opt_out_type=twilio_opt_out_type, has_media=has_media,
                        known=known)


def _receive(session: Session, settings: Settings, contact: Contact, body: str, result: InboundResult, *,
             channel: str, source_sid: str | None, message_sid: str | None, twilio_opt_out_type: str | None,
             has_media: bool, known: Known | None) -> Handled:
    label = result.label
    if twilio_opt_out_type in TWILIO_OPT_OUT_TYPES:
        label = TWILIO_OPT_OUT_TYPES[twilio_opt_out_type]
    message = Message(contact_id=contact.id, direction="inbound", channel=channel,
                      twilio_sid=message_sid, body=body, status="received", intent=label,
                      intent_confidence=result.confidence, entities=result.entities, created_at=utcnow())
    # Written with the transaction's next flush: with the reply, in one INSERT, when nothing needs it sooner.
    session.add(message)

    state = known.opt_outs if known is not None else ledger.opt_outs_of(session, contact.id)
    answered_by_twilio = twilio_opt_out_type in TWILIO_OPT_OUT_TYPES
    if label == "opt_out":
        confirmation = _opt_out(session, settings, contact, result, channel, source_sid, body, state,
                                answered_by_twilio, known)
        visit_note, job_ids = upcoming_visit_after_cancel(session, settings, contact, body, utcnow())
        if confirmation and visit_note:
            confirmation = f"{confirmation} {visit_note}"
        if asks_for_a_person(body):  # "stop the automated texts and have someone call me": staff hear of it
            _, alert_jobs = escalate(session, settings, contact, "human", body)
            job_ids = [*job_ids, *alert_jobs]
        return Handled(message, confirmation, reply_purpose=OPT_OUT_CONFIRMATION, job_ids=job_ids)
    if label == "opt_in" or (state.all and is_opt_in_yes(body)):
        ledger.record(session, contact, "opt_in", source=channel, channel=channel, sid=source_sid,
                      snippet=body, notes=ADVANCED_OPT_OUT_NOTE if answered_by_twilio else None)
        message.intent = "opt_in"
        return Handled(message, None if answered_by_twilio else _say(settings, "opt_in_confirmation"))
    if label == "help" and (answered_by_twilio or result.confidence >= settings.escalation_confidence):
        # An unsure "help" ("¿tengo que encerrar al perro?", "necesito ayuda con mi calentador") goes to the desk.
        return Handled(message, None if answered_by_twilio else _say(settings, "help"))

    if channel == "sms" and is_staff(settings, contact.phone):
        relayed = relay(session, settings, contact.phone, body)
        return Handled(message, relayed.reply, job_ids=relayed.job_ids)

    evidence = "unknown_inbound_context" if label == "other" else "implied_inquiry"
    ledger.record_evidence(session, contact, evidence, source=channel, channel=channel, sid=source_sid, snippet=body)
    if state.all:
        # They opted out of texts: no automated answer goes back, but a person hears of it (on-call
        # staff at once for an emergency) and can decide to call them.
        _, job_ids = escalate(session, settings, contact, "emergency" if label == "emergency" else "opted_out_texted",
                              body, urgent=label == "emergency")
        return Handled(message, job_ids=job_ids)
    consumed = replies.on_inbound(session, settings, contact, message, known.replies if known is not None else None)
    if consumed is not None:
        return Handled(message, consumed.reply, job_ids=consumed.job_ids)
    reply = respond(session, settings, contact, body, result, has_media=has_media, now=utcnow(),
                    standalone=channel != "sms")
    return Handled(message, reply.text, job_ids=reply.job_ids)


def _opt_out(session: Session, settings: Settings, contact: Contact, result: InboundResult,
             channel: str, source_sid: str | None, body: str, state: ledger.OptOuts, answered_by_twilio: bool,
             known: Known | None) -> str | None:
    scope = result.opt_out_scope or "all"
    already_out = state.all or (scope == "marketing" and state.marketing)
    ledger.record(session, contact, "opt_out", scope=scope, source=channel, channel=channel,
                  sid=source_sid, snippet=body, notes=ADVANCED_OPT_OUT_NOTE if answered_by_twilio else None)
    session.flush()  # the opt-out is written first, whatever comes next
    if known is None or known.replies.has_active_enrollment:
        enrollment.stop_for_contact(session, contact.id, "opted_out", f"the customer opted out ({scope})")
    if answered_by_twilio or already_out:
        return None
    return _say(settings, "opt_out_marketing_confirmation" if scope == "marketing" else "opt_out_confirmation")


def _say(settings: Settings, key: str) -> str:
    return wording.say(key, business=settings.business_name, phone=for_display(settings.business_phone))
