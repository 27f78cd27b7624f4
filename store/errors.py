"""Database errors described without row data, for logs and stored job errors.

SQLAlchemy puts the statement's parameters in its message (unless the engine hides them), and
PostgreSQL adds a DETAIL line that quotes the failing row ("Failing row contains (...)") or the
conflicting key: a customer's message body or access code would land in the log.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, StatementError


def describe(error: BaseException) -> str:
    """The error's message, with only the first line of a database error's own message."""
    if isinstance(error, DBAPIError) and error.orig is not None:
        first_line = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else ""
        return f"{type(error.orig).__name__}: {first_line}"
    if isinstance(error, StatementError):
        return f"{type(error.orig).__name__ if error.orig else 'StatementError'} while running a statement"
    return str(error)


def is_database_error(error: BaseException) -> bool:
    return isinstance(error, StatementError)
