"""Staff JSON API for the consent ledger: read a contact's evidence, record express or relationship consent."""

from flask import Blueprint, abort, current_app, jsonify

from compliance import ledger
from handlers.staff_auth import json_body, staff_only, text_field
from phones import InvalidPhoneNumber, to_e164
from store.db import session_scope

bp = Blueprint("consent_api", __name__, url_prefix="/api")
STAFF_SOURCES = ("staff", "web_form", "import", "paper_form", "phone_call")


@bp.get("/contacts/<phone>/consent")
@staff_only
def consent_of(phone: str):
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        contact = ledger.find_contact(session, _e164(phone))
        if contact is None:
            abort(404, "no contact with that phone number")
        events = ledger.events_of(session, contact.id)
        state = ledger.state_of(session, contact.id)
        return jsonify(contact_id=contact.id, phone=contact.phone,
                       opted_out=state.opted_out_all, opted_out_marketing=state.opted_out_marketing,
                       events=[_event_json(event) for event in events])


@bp.post("/contacts/<phone>/consent")
@staff_only
def record_consent(phone: str):
    data = json_body()
    kind = text_field(data, "kind", choices=ledger.STAFF_EVIDENCE_KINDS)
    scope = text_field(data, "scope", required=False, choices=ledger.SCOPES) or "all"
    source = text_field(data, "source", choices=STAFF_SOURCES)
    notes = text_field(data, "notes", required=False)
    disclosure = text_field(data, "disclosure", required=False)
    recorded_by = text_field(data, "recorded_by", max_length=64)
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, _e164(phone), lead_source="manual")
        event = ledger.record(session, contact, kind, scope=scope, source=source, notes=notes,
                              snippet=disclosure, recorded_by=recorded_by)
        return jsonify(_event_json(event)), 201


def _e164(raw: str) -> str:
    try:
        return to_e164(raw)
    except InvalidPhoneNumber:
        abort(400, "phone is not a phone number")


def _event_json(event) -> dict:
    return {"id": event.id, "kind": event.kind, "scope": event.scope, "source": event.source,
            "channel": event.channel, "sid": event.sid, "snippet": event.snippet, "notes": event.notes,
            "recorded_by": event.recorded_by, "occurred_at": event.occurred_at.isoformat()}
