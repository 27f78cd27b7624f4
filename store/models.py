"""The tables of the front desk, as SQLAlchemy 2.0 typed models."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    func,
    literal_column,
    select,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, column_property, mapped_column, relationship

OPEN_JOB = "finished_at IS NULL AND failed_at IS NULL"
SENDING_MESSAGE = "status = 'sending'"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC and hands back aware UTC, on SQLite and PostgreSQL alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict: JSON, list: JSON}


class AfterSalesCareDefaults(Base):
    """The business's after-sales care defaults (seed 003): one row, id 1; no row means both yes."""

    __tablename__ = "after_sales_care_defaults"
    __table_args__ = (CheckConstraint("id = 1", name="ck_after_sales_care_defaults_one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    customers: Mapped[bool] = mapped_column(Boolean)
    work_addresses: Mapped[bool] = mapped_column(Boolean)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


def _care_default(column):
    """The INSERT-time default of an after_sales_care column: the stored setting, else yes.

    A SQL expression, so every path that creates a contact or an address without saying otherwise
    (webhook, staff API, import, bulk insert) gets the business's current default in the same statement.
    """
    stored = select(column).where(AfterSalesCareDefaults.id == 1).scalar_subquery()
    return func.coalesce(stored, true())


class CustomerType(Base):
    """A customer type the business added to the seed's built-in ones (crm.customer_types)."""

    __tablename__ = "customer_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


Index("ix_customer_types_name_key", func.lower(CustomerType.name), unique=True)


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str | None] = mapped_column(String(200))
    lead_source: Mapped[str] = mapped_column(String(20), default="inbound")
    after_sales_care: Mapped[bool] = mapped_column(Boolean, default=_care_default(AfterSalesCareDefaults.customers))
    birthday: Mapped[date | None] = mapped_column(Date)
    # The language the contact writes in ("en", "es"), from their latest text that showed one; None until then.
    language: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    email: Mapped[str | None] = mapped_column(String(254))
    customer_type: Mapped[str | None] = mapped_column(String(64))
    external_ref: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    # Seed 001: set by staff, else the first completed job's date (relationships.dates).
    anniversary: Mapped[date | None] = mapped_column(Date)
    # The VIP flag the daily relationship score sets, unless staff override it; the score itself is
    # `relationship_score` below, read from the latest day's row.
    vip: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    vip_override: Mapped[str | None] = mapped_column(String(8))  # "vip", "not_vip" or None (the score decides)

    addresses: Mapped[list[WorkAddress]] = relationship(back_populates="contact", order_by="WorkAddress.id")


def name_key(name_column):
    """What lists sort and search names by: lower-cased, a missing name as ''."""
    return func.lower(func.coalesce(name_column, literal_column("''")))  # a literal, so the index matches


# The staff lists (crm.directory) filter and page on these. after_sales_care has no index on purpose:
# a yes/no picks half the rows, and an index on it would make every bulk change rewrite index entries.
Index("ix_contacts_name_key", name_key(Contact.name), Contact.id)
Index("ix_contacts_customer_type", Contact.customer_type, Contact.id)
Index("ix_contacts_created_at", Contact.created_at, Contact.id)


class WorkAddress(Base):
    __tablename__ = "work_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    line1: Mapped[str] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(2))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    access_notes: Mapped[dict] = mapped_column(default=dict)
    after_sales_care: Mapped[bool] = mapped_column(
        Boolean, default=_care_default(AfterSalesCareDefaults.work_addresses))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    line2: Mapped[str | None] = mapped_column(String(200))
    # The address a `flask contacts import` row carries, one per contact: a re-import updates it.
    import_key: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)

    contact: Mapped[Contact] = relationship(back_populates="addresses")


Index("ix_work_addresses_state_city", WorkAddress.state, WorkAddress.city)
Index("ix_work_addresses_postal_code", WorkAddress.postal_code)
Index("ix_work_addresses_line1_key", name_key(WorkAddress.line1), WorkAddress.id)
Index("ix_work_addresses_created_at", WorkAddress.created_at, WorkAddress.id)


