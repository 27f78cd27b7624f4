"""A text goes out at most once and is never lost: the send is claimed and committed before Twilio is
asked, its outcome committed after (retried, never re-sent, when the database fails), and a claim a
dead run left behind is settled against Twilio's own list of messages (jobs.settle).

Twilio is the real twilio Client over a recording HTTP client; the database faults are real ones: the
pooled PostgreSQL connections terminated from another session, a SQLite trigger that raises.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.pool import NullPool

import runtime
from app import create_app
from compliance import ledger
from config import Settings
from delivery import facts, outbound
from delivery.outbound import OUTCOME_RETRY_PAUSES, new_outbound
from delivery.sender import OutboxSender
from jobs import settle, sweeper
from jobs.send import deliver
from jobs.staff import notify
from store import db
from store.db import session_scope
from store.models import Contact, Message, QueuedJob, utcnow
from tests.support.twilio_http import RecordingHttpClient
from tests.support.webhooks import post

STAFF = "+13055550150"
ALERT = "New request from +13055550100"


class RunKilled(BaseException):
    """What a SIGKILL leaves of a run: nothing after this point happens (no handler catches it)."""


class DyingHttpClient(RecordingHttpClient):
    """The worker dies during the POST: after Twilio took the message (`after`), or before it left."""

    def __init__(self, *, after: bool):
        super().__init__()
        self.after = after

    def request(self, method, uri, *args, **kwargs):
        if method == "POST" and uri.endswith("/Messages.json"):
            if self.after:
                super().request(method, uri, *args, **kwargs)
            raise RunKilled
        return super().request(method, uri, *args, **kwargs)


class FaultAfterPostHttpClient(RecordingHttpClient):
    """Runs `fault` once Twilio has taken the message: the database goes wrong between POST and outcome."""

    def __init__(self, fault):
        super().__init__()
        self.fault = fault

    def request(self, method, uri, *args, **kwargs):
        answer = super().request(method, uri, *args, **kwargs)
        if method == "POST" and uri.endswith("/Messages.json"):
            self.fault()
        return answer


def _staff_alert(settings) -> int:
    with session_scope(settings.database_url) as session:
        staff = ledger.contact_for(session, STAFF, lead_source="manual")
        return new_outbound(session, staff, ALERT, purpose="staff_alert").id


def _message(settings, message_id: int) -> Message:
    with session_scope(settings.database_url) as session:
        return session.get(Message, message_id)


def _with_http(settings, http_client):
    configured = settings.with_overrides(twilio_http_client=http_client)
    runtime.configure(configured)
    return configured


def _past_the_lease(settings, weekday_morning, extra=timedelta(seconds=1)):
    weekday_morning.shift(timedelta(seconds=settings.job_lease_seconds) + extra)


# -- the outcome's commit fails after Twilio took the message ------------------------------------------

def _terminating_our_connections(url: str):
    """Record the backend of every connection our engine opens; the fault terminates them all from a
    connection of its own (only ours: the server is shared)."""
    db.dispose_all()
    pids: list[int] = []
    terminated: list[int] = []
    event.listen(db.get_engine(url), "connect", lambda connection, record: pids.append(connection.info.backend_pid))
    admin = create_engine(url, poolclass=NullPool)

    def fault() -> None:
        with admin.begin() as connection:
            terminated.extend(pid for pid in pids if connection.scalar(
                text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}))

    return fault, terminated, admin


def _failing_once_trigger(url: str):
    """A trigger that aborts the UPDATE which records a SID, the first time only (SQLite)."""
    db.dispose_all()
    armed = [True]

    def fire() -> int:
        fired, armed[0] = armed[0], False
        return int(fired)

    event.listen(db.get_engine(url), "connect",
                 lambda connection, record: connection.create_function("outcome_fault", 0, fire))
    with db.get_engine(url).begin() as connection:
        connection.execute(text(
            "CREATE TRIGGER outcome_fault BEFORE UPDATE OF twilio_sid ON messages "
            "WHEN NEW.twilio_sid IS NOT NULL AND outcome_fault() "
            "BEGIN SELECT RAISE(ABORT, 'the disk went away'); END"))
    return armed


def test_an_outcome_whose_commit_fails_after_the_post_is_committed_again_and_not_sent_again(settings, caplog):
    message_id = _staff_alert(settings)
    terminated, admin, armed = [], None, []
    if settings.database_url.startswith("postgresql"):
        fault, terminated, admin = _terminating_our_connections(settings.database_url)
        twilio = FaultAfterPostHttpClient(fault)
    else:
        armed = _failing_once_trigger(settings.database_url)
        twilio = RecordingHttpClient()
    _with_http(settings, twilio)

    with caplog.at_level(logging.WARNING, logger="delivery.outbound"):
        assert notify(message_id) == "queued"

    assert len(twilio.sent_messages) == 1
    message = _message(settings, message_id)
    assert (message.status, message.twilio_sid, message.attempts) == ("queued", twilio.created[0]["sid"], 1)
    assert message.sent_at is not None
    assert "committing the outcome of message" in caplog.text  # the first try did fail
    if admin is not None:
        assert terminated, "no connection of ours was terminated"
        admin.dispose()
    else:
        assert armed == [False]
    assert notify(message_id) == "queued"  # the job run again: nothing more is sent
    assert len(twilio.sent_messages) == 1


def test_an_outcome_that_never_commits_is_settled_from_twilio_and_the_status_callback_then_applies(
        settings, client, weekday_morning, monkeypatch):
    """Every try of the outcome fails (a trigger refuses any SID): the row stays "sending"; the sweeper's
    settle finds the message at Twilio and records it; Twilio's status callback then finds the row."""
    monkeypatch.setattr("delivery.outbound.OUTCOME_RETRY_PAUSES", (0.01,) * len(OUTCOME_RETRY_PAUSES))
    message_id = _staff_alert(settings)
    refuse = _refusing_trigger(settings.database_url)
    assert notify(message_id) == "sending"
    assert _message(settings, message_id).status == "sending"
    refuse(False)

    _past_the_lease(settings, weekday_morning)
    outcome = settle.settle(settings)
    assert (outcome.sent, outcome.resent) == (1, 0)
    sid = settings.twilio_http_client.created[0]["sid"]
    message = _message(settings, message_id)
    assert (message.status, message.twilio_sid) == ("queued", sid)
    assert len(settings.twilio_http_client.sent_messages) == 1

    assert post(client, "/twilio/status", {"MessageSid": sid, "MessageStatus": "delivered", "To": STAFF}).status_code \
        == 200
    assert _message(settings, message_id).status == "delivered"


