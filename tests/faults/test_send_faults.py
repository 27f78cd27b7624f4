"""Faults of the send path on real processes: PostgreSQL drops the workers' connections again and again
while two workers send (a restart, a failover, a network cut): between a claim and its outcome too.

Counts are printed (`pytest -s`); lost 0 and duplicated 0 are asserted.
"""

from __future__ import annotations

import time

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.faults.harness import all_sent, counts, diagnose, seed_sends, wait_until
from tests.faults.test_job_faults import _ready

BATCH = 200
DROPS = 12  # connection drops, 0.25 s apart, while the batch is sent


def test_postgres_dropping_the_workers_connections_mid_send_loses_and_duplicates_nothing(fault_settings, processes):
    # libpq names each connection of the service's processes after this test (PGAPPNAME), so that only
    # ours are terminated: the PostgreSQL server is shared.
    application = f"frontdesk-faults-{fault_settings.redis_url.rsplit(':', 1)[1].split('/')[0]}"
    processes.env["PGAPPNAME"] = application
    worker_a, worker_b = processes.worker("worker-a"), processes.worker("worker-b")
    processes.sweeper()
    assert _ready(processes, "worker-a") and _ready(processes, "worker-b")

    message_ids = seed_sends(fault_settings, BATCH)
    admin = create_engine(fault_settings.database_url, poolclass=NullPool)
    terminated = 0
    try:
        assert wait_until(lambda: counts(fault_settings, message_ids).sent >= 2, 30)
        for _ in range(DROPS):
            with admin.begin() as connection:
                terminated += connection.scalar(text(
                    "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :application) AS dropped"), {"application": application})
            time.sleep(0.25)
        sent_while_dropping = counts(fault_settings, message_ids).sent
        assert wait_until(all_sent(fault_settings, message_ids), 90), diagnose(fault_settings, message_ids)
    finally:
        admin.dispose()
    outcome = counts(fault_settings, message_ids)
    retried = sum(processes.log(name).count("committing the outcome of message") for name in ("worker-a", "worker-b"))
    print(f"\nPostgreSQL dropped the workers' connections {DROPS} times ({terminated} connections): "
          f"{outcome.line(f'{BATCH} jobs')}, {sent_while_dropping} sent while dropping, outcome commits tried "
          f"again: {retried}, both workers still running: {worker_a.poll() is None and worker_b.poll() is None}")
    assert terminated >= 1 and sent_while_dropping < BATCH
    assert worker_a.poll() is None and worker_b.poll() is None
    assert (outcome.lost, outcome.duplicated) == (0, 0)
