"""Engines and sessions: one engine per database URL and process, created on first use.

Engines hide statement parameters in their errors: a failed INSERT must not log a customer's text.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_SECONDS = 30
# A pooled connection that sat unused this long is pinged before use (the server may have closed it);
# one in steady use is not, so a webhook does not pay a `SELECT 1` round trip on every checkout.
PING_AFTER_IDLE_SECONDS = 5.0

_lock = threading.Lock()
_engines: dict[tuple[str, int], Engine] = {}
_factories: dict[tuple[str, int], sessionmaker[Session]] = {}


def get_engine(database_url: str) -> Engine:
    """The engine for this URL in this process; a forked RQ work-horse gets its own pool."""
    key = (database_url, os.getpid())
    engine = _engines.get(key)
    if engine is None:
        with _lock:
            engine = _engines.get(key)
            if engine is None:
                engine = _create_engine(database_url)
                # The factory first: another thread reads the engine without the lock, then the factory.
                _factories[key] = sessionmaker(engine, expire_on_commit=False)
                _engines[key] = engine
    return engine


def session_factory(database_url: str) -> sessionmaker[Session]:
    get_engine(database_url)
    return _factories[(database_url, os.getpid())]


@contextmanager
def session_scope(database_url: str) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back when it raises."""
    with committing(session_factory(database_url)()) as session:
        yield session


@contextmanager
def committing(session: Session) -> Iterator[Session]:
    """`session`, committed when the block ends normally and rolled back when it raises; closed after."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def checked_out() -> int:
    """How many connections this process's pools have handed out and not had back."""
    pid = os.getpid()
    return sum(engine.pool.checkedout() for (url, owner), engine in list(_engines.items())
               if owner == pid and hasattr(engine.pool, "checkedout"))


def dispose_all() -> None:
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _factories.clear()


def _create_engine(database_url: str) -> Engine:
    if database_url.startswith("sqlite"):
        engine = create_engine(database_url, hide_parameters=True,
                               connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    engine = create_engine(database_url, pool_size=10, max_overflow=20, hide_parameters=True)
    event.listen(engine.pool, "checkin", _note_checkin)
    event.listen(engine.pool, "checkout", _ping_if_idle)
    return engine


def _note_checkin(dbapi_connection, record):
    record.info["checked_in_at"] = time.monotonic()


def _ping_if_idle(dbapi_connection, record, proxy):
    """SQLAlchemy's pessimistic disconnect handling, for connections that sat idle only: raising
    DisconnectionError makes the pool replace the connection and try again."""
    checked_in_at = record.info.get("checked_in_at")
    if checked_in_at is None or time.monotonic() - checked_in_at < PING_AFTER_IDLE_SECONDS:
        return
    try:
        # Like SQLAlchemy's own pre-ping: the transaction psycopg opens for it is the one the
        # checkout goes on to use, so the ping costs one statement.
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        raise exc.DisconnectionError(f"an idle pooled connection is gone ({type(error).__name__})") from error


def _sqlite_pragmas(dbapi_connection, connection_record):
    # pysqlite's own transaction handling breaks SAVEPOINT; SQLAlchemy's documented fix is to turn
    # it off and emit BEGIN ourselves. WAL lets readers go on while a webhook writes.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_immediate(connection):
    # Taking the write lock up front serializes writers instead of failing one of them with
    # "database is locked" when both try to upgrade a read lock at once.
    connection.exec_driver_sql("BEGIN IMMEDIATE")
