"""POST /twilio/sms: Twilio's "A message comes in"."""

from flask import Blueprint, abort, current_app
from twilio.twiml.messaging_response import MessagingResponse

from compliance import ledger
from delivery.outbound import REPLIED, new_outbound
from handlers.once import process_once
from handlers.twilio_request import field, optional, phone_field, text_body, twilio_webhook, twiml
from intake.texts import receive_text
from store.receipts import Outcome

bp = Blueprint("sms", __name__)


@bp.post("/twilio/sms")
@twilio_webhook
def inbound_sms():
    sid = field("MessageSid")
    phone = phone_field("From")
    body = text_body()
    opt_out_type = (optional("OptOutType") or "").upper() or None
    media = optional("NumMedia") or "0"
    if not media.isdigit():
        abort(400, "NumMedia is not a whole number")
    settings = current_app.config["SETTINGS"]

    def work(session) -> Outcome:
        contact = ledger.contact_for(session, phone)
        handled = receive_text(session, settings, contact, body, channel="sms", source_sid=sid,
                               message_sid=sid, twilio_opt_out_type=opt_out_type, has_media=int(media) > 0)
        answer = MessagingResponse()
        if handled.reply:
            answer.message(handled.reply)
            new_outbound(session, contact, handled.reply, purpose=handled.reply_purpose, status=REPLIED)
        return Outcome(str(answer), handled.job_ids)

    return twiml(process_once("sms", sid, work))
