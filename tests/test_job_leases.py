"""The queued_jobs row owns the truth: a lease per run, the sweeper re-hands what a dead worker or a
dead scheduler left, and a message is sent once even when two runs of its job overlap."""

import threading
import time
from datetime import timedelta

from rq import SimpleWorker
from rq.job import Job
from rq.registry import ScheduledJobRegistry
from sqlalchemy import select, update

import runtime
from app import create_app
from compliance import ledger
from delivery.outbound import new_outbound
from jobs import connection, runner, sweeper
from jobs.queue import dispatch, schedule
from jobs.staff import notify
from store.db import session_scope
from store.models import Message, QueuedJob, utcnow
from tests.support.twilio_http import RecordingHttpClient
from tests.support.webhooks import post, sid

CALLER = "+13055550100"


def _missed_call(client) -> None:
    call_sid = sid("CA")
    post(client, "/twilio/voice", {"CallSid": call_sid, "From": CALLER})
    post(client, "/twilio/voice/dial-status", {"CallSid": call_sid, "From": CALLER, "DialCallStatus": "no-answer"})


def _job(settings) -> QueuedJob:
    with session_scope(settings.database_url) as session:
        return session.scalars(select(QueuedJob)).one()


def _lease(settings, job_id: int, until) -> None:
    with session_scope(settings.database_url) as session:
        session.execute(update(QueuedJob).where(QueuedJob.id == job_id)
                        .values(lease_owner="other-host:1:abc", lease_until=until))


def test_a_job_under_another_runs_lease_is_not_run_until_the_lease_expires(client, settings, twilio_http):
    _missed_call(client)
    job = _job(settings)
    _lease(settings, job.id, utcnow() + timedelta(minutes=1))
    assert runner.run_queued_job(job.id).startswith("running under another lease")
    assert twilio_http.sent_messages == []

    _lease(settings, job.id, utcnow() - timedelta(seconds=1))
    runner.run_queued_job(job.id)
    assert len(twilio_http.sent_messages) == 1
    finished = _job(settings)
    assert finished.finished_at is not None and finished.lease_until is None and finished.attempts == 1
    assert runner.run_queued_job(job.id) == "already done"
    assert len(twilio_http.sent_messages) == 1


def test_a_job_whose_worker_died_is_handed_again_though_rq_says_started(client, settings, redis_connection,
                                                                         run_jobs, twilio_http, monkeypatch):
    monkeypatch.setattr(sweeper, "HANDOVER_GRACE", timedelta(0))
    _missed_call(client)
    job = _job(settings)
    # What a SIGKILLed worker leaves: RQ still says STARTED, the row's lease runs out.
    redis_connection.lpop(f"rq:queue:{settings.queue_name}")
    redis_connection.hset(Job.key_for(job.rq_job_id), "status", "started")
    _lease(settings, job.id, utcnow() + timedelta(minutes=1))
    assert sweeper.sweep(settings) == 0  # the lease is live: somebody is running it

    _lease(settings, job.id, utcnow() - timedelta(seconds=1))
    assert sweeper.sweep(settings) == 1
    assert _job(settings).lease_until is None
    run_jobs()
    assert len(twilio_http.sent_messages) == 1
    assert sweeper.sweep(settings) == 0


def test_a_job_taken_off_its_queue_by_a_worker_that_died_at_once_is_handed_again(client, settings, redis_connection,
                                                                                   run_jobs, twilio_http, monkeypatch):
    """RQ moves a job off its queue, then marks it started: a kill in between leaves it QUEUED in no queue."""
    monkeypatch.setattr(sweeper, "HANDOVER_GRACE", timedelta(0))
    _missed_call(client)
    assert sweeper.sweep(settings) == 0  # waiting in its queue
    redis_connection.lpop(f"rq:queue:{settings.queue_name}")
    assert sweeper.sweep(settings) == 1
    run_jobs()
    assert len(twilio_http.sent_messages) == 1


