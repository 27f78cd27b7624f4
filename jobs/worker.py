"""The RQ worker of the service: listens to the queues most urgent first, and rides out Redis faults.

It runs jobs in its own process (RQ's SimpleWorker): a fork per job cost ~90 ms against ~5 ms for the
job itself. Forking bought isolation that the job rows now give: a run holds a lease on its row, so a
worker that dies mid-job leaves a lease that expires and the sweeper hands the job again. A job that
raises is RQ's failure like before; a job that hangs is stopped by RQ's SIGALRM death penalty (the
worker runs jobs in its main thread); a database connection a job left checked out is dropped before
the next job. `flask worker --fork` keeps RQ's forking worker for jobs that must not share a process.

RQ's own `Worker.work()` quits on an unexpected error (a Redis connection dropped while a job ran,
a Redis timeout), and checks on its scheduler process only at its maintenance, every 10 minutes by
default. Here a worker that stops without being asked to is started again once Redis answers, its
maintenance (which restarts a dead scheduler) runs every few seconds, and a scheduler lock left by a
killed worker is broken as soon as its holder stops beating, instead of after the lock's minute.
"""

from __future__ import annotations

import gc
import logging
import signal
import time
from datetime import UTC, datetime

from redis import Redis
from redis.exceptions import RedisError
from rq import SimpleWorker, Worker
from rq.scheduler import SCHEDULER_KEY_TEMPLATE, RQScheduler
from rq.scripts import release_lock
from rq.utils import utcparse

from config import Settings
from jobs import connection
from store import db

log = logging.getLogger(__name__)
# The worker blocks on its queues for WORKER_TTL - 15 s at most, then checks on its scheduler if due.
WORKER_TTL_SECONDS = 17
SCHEDULER_CHECK_SECONDS = 2
# A scheduler beats every second; one silent this long is dead, and its lock may be taken.
SCHEDULER_SILENT_SECONDS = 10
RESTART_PAUSE_SECONDS = 1.0
MAX_RESTART_PAUSE_SECONDS = 15.0


class _Frontdesk:
    """What our workers add to RQ's: they know whether they were asked to stop, and keep a scheduler running."""

    stop_asked = False
    _scheduler_checked = 0.0

    def handle_warm_shutdown_request(self):
        self.stop_asked = True
        super().handle_warm_shutdown_request()

    @property
    def should_run_maintenance_tasks(self):
        return (super().should_run_maintenance_tasks
                or time.monotonic() - self._scheduler_checked > SCHEDULER_CHECK_SECONDS)

    def run_maintenance_tasks(self):
        """Every few seconds: free a dead holder's scheduler lock, and take the lock and start the
        scheduler again if ours died (RQ itself checks at its 10-minute maintenance)."""
        self._scheduler_checked = time.monotonic()
        if self.scheduler is not None and self.last_cleaned_at is not None:
            break_stale_scheduler_locks(self.connection, self.queue_names(), mine=self.scheduler.name)
            self.scheduler.acquire_locks(auto_start=True)
        if super().should_run_maintenance_tasks:
            super().run_maintenance_tasks()


class FrontdeskWorker(_Frontdesk, SimpleWorker):
    """Runs each job in the worker's own (warm) process: the classifier, engines and clients stay loaded."""

    def execute_job(self, job, queue):
        try:
            super().execute_job(job, queue)
        finally:
            _drop_leaked_connections(job.id)


class ForkingFrontdeskWorker(_Frontdesk, Worker):
    """RQ's fork per job (`flask worker --fork`): slower, for jobs that must not share a process."""


def _drop_leaked_connections(job_id: str) -> None:
    """A job stopped at the wrong moment (its timeout) may leave a connection checked out, and on SQLite
    its write lock held: drop the pools, and collect the session that held it, before the next job."""
    leaked = db.checked_out()
    if leaked:
        log.warning("job %s left %d database connection(s) checked out; dropping the pools", job_id, leaked)
        db.dispose_all()
        gc.collect()


def run(settings: Settings, *, burst: bool = False, fork: bool = False) -> None:
    """Work until asked to stop (SIGTERM, SIGINT) or, with `burst`, until the queues are empty.

    `fork`: a work horse per job (RQ's Worker) instead of running jobs in this process.
    """
    worker_class = ForkingFrontdeskWorker if fork else FrontdeskWorker
    redis = connection.worker_redis(settings)
    pause = RESTART_PAUSE_SECONDS
    while True:
        worker = None
        started = time.monotonic()
        try:
            worker = worker_class(connection.queues(settings, redis), connection=redis,
                                     worker_ttl=WORKER_TTL_SECONDS)
            break_stale_scheduler_locks(redis, worker.queue_names())
            worker.work(with_scheduler=True, burst=burst)
        except RedisError as error:
            log.warning("the worker lost Redis (%s)", error)
        if burst or (worker is not None and worker.stop_asked):
            return
        # RQ's handlers belong to the worker that stopped: until the next one starts, a signal stops us.
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if time.monotonic() - started > MAX_RESTART_PAUSE_SECONDS:
            pause = RESTART_PAUSE_SECONDS
        log.warning("the worker stopped without being asked to; starting it again in %.0f s", pause)
        time.sleep(pause)
        pause = min(pause * 2, MAX_RESTART_PAUSE_SECONDS)


def break_stale_scheduler_locks(redis: Redis, queue_names: list[str], *, mine: str | None = None) -> list[str]:
    """Release the scheduler locks whose holder stopped beating (a killed worker's); the queues freed.

    A holder without a heartbeat yet is starting (it takes the lock, then beats): left alone.
    """
    freed = []
    for name in queue_names:
        key = RQScheduler.get_locking_key(name)
        try:
            holder = redis.get(key)
            if holder is None or holder.decode() == mine:
                continue
            beat = redis.hget(SCHEDULER_KEY_TEMPLATE % holder.decode(), "last_heartbeat")
            if beat is None:
                continue
            silent = (datetime.now(UTC) - utcparse(beat.decode())).total_seconds()
            if silent > SCHEDULER_SILENT_SECONDS and release_lock(redis, key, holder.decode()):
                log.warning("freed the scheduler lock of %s: its holder has been silent for %.0f s", name, silent)
                freed.append(name)
        except RedisError:
            return freed
    return freed
