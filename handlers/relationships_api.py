"""Staff JSON API of seed 001: sequences, win-back campaigns, segments, enrollments, relationship
scores, birthday/anniversary records and the VIP override. Thin: the relationships package
validates and writes; this turns requests into calls and hands queued steps to RQ after the commit."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from crm import contacts
from crm.errors import Conflict, CrmError, InvalidField, NotFound
from handlers.api_calls import read, write
from handlers.staff_auth import json_body, staff_only
from relationships import campaigns, dates, enrollment, scoring, segments, sequences
from store.models import utcnow

bp = Blueprint("relationships_api", __name__, url_prefix="/api")
ERROR_STATUS = ((InvalidField, 400), (NotFound, 404), (Conflict, 409))


@bp.errorhandler(CrmError)
def crm_error(error: CrmError):
    status = next((code for kind, code in ERROR_STATUS if isinstance(error, kind)), 400)
    return jsonify(error=str(error)), status


# Sequences
@bp.post("/sequences")
@staff_only
def create_sequence():
    data = json_body()
    return write(lambda session, settings: sequences.create(session, data), sequences.to_json)


@bp.get("/sequences")
@staff_only
def list_sequences():
    def found(session):
        sequences.ensure_defaults(session)
        return {"sequences": [sequences.to_json(row) for row in sequences.listing(session)]}

    return read(found)


@bp.get("/sequences/<int:sequence_id>")
@staff_only
def get_sequence(sequence_id: int):
    return read(lambda session: sequences.to_json(sequences.get(session, sequence_id)))


@bp.patch("/sequences/<int:sequence_id>")
@staff_only
def update_sequence(sequence_id: int):
    data = json_body()
    return write(lambda session, settings: sequences.update(session, sequence_id, data), sequences.to_json)


@bp.delete("/sequences/<int:sequence_id>")
@staff_only
def delete_sequence(sequence_id: int):
    return read(lambda session: {"deleted": sequence_id, "unenrolled": sequences.delete(session, sequence_id)})


# Segments
@bp.post("/segments")
@staff_only
def create_segment():
    data = json_body()
    return write(lambda session, settings: segments.create(session, data), segments.to_json)


@bp.get("/segments")
@staff_only
def list_segments():
    return read(lambda session: {"segments": [segments.to_json(row) for row in segments.listing(session)]})


@bp.get("/segments/<int:segment_id>")
@staff_only
def get_segment(segment_id: int):
    return read(lambda session: segments.to_json(segments.get(session, segment_id)))


@bp.patch("/segments/<int:segment_id>")
@staff_only
def update_segment(segment_id: int):
    data = json_body()
    return write(lambda session, settings: segments.update(session, segment_id, data), segments.to_json)


@bp.delete("/segments/<int:segment_id>")
@staff_only
def delete_segment(segment_id: int):
    def deleted(session):
        segments.delete(session, segment_id)
        return {"deleted": segment_id}

    return read(deleted)


@bp.get("/segments/<int:segment_id>/preview")
@staff_only
def preview_segment(segment_id: int):
    now = utcnow()
    return read(lambda session: segments.preview(session, segments.get(session, segment_id).filters, now, now.month))


@bp.post("/segments/preview")
@staff_only
def preview_filters():
    data, now = json_body(), utcnow()
    return read(lambda session: segments.preview(session, segments.parse_filters(data.get("filters")), now, now.month))


# Win-back campaigns
@bp.post("/campaigns")
@staff_only
def create_campaign():
    data = json_body()
    return write(lambda session, settings: campaigns.create(session, data), campaigns.to_json)


@bp.get("/campaigns")
@staff_only
def list_campaigns():
    return read(lambda session: {"campaigns": [campaigns.to_json(row) for row in campaigns.listing(session)]})


@bp.get("/campaigns/<int:campaign_id>")
@staff_only
def get_campaign(campaign_id: int):
    return read(lambda session: campaigns.to_json(campaigns.get(session, campaign_id)))


@bp.patch("/campaigns/<int:campaign_id>")
@staff_only
def update_campaign(campaign_id: int):
    data = json_body()
    return write(lambda session, settings: campaigns.update(session, campaign_id, data), campaigns.to_json)


@bp.delete("/campaigns/<int:campaign_id>")
@staff_only
def delete_campaign(campaign_id: int):
    return read(lambda session: {"deleted": campaign_id, "unenrolled": campaigns.delete(session, campaign_id)})


@bp.post("/campaigns/<int:campaign_id>/dry-run")
@staff_only
def dry_run_campaign(campaign_id: int):
    data, settings = _optional_body(), current_app.config["SETTINGS"]
    return read(lambda session: campaigns.dry_run(session, settings, campaign_id, data))


@bp.post("/campaigns/<int:campaign_id>/launch")
@staff_only
def launch_campaign(campaign_id: int):
    data = _optional_body()
    return write(lambda session, settings: campaigns.launch(session, settings, campaign_id, data), campaigns.to_json)


# Enrollments
@bp.post("/enrollments")
@staff_only
def create_enrollment():
    data = json_body()
    return write(lambda session, settings: enrollment.enroll_by_staff(session, settings, data), enrollment.to_json)


@bp.get("/enrollments")
@staff_only
def list_enrollments():
    query = request.args.to_dict()

    def found(session):
        rows, truncated = enrollment.search(session, query)
        return {"enrollments": [enrollment.to_json(row) for row in rows], "truncated": truncated}

    return read(found)


@bp.get("/enrollments/<int:enrollment_id>")
@staff_only
def get_enrollment(enrollment_id: int):
    return read(lambda session: enrollment.to_json(enrollment.get(session, enrollment_id)))


@bp.delete("/enrollments/<int:enrollment_id>")
@staff_only
def unenroll(enrollment_id: int):
    return read(lambda session: enrollment.to_json(enrollment.unenroll(session, enrollment_id)))


# Scores, dates, VIP
@bp.get("/contacts/<int:contact_id>/score")
@staff_only
def contact_score(contact_id: int):
    return read(lambda session: scoring.history(session, contact_id))


@bp.get("/contacts/<int:contact_id>/dates")
@staff_only
def contact_dates(contact_id: int):
    return read(lambda session: dates.read(session, contact_id))


@bp.patch("/contacts/<int:contact_id>/dates")
@staff_only
def update_contact_dates(contact_id: int):
    data = json_body()
    return read(lambda session: dates.update(session, contact_id, data))


@bp.patch("/contacts/<int:contact_id>/vip")
@staff_only
def override_vip(contact_id: int):
    data = json_body()
    return write(lambda session, settings: dates.override_vip(
        session, contact_id, data, scoring.load_score_rules(settings.score_rules_file)), contacts.to_json)


def _optional_body() -> dict:
    return json_body() if request.get_data() else {}

