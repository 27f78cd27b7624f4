"""Contacts (one per phone number) and their work addresses."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from compliance import ledger
from crm import access, fields
from crm.customer_types import Catalogue
from crm.fields import Field
from crm.rows import Saved, found
from store.models import Contact, WorkAddress, utcnow
from store.upsert import insert_ignoring_conflict

LEAD_SOURCES = ("inbound", "outbound", "manual")
STAFF_LEAD_SOURCE = "manual"

CONTACT_FIELDS = {
    "phone": Field(fields.phone, required=True, nullable=False),
    "name": Field(fields.text(200)),
    "birthday": Field(fields.past_date),
    "after_sales_care": Field(fields.boolean, nullable=False),
    "lead_source": Field(fields.choice(*LEAD_SOURCES), nullable=False),
    "email": Field(fields.email),
    "customer_type": Field(fields.text(64)),  # checked against crm.customer_types by _contact_spec
}
CONTACT_CHANGES = {name: CONTACT_FIELDS[name]
                   for name in ("name", "birthday", "after_sales_care", "email", "customer_type")}
ADDRESS_FIELDS = {
    "line1": Field(fields.text(200), required=True, nullable=False),
    "line2": Field(fields.text(200)),
    "city": Field(fields.text(100)),
    "state": Field(fields.us_state),
    "postal_code": Field(fields.postal_code),
    "time_zone": Field(fields.time_zone),
    "after_sales_care": Field(fields.boolean, nullable=False),
}


def save_contact(session: Session, data: dict[str, Any]) -> Saved:
    """Create the contact with this phone, or update the one that already has it (idempotent by phone).

    lead_source records how a contact first reached the business, so only a new contact takes it.
    """
    values = fields.parse(data, _contact_spec(session, CONTACT_FIELDS))
    phone = values.pop("phone")
    lead_source = values.pop("lead_source", STAFF_LEAD_SOURCE)
    # after_sales_care, when not given, is the business's default for new customers (crm.after_sales).
    new_id = insert_ignoring_conflict(session, Contact, {
        "phone": phone, "lead_source": lead_source, "created_at": utcnow()})
    contact = ledger.find_contact(session, phone)
    _apply(contact, values)
    session.flush()
    return Saved(contact, created=new_id is not None)


def get_contact(session: Session, contact_id: int) -> Contact:
    return found(session, Contact, contact_id, "contact")


def update_contact(session: Session, contact_id: int, data: dict[str, Any]) -> Saved:
    contact = get_contact(session, contact_id)
    _apply(contact, fields.parse(data, _contact_spec(session, CONTACT_CHANGES), partial=True))
    session.flush()
    return Saved(contact)


def add_address(session: Session, contact_id: int, data: dict[str, Any]) -> Saved:
    contact = get_contact(session, contact_id)
    address = WorkAddress(contact_id=contact.id, access_notes={})  # after_sales_care: the business's default
    _apply(address, fields.parse(data, ADDRESS_FIELDS))
    session.add(address)
    session.flush()
    return Saved(address, created=True)


def update_address(session: Session, address_id: int, data: dict[str, Any]) -> Saved:
    address = found(session, WorkAddress, address_id, "address")
    _apply(address, fields.parse(data, ADDRESS_FIELDS, partial=True))
    session.flush()
    return Saved(address)


def addresses_of(session: Session, contact_id: int) -> list[WorkAddress]:
    contact = get_contact(session, contact_id)
    return list(session.scalars(select(WorkAddress).where(WorkAddress.contact_id == contact.id)
                                .order_by(WorkAddress.id)))


def to_json(contact: Contact) -> dict[str, Any]:
    return {"id": contact.id, "phone": contact.phone, "name": contact.name,
            "birthday": fields.iso(contact.birthday), "after_sales_care": contact.after_sales_care,
            "lead_source": contact.lead_source, "email": contact.email, "customer_type": contact.customer_type,
            "external_ref": contact.external_ref, "created_at": fields.iso(contact.created_at),
            "relationship_score": contact.relationship_score, "vip": contact.vip, "vip_override": contact.vip_override,
            "anniversary": fields.iso(contact.anniversary)}


def address_to_json(address: WorkAddress, *, reveal: bool = False) -> dict[str, Any]:
    return {"id": address.id, "contact_id": address.contact_id, "line1": address.line1, "line2": address.line2,
            "city": address.city, "state": address.state, "postal_code": address.postal_code,
            "time_zone": address.time_zone, "after_sales_care": address.after_sales_care,
            "access_notes": access.masked(address.access_notes or {}, reveal),
            "created_at": fields.iso(address.created_at)}


def _contact_spec(session: Session, spec: dict[str, Field]) -> dict[str, Field]:
    """`spec` with customer_type checked against the business's customer types."""
    return {**spec, "customer_type": Field(Catalogue(session).parser())}


def _apply(row: object, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(row, name, value)