class AfterSalesCareChange(Base):
    """One bulk "Change communication preferences": who, when, which rows (the filter), the value, how many."""

    __tablename__ = "after_sales_care_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(16))
    filter: Mapped[dict] = mapped_column(default=dict)
    all_rows: Mapped[bool] = mapped_column(Boolean, default=False)
    value: Mapped[bool] = mapped_column(Boolean)
    changed: Mapped[int] = mapped_column(Integer)
    changed_by: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class ConsentEvent(Base):
    """One piece of consent evidence, an opt-out or an opt-in. Never updated, never deleted."""

    __tablename__ = "consent_events"
    # The consent state reads the newest event of each kind and scope of a contact along this index: one
    # probe each, however many events the contact has (compliance.ledger.newest_events).
    __table_args__ = (Index("ix_consent_events_contact_kind_scope_occurred",
                            "contact_id", "kind", "scope", "occurred_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    phone: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(16), default="all")
    source: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str | None] = mapped_column(String(16))
    sid: Mapped[str | None] = mapped_column(String(64))
    snippet: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(64), default="system")
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Names evidence that derives from a row (e.g. "booking:12:transactional_context"): recorded once.
    evidence_key: Mapped[str | None] = mapped_column(String(160), unique=True, index=True)


@event.listens_for(ConsentEvent, "before_update")
@event.listens_for(ConsentEvent, "before_delete")
def _refuse_to_rewrite_evidence(mapper, connection, target):
    raise PermissionError("consent events are append-only")


def rq_job_id_of(queued_job_id: int) -> str:
    """The RQ job id of a queued_jobs row (a job handed over again keeps its id)."""
    return f"frontdesk-job-{queued_job_id}"


class WebhookReceipt(Base):
    """The claim on one Twilio webhook delivery, and the answer it got, so a retry gets the same one."""

    __tablename__ = "webhook_receipts"
    __table_args__ = (UniqueConstraint("kind", "key", name="uq_webhook_receipts_kind_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(128))
    response_body: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class Message(Base):
    """Every SMS in or out, with its status; outbound ones carry the purpose and gate outcome."""

    __tablename__ = "messages"
    # The console's inbox (latest message per contact) and threads read along this index.
    # The sweeper reads the sends a dead worker left claimed (jobs.settle) along the second index: only
    # those rows are in it, so the history of sent messages costs nothing.
    __table_args__ = (Index("ix_messages_contact_id_id", "contact_id", "id"),
                      Index("ix_messages_sending", "claimed_at", postgresql_where=text(SENDING_MESSAGE),
                            sqlite_where=text(SENDING_MESSAGE)))

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    direction: Mapped[str] = mapped_column(String(8))
    channel: Mapped[str] = mapped_column(String(16), default="sms")
    twilio_sid: Mapped[str | None] = mapped_column(String(64), unique=True)
    body: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str | None] = mapped_column(String(32))
    subject: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))
    status_reason: Mapped[str | None] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(32))
    intent_confidence: Mapped[float | None]
    # none_as_null: no entities is SQL NULL whether or not the row names the column (an inbound text and
    # its reply are written by one INSERT that names it for both), never the JSON value null.
    entities: Mapped[list | None] = mapped_column(JSON(none_as_null=True))
    error_code: Mapped[str | None] = mapped_column(String(16))
    job_key: Mapped[str | None] = mapped_column(String(160), unique=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    segments: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None]
    # When a send job claimed the message for its latest attempt (status "sending", delivery.outbound.claim).
    claimed_at: Mapped[datetime | None]
    not_before: Mapped[datetime | None]
    # The work address the message is about (a booking's): the gate reads its zone and after-sales care.
    address_id: Mapped[int | None] = mapped_column(ForeignKey("work_addresses.id"))
    # At most one message per key, e.g. "quote-followup:12:2026-11-24": one follow-up of an estimate a day.
    daily_key: Mapped[str | None] = mapped_column(String(160), unique=True, index=True)


