"""An inbound SMS/MMS webhook's form, read without Flask, and its answer.

The webhook (handlers/sms.py) and the replay of a request the fallback URL kept
(twilio_account/fallback.py) both come through here, so a replayed text is handled exactly like
one that arrived on time; a replay's answer is sent by REST because its TwiML moment has passed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from sqlalchemy.orm import Session

from classifiers import InboundResult, classify_inbound
from classifiers.language import answer_language
from config import Settings
from delivery.outbound import keep_unanswered, new_outbound, reply_with_text
from intake.sender import sender_of
from intake.texts import Known, receive_text
from intake.twiml import messaging_answer
from jobs.queue import DELIVER_JOB, schedule
from phones import InvalidPhoneNumber, to_e164
from relationships.replies import reply_hours
from responder.escalations import is_staff
from store.limits import SID_MAX_CHARACTERS, STATUS_MAX_CHARACTERS, URL_MAX_CHARACTERS, is_twilio_id, is_whole_number
from store.models import utcnow
from store.receipts import Outcome
from twilio_account import media

MAX_BODY_CHARACTERS = 1600
MAX_MEDIA = 10  # Twilio's limit per MMS
CLASSIFIED_BODIES = 1024  # per process: at most 1,600 characters each


class BadForm(ValueError):
    """A field of the form is missing or malformed; the message names it."""


@dataclass(frozen=True)
class InboundSms:
    sid: str
    phone: str
    body: str
    opt_out_type: str | None
    media: tuple[media.Attachment, ...]


def parse(form: Mapping[str, str]) -> InboundSms:
    sid = (form.get("MessageSid") or "").strip()
    if not sid:
        raise BadForm("missing MessageSid")
    if not is_twilio_id(sid):
        raise BadForm(f"MessageSid is not a Twilio id (letters and digits, at most {SID_MAX_CHARACTERS})")
    raw_from = (form.get("From") or "").strip()
    if not raw_from:
        raise BadForm("missing From")
    try:
        phone = to_e164(raw_from)
    except InvalidPhoneNumber:
        raise BadForm("From is not a phone number") from None
    body = form.get("Body", "")
    if len(body) > MAX_BODY_CHARACTERS:
        raise BadForm(f"Body is longer than {MAX_BODY_CHARACTERS} characters")
    count = (form.get("NumMedia") or "0").strip()
    if not is_whole_number(count, 2) or int(count) > MAX_MEDIA:
        raise BadForm(f"NumMedia is not a whole number from 0 to {MAX_MEDIA}")
    attachments = []
    for index in range(int(count)):
        url = (form.get(f"MediaUrl{index}") or "").strip()
        if not url:
            raise BadForm(f"missing MediaUrl{index}")
        if len(url) > URL_MAX_CHARACTERS:
            raise BadForm(f"MediaUrl{index} is longer than {URL_MAX_CHARACTERS} characters")
        content_type = (form.get(f"MediaContentType{index}") or "").strip()[:128] or None
        attachments.append(media.Attachment(index, url, content_type))
    opt_out_type = (form.get("OptOutType") or "").strip().upper()[:STATUS_MAX_CHARACTERS] or None
    return InboundSms(sid, phone, body, opt_out_type, tuple(attachments))


def classify(sms: InboundSms) -> InboundResult:
    """The text's classification: pure work, done before the transaction (SQLite holds its write lock
    from the transaction's first statement to the commit). Each caller gets entities of its own."""
    result = _classified(sms.body)
    return replace(result, entities=[dict(entity) for entity in result.entities])


@lru_cache(maxsize=CLASSIFIED_BODIES)
def _classified(body: str) -> InboundResult:
    """classify_inbound, kept per body: it reads the words alone (no clock, no history), and the same
    short texts come back again and again ("1", "yes", "STOP", "thanks")."""
    return classify_inbound(body)


def answer(session: Session, settings: Settings, sms: InboundSms, *, by_rest: bool = False,
           result: InboundResult | None = None) -> Outcome:
    """Record and answer the text: as TwiML, or (a replay) as a message sent by a job."""
    result = result or classify(sms)
    language = None if is_staff(settings, sms.phone) else answer_language(result.language, None)
    sender = sender_of(session, sms.phone, language, reply_hours=reply_hours(settings), now=utcnow())
    contact = sender.contact
    handled = receive_text(session, settings, contact, sms.body, channel="sms", source_sid=sms.sid,
                           message_sid=sms.sid, twilio_opt_out_type=sms.opt_out_type,
                           has_media=bool(sms.media), result=result, known=Known(sender.opt_outs, sender.replies))
    job_ids = list(handled.job_ids)
    if sms.media:
        session.flush()  # the attachments' rows name the message's id
        job_ids += media.keep_mms(session, contact, handled.message, sms.sid, sms.media)
    if handled.reply and by_rest:
        reply = new_outbound(session, contact, handled.reply, purpose=handled.reply_purpose,
                             job_key=f"replayed-reply:{sms.sid}")
        job_ids.append(schedule(session, DELIVER_JOB, message_id=reply.id))
    elif handled.reply:
        reply_with_text(session, contact, handled.message, handled.reply, purpose=handled.reply_purpose)
    else:
        keep_unanswered(session, handled.message)
    return Outcome(messaging_answer(None if by_rest else handled.reply), job_ids)
