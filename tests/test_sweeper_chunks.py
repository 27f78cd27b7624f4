"""The sweeper reads open rows in chunks (sweeper.SWEEP_CHUNK) and hands them over a pipeline per
thousand: rows on either side of each boundary are handed once, left alone while RQ holds them, and
handed again, those alone, when RQ loses them; finished rows are never looked at."""

from datetime import timedelta

from rq.job import Job
from rq.registry import ScheduledJobRegistry
from sqlalchemy import select, update

from jobs import connection
from jobs.bulk import Job as PlannedJob
from jobs.bulk import schedule_many
from jobs.queue import DELIVER_JOB, HANDOVER_CHUNK
from jobs.sweeper import HANDOVER_GRACE, SWEEP_CHUNK, sweep
from store.db import session_scope
from store.models import QueuedJob, rq_job_id_of, utcnow

ROWS = SWEEP_CHUNK + 2  # the last two rows are the next chunk's


def _rows(settings) -> list[int]:
    """ROWS open jobs never handed to RQ: the even ones due now, the odd ones due tomorrow."""
    now = utcnow()
    jobs = [PlannedJob(run_at=now if index % 2 == 0 else now + timedelta(days=1), dedupe_key=f"sweep-test:{index}",
                       kwargs={"message_id": index}) for index in range(ROWS)]
    with session_scope(settings.database_url) as session:
        ids = sorted(row.id for row in schedule_many(session, DELIVER_JOB, jobs, queue=connection.BULK))
    return ids


def _in_rq(settings, redis) -> list[str]:
    """Every job id RQ holds in the bulk queue and its schedule, with repeats."""
    queue = connection.queue(settings, redis, connection.BULK)
    registry = ScheduledJobRegistry(queue=queue)
    return [job_id.decode() for job_id in redis.lrange(queue.key, 0, -1) + redis.zrange(registry.key, 0, -1)]


def test_a_sweep_hands_every_row_across_the_chunks_once_then_only_what_rq_lost(settings, redis_connection,
                                                                             weekday_morning):
    ids = _rows(settings)
    finished = ids[SWEEP_CHUNK - 1]  # the last row of the first chunk is done: never handed
    with session_scope(settings.database_url) as session:
        session.execute(update(QueuedJob).where(QueuedJob.id == finished).values(finished_at=utcnow()))

    assert sweep(settings) == ROWS - 1
    held = _in_rq(settings, redis_connection)
    assert sorted(held) == sorted(rq_job_id_of(row_id) for row_id in ids if row_id != finished)

    weekday_morning.shift(HANDOVER_GRACE + timedelta(seconds=1))  # handed long enough ago to be checked
    assert sweep(settings) == 0
    assert len(_in_rq(settings, redis_connection)) == ROWS - 1

    # RQ loses the jobs on either side of each boundary: of a hand-over pipeline, and of a sweep chunk.
    lost = [ids[0], ids[HANDOVER_CHUNK - 1], ids[HANDOVER_CHUNK], ids[SWEEP_CHUNK - 2], ids[SWEEP_CHUNK],
            ids[-1]]
    queue = connection.queue(settings, redis_connection, connection.BULK)
    registry = ScheduledJobRegistry(queue=queue)
    for row_id in lost:
        redis_connection.lrem(queue.key, 0, rq_job_id_of(row_id))
        redis_connection.zrem(registry.key, rq_job_id_of(row_id))
        redis_connection.delete(Job.key_for(rq_job_id_of(row_id)))
    weekday_morning.shift(timedelta(seconds=1))

    assert sweep(settings) == len(lost)
    held = _in_rq(settings, redis_connection)
    assert len(held) == ROWS - 1 and len(set(held)) == ROWS - 1
    assert sweep(settings) == 0


def test_expired_leases_at_the_chunk_boundary_are_released_and_handed_again(settings, redis_connection,
                                                                           weekday_morning):
    ids = _rows(settings)
    assert sweep(settings) == ROWS
    # Two workers died holding the jobs at the end of the first chunk and the start of the second.
    dead = [ids[SWEEP_CHUNK - 1], ids[SWEEP_CHUNK]]
    with session_scope(settings.database_url) as session:
        session.execute(update(QueuedJob).where(QueuedJob.id.in_(dead))
                        .values(lease_owner="dead-host:1:abc", lease_until=utcnow() + timedelta(seconds=5)))
    weekday_morning.shift(HANDOVER_GRACE + timedelta(seconds=1))
    redis_connection.delete(connection.queue(settings, redis_connection, connection.BULK).key)  # taken off by them
    handed_while_queue_gone = sweep(settings)

    with session_scope(settings.database_url) as session:
        leases = session.execute(select(QueuedJob.id, QueuedJob.lease_until).where(QueuedJob.id.in_(dead))).all()
    assert all(lease_until is None for _, lease_until in leases)
    # The two expired leases, and the due rows whose queue entries vanished with the list.
    due = {row_id for index, row_id in enumerate(ids) if index % 2 == 0}
    assert handed_while_queue_gone == len(due | set(dead))
    assert sweep(settings) == 0
