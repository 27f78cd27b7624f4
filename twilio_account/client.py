"""Twilio REST clients built from the settings: an API key and secret when set, else the auth token.

The auth token is still what verifies webhook signatures (handlers/twilio_request.py); an API key
only authenticates our REST calls. Tests inject a recording `HttpClient` through the settings.
"""

from __future__ import annotations

from requests import Session
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client

from config import Settings

DOWNLOAD_TIMEOUT_SECONDS = 30
CHUNK_BYTES = 64 * 1024


def rest_client(settings: Settings, http_client=None) -> Client:
    http_client = settings.twilio_http_client or http_client or TwilioHttpClient(
        timeout=settings.twilio_timeout_seconds)
    if settings.twilio_api_key and settings.twilio_api_secret:
        return Client(settings.twilio_api_key, settings.twilio_api_secret, settings.twilio_account_sid,
                      http_client=http_client)
    return Client(settings.twilio_account_sid, settings.twilio_auth_token, http_client=http_client)


def auth_token_client(settings: Settings) -> Client:
    """A client authenticated with the auth token itself, to prove that it is the account's."""
    http_client = settings.twilio_http_client or TwilioHttpClient(timeout=settings.twilio_timeout_seconds)
    return Client(settings.twilio_account_sid, settings.twilio_auth_token, http_client=http_client)


def download_client(settings: Settings, max_bytes: int) -> Client:
    """A client whose GETs return bytes (media, recordings), reading at most max_bytes + 1 of them."""
    return rest_client(settings, http_client=DownloadHttpClient(max_bytes))


class DownloadHttpClient(TwilioHttpClient):
    """twilio's own client decodes every body as text; media is binary and may be huge.

    Streams the body and stops one byte past the cap, so the caller can tell "too large" apart
    without holding more than the cap in memory. Follows redirects (Twilio's media URLs redirect
    to its storage; requests drops the credentials when the host changes).
    """

    def __init__(self, max_bytes: int):
        super().__init__(timeout=DOWNLOAD_TIMEOUT_SECONDS)
        self.max_bytes = max_bytes

    def request(self, method, url, params=None, data=None, headers=None, auth=None, timeout=None,
                allow_redirects=False) -> Response:
        session = self.session or Session()
        with session.request(method, url, params=params, headers=headers, auth=auth, stream=True,
                             timeout=timeout or self.timeout, allow_redirects=True) as answer:
            body = bytearray()
            for chunk in answer.iter_content(CHUNK_BYTES):
                body += chunk
                if len(body) > self.max_bytes:
                    break
            return Response(answer.status_code, bytes(body), answer.headers)
