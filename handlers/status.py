"""POST /twilio/status: delivery status of the messages we sent; error 21610 means opted out."""

from flask import Blueprint
from sqlalchemy import select

from compliance import ledger
from delivery.sender import OPTED_OUT_ERROR
from handlers.once import process_once
from handlers.twilio_request import field, optional, sid_field, twilio_webhook, twiml
from intake.twiml import messaging_answer
from phones import InvalidPhoneNumber, to_e164
from store.limits import STATUS_MAX_CHARACTERS
from store.models import Contact, Message
from store.receipts import Outcome

bp = Blueprint("status", __name__)


@bp.post("/twilio/status")
@twilio_webhook
def message_status():
    sid = sid_field("MessageSid")
    status = field("MessageStatus", max_length=STATUS_MAX_CHARACTERS)
    error_code = optional("ErrorCode", max_length=STATUS_MAX_CHARACTERS)

    def work(session) -> Outcome:
        message = session.scalars(select(Message).where(Message.twilio_sid == sid)).one_or_none()
        if message is not None:
            message.status = status
            message.error_code = error_code
        if error_code == str(OPTED_OUT_ERROR):
            contact = _recipient(session, message)
            if contact is not None:
                ledger.record(session, contact, "opt_out", source="twilio", channel="sms", sid=sid,
                              notes=f"Twilio status callback error {OPTED_OUT_ERROR}")
        return Outcome(messaging_answer())

    return twiml(process_once("status", f"{sid}:{status}", work))


def _recipient(session, message: Message | None) -> Contact | None:
    if message is not None:
        return session.get(Contact, message.contact_id)
    try:
        return ledger.contact_for(session, to_e164(field("To")))
    except InvalidPhoneNumber:
        return None
