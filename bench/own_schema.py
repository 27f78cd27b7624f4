"""A PostgreSQL schema of one benchmark run's own, so no table anybody else uses is filled or emptied."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


@contextlib.contextmanager
def own_schema(server_url: str, prefix: str) -> Iterator[str]:
    """Create `<prefix>_<pid>` in `server_url`'s database, yield a URL whose search_path is it, drop it after."""
    from sqlalchemy import create_engine, text

    from store import db

    schema = schema_name(prefix)
    engine = create_engine(server_url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in server_url else "?"
    try:
        yield f"{server_url}{separator}options=-csearch_path%3D{schema}"
    finally:
        db.dispose_all()
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()


def schema_name(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}"


def described(server_url: str, prefix: str) -> str:
    """The database a benchmark ran on, as it prints it (the server and database, not the user)."""
    return f"PostgreSQL {server_url.split('@')[-1]}, schema {schema_name(prefix)} (own, dropped after)"