def test_a_due_job_the_rq_scheduler_did_not_move_is_queued_by_the_sweeper(settings, redis_connection, run_jobs,
                                                                          weekday_morning, monkeypatch):
    monkeypatch.setattr(sweeper, "HANDOVER_GRACE", timedelta(0))
    job_id = _scheduled_textback(settings, run_at=utcnow() + timedelta(seconds=30))
    scheduled = ScheduledJobRegistry(connection.queue_name(settings), connection=redis_connection)
    assert f"frontdesk-job-{job_id}" in scheduled.get_job_ids()
    assert sweeper.sweep(settings) == 0  # not due yet: RQ holds it

    weekday_morning.shift(timedelta(seconds=30) + sweeper.SCHEDULER_GRACE * 2)  # the scheduler is down
    assert sweeper.sweep(settings) == 1
    assert f"frontdesk-job-{job_id}" not in scheduled.get_job_ids()
    assert redis_connection.lrange(f"rq:queue:{settings.queue_name}", 0, -1) == [f"frontdesk-job-{job_id}".encode()]
    run_jobs()
    assert _job(settings).finished_at is not None


def test_a_retry_rq_scheduled_for_later_is_left_alone(settings, redis_connection, twilio_http, monkeypatch):
    monkeypatch.setattr(sweeper, "HANDOVER_GRACE", timedelta(0))
    twilio_http.fail_next(500, 20500, "Twilio is down")
    _missed_call(create_app(settings.with_overrides(job_retry_intervals=(60,))).test_client())
    # The first attempt fails; RQ schedules the retry 60 s out, after the row's own run_at.
    SimpleWorker(connection.queues(settings, redis_connection), connection=redis_connection).work(burst=True)
    assert len(twilio_http.sent_messages) == 1 and _job(settings).finished_at is None
    assert sweeper.sweep(settings) == 0


def test_two_overlapping_runs_of_one_send_send_it_once(settings):
    slow = SlowHttpClient()
    runtime.configure(settings.with_overrides(twilio_http_client=slow))
    with session_scope(settings.database_url) as session:
        staff = ledger.contact_for(session, "+13055550150", lead_source="manual")
        message = new_outbound(session, staff, "New request from +13055550100", purpose="staff_alert")
        message_id = message.id
    runs = [threading.Thread(target=notify, args=(message_id,)) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert len(slow.sent_messages) == 1
    with session_scope(settings.database_url) as session:
        assert session.get(Message, message_id).attempts == 1


def test_staff_alerts_go_to_the_urgent_queue_and_reminders_to_bulk(settings):
    with session_scope(settings.database_url) as session:
        alert = schedule(session, "jobs.staff.notify", message_id=1)
        reminder = schedule(session, "jobs.followups.booking_reminder", queue=connection.BULK, booking_id=1,
                            window_start="2026-11-25T14:00:00+00:00")
        plain = schedule(session, "jobs.followups.post_job_checkin", booking_id=1)
    with session_scope(settings.database_url) as session:
        queues = dict(session.execute(select(QueuedJob.id, QueuedJob.queue)).all())
    assert queues == {alert: "urgent", reminder: "bulk", plain: "default"}
    assert [queue.name for queue in connection.queues(settings, connection.worker_redis(settings))] == \
        [f"{settings.queue_name}-urgent", settings.queue_name, f"{settings.queue_name}-bulk"]


def _scheduled_textback(settings, *, run_at) -> int:
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, CALLER)
        job_id = schedule(session, "jobs.followups.missed_call_textback", run_at=run_at,
                          contact_id=contact.id, call_sid=sid("CA"))
    assert dispatch(settings, [job_id]) == 1
    return job_id


class SlowHttpClient(RecordingHttpClient):
    """Twilio taking half a second to answer: long enough for a second run to start meanwhile."""

    def request(self, method, uri, *args, **kwargs):
        if method == "POST" and uri.endswith("/Messages.json"):
            time.sleep(0.5)
        return super().request(method, uri, *args, **kwargs)
