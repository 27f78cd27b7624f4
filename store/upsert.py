"""INSERT ... ON CONFLICT DO NOTHING for PostgreSQL and SQLite: idempotency without check-then-insert."""

from sqlalchemy import bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.compiled import compiled

DIALECT_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def insert_ignoring_conflict(session: Session, model, values: dict) -> int | None:
    """Insert a row; return its id, or None when a unique constraint says it is already there.

    SQLAlchemy does not cache the dialects' ON CONFLICT inserts, so the statement is compiled once per
    model and set of columns (store/compiled.py), with the columns' constant defaults filled in here;
    a column left to a Python function's default takes SQLAlchemy's own (uncached) way.
    """
    table = model.__table__
    missing = [column for column in table.c if column.key not in values and column.default is not None]
    if any(column.default.is_callable for column in missing):
        insert = DIALECT_INSERTS[session.get_bind().dialect.name]
        statement = insert(model).values(**values).on_conflict_do_nothing().returning(model.id)
        return session.execute(statement).scalar_one_or_none()
    values = {**{column.key: column.default.arg for column in missing if column.default.is_scalar}, **values}
    keys = tuple(sorted(values))

    def build(dialect: str):
        return (DIALECT_INSERTS[dialect](model).values({key: bindparam(key) for key in keys})
                .on_conflict_do_nothing().returning(table.c.id))

    statement = compiled(session, f"store.upsert.insert_ignoring_conflict:{table.name}:{','.join(keys)}", build,
                         lambda: [table.c.id])
    return session.connection().execute(statement.statement, statement.params(values)).scalar_one_or_none()


def dialect_insert(session: Session, model):
    """The dialect's INSERT for `model` (it has on_conflict_do_nothing/on_conflict_do_update)."""
    return DIALECT_INSERTS[session.get_bind().dialect.name](model)


def upsert(session: Session, model, values: dict, key: list[str], update: list[str]) -> None:
    """INSERT ... ON CONFLICT (key) DO UPDATE SET the `update` columns to the new values."""
    statement = dialect_insert(session, model).values(**values)
    session.execute(statement.on_conflict_do_update(
        index_elements=key, set_={name: statement.excluded[name] for name in update}))