class Call(Base):
    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_sid: Mapped[str] = mapped_column(String(64), unique=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    dial_status: Mapped[str | None] = mapped_column(String(16))
    missed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Voicemail(Base):
    __tablename__ = "voicemails"

    id: Mapped[int] = mapped_column(primary_key=True)
    recording_sid: Mapped[str] = mapped_column(String(64), unique=True)
    call_sid: Mapped[str | None] = mapped_column(String(64), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    recording_url: Mapped[str | None] = mapped_column(Text)
    duration_seconds: Mapped[int | None]
    transcription_sid: Mapped[str | None] = mapped_column(String(64))
    transcription_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class QueuedJob(Base):
    """A follow-up job as the database knows it: the source of truth that Redis only carries.

    A row is written in the same transaction as what caused it, handed to RQ after the commit and
    finished by the job itself, so a Redis outage or restart never loses it: the sweeper hands any
    unfinished row to RQ again.
    """

    __tablename__ = "queued_jobs"
    # The sweeper reads the open rows by id: finished history, however long, is not in this index.
    __table_args__ = (Index("ix_queued_jobs_open", "id", postgresql_where=text(OPEN_JOB),
                            sqlite_where=text(OPEN_JOB)),)

    id: Mapped[int] = mapped_column(primary_key=True)
    func: Mapped[str] = mapped_column(String(128))
    kwargs: Mapped[dict] = mapped_column(default=dict)
    dedupe_key: Mapped[str | None] = mapped_column(String(160), unique=True)
    run_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    enqueued_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(index=True)
    failed_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    # The RQ queue by urgency (jobs.connection.QUEUES), so the sweeper hands it back to the same one.
    queue: Mapped[str] = mapped_column(String(16), default="default", server_default="default")
    # The lease of the run in progress: who runs it and until when. Expired, the sweeper hands it again.
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None]

    @property
    def rq_job_id(self) -> str:
        return rq_job_id_of(self.id)


class Booking(Base):
    """A visit: requested by text or entered by staff (usually from the field-service software)."""

    __tablename__ = "bookings"
    # The availability query reads the holding bookings of the days asked about along this index (and from
    # it alone): a range of window_start per status, window_end checked in the index.
    __table_args__ = (Index("ix_bookings_status_window_start", "status", "window_start", "window_end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    address_id: Mapped[int | None] = mapped_column(ForeignKey("work_addresses.id"))
    window_start: Mapped[datetime] = mapped_column(index=True)
    window_end: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="requested", index=True)
    service: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    access_notes: Mapped[dict] = mapped_column(default=dict)
    source: Mapped[str] = mapped_column(String(16), default="staff")
    external_ref: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    invoice_total_cents: Mapped[int | None] = mapped_column(Integer)  # recorded when the job is completed
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    contact: Mapped[Contact] = relationship()


class Estimate(Base):
    """A quote sent to a customer; follow-ups stop once it is sold or declined."""

    __tablename__ = "estimates"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    number: Mapped[str] = mapped_column(String(32))
    amount_cents: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    portal_url: Mapped[str | None] = mapped_column(Text)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    external_ref: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Lead(Base):
    """A customer's request for work or a quote that staff have not dealt with yet."""

    __tablename__ = "leads"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    summary: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(16))  # won, lost, duplicate
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("leads.id"))
    assigned_to: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]  # first time staff acted on it
    reminded_at: Mapped[datetime | None]


