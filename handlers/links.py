"""`GET /l/<code>`: a tracked link in an automated text; 302 to its target, the click recorded once."""

from flask import Blueprint, abort, current_app, redirect

from relationships import links
from store.db import session_scope

bp = Blueprint("links", __name__)


@bp.get("/l/<code>")
def follow(code: str):
    settings = current_app.config["SETTINGS"]
    with session_scope(settings.database_url) as session:
        target = links.follow(session, code)
    if target is None:
        abort(404, "no such link")
    return redirect(target, code=302)
