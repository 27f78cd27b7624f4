"""Statements SQLAlchemy does not cache, compiled once per dialect and run as text.

SQLAlchemy compiles a statement again on every execution when it cannot cache it: the dialects'
INSERT ... ON CONFLICT constructs are among those, so an upsert on the hot path paid a full
compilation per call. Such a statement is built and compiled here once per dialect into a text
clause with its parameters' types (JSON, dates) and its result columns, and its constants (the
literal values the builder used) are kept to be passed again with each execution.
The builder must give every column its value: column defaults are not applied to text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, TextClause, bindparam, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

# Named parameters (":name"), which text() reads, and no driver-specific casts.
_COMPILERS = {"postgresql": postgresql.dialect(paramstyle="named"), "sqlite": sqlite.dialect(paramstyle="named")}


@dataclass(frozen=True)
class Compiled:
    statement: TextClause
    constants: dict[str, Any]

    def params(self, values: dict[str, Any]) -> dict[str, Any]:
        return {**self.constants, **values}


_lock = threading.Lock()
_compiled: dict[tuple[str, str], Compiled] = {}


def compiled(session: Session, name: str, build: Callable[[str], Any],
             columns: Callable[[], list[ColumnElement]] | None = None) -> Compiled:
    """`build(dialect name)` compiled once per dialect under `name`; `columns`: its RETURNING columns."""
    dialect = session.get_bind().dialect.name
    entry = _compiled.get((name, dialect))
    if entry is None:
        with _lock:
            entry = _compiled.get((name, dialect)) or _compile(build(dialect), dialect, columns)
            _compiled[(name, dialect)] = entry
    return entry


def _compile(statement, dialect: str, columns) -> Compiled:
    result = statement.compile(dialect=_COMPILERS[dialect])
    if "__[POSTCOMPILE_" in str(result):
        raise ValueError("an expanding IN list cannot be compiled ahead; spell its values out")
    names = list(result.params)
    # PostgreSQL's casts ("::JSON") would hide the parameter before them from text(): escape their colons.
    clause = text(str(result).replace("::", r"\:\:"))
    clause = clause.bindparams(*(bindparam(name, type_=result.binds[name].type) for name in names))
    if columns is not None:
        clause = clause.columns(*columns())
    constants = {name: value for name, value in result.params.items() if value is not None}
    return Compiled(clause, constants)