class Escalation(Base):
    """Something a person must answer: the reason, the conversation so far, and who has it."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    transcript: Mapped[list] = mapped_column(default=list)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(64))


class GateDecision(Base):
    """Every answer of the send gate, with its reasons: why a message went, waited or was refused."""

    __tablename__ = "gate_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(8), index=True)
    reasons: Mapped[list] = mapped_column(default=list)
    spans: Mapped[list] = mapped_column(default=list)
    defer_until: Mapped[datetime | None]
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    rule: Mapped[str | None] = mapped_column(String(32))  # the check that refused or deferred


class MediaFile(Base):
    """A photo a customer texted (MMS) or a voicemail recording: where Twilio has it and our copy.

    `source_key` names it deterministically (the message's SID and media index, or the recording's
    SID), so a webhook retried or replayed stores it once.
    """

    __tablename__ = "media_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # mms, recording
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    voicemail_id: Mapped[int | None] = mapped_column(ForeignKey("voicemails.id"), index=True)
    twilio_sid: Mapped[str | None] = mapped_column(String(64))
    source_url: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending, stored, failed, deleted
    path: Mapped[str | None] = mapped_column(Text)
    size_bytes: Mapped[int | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    fetched_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]


class FallbackRequest(Base):
    """A webhook Twilio sent to the fallback URL because the main one failed: kept raw for replay."""

    __tablename__ = "fallback_requests"
    __table_args__ = (UniqueConstraint("kind", "sid", name="uq_fallback_requests_kind_sid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # sms, voice
    sid: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict] = mapped_column(default=dict)
    error_code: Mapped[str | None] = mapped_column(String(16))
    error_url: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    replayed_at: Mapped[datetime | None] = mapped_column(index=True)
    result: Mapped[str | None] = mapped_column(Text)


class StaffThread(Base):
    """What one staff alert is about, numbered: its id is the "#N" a staff reply can name."""

    __tablename__ = "staff_threads"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    subject: Mapped[str] = mapped_column(String(128), index=True)  # about: "escalation:5", "lead:7", "booking:3"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Reveal(Base):
    """An audit row: a staff API caller asked to see access codes unmasked."""

    __tablename__ = "reveals"

    id: Mapped[int] = mapped_column(primary_key=True)
    revealed_by: Mapped[str] = mapped_column(String(64))
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(300))
    revealed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class StaffUser(Base):
    """A person who signs in to the staff console: an owner (settings, users) or staff."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16), default="staff")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]


class ConversationRead(Base):
    """How far the office has read a contact's conversation (one shared inbox per business)."""

    __tablename__ = "conversation_reads"

    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), primary_key=True)
    last_read_message_id: Mapped[int] = mapped_column(Integer, default=0)
    read_by: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    read_at: Mapped[datetime] = mapped_column(default=utcnow)


class AccessReveal(Base):
    """Who saw an access code in full on the console, and when. Never updated, never deleted."""

    __tablename__ = "access_reveals"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    source: Mapped[str] = mapped_column(String(16))  # "booking" or "address"
    source_id: Mapped[int]
    field: Mapped[str] = mapped_column(String(32))
    revealed_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- Follow-up and relationships (seed 001) -------------------------------------------------------


class FollowupSequence(Base):
    """A follow-up sequence: what starts it, its ordered steps, and what stops it."""

    __tablename__ = "sequences"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(64), unique=True)  # the shipped default it came from
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))  # a customer is in one sequence of a kind at a time
    trigger: Mapped[str] = mapped_column(String(32))
    inactivity_days: Mapped[int | None] = mapped_column(Integer)
    stop_on: Mapped[list] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    deleted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    steps: Mapped[list[SequenceStep]] = relationship(order_by="SequenceStep.position", cascade="all, delete-orphan")


