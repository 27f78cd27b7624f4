"""POST /twilio/fallback (Twilio's fallback URL) and POST /twilio/ping (the doctor's signed round trip)."""

from flask import Blueprint, abort, current_app, g

from handlers.twilio_request import twilio_webhook, twiml
from jobs.queue import dispatch
from store.db import session_scope
from twilio_account import fallback

bp = Blueprint("fallback", __name__)


@bp.post("/twilio/fallback")
@twilio_webhook
def keep_for_replay():
    settings = current_app.config["SETTINGS"]
    try:
        with session_scope(settings.database_url) as session:
            answer, job_ids = fallback.keep(session, settings, g.twilio)
    except fallback.Unreadable as error:
        abort(400, str(error))
    dispatch(settings, job_ids)
    return twiml(answer)


@bp.post("/twilio/ping")
@twilio_webhook
def ping():
    return twiml("<Response/>")
