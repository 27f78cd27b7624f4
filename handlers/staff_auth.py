"""The staff API's bearer token check and its JSON input helpers."""

from __future__ import annotations

import hmac
from functools import wraps

from flask import abort, current_app, request


def staff_only(view):
    @wraps(view)
    def checked(*args, **kwargs):
        expected = current_app.config["SETTINGS"].staff_api_token
        given = request.headers.get("Authorization", "")
        if not expected or not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
            abort(401, "a valid 'Authorization: Bearer <STAFF_API_TOKEN>' header is required")
        return view(*args, **kwargs)

    return checked


def json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "expected a JSON object body")
    return data


def text_field(data: dict, name: str, *, required: bool = True, choices=None, max_length: int = 2000):
    value = data.get(name)
    if value is None:
        if required:
            abort(400, f"{name} is required")
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        abort(400, f"{name} must be non-empty text of at most {max_length} characters")
    if choices is not None and value not in choices:
        abort(400, f"{name} must be one of {', '.join(choices)}")
    return value.strip()
