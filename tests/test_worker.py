"""The worker runs jobs in its own process (no fork per job): a job that raises, or hangs past its
timeout, or holds a database session when it is stopped, costs that job alone; two workers handed the
same jobs send each message once."""

import itertools
import multiprocessing
import time

from redis import Redis
from rq.job import Job, JobStatus
from sqlalchemy import select, text

from jobs import connection
from jobs.queue import DELIVER_JOB, dispatch, schedule
from jobs.worker import FrontdeskWorker
from store import db
from store.db import session_scope
from store.models import QueuedJob
from tests.faults.harness import seed_sends


def hold_a_session_and_hang(database_url: str) -> None:
    """A job stopped by its timeout in the middle of a transaction (on SQLite, holding the write lock)."""
    with session_scope(database_url) as session:
        session.execute(text("UPDATE queued_jobs SET attempts = attempts WHERE id < 0"))
        time.sleep(30)


def _worker(settings, redis) -> FrontdeskWorker:
    return FrontdeskWorker(connection.queues(settings, redis), connection=redis)


def test_a_job_that_raises_or_hangs_costs_that_job_alone(settings, redis_connection, twilio_http):
    queue = connection.queue(settings, redis_connection)
    hanging = queue.enqueue("time.sleep", 30, job_timeout=1)
    holding = queue.enqueue(hold_a_session_and_hang, settings.database_url, job_timeout=1)
    with session_scope(settings.database_url) as session:
        broken = schedule(session, DELIVER_JOB, message=1)  # deliver() has no such argument: TypeError
    dispatch(settings, [broken])
    seed_sends(settings, 2)

    started = time.monotonic()
    worker = _worker(settings, redis_connection)
    worker.work(burst=True)

    assert time.monotonic() - started < 20  # neither hanging job ran its 30 s
    for job in (hanging, holding):
        job = Job.fetch(job.id, connection=redis_connection)
        assert job.get_status() == JobStatus.FAILED
        assert "JobTimeoutException" in job.latest_result().exc_string
    with session_scope(settings.database_url) as session:
        row = session.get(QueuedJob, broken)
    assert row.failed_at is not None and row.attempts == settings.job_max_attempts
    assert row.last_error.startswith("TypeError") and row.lease_until is None
    assert len(twilio_http.sent_messages) == 2  # the sends after them went, the lock was not left held
    assert db.checked_out() == 0


def _work_in_a_process(settings, results, first_sid: int) -> None:
    # Each process is its own fake Twilio: it must not hand out the other's message SIDs.
    settings.twilio_http_client.sids = itertools.count(first_sid)
    redis = Redis.from_url(settings.redis_url)
    _worker(settings, redis).work(burst=True)
    results.put([message["To"] for message in settings.twilio_http_client.sent_messages])


def test_two_workers_handed_the_same_jobs_twice_send_each_message_once(settings, redis_connection):
    message_ids = seed_sends(settings, 30)
    with session_scope(settings.database_url) as session:
        job_ids = list(session.scalars(select(QueuedJob.id)))
    assert dispatch(settings, job_ids) == 30  # every job is in the queue twice now
    assert connection.queue(settings, redis_connection).count == 60
    db.dispose_all()  # each process opens its own connections

    forked = multiprocessing.get_context("fork")
    results = forked.Queue()
    workers = [forked.Process(target=_work_in_a_process, args=(settings, results, 1 + 10**6 * index))
               for index in range(2)]
    for process in workers:
        process.start()
    sent = [to for _ in workers for to in results.get(timeout=120)]
    for process in workers:
        process.join(10)
        assert process.exitcode == 0

    assert len(sent) == len(message_ids) and len(set(sent)) == len(message_ids)
    with session_scope(settings.database_url) as session:
        assert session.scalar(select(QueuedJob.id).where(QueuedJob.finished_at.is_(None))) is None

