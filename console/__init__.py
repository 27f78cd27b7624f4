"""The staff console: server-rendered pages (Jinja + htmx) where the office reads and answers texts.

`init_app` turns on sign-in (Flask-Login), CSRF protection and the cookie flags. The CSRF check runs
on every POST of the console (its own before_request), the only part of the app a cookie
authenticates: the webhooks (Twilio's signature) and the staff API (a bearer token) stay outside it,
whatever blueprints are added later.
"""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from config import Settings

csrf = CSRFProtect()


def init_app(app: Flask, settings: Settings) -> None:
    from console import views

    app.secret_key = settings.secret_key or _throwaway_secret()
    app.session_interface = CookieSessions()
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(settings.public_base_url and settings.public_base_url.startswith("https://")),
        SESSION_COOKIE_NAME="frontdesk_session",
        # The console stays open all day: the token lives as long as the session, not an hour.
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_CHECK_DEFAULT=False,  # the console's before_request checks its own POSTs
    )
    csrf.init_app(app)
    login = LoginManager()
    login.login_view = "console.login"
    login.user_loader(views.load_user)
    login.unauthorized_handler(views.unauthorized)
    login.init_app(app)
    app.register_blueprint(views.bp)


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed cookie sessions, with the signing serializer built once per set of keys instead of
    on every request: every request opens the session, a webhook's too (none of them uses it)."""

    def __init__(self) -> None:
        self._serializers: dict[tuple, object] = {}

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._serializers.get(keys)
        if serializer is None:
            serializer = self._serializers.setdefault(keys, super().get_signing_serializer(app))
        return serializer


def _throwaway_secret() -> str:
    # Settings built in code (tests) may carry no secret: sessions then last as long as the process.
    import secrets

    return secrets.token_hex(32)