def _refusing_trigger(url: str):
    """A trigger that refuses to record any SID on a message; the returned function drops (False) it."""
    if url.startswith("postgresql"):
        create = ["CREATE FUNCTION refuse_sid() RETURNS trigger LANGUAGE plpgsql AS "
                  "$$ BEGIN RAISE EXCEPTION 'the disk went away'; END $$",
                  "CREATE TRIGGER refuse_sid BEFORE UPDATE OF twilio_sid ON messages FOR EACH ROW "
                  "WHEN (NEW.twilio_sid IS NOT NULL) EXECUTE FUNCTION refuse_sid()"]
        drop = ["DROP TRIGGER refuse_sid ON messages", "DROP FUNCTION refuse_sid()"]
    else:
        create = ["CREATE TRIGGER refuse_sid BEFORE UPDATE OF twilio_sid ON messages "
                  "WHEN NEW.twilio_sid IS NOT NULL BEGIN SELECT RAISE(ABORT, 'the disk went away'); END"]
        drop = ["DROP TRIGGER refuse_sid"]

    def run(statements) -> None:
        with db.get_engine(url).begin() as connection:
            for statement in statements:
                connection.execute(text(statement))

    run(create)
    return lambda on: run(create if on else drop)


# -- a run killed between its claim and its outcome ----------------------------------------------------