class SequenceStep(Base):
    __tablename__ = "sequence_steps"
    __table_args__ = (UniqueConstraint("sequence_id", "position", name="uq_sequence_steps_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence_id: Mapped[int] = mapped_column(ForeignKey("sequences.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    after: Mapped[str] = mapped_column(String(8), default="previous")  # "trigger" or "previous"
    delay_days: Mapped[int] = mapped_column(Integer, default=0)
    delay_hours: Mapped[int] = mapped_column(Integer, default=0)
    local_time: Mapped[str | None] = mapped_column(String(5))  # "10:00": at this time in the customer's zone
    purpose: Mapped[str] = mapped_column(String(32))
    template: Mapped[str] = mapped_column(Text)


class Segment(Base):
    """A saved filter over customers (relationships.segments compiles it to SQL)."""

    __tablename__ = "segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    filters: Mapped[dict] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Campaign(Base):
    """A win-back campaign: a segment, a sequence, and an inactivity threshold of at least 30 days."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id"), index=True)
    sequence_id: Mapped[int] = mapped_column(ForeignKey("sequences.id"), index=True)
    inactivity_days: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    launched_at: Mapped[datetime | None]
    enrolled: Mapped[int | None] = mapped_column(Integer)
    deleted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Enrollment(Base):
    """One customer in one sequence for one trigger occurrence (a job, a year's birthday, a campaign)."""

    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("contact_id", "sequence_id", "occurrence", name="uq_enrollments_occurrence"),
        Index("uq_enrollments_active_kind", "contact_id", "kind", unique=True,
              postgresql_where=text("status = 'active'"), sqlite_where=text("status = 'active'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    sequence_id: Mapped[int] = mapped_column(ForeignKey("sequences.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    occurrence: Mapped[str] = mapped_column(String(64))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    trigger_at: Mapped[datetime]
    time_zone: Mapped[str | None] = mapped_column(String(64))
    next_position: Mapped[int] = mapped_column(Integer, default=1)
    last_planned_at: Mapped[datetime | None]
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]


class RelationshipScore(Base):
    """One customer's score on one day, with the normalised factors and the raw signals behind them.

    Derived data written a million rows at a time by one INSERT ... SELECT from contacts: no foreign
    key, whose per-row check would double the daily run.
    """

    __tablename__ = "relationship_scores"

    contact_id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    score: Mapped[int] = mapped_column(Integer)
    vip: Mapped[bool] = mapped_column(Boolean)
    recency: Mapped[float] = mapped_column(Float)
    spend: Mapped[float] = mapped_column(Float)
    frequency: Mapped[float] = mapped_column(Float)
    nps: Mapped[float] = mapped_column(Float)
    engagement: Mapped[float] = mapped_column(Float)
    days_since_last_job: Mapped[int | None] = mapped_column(Integer)
    lifetime_spend_cents: Mapped[int] = mapped_column(BigInteger)
    jobs_12m: Mapped[int] = mapped_column(Integer)
    nps_last: Mapped[int | None] = mapped_column(Integer)
    automated_12m: Mapped[int] = mapped_column(Integer)
    engaged_12m: Mapped[int] = mapped_column(Integer)


class NpsResponse(Base):
    """A 0-10 answer to a satisfaction check-in; one per check-in."""

    __tablename__ = "nps_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    asked_message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), unique=True)
    reply_message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"))
    score: Mapped[int] = mapped_column(Integer)
    escalation_id: Mapped[int | None] = mapped_column(ForeignKey("escalations.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class TrackedLink(Base):
    """A short link in one outbound text to one recipient: /l/<code> redirects to the target."""

    __tablename__ = "tracked_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # the job key and the link's place in it
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"), index=True)
    target: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Engagement(Base):
    """An automated text the customer engaged with: a click on its link or a reply; once per kind."""

    __tablename__ = "engagements"
    __table_args__ = (UniqueConstraint("message_id", "kind", name="uq_engagements_message_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # "click" or "reply"
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)


# The latest daily score of a contact (None before its first completed job), loaded when read.
Contact.relationship_score = column_property(
    select(RelationshipScore.score).where(RelationshipScore.contact_id == Contact.id)
    .order_by(RelationshipScore.day.desc()).limit(1).correlate_except(RelationshipScore).scalar_subquery(),
    deferred=True)
