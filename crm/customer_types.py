"""Customer types (seed 003): the seed's four, plus the ones the business adds through the staff API.

The seed's list is built in, so every database has it; the `customer_types` table holds the
business's own. A contact's type is validated against both and stored in its canonical spelling, so
"estate agents" from a CSV is saved as "Estate Agents".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crm import fields
from crm.errors import InvalidField
from crm.fields import Field
from store.models import CustomerType, utcnow
from store.upsert import insert_ignoring_conflict

BUILT_IN = ("Private Customer", "Company", "Estate Agents", "Schools")
NAME_LENGTH = 64
NEW_TYPE_FIELDS = {"name": Field(fields.text(NAME_LENGTH), required=True, nullable=False)}


def all_types(session: Session) -> list[str]:
    """The built-in types first, then the business's own in the order they were added."""
    added = session.scalars(select(CustomerType.name).order_by(CustomerType.id))
    return [*BUILT_IN, *(name for name in added if _key(name) not in _BUILT_IN_KEYS)]


def add_type(session: Session, data: dict[str, Any]) -> tuple[str, bool]:
    """Add a type (idempotent, whatever its case); returns its canonical name and whether it is new."""
    name = " ".join(fields.parse(data, NEW_TYPE_FIELDS)["name"].split())
    built_in = next((known for known in BUILT_IN if _key(known) == _key(name)), None)
    if built_in is not None:
        return built_in, False
    # A unique index on lower(name) makes "landlords" and "Landlords" one type, race-free.
    created = insert_ignoring_conflict(session, CustomerType, {"name": name, "created_at": utcnow()})
    if created is not None:
        return name, True
    return session.scalars(select(CustomerType.name).where(func.lower(CustomerType.name) == name.lower())).one(), False


class Catalogue:
    """The known types, read once: validates and canonicalises many names (an import, a filter)."""

    def __init__(self, session: Session):
        self.names = all_types(session)
        self._by_key = {_key(name): name for name in self.names}

    def canonical(self, name: str) -> str | None:
        return self._by_key.get(_key(name))

    def parser(self) -> fields.Parser:
        def parse_customer_type(field_name: str, value: Any) -> str:
            if isinstance(value, str) and (known := self.canonical(value)) is not None:
                return known
            raise InvalidField(field_name, f"must be one of {', '.join(self.names)}")

        return parse_customer_type


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


_BUILT_IN_KEYS = frozenset(_key(name) for name in BUILT_IN)
