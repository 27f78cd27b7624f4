"""GET /healthz: 200 when the database and Redis answer, 503 naming the one that does not."""

from flask import Blueprint, current_app, jsonify
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from jobs.connection import web_redis
from store.db import get_engine

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    settings = current_app.config["SETTINGS"]
    checks = {"database": "ok", "redis": "ok"}
    try:
        with get_engine(settings.database_url).connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        checks["database"] = f"failed: {type(error).__name__}"
    try:
        web_redis(settings).ping()
    except RedisError as error:
        checks["redis"] = f"failed: {type(error).__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return jsonify(status="ok" if healthy else "unavailable", **checks), 200 if healthy else 503
