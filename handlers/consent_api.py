"""Staff JSON API for the consent ledger: read a contact's evidence, record express or relationship consent.

A contact is named by its id in the path (`/api/contacts/<id>/consent`) or by its phone number in the
query (`/api/consent?phone=...`; for a POST, `phone` may be in the body too): a phone number is never
a path, so it does not reach the access log's path.
"""

from flask import Blueprint, abort, current_app, jsonify, request

from compliance import ledger
from crm.fields import is_row_id
from handlers.staff_auth import json_body, staff_only, text_field
from phones import InvalidPhoneNumber, to_e164
from store.db import session_scope
from store.models import Contact

bp = Blueprint("consent_api", __name__, url_prefix="/api")
STAFF_SOURCES = ("staff", "web_form", "import", "paper_form", "phone_call")


@bp.get("/contacts/<int:contact_id>/consent")
@staff_only
def consent_of(contact_id: int):
    return _consent_listing(lambda session: _by_id(session, contact_id))


@bp.get("/consent")
@staff_only
def consent_of_phone():
    phone = _e164(request.args.get("phone"))
    return _consent_listing(lambda session: ledger.find_contact(session, phone))


@bp.post("/contacts/<int:contact_id>/consent")
@staff_only
def record_consent(contact_id: int):
    return _record(json_body(), lambda session: _by_id(session, contact_id))


@bp.post("/consent")
@staff_only
def record_consent_of_phone():
    data = json_body()
    phone = _e164(request.args.get("phone") or data.get("phone"))
    return _record(data, lambda session: ledger.contact_for(session, phone, lead_source="manual"))


def _consent_listing(find):
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        contact = find(session)
        if contact is None:
            abort(404, "no contact with that id or phone number")
        events = ledger.events_of(session, contact.id)
        state = ledger.state_of(session, contact.id)
        return jsonify(contact_id=contact.id, phone=contact.phone,
                       opted_out=state.opted_out_all, opted_out_marketing=state.opted_out_marketing,
                       events=[_event_json(event) for event in events])


def _record(data: dict, find):
    kind = text_field(data, "kind", choices=ledger.STAFF_EVIDENCE_KINDS)
    scope = text_field(data, "scope", required=False, choices=ledger.SCOPES) or "all"
    source = text_field(data, "source", choices=STAFF_SOURCES)
    notes = text_field(data, "notes", required=False)
    disclosure = text_field(data, "disclosure", required=False)
    recorded_by = text_field(data, "recorded_by", max_length=64)
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        contact = find(session)
        if contact is None:
            abort(404, "no contact with that id")
        event = ledger.record(session, contact, kind, scope=scope, source=source, notes=notes,
                              snippet=disclosure, recorded_by=recorded_by)
        return jsonify(_event_json(event)), 201


def _by_id(session, contact_id: int) -> Contact | None:
    return session.get(Contact, contact_id) if is_row_id(contact_id) else None


def _e164(raw) -> str:
    if not isinstance(raw, str):
        abort(400, "phone is required (in the query, or for a POST in the body)")
    try:
        return to_e164(raw)
    except InvalidPhoneNumber:
        abort(400, "phone is not a phone number")


def _event_json(event) -> dict:
    return {"id": event.id, "kind": event.kind, "scope": event.scope, "source": event.source,
            "channel": event.channel, "sid": event.sid, "snippet": event.snippet, "notes": event.notes,
            "recorded_by": event.recorded_by, "occurred_at": event.occurred_at.isoformat()}
