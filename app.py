"""The web application factory.

`flask --app app` and gunicorn (`app:create_app()`) both call `create_app()`; importing this module
reads no setting and connects to nothing.
"""

from __future__ import annotations

import logging
import traceback

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

import console
import runtime
from config import Settings
from handlers import (
    after_sales_api,
    consent_api,
    escalation_api,
    health,
    outbound_api,
    privacy,
    sms,
    staff_api,
    status,
    voice,
    voicemail,
)
from handlers.fallback import bp as fallback_bp
from handlers.lead_api import bp as lead_api_bp
from handlers.links import bp as links_bp
from handlers.relationships_api import bp as relationships_api_bp
from store.errors import describe, is_database_error

MAX_REQUEST_BYTES = 64 * 1024
log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings.from_env()
    runtime.configure(settings)
    app = Flask(__name__)
    app.config.update(SETTINGS=settings, MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES)
    # Twilio signs the public URL; behind TRUSTED_PROXIES TLS-terminating proxies, trust their forwarded
    # scheme, host and client address. With none (the default), a client cannot choose the signed URL.
    if settings.trusted_proxies:
        count = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count)
    for module in (sms, voice, voicemail, status, health, consent_api, outbound_api, staff_api, escalation_api,
                   after_sales_api):
        app.register_blueprint(module.bp)
    app.register_blueprint(fallback_bp)
    app.register_blueprint(lead_api_bp)
    app.register_blueprint(relationships_api_bp)
    app.register_blueprint(links_bp)
    privacy.register(app)
    console.init_app(app, settings)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)

    from cli import register_commands

    register_commands(app)
    return app


def _http_error(error: HTTPException):
    reason = error.description or error.name
    if request.path.startswith("/api/"):
        return jsonify(error=reason), error.code
    return reason, error.code, {"Content-Type": "text/plain; charset=utf-8"}


def _unexpected_error(error: Exception):
    # The caller gets a plain 500 line; the traceback goes to our log, never to the caller. A database
    # error's message carries row data (PostgreSQL's DETAIL): the log gets its frames and first line.
    if is_database_error(error):
        log.error("unhandled database error on %s %s: %s\n%s", request.method, request.path, describe(error),
                  "".join(traceback.format_tb(error.__traceback__)).rstrip())
    else:
        log.exception("unhandled error on %s %s", request.method, request.path)
    return "internal error", 500, {"Content-Type": "text/plain; charset=utf-8"}
