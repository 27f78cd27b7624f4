"""Access codes leave the staff API masked: every JSON answer under /api/ passes through `redacted`.

One hook instead of one call per view, so that no path out (a ledger snippet, an escalation's
transcript, a held message, an endpoint added later) can forget it. `?reveal=1` by a caller with the
staff token leaves the answer as stored, and writes an audit row: who (the `X-Staff-Member` header,
else the token's holder), from where, which request, when.
"""

from __future__ import annotations

import json

from flask import Flask, Response, current_app, request

from crm import fields
from crm.access import redacted
from crm.errors import InvalidField
from store.db import session_scope
from store.models import Reveal

API_PREFIX = "/api/"
STAFF_MEMBER_HEADER = "X-Staff-Member"
UNNAMED = "staff api token"


def register(app: Flask) -> None:
    app.after_request(_mask_api_answer)


def _mask_api_answer(response: Response) -> Response:
    if not request.path.startswith(API_PREFIX) or not response.is_json or response.direct_passthrough:
        return response
    if response.status_code < 400 and _reveal_asked():
        _record_reveal()
        return response
    answer = response.get_json(silent=True)
    if answer is not None:
        response.set_data(json.dumps(redacted(answer), ensure_ascii=False) + "\n")
    return response


def _reveal_asked() -> bool:
    # Only a view behind the staff token answers below 400, so the caller is authorised here.
    raw = request.args.get("reveal")
    if raw is None:
        return False
    try:
        return fields.flag_param("reveal", raw)
    except InvalidField:
        return False


def _record_reveal() -> None:
    by = (request.headers.get(STAFF_MEMBER_HEADER) or UNNAMED).strip()[:64] or UNNAMED
    with session_scope(current_app.config["SETTINGS"].database_url) as session:
        session.add(Reveal(revealed_by=by, remote_addr=(request.remote_addr or "")[:64] or None,
                           method=request.method[:8], path=request.path[:300]))
