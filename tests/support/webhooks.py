"""Signed Twilio webhook requests and parsed TwiML, for the tests."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ElementTree

from twilio.request_validator import RequestValidator

TOKEN = "test-auth-token-0123456789abcdef"
BASE = "http://localhost"


def sid(prefix: str) -> str:
    return prefix + uuid.uuid4().hex


def signature(url: str, params: dict, token: str = TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


def post(client, path: str, params: dict, *, token: str = TOKEN, url: str | None = None, headers=None):
    """POST a form the way Twilio does, signed for `url` (default: the URL the test client uses)."""
    signed_for = url or f"{BASE}{path}"
    all_headers = {"X-Twilio-Signature": signature(signed_for, params, token), **(headers or {})}
    return client.post(path, data=params, headers=all_headers)


def sms(client, body: str, *, phone: str = "+13055550100", message_sid: str | None = None, **extra):
    return post(client, "/twilio/sms", {"MessageSid": message_sid or sid("SM"), "From": phone,
                                        "To": "+13055550199", "Body": body, **extra})


def twiml(response) -> ElementTree.Element:
    assert response.mimetype == "text/xml", response.data
    return ElementTree.fromstring(response.data)


def replies(response) -> list[str]:
    """The texts of the <Message> verbs in a messaging TwiML answer."""
    return [element.text or "" for element in twiml(response).iter("Message")]
