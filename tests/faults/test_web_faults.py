"""Faults of the web path on the Procfile's gunicorn command (issue 10, faults 4-9): fuzzed signed
input, duplicates, forwarded headers from a direct client, tokens in query strings, a hung Redis, and
slow clients holding connections. Counts are printed (`pytest -s`); 5xx 0 is asserted.
"""

from __future__ import annotations

import random
import socket
import statistics
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.faults.harness import BIN, wait_until
from tests.support.webhooks import signature

ACCESS_CODE = "4821"


@pytest.fixture
def web(processes):
    """The Procfile's web command, on a free port: returns its base URL."""
    port = _free_port()
    processes.start("web", [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "--workers", "2",
                            "--bind", f"127.0.0.1:{port}", "--access-logfile", "-", "app:create_app()"])
    base = f"http://127.0.0.1:{port}"
    assert wait_until(lambda: _answers(f"{base}/healthz"), 60), processes.log("web")
    return base


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code in (200, 503)
    except requests.RequestException:
        return False


def _post(base: str, path: str, params: dict, *, signed_for: str | None = None, headers=None, timeout=10):
    url = signed_for or f"{base}{path}"
    return requests.post(f"{base}{path}", data=params, timeout=timeout,
                         headers={"X-Twilio-Signature": signature(url, params), **(headers or {})})


def _sid(prefix: str) -> str:
    return prefix + uuid.uuid4().hex


def _fuzzed(rng: random.Random) -> tuple[str, dict]:
    """One signed webhook, each field good four times in five, else bad (lengths, NUL, non-ASCII digits)."""
    def pick(good: list[str], bad: list[str]) -> str:
        return rng.choice(good if rng.random() < 0.8 else bad)

    sid = pick([_sid("SM")], ["SM" + "a" * 70, "SM-1", "SM\u00e9" * 3, "", "SM\x001"])
    phone = pick(["+13055550100", "+13055550111", "+16175550143"], ["hello", "+1" + "9" * 30, "+1305\x00555"])
    body = pick(["are you open saturday?", f"gate code is {ACCESS_CODE}", "STOP", "水漏れ 🙏", "yes", ""],
                ["x" * 1601, "a\x00b"])
    digits = pick(["0", "7", ""], ["\u00b2", "9" * 20, "-1", "\u0663"])
    call_sid = pick([_sid("CA")], ["CA" + "1" * 80, "CA\x00"])
    kind = rng.choice(["sms", "sms", "status", "voice", "dial", "recording", "transcription"])
    if kind == "sms":
        return "/twilio/sms", {"MessageSid": sid, "From": phone, "Body": body, "NumMedia": digits}
    if kind == "status":
        return "/twilio/status", {"MessageSid": sid, "MessageStatus": pick(["delivered", "failed"], ["x" * 40]),
                                  "ErrorCode": pick(["", "21610", "30005"], ["9" * 20]), "To": phone}
    if kind == "voice":
        return "/twilio/voice", {"CallSid": call_sid, "From": phone}
    if kind == "dial":  # before the call's own webhook
        return "/twilio/voice/dial-status", {"CallSid": call_sid, "From": phone,
                                             "DialCallStatus": pick(["no-answer", "completed", "busy"], ["x" * 20])}
    recording = pick([_sid("RE")], ["RE" + "b" * 70])
    if kind == "recording":
        return "/twilio/voicemail", {"RecordingSid": recording, "CallSid": call_sid, "From": phone,
                                     "RecordingDuration": digits, "RecordingUrl": "https://api.twilio.com/r/1"}
    return "/twilio/voicemail/transcription", {
        "TranscriptionSid": pick([_sid("TR")], ["TR" + "c" * 70]), "RecordingSid": recording,
        "CallSid": call_sid, "From": phone, "TranscriptionText": body, "TranscriptionStatus": "completed"}


def test_fuzzed_duplicated_and_forwarded_requests_never_get_a_5xx(web, processes):
    rng = random.Random(10)
    requests_to_send = [_fuzzed(rng) for _ in range(300)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = Counter(pool.map(lambda request: _post(web, *request).status_code, requests_to_send))
    print(f"\n300 fuzzed signed webhooks: {dict(sorted(statuses.items()))}, "
          f"5xx {sum(count for status, count in statuses.items() if status >= 500)}")

    # Duplicates of one call, at once: each copy gets the same, valid TwiML.
    call = {"CallSid": _sid("CA"), "From": "+13055550122"}
    with ThreadPoolExecutor(max_workers=4) as pool:
        copies = list(pool.map(lambda _: _post(web, "/twilio/voice", call), range(4)))
    assert {copy.status_code for copy in copies} == {200}
    assert len({copy.text for copy in copies}) == 1 and copies[0].text.startswith("<?xml")

    # A direct client cannot choose the URL whose signature is checked (TRUSTED_PROXIES=0).
    forged = _post(web, "/twilio/sms", {"MessageSid": _sid("SM"), "From": "+13055550100", "Body": "hi"},
                   signed_for="https://desk.example.com/twilio/sms",
                   headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "desk.example.com"})
    assert forged.status_code == 403

    # Tokens in a query string stay out of the access log; no row data or traceback in the web log.
    assert requests.get(f"{web}/healthz?token=query-secret-0451", timeout=5).status_code == 200
    assert wait_until(lambda: "/healthz" in processes.log("web"), 5)
    log = processes.log("web")
    assert "query-secret-0451" not in log
    assert "Traceback" not in log and "gate code" not in log
    assert sum(count for status, count in statuses.items() if status >= 500) == 0


def test_a_hung_redis_and_slow_clients_do_not_stall_the_webhooks(web, redis_server):
    for _ in range(6):  # every gunicorn worker loads the classifier on its first text
        assert _post(web, "/twilio/sms", {"MessageSid": _sid("SM"), "From": "+13055550100",
                                          "Body": "are you open saturday?"}, timeout=60).status_code == 200
    redis_server.pause()
    try:
        answered, seconds = [], []
        for index in range(12):
            started = time.monotonic()
            response = _post(web, "/twilio/sms", {"MessageSid": _sid("SM"), "From": f"+1305555{index + 200:04d}",
                                                  "Body": "can someone come look at my water heater?"}, timeout=3)
            seconds.append(time.monotonic() - started)
            answered.append(response.status_code)
        health = requests.get(f"{web}/healthz", timeout=3)
    finally:
        redis_server.resume()
    print(f"\nRedis hung: 12 inbound texts answered {Counter(answered)}, median {statistics.median(seconds):.3f} s, "
          f"max {max(seconds):.3f} s; /healthz {health.status_code} {health.json()}")
    assert answered == [200] * 12
    assert health.status_code == 503 and health.json()["redis"].startswith("failed")

    slow = [socket.create_connection(("127.0.0.1", int(web.rsplit(":", 1)[1]))) for _ in range(4)]
    try:
        for connection in slow:  # partial headers, never finished
            connection.sendall(b"POST /twilio/sms HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
        started = time.monotonic()
        health = requests.get(f"{web}/healthz", timeout=5)
        print(f"/healthz with 4 slow clients holding connections: {health.status_code} in "
              f"{time.monotonic() - started:.3f} s")
        assert health.status_code == 200
    finally:
        for connection in slow:
            connection.close()