def test_a_run_killed_after_twilio_took_the_message_is_found_at_twilio_not_sent_again(settings, weekday_morning,
                                                                                     run_jobs):
    message_id = _staff_alert(settings)
    dying = DyingHttpClient(after=True)
    _with_http(settings, dying)
    with pytest.raises(RunKilled):
        notify(message_id)
    assert _message(settings, message_id).status == "sending"
    assert notify(message_id) == "sending"  # the job handed again leaves a claimed message alone

    live = RecordingHttpClient()
    configured = _with_http(settings, live)
    live.created = dying.created  # the same Twilio account, seen through a worker that lives
    assert settle.settle(configured) == settle.Settled()  # younger than a lease: maybe a run still going
    assert live.requests == []

    _past_the_lease(settings, weekday_morning)
    outcome = settle.settle(configured)
    assert (outcome.sent, outcome.resent, outcome.waiting) == (1, 0, 0)
    listed = live.calls("GET", live.requests[0]["uri"])[0]
    assert listed["params"]["To"] == STAFF and listed["params"]["From"] == settings.twilio_number
    message = _message(settings, message_id)
    assert (message.status, message.twilio_sid, message.attempts) == ("queued", dying.created[0]["sid"], 1)
    run_jobs()
    assert live.sent_messages == [] and len(dying.sent_messages) == 1
    assert settle.settle(configured) == settle.Settled()


def test_a_run_killed_before_the_message_left_is_sent_once_when_twilio_surely_does_not_have_it(
        settings, weekday_morning, run_jobs):
    message_id = _staff_alert(settings)
    _with_http(settings, DyingHttpClient(after=False))
    with pytest.raises(RunKilled):
        notify(message_id)

    live = RecordingHttpClient()
    configured = _with_http(settings, live)
    _past_the_lease(settings, weekday_morning)
    assert settle.settle(configured) == settle.Settled(waiting=1)  # Twilio's list may lag: not yet
    assert _message(settings, message_id).status == "sending"

    weekday_morning.shift(timedelta(minutes=2))
    assert settle.settle(configured) == settle.Settled(resent=1)
    with session_scope(settings.database_url) as session:
        job = session.scalars(select(QueuedJob)).one()
    assert (job.func, job.kwargs, job.queue) == ("jobs.staff.notify", {"message_id": message_id}, "urgent")
    run_jobs()
    assert len(live.sent_messages) == 1 and live.sent_messages[0]["Body"] == ALERT
    message = _message(settings, message_id)
    assert (message.status, message.twilio_sid, message.attempts) == ("queued", live.created[0]["sid"], 2)
    assert settle.settle(configured) == settle.Settled()


def test_a_customer_message_sent_again_asks_the_gate_again(settings, weekday_morning, run_jobs):
    """A resend goes through the gate as the first send did: here the customer opted out meanwhile."""
    _with_http(settings, DyingHttpClient(after=False))
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, "+13055550100")
        ledger.record(session, contact, "unknown_inbound_context", source="call", channel="call", snippet="(call)")
        message_id = new_outbound(session, contact, "Test Plumbing Co: sorry we missed your call.",
                                  purpose="call_reply").id
    with pytest.raises(RunKilled):
        deliver(message_id)
    assert _message(settings, message_id).status == "sending"
    with session_scope(settings.database_url) as session:
        ledger.record(session, session.scalars(select(Contact)).one(), "opt_out", source="sms", channel="sms")

    live = RecordingHttpClient()
    configured = _with_http(settings, live)
    _past_the_lease(settings, weekday_morning, timedelta(minutes=3))
    assert settle.settle(configured) == settle.Settled(resent=1)
    run_jobs()
    assert live.sent_messages == []
    assert _message(settings, message_id).status == "refused"


def test_claims_wait_while_twilio_does_not_answer(settings, weekday_morning):
    message_id = _staff_alert(settings)
    _with_http(settings, DyingHttpClient(after=True))
    with pytest.raises(RunKilled):
        notify(message_id)
    down = RecordingHttpClient()
    down.fail_next(503, 20503, "Service Unavailable")
    configured = _with_http(settings, down)
    _past_the_lease(settings, weekday_morning, timedelta(minutes=10))
    assert settle.settle(configured) == settle.Settled(waiting=1)
    assert down.sent_messages == []
    assert _message(settings, message_id).status == "sending"


