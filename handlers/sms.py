"""POST /twilio/sms: Twilio's "A message comes in" (SMS and MMS)."""

from flask import Blueprint, abort, current_app, g

from handlers.once import process_once
from handlers.twilio_request import twilio_webhook, twiml
from intake import sms as inbound

bp = Blueprint("sms", __name__)


@bp.post("/twilio/sms")
@twilio_webhook
def inbound_sms():
    try:
        sms = inbound.parse(g.twilio)
    except inbound.BadForm as error:
        abort(400, str(error))
    settings = current_app.config["SETTINGS"]
    result = inbound.classify(sms)  # before the transaction: it holds SQLite's write lock
    return twiml(process_once("sms", sms.sid, lambda session: inbound.answer(session, settings, sms, result=result)))
