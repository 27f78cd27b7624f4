"""After-sales care controls (seed 003): the defaults for new rows, and bulk changes with their audit.

The defaults live in the `after_sales_care_defaults` row; the after_sales_care columns of contacts
and work addresses take it as their INSERT default (store.models), so a webhook, the staff API and
an import all apply it. A bulk change ("Change communication preferences") is one set-based UPDATE
over the rows a crm.directory filter picks, recorded with who, when, the filter, value and count.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crm import directory, fields, keyset
from crm.errors import InvalidField
from crm.fields import Field
from store.models import AfterSalesCareChange, AfterSalesCareDefaults, utcnow
from store.upsert import upsert

SETTINGS_ROW = 1
DEFAULT = True  # before the business saves its defaults, new rows receive after-sales care (today's behaviour)
DEFAULTS_FIELDS = {
    "customers": Field(fields.boolean, required=True, nullable=False),
    "work_addresses": Field(fields.boolean, required=True, nullable=False),
    "updated_by": Field(fields.text(64)),
}
CHANGE_FIELDS = {
    "filter": Field(lambda name, value: value),
    "all": Field(fields.boolean, nullable=False),
    "value": Field(fields.boolean, required=True, nullable=False),
    "by": Field(fields.text(64), required=True, nullable=False),
}
CHANGE_SORTS = {"id": keyset.id_key(AfterSalesCareChange.id)}


def defaults(session: Session) -> dict[str, Any]:
    row = session.get(AfterSalesCareDefaults, SETTINGS_ROW)
    if row is None:
        return {"customers": DEFAULT, "work_addresses": DEFAULT, "updated_by": None, "updated_at": None}
    return {"customers": row.customers, "work_addresses": row.work_addresses, "updated_by": row.updated_by,
            "updated_at": fields.iso(row.updated_at)}


def save_defaults(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    """Replace both defaults (a PUT: both are required); rows created from now on take them."""
    values = fields.parse(data, DEFAULTS_FIELDS)
    upsert(session, AfterSalesCareDefaults,
           {"id": SETTINGS_ROW, "updated_by": None, **values, "updated_at": utcnow()},
           key=["id"], update=["customers", "work_addresses", "updated_by", "updated_at"])
    session.expire_all()
    return defaults(session)


def change(session: Session, target: str, data: dict[str, Any]) -> AfterSalesCareChange:
    """Set after_sales_care on every row the filter picks, in one UPDATE; `all` alone picks every row.

    Without a filter the request must say "all": true, so an empty or forgotten filter never
    changes every customer by accident. The count is of rows whose value changed.
    """
    values = fields.parse(data, CHANGE_FIELDS)
    every = values.get("all", False)
    filters = directory.parse_body_filter(session, values["filter"]) if values.get("filter") is not None else {}
    if every and filters:
        raise InvalidField("all", "must not be given with a filter; send one or the other")
    if not every and not filters:
        raise InvalidField("filter", f"is required: give some of {', '.join(directory.FILTER_NAMES)}, "
                                     f"or \"all\": true to change every one of the {target}")
    return apply_change(session, target, directory.conditions(target, filters), filters=filters, every=every,
                        value=values["value"], by=values["by"])


def apply_change(session: Session, target: str, conditions: list, *, filters: dict[str, Any], every: bool,
                 value: bool, by: str | None) -> AfterSalesCareChange:
    """One UPDATE of the rows `conditions` pick whose value differs, and its audit record."""
    model = directory.MODELS[target]
    result = session.execute(
        update(model).where(*conditions, model.after_sales_care != value)
        .values(after_sales_care=value).execution_options(synchronize_session=False))
    record = AfterSalesCareChange(target=target, filter=filters, all_rows=every, value=value,
                                  changed=result.rowcount, changed_by=by, changed_at=utcnow())
    session.add(record)
    session.flush()
    return record


def changes(session: Session, query: dict[str, str]) -> keyset.Page:
    """The audit of bulk changes, newest first (`target` narrows it to contacts or addresses)."""
    query = {"sort": "-id", **query}
    request = keyset.request_from(query, CHANGE_SORTS)
    filters = fields.parse(query, {"target": Field(fields.choice(*directory.TARGETS), nullable=False)})
    statement = select(AfterSalesCareChange)
    if "target" in filters:
        statement = statement.where(AfterSalesCareChange.target == filters["target"])
    return keyset.fetch(session, statement, CHANGE_SORTS, AfterSalesCareChange.id, request)


def change_to_json(record: AfterSalesCareChange) -> dict[str, Any]:
    return {"id": record.id, "target": record.target, "filter": record.filter, "all": record.all_rows,
            "value": record.value, "changed": record.changed, "by": record.changed_by,
            "at": fields.iso(record.changed_at)}
