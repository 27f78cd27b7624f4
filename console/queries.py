"""What the console's pages show, read from the database in a fixed, small number of statements.

Plain functions over a Session (no Flask): every page runs a constant number of queries whatever the
number of rows it lists, so the page time does not grow with the inbox.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from compliance import ledger
from compliance.consent import derive
from crm import directory
from crm.customer_types import all_types
from crm.fields import is_row_id
from responder.access import CODE_KINDS
from store.models import (
    AccessReveal,
    Booking,
    ConsentEvent,
    Contact,
    ConversationRead,
    Escalation,
    Estimate,
    GateDecision,
    Lead,
    Message,
    StaffUser,
    WorkAddress,
)

INBOX_LIMIT = 50
INBOX_SCAN_BATCH = 500
THREAD_LIMIT = 200
LIST_LIMIT = 200
CONTACTS_PAGE = 50
OPEN_ESCALATION = ("open", "claimed")
HELD = ("refused", "deferred")
ESCALATION_STATUSES = ("open", "claimed", "closed")
EMERGENCY = "emergency"
# Access details shown in full without a reveal: they help the technician and open nothing.
PLAIN_ACCESS_FIELDS = ("pet", "parking", "updated_at")


@dataclass
class InboxRow:
    contact: Contact
    last: Message
    preview: str
    unread: int = 0
    emergency: bool = False
    open_escalation: bool = False
    opted_out: bool = False


@dataclass
class Segment:
    text: str
    flagged: bool = False
    reason: str | None = None
    masked: bool = False


@dataclass
class ThreadMessage:
    message: Message
    reasons: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    refused_for_content: bool = False


@dataclass
class AccessField:
    source: str
    source_id: int
    label: str
    name: str
    masked: str
    secret: bool


@dataclass
class Conversation:
    contact: Contact
    messages: list[ThreadMessage]
    bookings: list[Booking]
    estimates: list[Estimate]
    leads: list[Lead]
    escalations: list[Escalation]
    consent: list[ConsentEvent]
    opted_out: bool
    addresses: list[WorkAddress]
    access: list[AccessField]
    reveals: list[tuple[AccessReveal, str]]


# -- inbox --------------------------------------------------------------------------------------

def inbox(session: Session, *, search: str | None = None, exclude_phones=(), limit: int = INBOX_LIMIT,
          scan_batch: int = INBOX_SCAN_BATCH) -> list[InboxRow]:
    """Conversations by last activity (their newest message), with unread counts and badges."""
    if (search or "").strip():
        latest = _latest_matching(session, _contact_filter(search, exclude_phones), limit)
    else:
        latest = _latest_overall(session, exclude_phones, limit, scan_batch)
    if not latest:
        return []
    contacts = {contact.id: contact for contact in session.scalars(select(Contact).where(Contact.id.in_(latest)))}
    messages = {message.id: message for message in session.scalars(select(Message).where(
        Message.id.in_(list(latest.values()))))}
    rows = [InboxRow(contacts[contact_id], messages[message_id], masked_body(messages[message_id]))
            for contact_id, message_id in latest.items()]
    _add_badges(session, rows)
    return rows


def _latest_overall(session: Session, exclude_phones, limit: int, batch: int) -> dict[int, int]:
    """{contact id: newest message id} of the `limit` most recently active contacts, newest first.

    Walks the messages backwards along the primary key, a batch at a time, and keeps the first
    message seen of each contact: no pass over the whole table, however long the history.
    """
    excluded = set(session.scalars(select(Contact.id).where(Contact.phone.in_(list(exclude_phones))))) \
        if exclude_phones else set()
    latest: dict[int, int] = {}
    cursor = None
    while len(latest) < limit:
        statement = select(Message.id, Message.contact_id).order_by(Message.id.desc()).limit(batch)
        if cursor is not None:
            statement = statement.where(Message.id < cursor)
        pairs = session.execute(statement).all()
        for message_id, contact_id in pairs:
            if contact_id not in excluded and contact_id not in latest:
                latest[contact_id] = message_id
                if len(latest) == limit:
                    break
        if len(pairs) < batch:
            break
        cursor, batch = pairs[-1][0], batch * 4
    return latest


def _latest_matching(session: Session, contact_filter, limit: int) -> dict[int, int]:
    """The same for the contacts a search matches: one index probe per matching contact."""
    last_id = (select(func.max(Message.id)).where(Message.contact_id == Contact.id)
               .correlate(Contact).scalar_subquery().label("last_id"))
    ranked = select(Contact.id, last_id).where(contact_filter).subquery()
    pairs = session.execute(select(ranked.c.id, ranked.c.last_id).where(ranked.c.last_id.is_not(None))
                            .order_by(ranked.c.last_id.desc()).limit(limit)).all()
    return dict(pairs)


def _contact_filter(search: str | None, exclude_phones):
    conditions = []
    if exclude_phones:
        conditions.append(Contact.phone.not_in(list(exclude_phones)))
    search = (search or "").strip()
    if search:
        pattern = f"%{_escape_like(search.lower())}%"
        matches = [func.lower(Contact.name).like(pattern, escape="\\")]
        digits = "".join(char for char in search if char.isdigit())
        if digits:
            matches.append(Contact.phone.like(f"%{digits}%"))
        conditions.append(or_(*matches))
    return and_(*conditions) if conditions else None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _add_badges(session: Session, rows: list[InboxRow]) -> None:
    ids = [row.contact.id for row in rows]
    if not ids:
        return
    unread = dict(session.execute(
        select(Message.contact_id, func.count())
        .outerjoin(ConversationRead, ConversationRead.contact_id == Message.contact_id)
        .where(Message.contact_id.in_(ids), Message.direction == "inbound",
               Message.id > func.coalesce(ConversationRead.last_read_message_id, 0))
        .group_by(Message.contact_id)).all())
    escalations = defaultdict(set)
    for contact_id, reason in session.execute(
            select(Escalation.contact_id, Escalation.reason)
            .where(Escalation.contact_id.in_(ids), Escalation.status.in_(OPEN_ESCALATION))):
        escalations[contact_id].add(reason)
    opted_out = _opted_out(session, ids)
    for row in rows:
        contact_id = row.contact.id
        row.unread = unread.get(contact_id, 0)
        row.open_escalation = bool(escalations[contact_id])
        row.emergency = EMERGENCY in escalations[contact_id]
        row.opted_out = contact_id in opted_out


def _opted_out(session: Session, contact_ids: list[int]) -> set[int]:
    events = ledger.newest_events_of_many(session, contact_ids)
    return {contact_id for contact_id, rows in events.items() if derive(rows).opted_out_all}


# -- one conversation ---------------------------------------------------------------------------

def find_contact(session: Session, contact_id) -> Contact | None:
    return session.get(Contact, contact_id) if is_row_id(contact_id) else None


def thread(session: Session, contact_id: int, *, limit: int = THREAD_LIMIT) -> list[ThreadMessage]:
    """The newest `limit` messages of a contact, oldest first; held-back ones with the gate's reasons."""
    messages = list(session.scalars(select(Message).where(Message.contact_id == contact_id)
                                    .order_by(Message.id.desc()).limit(limit)))
    messages.reverse()
    return with_decisions(session, messages)