def test_a_message_being_sent_counts_toward_the_caps(settings):
    message_id = _staff_alert(settings)
    _with_http(settings, DyingHttpClient(after=True))
    with pytest.raises(RunKilled):
        notify(message_id)
    with session_scope(settings.database_url) as session:
        message = session.get(Message, message_id)
        contact = session.get(Contact, message.contact_id)
        history = facts.contact_facts(session, settings, contact, utcnow()).sent_history
    assert [(purpose, sent_at) for sent_at, purpose, _ in history] == [("staff_alert", message.claimed_at)]


# -- where the settling runs: every sweeper pass, and `flask jobs sweep` --------------------------------

class OnePass(threading.Event):
    """A stop event that stops `sweep_forever` after its first pass."""

    def wait(self, timeout=None) -> bool:
        self.set()
        return True


def _killed_after_the_post(settings, weekday_morning) -> tuple[int, RecordingHttpClient]:
    message_id = _staff_alert(settings)
    dying = DyingHttpClient(after=True)
    _with_http(settings, dying)
    with pytest.raises(RunKilled):
        notify(message_id)
    _past_the_lease(settings, weekday_morning)
    return message_id, dying


def test_every_sweeper_pass_settles_claimed_sends(settings, weekday_morning):
    message_id, dying = _killed_after_the_post(settings, weekday_morning)
    sweeper.sweep_forever(settings.with_overrides(twilio_http_client=dying), OnePass())
    assert _message(settings, message_id).twilio_sid == dying.created[0]["sid"]
    assert len(dying.sent_messages) == 1


def test_flask_jobs_sweep_settles_claimed_sends(settings, weekday_morning):
    message_id, dying = _killed_after_the_post(settings, weekday_morning)
    result = create_app(settings.with_overrides(twilio_http_client=dying)).test_cli_runner().invoke(
        args=["jobs", "sweep"])
    assert result.exit_code == 0, result.output
    assert "claimed sends: 1 found sent, 0 sent again, 0 waiting" in result.output
    assert _message(settings, message_id).status == "queued"


def test_the_same_words_sent_a_moment_before_are_not_taken_for_the_claimed_send(settings, weekday_morning,
                                                                               run_jobs):
    """Twilio lists the earlier alert too (within the clock slack, same body): its SID is ours already."""
    live = RecordingHttpClient()
    configured = _with_http(settings, live)
    earlier = _staff_alert(settings)
    assert notify(earlier) == "queued"
    message_id = _staff_alert(settings)
    _with_http(settings, DyingHttpClient(after=False))
    with pytest.raises(RunKilled):
        notify(message_id)

    runtime.configure(configured)
    _past_the_lease(settings, weekday_morning, timedelta(minutes=3))
    assert settle.settle(configured) == settle.Settled(resent=1)
    run_jobs()
    assert [sent["Body"] for sent in live.sent_messages] == [ALERT, ALERT]
    assert _message(settings, message_id).twilio_sid == live.created[1]["sid"]


def test_the_outbox_file_holds_each_text_once_and_settles_a_claim_by_it(settings, weekday_morning, tmp_path):
    outbox = settings.with_overrides(sender="outbox", outbox_file=str(tmp_path / "outbox.jsonl"))
    runtime.configure(outbox)
    recorded, claimed = _staff_alert(outbox), _staff_alert(outbox)
    assert notify(recorded) == "recorded"
    with session_scope(outbox.database_url) as session:  # what a run killed after the outbox wrote leaves
        message = session.get(Message, claimed)
        outbound.claim(message, session.get(Contact, message.contact_id))
    OutboxSender(outbox.outbox_file).send(STAFF, ALERT)
    _past_the_lease(outbox, weekday_morning)
    assert settle.settle(outbox) == settle.Settled(sent=1)
    assert [line["to"] for line in OutboxSender(outbox.outbox_file).lines()] == [STAFF, STAFF]
    assert {_message(outbox, message_id).status for message_id in (recorded, claimed)} == {"recorded"}
    assert Settings.from_env({"OUTBOX_FILE": outbox.outbox_file}).outbox_file == outbox.outbox_file
