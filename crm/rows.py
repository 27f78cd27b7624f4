"""What the crm modules share: the result of a write, and looking up the rows a request names."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from crm.errors import InvalidField, NotFound
from crm.fields import is_row_id


@dataclass
class Saved:
    """What a write produced: the row, whether it is new, and the queued jobs to hand to RQ after the commit."""

    record: object
    created: bool = False
    job_ids: list[int] = field(default_factory=list)


def found(session: Session, model, row_id: int, label: str, *, hide_deleted: bool = False):
    """The row a URL path names, or NotFound; with hide_deleted, a row marked deleted_at is not found either."""
    row = session.get(model, row_id) if is_row_id(row_id) else None
    if row is None or (hide_deleted and row.deleted_at is not None):
        raise NotFound(f"no {label} with id {row_id}")
    return row


def referenced(session: Session, model, row_id: int, field_name: str, label: str):
    """The row a body field names (already a valid id), or InvalidField naming the field."""
    row = session.get(model, row_id)
    if row is None:
        raise InvalidField(field_name, f"names no {label}")
    return row
