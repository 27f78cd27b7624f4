"""INSERT ... ON CONFLICT DO NOTHING for PostgreSQL and SQLite: idempotency without check-then-insert."""

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

DIALECT_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def insert_ignoring_conflict(session: Session, model, values: dict) -> int | None:
    """Insert a row; return its id, or None when a unique constraint says it is already there."""
    insert = DIALECT_INSERTS[session.get_bind().dialect.name]
    statement = insert(model).values(**values).on_conflict_do_nothing().returning(model.id)
    return session.execute(statement).scalar_one_or_none()


def dialect_insert(session: Session, model):
    """The dialect's INSERT for `model` (it has on_conflict_do_nothing/on_conflict_do_update)."""
    return DIALECT_INSERTS[session.get_bind().dialect.name](model)


def upsert(session: Session, model, values: dict, key: list[str], update: list[str]) -> None:
    """INSERT ... ON CONFLICT (key) DO UPDATE SET the `update` columns to the new values."""
    statement = dialect_insert(session, model).values(**values)
    session.execute(statement.on_conflict_do_update(
        index_elements=key, set_={name: statement.excluded[name] for name in update}))
