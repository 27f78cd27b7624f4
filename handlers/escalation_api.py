"""Staff JSON API for escalations: list them, read one with its conversation, claim and close."""

from flask import Blueprint, abort, current_app, jsonify, request
from sqlalchemy import select

from crm.fields import is_row_id
from handlers.staff_auth import json_body, staff_only, text_field
from responder.escalations import references_of
from store.db import session_scope
from store.models import Contact, Escalation, utcnow

bp = Blueprint("escalation_api", __name__, url_prefix="/api")
STATUSES = ("open", "claimed", "closed")
LIST_LIMIT = 500


@bp.get("/escalations")
@staff_only
def list_escalations():
    status = request.args.get("status", "open")
    if status not in STATUSES:
        abort(400, f"status must be one of {', '.join(STATUSES)}")
    with session_scope(current_app.config["SETTINGS"].database_url) as session:
        rows = session.execute(select(Escalation, Contact.phone).join(Contact, Contact.id == Escalation.contact_id)
                               .where(Escalation.status == status).order_by(Escalation.id.desc())
                               .limit(LIST_LIMIT)).all()
        references = references_of(session, [escalation for escalation, _ in rows])
        return jsonify(escalations=[_json(escalation, phone, references.get(escalation.id))
                                    for escalation, phone in rows])


@bp.get("/escalations/<int:escalation_id>")
@staff_only
def get_escalation(escalation_id: int):
    with session_scope(current_app.config["SETTINGS"].database_url) as session:
        escalation = _find(session, escalation_id)
        return jsonify(_one(session, escalation))


@bp.post("/escalations/<int:escalation_id>/claim")
@staff_only
def claim(escalation_id: int):
    by = text_field(json_body(), "by", max_length=64)
    with session_scope(current_app.config["SETTINGS"].database_url) as session:
        escalation = _find(session, escalation_id)
        if escalation.status == "closed":
            abort(409, "the escalation is closed")
        escalation.status, escalation.claimed_by = "claimed", by
        return jsonify(_one(session, escalation))


@bp.post("/escalations/<int:escalation_id>/close")
@staff_only
def close(escalation_id: int):
    with session_scope(current_app.config["SETTINGS"].database_url) as session:
        escalation = _find(session, escalation_id)
        if escalation.status != "closed":
            escalation.status, escalation.closed_at = "closed", utcnow()
        return jsonify(_one(session, escalation))


def _find(session, escalation_id: int) -> Escalation:
    escalation = session.get(Escalation, escalation_id) if is_row_id(escalation_id) else None
    if escalation is None:
        abort(404, "no escalation with that id")
    return escalation


def _one(session, escalation: Escalation) -> dict:
    return _json(escalation, session.get(Contact, escalation.contact_id).phone,
                 references_of(session, [escalation]).get(escalation.id))


def _json(escalation: Escalation, phone: str, reference: int | None) -> dict:
    """`reference` is the "#N" of the staff alert about it: what a staff text names to answer it."""
    return {"id": escalation.id, "reference": reference, "phone": phone, "reason": escalation.reason,
            "status": escalation.status,
            "claimed_by": escalation.claimed_by, "transcript": escalation.transcript,
            "created_at": escalation.created_at.isoformat(),
            "closed_at": escalation.closed_at.isoformat() if escalation.closed_at else None}
