"""RQ's cron scheduler configuration (`rq cron jobs.cron_config`): the daily relationship run.

08:00 UTC is the small hours across the US, before any follow-up may be sent."""

from rq import cron

from jobs.relationships import daily

cron.register(daily, "frontdesk", cron="0 8 * * *")
