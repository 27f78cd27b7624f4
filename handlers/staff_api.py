"""Staff JSON API for contacts, work addresses, bookings and estimates, usually fed by field-service software.

Every view needs the staff bearer token. The crm package validates and writes; this module only turns
requests into calls, crm errors into 400/404/409, and hands queued follow-ups to RQ after the commit.
Access codes in access notes leave masked unless `?reveal=1` is given.
"""


from flask import Blueprint, jsonify, request

from crm import bookings, contacts, estimates, fields
from crm.errors import Conflict, CrmError, InvalidField, NotFound
from handlers.api_calls import read, write
from handlers.staff_auth import json_body, staff_only

bp = Blueprint("staff_api", __name__, url_prefix="/api")
ERROR_STATUS = ((InvalidField, 400), (NotFound, 404), (Conflict, 409))
REVEAL = {"reveal": fields.Field(fields.flag_param)}


@bp.errorhandler(CrmError)
def crm_error(error: CrmError):
    status = next((code for kind, code in ERROR_STATUS if isinstance(error, kind)), 400)
    return jsonify(error=str(error)), status


@bp.post("/contacts")
@staff_only
def create_contact():
    data = json_body()
    return write(lambda session, settings: contacts.save_contact(session, data), contacts.to_json)


@bp.get("/contacts/<int:contact_id>")
@staff_only
def get_contact(contact_id: int):
    return read(lambda session: contacts.to_json(contacts.get_contact(session, contact_id)))


@bp.patch("/contacts/<int:contact_id>")
@staff_only
def update_contact(contact_id: int):
    data = json_body()
    return write(lambda session, settings: contacts.update_contact(session, contact_id, data), contacts.to_json)


@bp.post("/contacts/<int:contact_id>/addresses")
@staff_only
def add_address(contact_id: int):
    data = json_body()
    return write(lambda session, settings: contacts.add_address(session, contact_id, data),
                  contacts.address_to_json)


@bp.get("/contacts/<int:contact_id>/addresses")
@staff_only
def addresses_of(contact_id: int):
    reveal = _reveal(request.args.to_dict())
    return read(lambda session: {"addresses": [contacts.address_to_json(address, reveal=reveal)
                                                for address in contacts.addresses_of(session, contact_id)]})


@bp.patch("/addresses/<int:address_id>")
@staff_only
def update_address(address_id: int):
    data = json_body()
    return write(lambda session, settings: contacts.update_address(session, address_id, data),
                  contacts.address_to_json)


@bp.post("/bookings")
@staff_only
def create_booking():
    data = json_body()
    return write(lambda session, settings: bookings.create_booking(session, settings, data), bookings.to_json)


@bp.get("/bookings")
@staff_only
def list_bookings():
    query = request.args.to_dict()
    reveal = _reveal(query)

    def found(session):
        rows, truncated = bookings.search(session, query)
        return {"bookings": [bookings.to_json(booking, reveal=reveal) for booking in rows], "truncated": truncated}

    return read(found)


@bp.get("/bookings/<int:booking_id>")
@staff_only
def get_booking(booking_id: int):
    reveal = _reveal(request.args.to_dict())
    return read(lambda session: bookings.to_json(bookings.get_booking(session, booking_id), reveal=reveal))


@bp.patch("/bookings/<int:booking_id>")
@staff_only
def update_booking(booking_id: int):
    data = json_body()
    return write(lambda session, settings: bookings.update_booking(session, settings, booking_id, data),
                  bookings.to_json)


@bp.post("/bookings/<int:booking_id>/cancel")
@staff_only
def cancel_booking(booking_id: int):
    return write(lambda session, settings: bookings.cancel_booking(session, settings, booking_id),
                  bookings.to_json)


@bp.post("/estimates")
@staff_only
def create_estimate():
    data = json_body()
    return write(lambda session, settings: estimates.create_estimate(session, settings, data), estimates.to_json)


@bp.get("/estimates")
@staff_only
def list_estimates():
    query = request.args.to_dict()

    def found(session):
        rows, truncated = estimates.search(session, query)
        return {"estimates": [estimates.to_json(estimate) for estimate in rows], "truncated": truncated}

    return read(found)


@bp.get("/estimates/<int:estimate_id>")
@staff_only
def get_estimate(estimate_id: int):
    return read(lambda session: estimates.to_json(estimates.get_estimate(session, estimate_id)))


@bp.patch("/estimates/<int:estimate_id>")
@staff_only
def update_estimate(estimate_id: int):
    data = json_body()
    return write(lambda session, settings: estimates.update_estimate(session, settings, estimate_id, data),
                  estimates.to_json)




def _reveal(query: dict[str, str]) -> bool:
    """Take `reveal` out of the query string: True shows access codes unmasked."""
    if "reveal" not in query:
        return False
    return fields.parse({"reveal": query.pop("reveal")}, REVEAL)["reveal"]
