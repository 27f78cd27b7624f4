"""Count the SQL statements an engine sends to its database, BEGIN and COMMIT included.

Every statement SQLAlchemy executes passes `before_cursor_execute` (SQLite's `BEGIN IMMEDIATE` too:
store/db.py emits it through the connection). What the driver sends on its own is counted from
the events that cause it:
- psycopg opens a transaction with its own `BEGIN` before the first statement: one per `begin`.
- `COMMIT` and `ROLLBACK`: one per `commit` and `rollback` event.
- the pool's pre-ping (`SELECT 1`) on every checkout of a connection that is not brand new.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Engine, event


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
            (engine.pool, "connect", self._connected),
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

    def _connected(self, dbapi_connection, record):
        record._frontdesk_pinged = False

    def _checked_out(self, dbapi_connection, record, proxy):
        if self.engine.pool._pre_ping and getattr(record, "_frontdesk_pinged", False):
            self._count("SELECT 1 -- pre-ping")
        record._frontdesk_pinged = True
