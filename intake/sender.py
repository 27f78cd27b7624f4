"""The sender of an inbound text in one statement: its contact, created when new, and what answering
the text needs to know of its history.

The contact is upserted (INSERT ... ON CONFLICT (phone) DO UPDATE ... RETURNING), which also keeps the
language the text is written in, and the RETURNING clause carries the history as scalar
subqueries: the latest opt-out or opt-in of each scope (the consent ledger's opt-outs now), the
automated text this one may answer and a satisfaction check-in waiting for its score
(relationships.replies), whether any follow-up sequence is running for the contact, and whether it
has a work address. A text from a new number and one from a known customer cost the same one
statement, and nothing below reads those tables again unless the history says there is something
to read. The statement is compiled once per dialect (store/compiled.py): SQLAlchemy does not cache
its dialects' ON CONFLICT constructs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Boolean, Integer, String, bindparam, column, exists, func, literal_column, select
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from compliance.ledger import OptOuts, latest_opt_kind, opt_outs_from
from relationships.enrollment import ACTIVE
from relationships.replies import CHECKIN_PENDING_DAYS, ReplyContext, pending_checkin_id, replied_to_id
from store.compiled import compiled
from store.models import Contact, Enrollment, WorkAddress
from store.upsert import DIALECT_INSERTS


@dataclass(frozen=True)
class Sender:
    contact: Contact
    opt_outs: OptOuts
    replies: ReplyContext


def sender_of(session: Session, phone: str, language: str | None, *, reply_hours: float, now: datetime) -> Sender:
    """The contact with this E.164 number (created as an inbound lead when new) and its history.

    `language`: the language the text shows (None: no evidence, or the sender is staff), kept on the contact.
    """
    upsert = compiled(session, "intake.sender", _build, _columns)
    row = session.connection().execute(upsert.statement, upsert.params({
        "phone": phone, "lead_source": "inbound", "created_at": now, "language": language, "vip": False,
        "replied_since": now - timedelta(hours=reply_hours),
        "checkin_since": now - timedelta(days=CHECKIN_PENDING_DAYS),
    })).one()
    contact = _in_session(session, row)
    if not row.has_address:
        set_committed_value(contact, "addresses", [])  # known empty: no lazy load for the time zone
    return Sender(contact, opt_outs_from(row.latest_all, row.latest_marketing),
                  ReplyContext(row.replied_to_id, row.checkin_id, row.has_active_enrollment))


def _in_session(session: Session, row) -> Contact:
    """The contact the row returned, as a persistent object of the session, made from the row (the ORM's
    own loading of a RETURNING row cost the webhook more than the statement itself); one the session
    already holds gets the row's values, as a query with populate_existing would give it."""
    values = dict(zip(_CONTACT_KEYS, row, strict=False))  # the contact's columns come first (_columns)
    held = session.identity_map.get(identity_key(Contact, values["id"]))
    if held is not None:
        for key, value in values.items():
            set_committed_value(held, key, value)
        return held
    contact = Contact(**values)
    make_transient_to_detached(contact)  # as loaded: no pending changes, identity from its id
    session.add(contact)
    return contact


_CONTACT_KEYS = [Contact.__mapper__.get_property_by_column(column).key for column in Contact.__table__.c]
_EXTRAS = {"latest_all": String(), "latest_marketing": String(), "replied_to_id": Integer(),
           "checkin_id": Integer(), "has_active_enrollment": Boolean(), "has_address": Boolean()}


def _extra_columns():
    return [column(name, type_) for name, type_ in _EXTRAS.items()]


def _columns():
    return [*Contact.__table__.c, *_extra_columns()]


def _build(dialect: str):
    contacts = Contact.__table__
    insert = DIALECT_INSERTS[dialect](Contact).values(
        phone=bindparam("phone"), lead_source=bindparam("lead_source"), created_at=bindparam("created_at"),
        language=bindparam("language"), vip=bindparam("vip"))
    # after_sales_care is left to the column's default: the business's setting for new customers.
    upsert = insert.on_conflict_do_update(
        index_elements=[contacts.c.phone],
        set_={"language": func.coalesce(insert.excluded.language, contacts.c.language)})
    # Spelled out: SQLite renders RETURNING's columns unqualified, and the subqueries must name the
    # row being returned (not bring `contacts` into their own FROM).
    contact_id = literal_column("contacts.id")
    return upsert.returning(
        Contact,
        latest_opt_kind(contact_id, "all").label("latest_all"),
        latest_opt_kind(contact_id, "marketing").label("latest_marketing"),
        replied_to_id(contact_id, bindparam("replied_since")).label("replied_to_id"),
        pending_checkin_id(contact_id, bindparam("checkin_since")).label("checkin_id"),
        exists(select(Enrollment.id).where(Enrollment.contact_id == contact_id, Enrollment.status == ACTIVE))
        .label("has_active_enrollment"),
        exists(select(WorkAddress.id).where(WorkAddress.contact_id == contact_id)).label("has_address"),
    )
