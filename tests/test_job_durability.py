"""Follow-up jobs survive Redis being down or restarted, and failed sends are retried, then recorded."""

from sqlalchemy import select

from app import create_app
from jobs import sweeper
from store.db import session_scope
from store.models import Message, QueuedJob
from tests.support.webhooks import post, sid, twiml

DEAD_REDIS = "redis://127.0.0.1:1/0"
CALLER = "+13055550100"


def _missed_call(client):
    call_sid = sid("CA")
    post(client, "/twilio/voice", {"CallSid": call_sid, "From": CALLER})
    return post(client, "/twilio/voice/dial-status", {"CallSid": call_sid, "From": CALLER,
                                                       "DialCallStatus": "no-answer"})


def _job(settings) -> QueuedJob:
    with session_scope(settings.database_url) as session:
        return session.scalars(select(QueuedJob)).one()


def test_webhook_answers_while_redis_is_down_and_the_sweeper_recovers_the_job(settings, run_jobs, twilio_http):
    down = settings.with_overrides(redis_url=DEAD_REDIS)
    response = _missed_call(create_app(down).test_client())
    assert response.status_code == 200 and twiml(response).find("Record") is not None
    waiting = _job(settings)
    assert waiting.enqueued_at is None and waiting.finished_at is None

    assert sweeper.sweep(settings) == 1
    run_jobs()
    assert len(twilio_http.sent_messages) == 1
    assert _job(settings).finished_at is not None
    assert sweeper.sweep(settings) == 0


def test_a_redis_restart_between_enqueue_and_run_loses_nothing(client, settings, redis_connection, run_jobs,
                                                               twilio_http, monkeypatch):
    _missed_call(client)
    assert _job(settings).enqueued_at is not None
    redis_connection.flushdb()  # what a restart of our Redis (which keeps nothing on disk) leaves
    run_jobs()
    assert twilio_http.sent_messages == []
    monkeypatch.setattr(sweeper, "HANDOVER_GRACE", sweeper.HANDOVER_GRACE * 0)
    assert sweeper.sweep(settings) == 1
    run_jobs()
    assert len(twilio_http.sent_messages) == 1


def test_sweeping_twice_does_not_send_twice(client, settings, run_jobs, twilio_http, monkeypatch):
    monkeypatch.setattr(sweeper, "HANDOVER_GRACE", sweeper.HANDOVER_GRACE * 0)
    _missed_call(client)
    assert sweeper.sweep(settings) == 0  # RQ already holds it
    run_jobs()
    assert sweeper.sweep(settings) == 0
    assert len(twilio_http.sent_messages) == 1


def test_transient_send_failure_is_retried_until_it_goes(client, settings, run_jobs, twilio_http):
    twilio_http.fail_next(503, 20503, "Service unavailable")
    _missed_call(client)
    run_jobs()
    with session_scope(settings.database_url) as session:
        message = session.scalars(select(Message).where(Message.direction == "outbound")).one()
    assert message.status == "queued" and message.attempts == 2
    assert len(twilio_http.sent_messages) == 2


def test_permanent_send_failure_is_recorded_and_not_retried(client, settings, run_jobs, twilio_http):
    twilio_http.fail_next(400, 21211, "The 'To' number is not a valid phone number.")
    _missed_call(client)
    run_jobs()
    with session_scope(settings.database_url) as session:
        message = session.scalars(select(Message).where(Message.direction == "outbound")).one()
    assert (message.status, message.error_code) == ("failed", "21211")
    assert len(twilio_http.sent_messages) == 1


def test_send_failing_every_time_ends_failed_after_the_last_attempt(client, settings, run_jobs, twilio_http):
    for _ in range(settings.job_max_attempts):
        twilio_http.fail_next(500, 20500, "Internal error")
    _missed_call(client)
    run_jobs()
    with session_scope(settings.database_url) as session:
        message = session.scalars(select(Message).where(Message.direction == "outbound")).one()
        job = session.scalars(select(QueuedJob)).one()
    assert message.status == "failed" and message.attempts == settings.job_max_attempts
    assert job.finished_at is not None and job.attempts == settings.job_max_attempts
    assert len(twilio_http.sent_messages) == settings.job_max_attempts


def test_21610_on_send_records_the_opt_out(client, settings, run_jobs, twilio_http):
    twilio_http.fail_next(400, 21610, "Attempt to send to unsubscribed recipient")
    _missed_call(client)
    run_jobs()
    from compliance import ledger

    with session_scope(settings.database_url) as session:
        contact = ledger.find_contact(session, CALLER)
        assert ledger.state_of(session, contact.id).opted_out_all


def test_thousands_of_jobs_are_handed_over_and_swept_in_chunks(settings, redis_connection, monkeypatch):
    from jobs import queue

    monkeypatch.setattr(queue, "HANDOVER_CHUNK", 400)
    monkeypatch.setattr(sweeper, "HANDOVER_CHUNK", 400)
    monkeypatch.setattr(sweeper, "HANDOVER_GRACE", sweeper.HANDOVER_GRACE * 0)
    with session_scope(settings.database_url) as session:
        job_ids = [queue.schedule(session, "jobs.send.deliver", message_id=index) for index in range(1000)]
    assert queue.dispatch(settings, job_ids) == 1000
    assert redis_connection.llen(f"rq:queue:{settings.queue_name}") == 1000
    assert sweeper.sweep(settings) == 0
    redis_connection.flushdb()
    assert sweeper.sweep(settings) == 1000
    assert redis_connection.llen(f"rq:queue:{settings.queue_name}") == 1000
