"""Staff JSON API for outbound texts: ask the gate, list what it held back, schedule a one-off."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, current_app, jsonify, request
from sqlalchemy import select

from compliance import ledger
from crm.fields import is_row_id
from delivery import gatekeeper, oneoff
from handlers.staff_auth import json_body, staff_only, text_field
from jobs.queue import dispatch
from phones import InvalidPhoneNumber, to_e164
from store.db import session_scope
from store.models import Booking, Contact, GateDecision, Message, utcnow

bp = Blueprint("outbound_api", __name__, url_prefix="/api")
HELD_STATUSES = ("refused", "deferred", "skipped")  # skipped: a follow-up whose moment was gone
LIST_LIMIT = 500


@bp.post("/gate/preview")
@staff_only
def preview():
    """What the gate would say right now, without sending or recording anything."""
    data = json_body()
    purpose, body = _purpose_and_body(data)
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        contact = _contact(session, data)
        decision = gatekeeper.decide(session, settings, contact, purpose, body, utcnow(),
                                     subject=text_field(data, "subject", required=False, max_length=128))
        session.rollback()
    return jsonify(decision.to_dict())


@bp.get("/messages")
@staff_only
def held_messages():
    status = request.args.get("status", "refused")
    if status not in HELD_STATUSES:
        abort(400, f"status must be one of {', '.join(HELD_STATUSES)}")
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        rows = session.execute(
            select(Message, Contact.phone).join(Contact, Contact.id == Message.contact_id)
            .where(Message.direction == "outbound", Message.status == status)
            .order_by(Message.id.desc()).limit(LIST_LIMIT)).all()
        spans = _latest_spans(session, [message.id for message, _ in rows])
        return jsonify(messages=[_message_json(message, phone, spans.get(message.id, [])) for message, phone in rows])


@bp.post("/messages")
@staff_only
def schedule_one_off():
    data = json_body()
    purpose, body = _purpose_and_body(data)
    send_at = _optional_datetime(data, "send_at")
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        contact = _contact(session, data)
        message, job_id = oneoff.schedule_message(session, contact, purpose, body, send_at=send_at,
                                                  subject=text_field(data, "subject", required=False, max_length=128))
        answer = _message_json(message, contact.phone, [])
    dispatch(settings, [job_id])
    return jsonify(answer), 202


@bp.post("/bookings/<int:booking_id>/on-my-way")
@staff_only
def on_my_way(booking_id: int):
    data = json_body()
    eta = data.get("eta_minutes")
    if not isinstance(eta, int) or isinstance(eta, bool) or not 1 <= eta <= 600:
        abort(400, "eta_minutes must be a whole number of minutes from 1 to 600")
    tech = text_field(data, "tech", required=False, max_length=60) or "Our technician"
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        booking = session.get(Booking, booking_id) if is_row_id(booking_id) else None
        if booking is None:
            abort(404, "no booking with that id")
        if booking.status != "confirmed":
            abort(409, f"the booking is {booking.status}, not confirmed")
        message, job_id = oneoff.on_my_way(session, settings, booking, eta, tech)
        answer = _message_json(message, session.get(Contact, booking.contact_id).phone, [])
    dispatch(settings, [job_id])
    return jsonify(answer), 202


def _purpose_and_body(data: dict) -> tuple[str, str]:
    rules = current_app.config["SETTINGS"].compliance_rules
    # Never the opt-out confirmation (no consent needed, passes an opt-out) nor a purpose without
    # quiet hours (a conversational answer is the webhook's own reply, not a staff one-off), nor an answer
    # to a call (conversational while the call is recent).
    allowed = tuple(name for name, spec in rules.purposes.items()
                    if not spec.confirms_opt_out and spec.quiet_hours and not spec.answers_call)
    purpose = text_field(data, "purpose", choices=allowed)
    body = data.get("body")
    if not isinstance(body, str) or not body.strip():
        abort(400, "body must be non-empty text")
    return purpose, body


def _contact(session, data: dict) -> Contact:
    if "contact_id" in data:
        contact = session.get(Contact, data["contact_id"]) if is_row_id(data["contact_id"]) else None
        if contact is None:
            abort(400, "contact_id names no contact")
        return contact
    try:
        phone = to_e164(text_field(data, "phone"))
    except InvalidPhoneNumber:
        abort(400, "phone is not a phone number")
    contact = ledger.find_contact(session, phone)
    if contact is None:
        abort(400, "phone names no contact; record one first")
    return contact


def _optional_datetime(data: dict, name: str) -> datetime | None:
    raw = data.get(name)
    if raw is None:
        return None
    try:
        value = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        abort(400, f"{name} must be an ISO 8601 date and time with a UTC offset")
    return value


def _latest_spans(session, message_ids: list[int]) -> dict[int, list]:
    if not message_ids:
        return {}
    rows = session.execute(select(GateDecision.message_id, GateDecision.spans)
                           .where(GateDecision.message_id.in_(message_ids)).order_by(GateDecision.id))
    return {message_id: spans for message_id, spans in rows}


def _message_json(message: Message, phone: str, spans: list) -> dict:
    return {"id": message.id, "phone": phone, "purpose": message.purpose, "body": message.body,
            "status": message.status, "reasons": message.status_reason, "spans": spans,
            "not_before": message.not_before.isoformat() if message.not_before else None,
            "created_at": message.created_at.isoformat() if message.created_at else None}
