"""Browser tests of the staff console: Debian's chromium (headless) driven by pytest-playwright.

The app runs on a free port in a thread of the test process (werkzeug), on the real PostgreSQL and
Redis of the other tests. The server lives for the whole session; each test installs its own app
(its own settings and emptied database) behind it.
"""

from __future__ import annotations

import threading

import pytest
import requests
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from tests.support.console import OWNER, PASSWORD, make_user
from tests.support.webhooks import sid, signature

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


class _CurrentApp:
    """The WSGI app the live server hands each request to: the current test's."""

    app = None

    def __call__(self, environ, start_response):
        if self.app is None:
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"no test is running"]
        return self.app(environ, start_response)


@pytest.fixture(scope="session")
def live_server():
    current = _CurrentApp()
    server = make_server("127.0.0.1", 0, current, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, current
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url(live_server):
    server, _ = live_server
    return f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture
def database_url(postgres_url):
    """The browser tests run on PostgreSQL only."""
    return postgres_url


@pytest.fixture
def served(live_server, app):
    _, current = live_server
    current.app = app
    yield app
    current.app = None


@pytest.fixture
def owner(settings):
    return make_user(settings)


@pytest.fixture
def signed_in(page: Page, served, owner) -> Page:
    return sign_in(page)


def sign_in(page: Page, email: str = OWNER, password: str = PASSWORD) -> Page:
    page.goto("/console/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    return page


@pytest.fixture
def text_in(base_url, served):
    """Post a signed inbound SMS to the running app's webhook, as Twilio would."""

    def send(body: str, phone: str = "+13055550100") -> requests.Response:
        url = f"{base_url}/twilio/sms"
        params = {"MessageSid": sid("SM"), "From": phone, "To": "+13055550199", "Body": body}
        response = requests.post(url, data=params, headers={"X-Twilio-Signature": signature(url, params)}, timeout=30)
        assert response.status_code == 200, response.text
        return response

    return send
