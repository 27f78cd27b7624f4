"""The consent ledger in the database: contacts and their append-only evidence events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, insert, literal, or_, select, true, union_all
from sqlalchemy.orm import Session

from compliance.consent import ConsentState, derive
from store.models import ConsentEvent, Contact, utcnow
from store.upsert import insert_ignoring_conflict

EVIDENCE_KINDS = ("implied_inquiry", "express", "existing_relationship", "transactional_context",
                  "unknown_inbound_context")
STAFF_EVIDENCE_KINDS = ("express", "existing_relationship", "transactional_context")
EVENT_KINDS = EVIDENCE_KINDS + ("opt_out", "opt_in")
SCOPES = ("all", "marketing")
SNIPPET_LENGTH = 500


def contact_for(session: Session, phone: str, lead_source: str = "inbound") -> Contact:
    """The contact with this E.164 number, created (race-free) when it is new."""
    known = find_contact(session, phone)
    if known is not None:
        return known
    # after_sales_care is left to the column's default: the business's setting for new customers.
    insert_ignoring_conflict(session, Contact, {"phone": phone, "lead_source": lead_source, "created_at": utcnow()})
    return find_contact(session, phone)


def contacts_for(session: Session, phones: list[str], lead_source: str = "inbound") -> dict[str, Contact]:
    """contact_for for several numbers: one SELECT for the known ones (staff's numbers, usually all)."""
    found = {contact.phone: contact for contact in session.scalars(select(Contact).where(Contact.phone.in_(phones)))}
    for phone in phones:
        if phone not in found:
            found[phone] = contact_for(session, phone, lead_source)
    return found


def find_contact(session: Session, phone: str) -> Contact | None:
    return session.scalars(select(Contact).where(Contact.phone == phone)).one_or_none()


def record(session: Session, contact: Contact, kind: str, *, source: str, scope: str = "all",
           channel: str | None = None, sid: str | None = None, snippet: str | None = None,
           notes: str | None = None, recorded_by: str = "system",
           occurred_at: datetime | None = None) -> ConsentEvent:
    """Add an event and write it now (an opt-out is on record before anything else happens)."""
    event = ConsentEvent(**_event_values(contact, kind, scope=scope, source=source, channel=channel, sid=sid,
                                         snippet=snippet, notes=notes, recorded_by=recorded_by,
                                         occurred_at=occurred_at))
    session.add(event)
    session.flush()
    return event


def record_evidence(session: Session, contact: Contact, kind: str, *, source: str, channel: str | None = None,
                    sid: str | None = None, snippet: str | None = None) -> None:
    """Add evidence of scope all that a text gives, by one Core INSERT on the session's connection: no ORM
    object to flush, and none of the transaction's pending rows written with it (the text's own message
    waits to go with its reply)."""
    session.connection().execute(_INSERT_EVENT, _event_values(
        contact, kind, scope="all", source=source, channel=channel, sid=sid, snippet=snippet, notes=None,
        recorded_by="system", occurred_at=None))


def _event_values(contact: Contact, kind: str, *, scope: str, source: str, channel: str | None, sid: str | None,
                  snippet: str | None, notes: str | None, recorded_by: str, occurred_at: datetime | None) -> dict:
    if kind not in EVENT_KINDS:
        raise ValueError(f"unknown consent event kind {kind!r}")
    if scope not in SCOPES:
        raise ValueError(f"unknown consent scope {scope!r}")
    return {"contact_id": contact.id, "phone": contact.phone, "kind": kind, "scope": scope, "source": source,
            "channel": channel, "sid": sid, "snippet": snippet[:SNIPPET_LENGTH] if snippet else None, "notes": notes,
            "recorded_by": recorded_by, "occurred_at": occurred_at or utcnow()}


_INSERT_EVENT = insert(ConsentEvent)


def record_once(session: Session, contact: Contact, kind: str, *, evidence_key: str, source: str,
                notes: str | None = None, occurred_at: datetime | None = None) -> bool:
    """Record evidence that derives from a row, once per `evidence_key`; False when already on record."""
    if kind not in EVIDENCE_KINDS:
        raise ValueError(f"unknown consent evidence kind {kind!r}")
    new_id = insert_ignoring_conflict(session, ConsentEvent, {
        "contact_id": contact.id, "phone": contact.phone, "kind": kind, "scope": "all", "source": source,
        "notes": notes, "recorded_by": "system", "occurred_at": occurred_at or utcnow(),
        "evidence_key": evidence_key})
    return new_id is not None


def events_of(session: Session, contact_id: int) -> list[ConsentEvent]:
    return list(session.scalars(
        select(ConsentEvent).where(ConsentEvent.contact_id == contact_id)
        .order_by(ConsentEvent.occurred_at, ConsentEvent.id)))


def state_of(session: Session, contact_id: int) -> ConsentState:
    return derive(newest_events(session, contact_id))


def newest_events(session: Session, contact_id: int) -> list[ConsentEvent]:
    """The newest event of each kind and scope, oldest first: at most 14 rows, whatever the contact's history.

    `consent.derive` reads the same state from them as from every event: an opt-out is in force when the
    newest opt-out of its scope is newer than the newest opt-in of that scope, and evidence counts by its
    kind and scope being on record and by its newest date.
    """
    return newest_events_of_many(session, [contact_id]).get(contact_id, [])


def newest_events_of_many(session: Session, contact_ids: Iterable[int]) -> dict[int, list[ConsentEvent]]:
    """`newest_events` of each contact in one statement: one index probe per contact, kind and scope."""
    events: dict[int, list[ConsentEvent]] = defaultdict(list)
    for event in session.scalars(NEWEST_EVENTS, {"contact_ids": list(contact_ids)}):
        events[event.contact_id].append(event)
    return events


def _newest_events_statement():
    pairs = union_all(*(select(literal(kind).label("kind"), literal(scope).label("scope"))
                        for kind in EVENT_KINDS for scope in SCOPES)).subquery("pairs")
    newest_id = (select(ConsentEvent.id)
                 .where(ConsentEvent.contact_id == Contact.id, ConsentEvent.kind == pairs.c.kind,
                        ConsentEvent.scope == pairs.c.scope)
                 .order_by(ConsentEvent.occurred_at.desc(), ConsentEvent.id.desc()).limit(1)
                 .correlate(Contact, pairs).scalar_subquery())
    newest_ids = (select(newest_id).select_from(Contact).join(pairs, true())
                  .where(Contact.id.in_(bindparam("contact_ids", expanding=True))))
    return (select(ConsentEvent).where(ConsentEvent.id.in_(newest_ids))
            .order_by(ConsentEvent.contact_id, ConsentEvent.occurred_at, ConsentEvent.id))


NEWEST_EVENTS = _newest_events_statement()


@dataclass(frozen=True)
class OptOuts:
    """Whether the contact is opted out now: of everything, and of marketing (true under a full opt-out too)."""

    all: bool = False
    marketing: bool = False


def opt_outs_of(session: Session, contact_id: int) -> OptOuts:
    state = state_of(session, contact_id)
    return OptOuts(state.opted_out_all, state.opted_out_marketing)


def latest_opt_kind(contact_id: ColumnElement, scope: str) -> ColumnElement:
    """The kind ("opt_out" or "opt_in") of the contact's latest opt-out or opt-in of `scope`, as a scalar
    subquery. The latest one decides, as compliance.consent.derive folds them (by time, then id)."""
    return (select(ConsentEvent.kind)
            .where(ConsentEvent.contact_id == contact_id,
                   or_(ConsentEvent.kind == "opt_out", ConsentEvent.kind == "opt_in"), ConsentEvent.scope == scope)
            .order_by(ConsentEvent.occurred_at.desc(), ConsentEvent.id.desc()).limit(1).scalar_subquery())


def opt_outs_from(latest_all: str | None, latest_marketing: str | None) -> OptOuts:
    """OptOuts from the kinds `latest_opt_kind` gave for scope all and scope marketing."""
    opted_out_all = latest_all == "opt_out"
    return OptOuts(opted_out_all, opted_out_all or latest_marketing == "opt_out")
