"""A twilio `HttpClient` that records the REST calls and answers them like Twilio would.

`answer(method, url, status, body)` records Twilio's answer for one URL (a dict is sent as JSON,
bytes as they are, e.g. a photo); any other call gets the built-in answers below, else a 404.
"""

from __future__ import annotations

import itertools
import json
import threading
from datetime import UTC, datetime
from email.utils import format_datetime

from twilio.http import HttpClient
from twilio.http.response import Response


class RecordingHttpClient(HttpClient):
    def __init__(self):
        super().__init__(logger=None, is_async=False)
        self.requests: list[dict] = []
        self.failures: list[tuple[int, int, str]] = []
        self.recorded: dict[tuple[str, str], tuple[int, object, dict]] = {}
        self.sids = itertools.count(1)  # the message SIDs handed out
        self.created: list[dict] = []  # the messages created, as Twilio lists them
        self._lock = threading.Lock()

    def fail_next(self, status: int, code: int, message: str = "failed") -> None:
        """The next call answers with this HTTP status and Twilio error code."""
        self.failures.append((status, code, message))

    def answer(self, method: str, url: str, status: int = 200, body: object = None,
               headers: dict | None = None) -> None:
        """Every later `method` call of `url` (without its query string) gets this answer."""
        self.recorded[(method.upper(), url)] = (status, body, dict(headers or {}))

    def calls(self, method: str, url: str) -> list[dict]:
        return [request for request in self.requests if request["method"] == method.upper() and request["uri"] == url]

    @property
    def sent_messages(self) -> list[dict]:
        return [request["data"] for request in self.requests
                if request["method"] == "POST" and request["uri"].endswith("/Messages.json")]

    def request(self, method, uri, params=None, data=None, headers=None, auth=None, timeout=None,
                allow_redirects=False):
        with self._lock:
            self.requests.append({"method": method, "uri": uri, "params": dict(params or {}),
                                  "data": dict(data or {}), "auth": auth, "headers": dict(headers or {})})
            if self.failures:
                status, code, message = self.failures.pop(0)
                body = {"code": code, "message": message, "status": status, "more_info": ""}
                return Response(status, json.dumps(body))
            if (method.upper(), uri) in self.recorded:
                status, body, answer_headers = self.recorded[(method.upper(), uri)]
                text = body if isinstance(body, bytes | str) else json.dumps(body) if body is not None else ""
                return Response(status, text, answer_headers)
            return Response(*self._answer(method, uri, dict(data or {}), dict(params or {})))

    def _answer(self, method: str, uri: str, data: dict, params: dict) -> tuple[int, str]:
        if uri.endswith("/Messages.json") and method == "POST":
            message = {"sid": f"SM{next(self.sids):032d}", "status": "queued", "to": data.get("To"),
                       "from": data.get("From"), "body": data.get("Body"),
                       "messaging_service_sid": data.get("MessagingServiceSid"),
                       "date_created": format_datetime(datetime.now(UTC), usegmt=True)}
            self.created.append(message)
            return 201, json.dumps(message)
        if uri.endswith("/Messages.json") and method == "GET":
            # Twilio's list: newest first, filtered by recipient and sender.
            listed = [message for message in reversed(self.created)
                      if params.get("To") in (None, message["to"]) and params.get("From") in (None, message["from"])]
            page_size = int(params.get("PageSize", 50))
            return 200, json.dumps({"messages": listed[:page_size], "next_page_uri": None, "page": 0,
                                    "page_size": page_size, "uri": uri})
        if uri.endswith("/IncomingPhoneNumbers.json") and method == "GET":
            number = params.get("PhoneNumber")
            return 200, json.dumps({"incoming_phone_numbers": [
                {"sid": "PN" + "0" * 32, "phone_number": number,
                 "capabilities": {"sms": True, "mms": True, "voice": True}}], "next_page_uri": None,
                "page": 0, "page_size": 1, "uri": uri})
        if "/IncomingPhoneNumbers/" in uri and method == "POST":
            return 200, json.dumps({"sid": "PN" + "0" * 32, **{key.lower(): value for key, value in data.items()}})
        return 404, json.dumps({"code": 20404, "message": "not found", "status": 404})