def with_decisions(session: Session, messages: list[Message]) -> list[ThreadMessage]:
    held = [message.id for message in messages if message.status in HELD or message.status == "superseded"]
    decisions = {}
    if held:
        for decision in session.scalars(select(GateDecision).where(GateDecision.message_id.in_(held))
                                        .order_by(GateDecision.id)):
            decisions[decision.message_id] = decision  # the latest wins
    rows = []
    for message in messages:
        decision = decisions.get(message.id)
        spans = list(decision.spans) if decision else []
        rows.append(ThreadMessage(
            message, reasons=list(decision.reasons) if decision else [],
            segments=highlight(message.body, spans, code_ranges(message)),
            refused_for_content=bool(spans) and message.status == "refused"))
    return rows


def highlight(body: str, spans: list[dict], codes: list[tuple[int, int]] = ()) -> list[Segment]:
    """The body cut into plain, flagged (promotional) and masked (access code) pieces.

    The template escapes each piece; a code shows as dots, to be revealed in the access details.
    """
    marks = [(span.get("start"), span.get("end"), span) for span in spans]
    marks += [(start, end, None) for start, end in codes]
    segments, position = [], 0
    for start, end, span in sorted(marks, key=lambda mark: mark[0] if isinstance(mark[0], int) else -1):
        if not isinstance(start, int) or not isinstance(end, int) or not position <= start < end <= len(body):
            continue
        if start > position:
            segments.append(Segment(body[position:start]))
        if span is None:
            segments.append(Segment(mask(body[start:end]), masked=True))
        else:
            segments.append(Segment(body[start:end], True, span.get("reason")))
        position = end
    if position < len(body) or not segments:
        segments.append(Segment(body[position:]))
    return segments


