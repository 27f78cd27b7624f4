"""Staff accounts and signed-in test clients for the console's tests."""

from __future__ import annotations

import re

from console import users
from store.db import session_scope

PASSWORD = "correct horse battery"
OWNER = "owner@plumbing.test"
STAFF = "staff@plumbing.test"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_user(settings, email: str = OWNER, role: str = "owner") -> int:
    with session_scope(settings.database_url) as session:
        return users.create_user(session, email, PASSWORD, role).id


def csrf_token(client, path: str = "/console/login") -> str:
    page = client.get(path)
    match = _TOKEN.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client, email: str = OWNER, password: str = PASSWORD):
    return client.post("/console/login", data={"email": email, "password": password,
                                               "csrf_token": csrf_token(client)})
