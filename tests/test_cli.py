"""The flask commands: simulate against a running service, db, sweep."""

import threading

import pytest
from werkzeug.serving import make_server

from app import create_app


@pytest.fixture
def live_url(settings):
    server = make_server("127.0.0.1", 0, create_app(settings), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def test_simulate_sms_sends_a_signed_webhook_and_prints_the_twiml(runner, live_url):
    result = runner.invoke(args=["simulate", "sms", "--url", live_url, "--from", "+15555550123", "HELP"])
    assert result.exit_code == 0, result.output
    assert "POST /twilio/sms -> 200" in result.output
    assert "<Message>" in result.output and "Reply STOP" in result.output


def test_simulate_missed_call_and_voicemail(runner, live_url):
    missed = runner.invoke(args=["simulate", "missed-call", "--url", live_url])
    assert missed.exit_code == 0 and "<Record" in missed.output
    voicemail = runner.invoke(args=["simulate", "voicemail", "--url", live_url, "my sink is leaking"])
    assert voicemail.exit_code == 0
    assert voicemail.output.count("-> 200") == 4


def test_simulate_reports_an_unreachable_service(runner):
    result = runner.invoke(args=["simulate", "sms", "--url", "http://127.0.0.1:1", "hi"])
    assert result.exit_code != 0 and "could not reach" in result.output


# `flask twilio configure` and `doctor` are tested in test_twilio_account.py.


def test_check_redis_says_what_to_do_when_it_is_down(settings):
    runner = create_app(settings.with_overrides(redis_url="redis://127.0.0.1:1/0")).test_cli_runner()
    result = runner.invoke(args=["check-redis"])
    assert result.exit_code == 1
    assert "Redis is not answering at redis://127.0.0.1:1/0" in result.output and "REDIS_URL" in result.output


def test_db_upgrade_is_idempotent(runner):
    first = runner.invoke(args=["db", "upgrade"])
    assert first.exit_code == 0 and "head" in first.output
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0


def test_jobs_plan_reminders_plans_the_missing_reminders_once(runner, settings):
    from datetime import timedelta

    from tests.conftest import WEEKDAY_MORNING
    from tests.test_bulk_reminders import _bookings

    _bookings(settings, 4, first_start=WEEKDAY_MORNING + timedelta(days=2))
    first = runner.invoke(args=["jobs", "plan-reminders"])
    assert first.exit_code == 0
    assert "planned 4 reminder(s) for 4 upcoming confirmed booking(s); handed 4 to RQ" in first.output
    again = runner.invoke(args=["jobs", "plan-reminders"])
    assert "planned 0 reminder(s) for 4 upcoming confirmed booking(s); handed 0 to RQ" in again.output