def code_ranges(message: Message) -> list[tuple[int, int]]:
    """Where the access codes the classifier found sit in an inbound body."""
    ranges = []
    for entity in message.entities or ():
        if not isinstance(entity, dict) or entity.get("kind") not in CODE_KINDS or not entity.get("value"):
            continue
        start, end, value = entity.get("start"), entity.get("end"), str(entity["value"])
        if isinstance(start, int) and isinstance(end, int):
            found = message.body.find(value, start, end)
            if found >= 0:
                ranges.append((found, found + len(value)))
    return ranges


def masked_body(message: Message) -> str:
    return "".join(segment.text for segment in highlight(message.body, [], code_ranges(message)))


def conversation(session: Session, contact: Contact) -> Conversation:
    contact_id = contact.id
    bookings = list(session.scalars(select(Booking).where(Booking.contact_id == contact_id)
                                    .order_by(Booking.window_start.desc()).limit(20)))
    addresses = list(session.scalars(select(WorkAddress).where(WorkAddress.contact_id == contact_id)
                                     .order_by(WorkAddress.id)))
    consent = list(session.scalars(select(ConsentEvent).where(ConsentEvent.contact_id == contact_id)
                                   .order_by(ConsentEvent.occurred_at, ConsentEvent.id)))
    reveals = list(session.execute(
        select(AccessReveal, StaffUser.email).join(StaffUser, StaffUser.id == AccessReveal.user_id)
        .where(AccessReveal.contact_id == contact_id).order_by(AccessReveal.id.desc()).limit(20)).tuples())
    return Conversation(
        contact=contact,
        messages=thread(session, contact_id),
        bookings=bookings,
        estimates=list(session.scalars(select(Estimate).where(Estimate.contact_id == contact_id)
                                       .order_by(Estimate.id.desc()).limit(20))),
        leads=list(session.scalars(select(Lead).where(Lead.contact_id == contact_id)
                                   .order_by(Lead.id.desc()).limit(20))),
        escalations=list(session.scalars(select(Escalation).where(Escalation.contact_id == contact_id)
                                         .order_by(Escalation.id.desc()).limit(20))),
        consent=consent,
        opted_out=derive(consent).opted_out_all,
        addresses=addresses,
        access=access_fields(bookings, addresses),
        reveals=reveals,
    )


def access_fields(bookings: list[Booking], addresses: list[WorkAddress]) -> list[AccessField]:
    fields = []
    for source, rows in (("booking", bookings), ("address", addresses)):
        for row in rows:
            for name, value in sorted((row.access_notes or {}).items()):
                if name == "updated_at":
                    continue
                secret = name not in PLAIN_ACCESS_FIELDS
                label = f"{'Booking' if source == 'booking' else 'Address'} #{row.id}: {name.replace('_', ' ')}"
                fields.append(AccessField(source, row.id, label, name, mask(str(value)) if secret else str(value),
                                          secret))
    return fields


