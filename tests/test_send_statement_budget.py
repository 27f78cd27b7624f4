"""A send job costs at most 13 SQL statements in two transactions, on SQLite and PostgreSQL.

The job's lease is taken in the transaction that asks the gate and claims the message, and let go of
in the one that commits the send's outcome (jobs.runner.Lease); a send the gate refuses is one
transaction. Counted with tests/support/sql_statements.py (BEGIN and COMMIT included), running the
job as RQ runs it (jobs.runner.run_queued_job). What each run leaves is checked too: fewer statements
must not mean a send recorded differently, or a job left unfinished.

The 13 of a send: BEGIN; the lease (UPDATE queued_jobs); the message and its contact (one SELECT ...
FOR UPDATE); the gate's facts (activity and address, consent events, sent history: three SELECTs);
the gate's decision (INSERT) and the claim (UPDATE messages); COMMIT; then the POST to Twilio; BEGIN;
the outcome (UPDATE messages, compare-and-set) and the job finished (UPDATE queued_jobs); COMMIT.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

import runtime
from compliance import ledger
from jobs import runner
from jobs.runner import JobDatabaseError
from store import db
from store.db import session_scope
from store.models import GateDecision, Message, QueuedJob
from tests.faults.harness import seed_sends
from tests.support.sql_statements import StatementCounter
from tests.test_send_once import DyingHttpClient, RunKilled

SEND_BUDGET = 13
REFUSED_BUDGET = 10  # the first transaction of a send, with the job finished in it; nothing after it


@pytest.fixture
def statements(settings):
    counter = StatementCounter(db.get_engine(settings.database_url))
    yield counter
    counter.close()


def _one_send(settings) -> tuple[int, int]:
    [message_id] = seed_sends(settings, 1)
    with session_scope(settings.database_url) as session:
        job_id = session.scalar(select(QueuedJob.id).where(QueuedJob.kwargs["message_id"].as_integer() == message_id))
    return message_id, job_id


def _rows(settings, message_id: int, job_id: int) -> tuple[Message, QueuedJob, list[GateDecision]]:
    with session_scope(settings.database_url) as session:
        return (session.get(Message, message_id), session.get(QueuedJob, job_id),
                list(session.scalars(select(GateDecision).where(GateDecision.message_id == message_id))))


def test_a_send_costs_thirteen_statements_in_two_transactions(settings, statements, twilio_http):
    message_id, job_id = _one_send(settings)
    statements.reset()
    assert runner.run_queued_job(job_id) == "queued"
    assert statements.total <= SEND_BUDGET, statements.statements
    assert statements.kinds["COMMIT"] == 2, statements.statements

    [sent] = twilio_http.sent_messages
    message, job, [decision] = _rows(settings, message_id, job_id)
    assert (message.status, message.twilio_sid, message.attempts) == ("queued", twilio_http.created[0]["sid"], 1)
    assert message.sent_at is not None and message.claimed_at is not None
    assert decision.action == "allow"
    assert job.finished_at is not None and job.attempts == 1
    assert (job.lease_owner, job.lease_until, job.last_error) == (None, None, None)
    assert runner.run_queued_job(job_id) == "already done"
    assert len(twilio_http.sent_messages) == 1


def test_a_refused_send_is_one_transaction_and_keeps_its_reason(settings, statements, twilio_http):
    message_id, job_id = _one_send(settings)
    with session_scope(settings.database_url) as session:
        contact = ledger.find_contact(session, "+13055550000")
        ledger.record(session, contact, "opt_out", source="sms", channel="sms", snippet="STOP")
    statements.reset()
    assert runner.run_queued_job(job_id) == "refused"
    assert statements.total <= REFUSED_BUDGET, statements.statements
    assert statements.kinds["COMMIT"] == 1, statements.statements

    assert twilio_http.sent_messages == []
    message, job, [decision] = _rows(settings, message_id, job_id)
    assert message.status == "refused" and "opted out" in message.status_reason
    assert (decision.action, decision.rule) == ("refuse", "opt_out")
    assert job.finished_at is not None and job.lease_until is None and job.attempts == 1


@pytest.fixture
def failing_gate_record(settings):
    """The gate's decision cannot be written: a trigger that raises, in the lease's own transaction."""
    engine = db.get_engine(settings.database_url)
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("CREATE TRIGGER gate_fault BEFORE INSERT ON gate_decisions "
                                    "BEGIN SELECT RAISE(ABORT, 'the disk went away'); END"))
        else:
            connection.execute(text("CREATE FUNCTION gate_fault() RETURNS trigger LANGUAGE plpgsql AS "
                                    "$$ BEGIN RAISE EXCEPTION 'the disk went away'; END $$"))
            connection.execute(text("CREATE TRIGGER gate_fault BEFORE INSERT ON gate_decisions "
                                    "FOR EACH ROW EXECUTE FUNCTION gate_fault()"))

    def repair() -> None:
        with engine.begin() as connection:
            connection.execute(text("DROP TRIGGER gate_fault" if engine.dialect.name == "sqlite"
                                    else "DROP TRIGGER gate_fault ON gate_decisions"))
            if engine.dialect.name != "sqlite":
                connection.execute(text("DROP FUNCTION gate_fault()"))

    yield repair
    with engine.connect() as connection:
        still_there = connection.execute(text(
            "SELECT count(*) FROM sqlite_master WHERE name = 'gate_fault'" if engine.dialect.name == "sqlite"
            else "SELECT count(*) FROM pg_trigger WHERE tgname = 'gate_fault'")).scalar()
    if still_there:
        repair()


def test_a_run_that_fails_before_its_claim_commits_counts_the_attempt_and_sends_nothing(
        settings, twilio_http, failing_gate_record):
    """The lease rolls back with the claim; the attempt and the error are still written, the lease left free."""
    message_id, job_id = _one_send(settings)
    with pytest.raises(JobDatabaseError):
        runner.run_queued_job(job_id)

    assert twilio_http.sent_messages == []
    message, job, decisions = _rows(settings, message_id, job_id)
    assert (message.status, message.attempts, decisions) == ("pending", 0, [])
    assert job.attempts == 1 and job.finished_at is None and job.failed_at is None
    assert job.lease_until is None and "the disk went away" in job.last_error

    failing_gate_record()
    assert runner.run_queued_job(job_id) == "queued"
    message, job, [decision] = _rows(settings, message_id, job_id)
    assert (message.status, message.attempts, job.attempts) == ("queued", 1, 2)
    assert job.finished_at is not None and len(twilio_http.sent_messages) == 1


def test_a_job_that_fails_on_every_attempt_before_its_claim_commits_fails_for_good(
        settings, twilio_http, failing_gate_record):
    message_id, job_id = _one_send(settings)
    for _ in range(settings.job_max_attempts):
        with pytest.raises(JobDatabaseError):
            runner.run_queued_job(job_id)
    message, job, _ = _rows(settings, message_id, job_id)
    assert job.attempts == settings.job_max_attempts and job.failed_at is not None and job.lease_until is None
    assert runner.run_queued_job(job_id) == "already done"
    assert twilio_http.sent_messages == [] and message.status == "pending"


def test_a_run_killed_after_its_claim_leaves_the_job_leased_until_it_expires_then_finished_unsent(
        settings, twilio_http, weekday_morning):
    """The claim and the lease commit together: a run killed during the POST leaves both; once the lease
    expires the job is run again, finds its message claimed, and finishes without sending."""
    message_id, job_id = _one_send(settings)
    dying = DyingHttpClient(after=True)
    runtime.configure(settings.with_overrides(twilio_http_client=dying))
    with pytest.raises(RunKilled):
        runner.run_queued_job(job_id)
    message, job, _ = _rows(settings, message_id, job_id)
    assert message.status == "sending" and job.finished_at is None and job.lease_until is not None
    assert runner.run_queued_job(job_id).startswith("running under another lease")

    weekday_morning.shift(timedelta(seconds=settings.job_lease_seconds + 1))
    assert runner.run_queued_job(job_id) == "sending"  # left to jobs.settle, which asks Twilio
    message, job, _ = _rows(settings, message_id, job_id)
    assert message.status == "sending" and message.attempts == 1
    assert job.finished_at is not None and job.lease_until is None and job.attempts == 2
    assert len(dying.sent_messages) == 1 and twilio_http.sent_messages == []
