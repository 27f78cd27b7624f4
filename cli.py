"""`flask` commands: db, worker, jobs sweep, check-redis, simulate, twilio configure/doctor/replay, contacts import."""

from __future__ import annotations

import sys
import threading
import uuid

import click
import requests
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from redis.exceptions import RedisError
from twilio.request_validator import RequestValidator

from console.commands import users_group
from jobs import connection

REDIS_HINT = ("Redis is not answering at {url} ({error}). Start it (for example: redis-server "
              "--daemonize yes) or set REDIS_URL, then run this again.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(jobs_group)
    app.cli.add_command(simulate_group)
    app.cli.add_command(twilio_group)
    app.cli.add_command(check_redis)
    app.cli.add_command(worker)
    app.cli.add_command(contacts_group)
    app.cli.add_command(users_group)


def _settings():
    return current_app.config["SETTINGS"]


db_group = AppGroup("db", help="Database schema (Alembic migrations).")


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Create or upgrade the schema."""
    from store import migrations

    migrations.upgrade(_settings().database_url, revision)
    click.echo(f"database schema is at {revision}")


@db_group.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Step the schema back to REVISION ('base' empties it)."""
    from store import migrations

    migrations.downgrade(_settings().database_url, revision)


@click.command("check-redis")
@with_appcontext
def check_redis() -> None:
    """Say in one line whether Redis answers; exit 1 when it does not."""
    settings = _settings()
    try:
        connection.worker_redis(settings).ping()
    except RedisError as error:
        click.echo(REDIS_HINT.format(url=settings.redis_url, error=type(error).__name__), err=True)
        sys.exit(1)
    click.echo(f"Redis answers at {settings.redis_url}")


@click.command("worker")
@with_appcontext
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--fork", is_flag=True, help="Fork a work horse per job (RQ's Worker) instead of running jobs in "
                                           "the worker's process.")
def worker(burst: bool, fork: bool) -> None:
    """Run an RQ worker with its scheduler (urgent, default, bulk queues), the classifiers loaded first."""
    import classifiers
    from jobs import worker as frontdesk_worker

    settings = _settings()
    redis = connection.worker_redis(settings)
    try:
        redis.ping()
    except RedisError as error:
        raise click.ClickException(REDIS_HINT.format(url=settings.redis_url, error=type(error).__name__))
    classifiers.load()
    from twilio_account import recordings

    recordings.ensure_scheduled(settings)
    frontdesk_worker.run(settings, burst=burst, fork=fork)


jobs_group = AppGroup("jobs", help="Follow-up jobs kept in the database.")


@jobs_group.command("sweep")
@click.option("--every", type=int, default=None, help="Keep sweeping, every N seconds.")
def jobs_sweep(every: int | None) -> None:
    """Settle the sends dead runs left claimed; hand RQ every unfinished job it does not hold."""
    from jobs import settle, sweeper

    settings = _settings()
    if every is None:
        settled = settle.settle(settings)
        click.echo(f"claimed sends: {settled.sent} found sent, {settled.resent} sent again, {settled.waiting} waiting")
        try:
            click.echo(f"handed {sweeper.sweep(settings)} job(s) to RQ")
        except RedisError as error:
            raise click.ClickException(REDIS_HINT.format(url=settings.redis_url, error=type(error).__name__))
        return
    sweeper.sweep_forever(settings.with_overrides(sweep_interval_seconds=every), threading.Event())


@jobs_group.command("plan-reminders")
def jobs_plan_reminders() -> None:
    """Plan the reminder of every upcoming confirmed booking that has none yet, and hand them to RQ."""
    from jobs import reminders

    outcome = reminders.plan_upcoming(_settings())
    click.echo(f"planned {outcome.planned} reminder(s) for {outcome.bookings} upcoming confirmed booking(s); "
               f"handed {outcome.handed} to RQ" + ("" if outcome.handed == outcome.planned
                                                    else " (the sweeper hands the rest when Redis answers)"))


@jobs_group.command("relationships")
def jobs_relationships() -> None:
    """Run today's relationship run now (scores, VIP, birthdays, anniversaries, inactivity); RQ's cron
    scheduler runs it daily (`rq cron jobs.cron_config`, the Procfile's cron line)."""
    from jobs.relationships import run_daily
    from store.models import utcnow

    click.echo(run_daily(_settings(), utcnow()))


simulate_group = AppGroup("simulate", help="Send correctly signed Twilio webhooks to a running service.")
_target = click.option("--url", "base_url", default=None,
                       help="The running service (default: PUBLIC_BASE_URL, else http://127.0.0.1:5000).")
_caller = click.option("--from", "from_number", default="+15555550123", show_default=True)


@simulate_group.command("sms")
@_target
@_caller
@click.argument("text")
def simulate_sms(base_url, from_number, text):
    """Text TEXT to the business number."""
    _post(base_url, "/twilio/sms", {"MessageSid": _sid("SM"), "From": from_number, "Body": text})


@simulate_group.command("call")
@_target
@_caller
def simulate_call(base_url, from_number):
    """Call the business number."""
    _post(base_url, "/twilio/voice", {"CallSid": _sid("CA"), "From": from_number, "CallStatus": "ringing"})


@simulate_group.command("missed-call")
@_target
@_caller
def simulate_missed_call(base_url, from_number):
    """Call, and let the staff phone ring out."""
    call_sid = _sid("CA")
    _post(base_url, "/twilio/voice", {"CallSid": call_sid, "From": from_number, "CallStatus": "ringing"})
    _post(base_url, "/twilio/voice/dial-status",
          {"CallSid": call_sid, "From": from_number, "DialCallStatus": "no-answer"})


@simulate_group.command("voicemail")
@_target
@_caller
@click.argument("text")
def simulate_voicemail(base_url, from_number, text):
    """Call, miss, leave a voicemail saying TEXT, and deliver its transcription."""
    call_sid, recording_sid = _sid("CA"), _sid("RE")
    _post(base_url, "/twilio/voice", {"CallSid": call_sid, "From": from_number, "CallStatus": "ringing"})
    _post(base_url, "/twilio/voice/dial-status",
          {"CallSid": call_sid, "From": from_number, "DialCallStatus": "no-answer"})
    recording = {"CallSid": call_sid, "From": from_number, "RecordingSid": recording_sid,
                 "RecordingUrl": f"https://api.twilio.com/recordings/{recording_sid}", "RecordingDuration": "7"}
    _post(base_url, "/twilio/voicemail", recording)
    _post(base_url, "/twilio/voicemail/transcription",
          {**recording, "TranscriptionSid": _sid("TR"), "TranscriptionText": text,
           "TranscriptionStatus": "completed"})


def _sid(prefix: str) -> str:
    return prefix + uuid.uuid4().hex


def _post(base_url: str | None, path: str, params: dict) -> None:
    settings = _settings()
    url = (base_url or settings.public_base_url or "http://127.0.0.1:5000").rstrip("/") + path
    signature = RequestValidator(settings.twilio_auth_token).compute_signature(url, params)
    try:
        response = requests.post(url, data=params, headers={"X-Twilio-Signature": signature}, timeout=30)
    except requests.RequestException as error:
        raise click.ClickException(f"could not reach {url}: {error}")
    click.echo(f"POST {path} -> {response.status_code}")
    click.echo(response.text)


twilio_group = AppGroup("twilio", help="The Twilio account: configure its webhooks, check it, replay fallbacks.")


@twilio_group.command("configure")
@click.option("--public-url", default=None, help="Where Twilio reaches this service (default: PUBLIC_BASE_URL).")
@click.option("--dry-run", is_flag=True, help="Print the current and the desired settings; change nothing.")
def twilio_configure(public_url: str | None, dry_run: bool) -> None:
    """Point the Messaging Service (or the number) and the number's voice webhooks at this service."""
    from twilio.base.exceptions import TwilioRestException

    from twilio_account import configure
    from twilio_account.client import rest_client

    settings = _settings()
    base = (public_url or settings.public_base_url or "").rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise click.BadParameter("give --public-url https://... or set PUBLIC_BASE_URL", param_hint="--public-url")
    if not (settings.twilio_account_sid and settings.twilio_number):
        raise click.ClickException("set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_NUMBER first")
    try:
        targets = configure.plan(settings, rest_client(settings), base)
        lines = configure.side_by_side(targets) if dry_run else configure.apply(targets)
    except configure.AccountError as error:
        raise click.ClickException(str(error))
    except TwilioRestException as error:
        raise click.ClickException(f"Twilio refused: HTTP {error.status}, error {error.code}: {error.msg}")
    for line in lines:
        click.echo(line)


@twilio_group.command("doctor")
def twilio_doctor() -> None:
    """Check the account, number, Messaging Service, A2P campaign, webhooks and public URL; exit 1 on a failure."""
    from twilio_account import doctor

    checks = doctor.run(_settings())
    for check in checks:
        for line in check.lines():
            click.echo(line)
    if any(check.verdict == doctor.FAIL for check in checks):
        sys.exit(1)


@twilio_group.command("replay")
def twilio_replay() -> None:
    """Replay every request the fallback URL kept and no job has replayed yet."""
    from twilio_account import fallback

    settings = _settings()
    for request_id in fallback.pending(settings):
        click.echo(f"fallback request {request_id}: {fallback.replay(settings, request_id)}")


contacts_group = AppGroup("contacts", help="Customers: import them from a CSV file.")


@contacts_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def contacts_import(path: str) -> None:
    """Import (upsert) the customers of a CSV file; bad rows are listed by line and skipped (exit 1)."""
    from crm import importing

    try:
        with click.progressbar(length=importing.count_rows(path), label="importing", file=sys.stderr) as bar:
            report = importing.import_csv(_settings().database_url, path, on_progress=bar.update)
    except importing.ImportRefused as error:
        raise click.ClickException(str(error))
    for problem in report.problems:
        click.echo(f"line {problem.line}: {problem.reason}", err=True)
    click.echo(f"imported {report.imported} row(s): {report.created} new contact(s), {report.updated} updated, "
               f"{report.consents} consent record(s); {len(report.problems)} row(s) refused")
    if report.problems:
        sys.exit(1)
