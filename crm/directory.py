"""The staff lists of contacts and work addresses (seed 003): filters, sorts, keyset pages, a total.

The same filter picks the rows a list shows and the rows a bulk change of after-sales care touches
(crm.after_sales), so "what I see is what I change" holds. Filters:

- `name`: contains, case-insensitive (a contact's name; for an address, its line 1 or its contact's name)
- `customer_type`: one of crm.customer_types (any case)
- `after_sales_care`: the row's own value
- `state`, `city` (case-insensitive), `zip` (a 5-digit ZIP also matches its ZIP+4 codes): of the
  address; a contact matches when one of its addresses does
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from crm import fields, keyset
from crm.customer_types import Catalogue
from crm.errors import InvalidField
from crm.fields import Field
from store.models import Contact, WorkAddress, name_key

CONTACTS = "contacts"
ADDRESSES = "addresses"
TARGETS = (CONTACTS, ADDRESSES)
FILTER_NAMES = ("name", "customer_type", "after_sales_care", "state", "city", "zip")
CONTACT_FILTERS = ("name", "customer_type", "after_sales_care")
ADDRESS_FILTERS = ("state", "city", "zip")
MODELS = {CONTACTS: Contact, ADDRESSES: WorkAddress}
SORTS = {
    CONTACTS: {"id": keyset.id_key(Contact.id), "name": keyset.text_key(name_key(Contact.name)),
               "created_at": keyset.iso_key(Contact.created_at)},
    ADDRESSES: {"id": keyset.id_key(WorkAddress.id), "line1": keyset.text_key(name_key(WorkAddress.line1)),
                "created_at": keyset.iso_key(WorkAddress.created_at)},
}


def filter_spec(session: Session, *, in_query: bool) -> dict[str, Field]:
    """The filter fields; `in_query` reads after_sales_care as 1/0 from a query string, else a JSON boolean."""
    return {
        "name": Field(fields.text(200), nullable=False),
        "customer_type": Field(Catalogue(session).parser(), nullable=False),
        "after_sales_care": Field(fields.flag_param if in_query else fields.boolean, nullable=False),
        "state": Field(fields.us_state, nullable=False),
        "city": Field(fields.text(100), nullable=False),
        "zip": Field(fields.postal_code, nullable=False),
    }


def conditions(target: str, filters: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    """WHERE conditions on the target's own table (a correlated EXISTS reaches the other one), so they
    serve a SELECT and a single set-based UPDATE alike."""
    address = [_address_condition(name, filters[name]) for name in ADDRESS_FILTERS if name in filters]
    if target == CONTACTS:
        own = [_contact_condition(name, filters[name]) for name in CONTACT_FILTERS if name in filters]
        return own + ([exists().where(WorkAddress.contact_id == Contact.id, *address)] if address else [])
    if "after_sales_care" in filters:
        address.append(WorkAddress.after_sales_care == filters["after_sales_care"])
    if "customer_type" in filters:
        address.append(exists().where(Contact.id == WorkAddress.contact_id,
                                      Contact.customer_type == filters["customer_type"]))
    if "name" in filters:
        needle = filters["name"].lower()
        address.append(name_key(WorkAddress.line1).contains(needle, autoescape=True)
                       | exists().where(Contact.id == WorkAddress.contact_id,
                                        name_key(Contact.name).contains(needle, autoescape=True)))
    return address


def search(session: Session, target: str, query: dict[str, str]) -> tuple[keyset.Page, int]:
    """A page of contacts or addresses matching the query's filters, and how many match in all."""
    query = dict(query)
    request = keyset.request_from(query, SORTS[target])
    filters = fields.parse(query, filter_spec(session, in_query=True))
    model = MODELS[target]
    where = conditions(target, filters)
    total = session.scalar(select(func.count()).select_from(model).where(*where))
    page = keyset.fetch(session, select(model).where(*where), SORTS[target], model.id, request)
    return page, total


def parse_body_filter(session: Session, raw: Any) -> dict[str, Any]:
    """A bulk change's `filter` object; a bad field is named as filter.<name>."""
    if not isinstance(raw, dict):
        raise InvalidField("filter", f"must be an object with some of {', '.join(FILTER_NAMES)}")
    try:
        return fields.parse(raw, filter_spec(session, in_query=False))
    except InvalidField as error:
        raise InvalidField(f"filter.{error.field}", str(error).removeprefix(error.field).strip()) from None


def _contact_condition(name: str, value: Any) -> ColumnElement[bool]:
    if name == "name":
        return name_key(Contact.name).contains(value.lower(), autoescape=True)
    if name == "customer_type":
        return Contact.customer_type == value
    return Contact.after_sales_care == value


def _address_condition(name: str, value: Any) -> ColumnElement[bool]:
    if name == "state":
        return WorkAddress.state == value
    if name == "city":
        return func.lower(WorkAddress.city) == value.lower()
    return WorkAddress.postal_code.startswith(value, autoescape=True)
