"""INSERT ... ON CONFLICT DO NOTHING for PostgreSQL and SQLite: idempotency without check-then-insert."""

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

_DIALECT_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def insert_ignoring_conflict(session: Session, model, values: dict) -> int | None:
    """Insert a row; return its id, or None when a unique constraint says it is already there."""
    insert = _DIALECT_INSERTS[session.get_bind().dialect.name]
    statement = insert(model).values(**values).on_conflict_do_nothing().returning(model.id)
    return session.execute(statement).scalar_one_or_none()
