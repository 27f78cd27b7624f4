"""configure and doctor against the real twilio Client, on recorded answers of Twilio's REST API."""

import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
from tests.support import twilio_account as account
from tests.support.webhooks import sms
from twilio_account import doctor

BASE = "https://desk.example.com"


@pytest.fixture
def live_url(settings):
    server = make_server("127.0.0.1", 0, create_app(settings), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _runner(settings, **overrides):
    return create_app(settings.with_overrides(**overrides)).test_cli_runner()


def test_configure_sets_the_numbers_sms_and_voice_urls_with_the_fallback_endpoint(settings, twilio_http):
    result = _runner(settings).invoke(args=["twilio", "configure", "--public-url", BASE])
    assert result.exit_code == 0, result.output
    (update,) = twilio_http.calls("POST", account.number_url(settings))
    assert update["data"]["SmsUrl"] == f"{BASE}/twilio/sms"
    assert update["data"]["SmsFallbackUrl"] == f"{BASE}/twilio/fallback"
    assert update["data"]["VoiceUrl"] == f"{BASE}/twilio/voice"
    assert update["data"]["VoiceFallbackUrl"] == f"{BASE}/twilio/fallback"
    assert not any("messaging.twilio.com" in request["uri"] for request in twilio_http.requests)


def test_configure_with_a_messaging_service_sets_its_inbound_and_fallback_urls(settings, twilio_http):
    account.healthy(twilio_http, settings, BASE, configured=False)
    result = _runner(settings, twilio_messaging_service_sid=account.SERVICE_SID).invoke(
        args=["twilio", "configure", "--public-url", BASE])
    assert result.exit_code == 0, result.output
    (service_update,) = twilio_http.calls("POST", account.service_url())
    assert service_update["data"] == {
        "InboundRequestUrl": f"{BASE}/twilio/sms", "InboundMethod": "POST",
        "FallbackUrl": f"{BASE}/twilio/fallback", "FallbackMethod": "POST"}
    (number_update,) = twilio_http.calls("POST", account.number_url(settings))
    assert number_update["data"]["VoiceFallbackUrl"] == f"{BASE}/twilio/fallback"
    assert "SmsUrl" not in number_update["data"]  # the service answers texts, not the number


def test_configure_dry_run_prints_current_and_desired_side_by_side_and_changes_nothing(settings, twilio_http):
    account.healthy(twilio_http, settings, "https://old.example.com")
    result = _runner(settings, twilio_messaging_service_sid=account.SERVICE_SID).invoke(
        args=["twilio", "configure", "--public-url", BASE, "--dry-run"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if " inbound_request_url " in line)
    assert "https://old.example.com/twilio/sms" in line and f"{BASE}/twilio/sms" in line and "CHANGE" in line
    unchanged = next(line for line in result.output.splitlines() if " inbound_method " in line)
    assert "CHANGE" not in unchanged
    assert [request for request in twilio_http.requests if request["method"] == "POST"] == []


def test_configure_names_a_number_that_is_not_on_the_account(settings, twilio_http):
    twilio_http.answer("GET", account.numbers_url(settings), body={"incoming_phone_numbers": [],
                                                                   "next_page_uri": None})
    result = _runner(settings).invoke(args=["twilio", "configure", "--public-url", BASE])
    assert result.exit_code != 0 and "is not a number of this Twilio account" in result.output


def _verdicts(settings, **overrides) -> dict[str, doctor.Check]:
    return {check.name: check for check in doctor.run(settings.with_overrides(**overrides))}


def test_doctor_passes_a_ready_account(settings, twilio_http, live_url):
    account.healthy(twilio_http, settings, live_url)
    checks = _verdicts(settings, public_base_url=live_url, twilio_messaging_service_sid=account.SERVICE_SID)
    failing = {name for name, check in checks.items() if check.verdict == doctor.FAIL}
    assert failing == {"https"}  # the test server speaks plain http
    assert checks["signed round trip"].verdict == doctor.OK
    assert checks["status callback"].verdict == doctor.OK
    assert "VERIFIED" in checks["A2P 10DLC campaign"].detail
    assert checks["https"].fix


def test_doctor_names_refused_credentials_with_a_fix(settings, twilio_http):
    twilio_http.answer("GET", account.account_url(settings), 401,
                       {"code": 20003, "message": "Authenticate", "status": 401})
    checks = _verdicts(settings, public_base_url=BASE)
    assert checks["credentials"].verdict == doctor.FAIL and "20003" in checks["credentials"].detail
    assert "TWILIO_AUTH_TOKEN" in checks["credentials"].fix


def test_doctor_with_an_api_key_checks_the_auth_token_separately(settings, twilio_http, live_url):
    account.healthy(twilio_http, settings, live_url)
    key = settings.with_overrides(twilio_api_key="SK" + "3" * 32, twilio_api_secret="key-secret")
    checks = _verdicts(key, public_base_url=live_url, twilio_messaging_service_sid=account.SERVICE_SID)
    assert checks["credentials"].verdict == doctor.OK and "API key" in checks["credentials"].detail
    assert checks["signatures"].verdict == doctor.OK
    authentications = {request["auth"] for request in twilio_http.calls("GET", account.account_url(settings))}
    assert authentications == {("SK" + "3" * 32, "key-secret"), (settings.twilio_account_sid,
                                                                 settings.twilio_auth_token)}


@pytest.mark.parametrize("broken, check, words", [
    ({"campaign_status": "IN_PROGRESS"}, "A2P 10DLC campaign", "IN_PROGRESS"),
    ({"campaign_status": "FAILED"}, "A2P 10DLC campaign", "FAILED"),
    ({"campaign_status": None}, "A2P 10DLC campaign", "no registered campaign"),
    ({"in_pool": False}, "messaging service", "not in"),
    ({"configured": False}, "webhooks of Messaging Service " + account.SERVICE_SID, "not pointed here"),
])
def test_doctor_fails_each_broken_account_setting_with_a_fix(settings, twilio_http, live_url, broken, check, words):
    account.healthy(twilio_http, settings, live_url, **broken)
    checks = _verdicts(settings, public_base_url=live_url, twilio_messaging_service_sid=account.SERVICE_SID)
    assert checks[check].verdict == doctor.FAIL and words in checks[check].detail
    assert checks[check].fix


def test_doctor_fails_a_number_that_cannot_text(settings, twilio_http, live_url):
    account.healthy(twilio_http, settings, live_url)
    twilio_http.answer("GET", account.numbers_url(settings), body={"incoming_phone_numbers": [
        {"sid": account.NUMBER_SID, "phone_number": settings.twilio_number,
         "capabilities": {"sms": False, "voice": True}}], "next_page_uri": None})
    checks = _verdicts(settings, public_base_url=live_url, twilio_messaging_service_sid=account.SERVICE_SID)
    assert checks["number"].verdict == doctor.FAIL and "cannot send" in checks["number"].detail


def test_doctor_without_a_messaging_service_says_texts_are_unregistered(settings, twilio_http, live_url):
    account.healthy(twilio_http, settings, live_url)
    checks = _verdicts(settings, public_base_url=live_url)
    assert checks["messaging service"].verdict == doctor.FAIL
    assert "TWILIO_MESSAGING_SERVICE_SID" in checks["messaging service"].fix


def test_doctor_fails_the_round_trip_when_the_server_has_another_token(settings, twilio_http, live_url):
    account.healthy(twilio_http, settings, live_url)
    checks = _verdicts(settings.with_overrides(twilio_auth_token="not-the-servers-token"), public_base_url=live_url,
                       twilio_messaging_service_sid=account.SERVICE_SID)
    assert checks["signed round trip"].verdict == doctor.FAIL and "403" in checks["signed round trip"].detail


def test_doctor_fails_an_unreachable_public_url(settings, twilio_http):
    account.healthy(twilio_http, settings, "http://127.0.0.1:1")
    checks = _verdicts(settings, public_base_url="http://127.0.0.1:1",
                       twilio_messaging_service_sid=account.SERVICE_SID)
    assert checks["signed round trip"].verdict == doctor.FAIL and "not reachable" in checks["signed round trip"].detail
    assert checks["status callback"].verdict == doctor.FAIL


def test_doctor_reads_advanced_opt_out_from_the_last_stop(settings, client, twilio_http, live_url):
    account.healthy(twilio_http, settings, live_url)
    overrides = {"public_base_url": live_url, "twilio_messaging_service_sid": account.SERVICE_SID}
    assert "unknown" in _verdicts(settings, **overrides)["Advanced Opt-Out"].detail
    sms(client, "STOP", OptOutType="STOP")
    assert _verdicts(settings, **overrides)["Advanced Opt-Out"].detail.startswith("on")
    sms(client, "START", phone="+13055550111")
    assert _verdicts(settings, **overrides)["Advanced Opt-Out"].detail.startswith("off")


def test_doctor_command_prints_each_failing_line_with_its_fix_and_exits_1(settings, twilio_http):
    twilio_http.answer("GET", account.account_url(settings), 401, {"code": 20003, "message": "no", "status": 401})
    result = _runner(settings, public_base_url=BASE).invoke(args=["twilio", "doctor"])
    assert result.exit_code == 1
    assert "FAIL  credentials" in result.output and "fix: copy TWILIO_ACCOUNT_SID" in result.output


def test_sends_go_through_the_messaging_service_with_a_status_callback(settings, twilio_http):
    from delivery.sender import TwilioSender

    service = settings.with_overrides(twilio_messaging_service_sid=account.SERVICE_SID, public_base_url=BASE)
    TwilioSender(service).send("+13055550100", "hello")
    TwilioSender(settings.with_overrides(public_base_url=BASE)).send("+13055550100", "hello")
    via_service, via_number = twilio_http.sent_messages
    assert via_service["MessagingServiceSid"] == account.SERVICE_SID and "From" not in via_service
    assert via_number["From"] == settings.twilio_number and "MessagingServiceSid" not in via_number
    assert via_service["StatusCallback"] == via_number["StatusCallback"] == f"{BASE}/twilio/status"


def test_an_api_key_authenticates_the_sends(settings, twilio_http):
    from delivery.sender import TwilioSender

    keyed = settings.with_overrides(twilio_api_key="SK" + "3" * 32, twilio_api_secret="key-secret")
    TwilioSender(keyed).send("+13055550100", "hello")
    (send,) = [request for request in twilio_http.requests if request["uri"].endswith("/Messages.json")]
    assert send["auth"] == ("SK" + "3" * 32, "key-secret")
    assert f"/Accounts/{settings.twilio_account_sid}/" in send["uri"]


def test_a_twilio_that_never_answers_is_given_up_on_after_the_configured_timeout(monkeypatch):
    import socket
    import threading

    from config import Settings
    from console import twilio_webhooks

    silent = socket.socket()  # accepts connections (the kernel's backlog) and never says a word
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{silent.getsockname()[1]}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    settings = Settings.from_env({"TWILIO_ACCOUNT_SID": "AC" + "1" * 32, "TWILIO_AUTH_TOKEN": "secret",
                                  "TWILIO_NUMBER": "+13055550199", "PUBLIC_BASE_URL": "https://desk.example.com",
                                  "TWILIO_TIMEOUT_SECONDS": "1"})
    answers = []
    asking = threading.Thread(target=lambda: answers.append(twilio_webhooks.status(settings)), daemon=True)
    asking.start()
    asking.join(timeout=20)
    silent.close()
    assert answers, "the settings page would still be waiting on Twilio"
    assert answers[0].error and not answers[0].configured
