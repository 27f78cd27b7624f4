"""The staff API's two shapes of call: a write in one transaction whose follow-ups go to RQ after the
commit, and a read in a session of its own."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, jsonify

from crm.rows import Saved
from jobs.queue import dispatch
from store.db import session_scope


def write(change: Callable[..., Saved], to_json: Callable[..., dict]):
    """Run a write in one transaction; after the commit, hand RQ the follow-ups it queued."""
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        saved = change(session, settings)
        body = to_json(saved.record)
    dispatch(settings, saved.job_ids)
    return jsonify(body), 201 if saved.created else 200


def read(fetch: Callable[..., dict]):
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        return jsonify(fetch(session))
