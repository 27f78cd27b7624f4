"""Staff JSON API for leads and what customers sent: leads, conversations with photos, voicemails."""

from pathlib import Path

from flask import Blueprint, abort, current_app, request, send_file

from crm import conversations, leads
from crm.errors import CrmError
from handlers.api_calls import read, write
from handlers.staff_api import crm_error
from handlers.staff_auth import json_body, staff_only
from store.db import session_scope
from twilio_account import media

bp = Blueprint("lead_api", __name__, url_prefix="/api")
bp.register_error_handler(CrmError, crm_error)


def _with_media(session, lead) -> dict:
    return leads.to_json(lead, [media.to_json(row) for row in leads.media_of(session, lead)])


@bp.get("/leads")
@staff_only
def list_leads():
    query = request.args.to_dict()

    def found(session):
        rows, truncated = leads.search(session, query)
        return {"leads": [leads.to_json(lead) for lead in rows], "truncated": truncated}

    return read(found)


@bp.get("/leads/<int:lead_id>")
@staff_only
def get_lead(lead_id: int):
    return read(lambda session: _with_media(session, leads.get_lead(session, lead_id)))


@bp.patch("/leads/<int:lead_id>")
@staff_only
def update_lead(lead_id: int):
    data = json_body()
    return write(lambda session, settings: leads.update_lead(session, lead_id, data), leads.to_json)


@bp.post("/leads/<int:lead_id>/close")
@staff_only
def close_lead(lead_id: int):
    data = json_body()
    return write(lambda session, settings: leads.close_lead(session, lead_id, data), leads.to_json)


@bp.get("/contacts/<int:contact_id>/messages")
@staff_only
def conversation(contact_id: int):
    return read(lambda session: conversations.conversation(session, contact_id))


@bp.get("/voicemails")
@staff_only
def voicemails():
    query = request.args.to_dict()
    return read(lambda session: conversations.voicemails(session, query))


@bp.get("/media/<int:media_id>/file")
@staff_only
def media_file(media_id: int):
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        row = conversations.media_file(session, media_id)
        path, content_type = row.path, row.content_type
    if path is None:
        abort(404, "that file is not kept (see its status and error)")
    return send_file(Path(settings.media_dir).resolve() / path, mimetype=content_type or "application/octet-stream")