def mask(value: str) -> str:
    """A code shows its last two characters at most, as the texts to the customer do."""
    return "•" * 4 + (value[-2:] if len(value) >= 6 else "")


# -- escalations, held back ---------------------------------------------------------------------

def escalations(session: Session, status: str, *, limit: int = LIST_LIMIT) -> list[tuple[Escalation, Contact]]:
    """Escalations with this status, emergencies first, newest first."""
    emergency_first = case((Escalation.reason == EMERGENCY, 0), else_=1)
    return list(session.execute(
        select(Escalation, Contact).join(Contact, Contact.id == Escalation.contact_id)
        .where(Escalation.status == status).order_by(emergency_first, Escalation.id.desc()).limit(limit)).tuples())


def escalation_counts(session: Session) -> dict[str, int]:
    counts = dict(session.execute(select(Escalation.status, func.count()).group_by(Escalation.status)).all())
    return {status: counts.get(status, 0) for status in ESCALATION_STATUSES}


def held_back(session: Session, status: str, *, limit: int = LIST_LIMIT) -> list[tuple[ThreadMessage, Contact]]:
    pairs = list(session.execute(
        select(Message, Contact).join(Contact, Contact.id == Message.contact_id)
        .where(Message.direction == "outbound", Message.status == status)
        .order_by(Message.id.desc()).limit(limit)).tuples())
    rows = with_decisions(session, [message for message, _ in pairs])
    return [(row, contact) for row, (_, contact) in zip(rows, pairs, strict=True)]


# -- contacts -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ContactFilter:
    name: str = ""
    care: str = ""  # "", "on" or "off"
    place: str = ""
    customer_type: str = ""  # "" (any) or a type's canonical name (crm.customer_types)
    page: int = 1


def contacts(session: Session, wanted: ContactFilter) -> tuple[list[Contact], bool]:
    """One page of contacts matching the filter, and whether another page follows."""
    page = max(1, wanted.page)
    rows = list(session.scalars(select(Contact).where(*contact_conditions(wanted)).order_by(Contact.id.desc())
                                .offset((page - 1) * CONTACTS_PAGE).limit(CONTACTS_PAGE + 1)))
    return rows[:CONTACTS_PAGE], len(rows) > CONTACTS_PAGE


def count_contacts(session: Session, wanted: ContactFilter) -> int:
    return session.scalar(select(func.count()).select_from(Contact).where(*contact_conditions(wanted)))


def contact_conditions(wanted: ContactFilter) -> list:
    """The WHERE conditions of a contact filter, shared by the list and the bulk change."""
    conditions = []
    if wanted.name:
        pattern = f"%{_escape_like(wanted.name.strip().lower())}%"
        digits = "".join(char for char in wanted.name if char.isdigit())
        matches = [func.lower(Contact.name).like(pattern, escape="\\")]
        if digits:
            matches.append(Contact.phone.like(f"%{digits}%"))
        conditions.append(or_(*matches))
    if wanted.care in ("on", "off"):
        conditions.append(Contact.after_sales_care.is_(wanted.care == "on"))
    if wanted.customer_type:
        conditions += directory.conditions(directory.CONTACTS, {"customer_type": wanted.customer_type})
    if wanted.place:
        pattern = f"%{_escape_like(wanted.place.strip().lower())}%"
        conditions.append(exists().where(
            WorkAddress.contact_id == Contact.id,
            or_(func.lower(WorkAddress.city).like(pattern, escape="\\"),
                func.lower(WorkAddress.state).like(pattern, escape="\\"),
                WorkAddress.postal_code.like(pattern, escape="\\"))))
    return conditions


def customer_types(session: Session) -> list[str]:
    """The types the filter offers: the seed's built-in ones, then the business's own."""
    return all_types(session)


def care_counts(session: Session) -> dict[bool, int]:
    return dict(session.execute(select(Contact.after_sales_care, func.count()).group_by(Contact.after_sales_care))
                .all())
