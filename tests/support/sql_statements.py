"""Count the SQL statements an engine sends to its database, BEGIN and COMMIT included.

Every statement SQLAlchemy executes passes `before_cursor_execute` (SQLite's `BEGIN IMMEDIATE` too:
store/db.py emits it through the connection). What the driver sends on its own is counted from
the events that cause it:
- psycopg opens a transaction with its own `BEGIN` before the first statement: one per `begin`.
- `COMMIT` and `ROLLBACK`: one per `commit` and `rollback` event.
- the `SELECT 1` store/db.py pings a pooled PostgreSQL connection with after it sat idle.
"""

from __future__ import annotations

import time
from collections import Counter

from sqlalchemy import Engine, event

from store.db import PING_AFTER_IDLE_SECONDS


class StatementCounter:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.kinds: Counter[str] = Counter()
        self.statements: list[str] = []
        self._driver_begins = engine.dialect.name == "postgresql"
        self._listeners = [
            (engine, "before_cursor_execute", self._executed),
            (engine, "begin", self._begun),
            (engine, "commit", lambda connection: self._count("COMMIT")),
            (engine, "rollback", lambda connection: self._count("ROLLBACK")),
            (engine.pool, "checkout", self._checked_out),
        ]
        for target, name, listener in self._listeners:
            event.listen(target, name, listener)

    def close(self) -> None:
        for target, name, listener in self._listeners:
            event.remove(target, name, listener)

    @property
    def total(self) -> int:
        return sum(self.kinds.values())

    def reset(self) -> None:
        self.kinds.clear()
        self.statements.clear()

    def _count(self, statement: str) -> None:
        self.statements.append(statement)
        self.kinds[statement.split(None, 1)[0].upper()] += 1

    def _executed(self, connection, cursor, statement, parameters, context, executemany):
        self._count(statement)

    def _begun(self, connection):
        if self._driver_begins:
            self._count("BEGIN")

    def _checked_out(self, dbapi_connection, record, proxy):
        checked_in_at = record.info.get("checked_in_at")
        if (self.engine.dialect.name == "postgresql" and checked_in_at is not None
                and time.monotonic() - checked_in_at >= PING_AFTER_IDLE_SECONDS):
            self._count("SELECT 1 -- idle ping")
