"""Staff JSON API for seed 003's after-sales care controls: lists, defaults, bulk changes, customer types.

Thin: crm.directory, crm.after_sales and crm.customer_types validate and write; a bad field is a
400 naming it (the staff API's crm error handler).
"""

from collections.abc import Callable

from flask import Blueprint, current_app, jsonify, request

from crm import after_sales, contacts, customer_types, directory
from crm.errors import CrmError
from handlers import staff_api
from handlers.staff_auth import json_body, staff_only
from store.db import session_scope

bp = Blueprint("after_sales_api", __name__, url_prefix="/api")
bp.register_error_handler(CrmError, staff_api.crm_error)
TO_JSON = {directory.CONTACTS: contacts.to_json, directory.ADDRESSES: contacts.address_to_json}


@bp.get("/contacts")
@staff_only
def list_contacts():
    return _list(directory.CONTACTS)


@bp.get("/addresses")
@staff_only
def list_addresses():
    return _list(directory.ADDRESSES)


@bp.post("/contacts/after-sales-care")
@staff_only
def change_contacts():
    return _change(directory.CONTACTS)


@bp.post("/addresses/after-sales-care")
@staff_only
def change_addresses():
    return _change(directory.ADDRESSES)


@bp.get("/after-sales-care/changes")
@staff_only
def list_changes():
    query = request.args.to_dict()

    def found(session):
        page = after_sales.changes(session, query)
        return {"changes": [after_sales.change_to_json(row) for row in page.rows], "next_cursor": page.next_cursor}

    return _in_session(found)


@bp.get("/settings/after-sales-care")
@staff_only
def get_defaults():
    return _in_session(after_sales.defaults)


@bp.put("/settings/after-sales-care")
@staff_only
def save_defaults():
    data = json_body()
    return _in_session(lambda session: after_sales.save_defaults(session, data))


@bp.get("/customer-types")
@staff_only
def list_customer_types():
    return _in_session(lambda session: {"customer_types": customer_types.all_types(session)})


@bp.post("/customer-types")
@staff_only
def add_customer_type():
    data = json_body()
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        name, created = customer_types.add_type(session, data)
    return jsonify(name=name), 201 if created else 200


def _list(target: str):
    query = request.args.to_dict()
    to_json = TO_JSON[target]

    def found(session):
        page, total = directory.search(session, target, query)
        return {target: [to_json(row) for row in page.rows], "total": total, "next_cursor": page.next_cursor}

    return _in_session(found)


def _change(target: str):
    data = json_body()

    def changed(session):
        record = after_sales.change(session, target, data)
        return {"changed": record.changed, "change": after_sales.change_to_json(record)}

    return _in_session(changed)


def _in_session(work: Callable[..., dict]):
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        return jsonify(work(session))
