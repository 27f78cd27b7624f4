"""A small HTTP load generator (run in its own process): closed-loop throughput and fixed-rate latency.

Requests are signed Twilio SMS webhooks built before the clock starts, each with a new MessageSid.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
import uuid
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator


def signed_sms_bodies(base_url: str, token: str, count: int, texts: list[str]) -> list[tuple[bytes, str]]:
    validator = RequestValidator(token)
    url = f"{base_url}/twilio/sms"
    bodies = []
    for index in range(count):
        params = {"MessageSid": "SM" + uuid.uuid4().hex, "From": f"+1305555{index % 10000:04d}",
                  "To": "+13055550199", "Body": texts[index % len(texts)]}
        bodies.append((urlencode(params).encode(), validator.compute_signature(url, params)))
    return bodies


def _post(connection: http.client.HTTPConnection, body: bytes, signature: str) -> int:
    connection.request("POST", "/twilio/sms", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature})
    response = connection.getresponse()
    response.read()
    return response.status


def closed_loop(host: str, port: int, bodies, concurrency: int) -> dict:
    """Every connection sends its next request as soon as the last one is answered."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    chunks = [bodies[index::concurrency] for index in range(concurrency)]

    def run(chunk):
        nonlocal errors
        connection = http.client.HTTPConnection(host, port, timeout=30)
        for body, signature in chunk:
            started = time.perf_counter()
            status = _post(connection, body, signature)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors += status != 200
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _summary(latencies, errors, time.perf_counter() - started)


def fixed_rate(host: str, port: int, bodies, rate: float, connections: int = 16) -> dict:
    """Start one request every 1/rate s (open loop, spread over a pool of connections)."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    interval = 1.0 / rate
    start = time.perf_counter() + 0.2

    def run(worker_index):
        nonlocal errors
        connection = http.client.HTTPConnection(host, port, timeout=30)
        for index in range(worker_index, len(bodies), connections):
            due = start + index * interval
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            body, signature = bodies[index]
            status = _post(connection, body, signature)
            # Latency is measured from when the request was due, so queueing behind a slow one counts.
            elapsed = time.perf_counter() - due
            with lock:
                latencies.append(elapsed)
                errors += status != 200
        connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _summary(latencies, errors, time.perf_counter() - start)


def _summary(latencies: list[float], errors: int, seconds: float) -> dict:
    ordered = sorted(latencies)
    return {
        "requests": len(ordered), "errors": errors, "seconds": round(seconds, 2),
        "rps": round(len(ordered) / seconds, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
    }
