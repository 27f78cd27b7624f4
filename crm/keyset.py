"""Keyset pagination: sorted pages that stay stable while rows are inserted or changed between them.

A page ends with a cursor naming the sort and the (sort key, id) of its last row; the next page is
the rows after that pair in the same order. Unlike an OFFSET, a row inserted before the cursor
neither repeats a row nor skips one. The cursor is opaque to the caller (base64 of JSON).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, or_
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from crm.errors import InvalidField

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_CURSOR_LENGTH = 1000


@dataclass(frozen=True)
class SortKey:
    """A sort the API offers: the expression rows are ordered by, and how its values travel in a cursor."""

    expression: ColumnElement
    to_cursor: Callable[[Any], Any] = lambda value: value
    from_cursor: Callable[[Any], Any] = lambda value: value


def iso_key(column: ColumnElement) -> SortKey:
    """A datetime sort key: ISO 8601 text in the cursor."""
    return SortKey(column, to_cursor=lambda value: value.isoformat(), from_cursor=_aware)


def text_key(expression: ColumnElement) -> SortKey:
    return SortKey(expression, from_cursor=_of_type(str))


def id_key(column: ColumnElement) -> SortKey:
    return SortKey(column, from_cursor=_of_type(int))


def _aware(value: Any) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment


def _of_type(kind: type) -> Callable[[Any], Any]:
    def checked(value: Any) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}")
        return value

    return checked


@dataclass(frozen=True)
class Request:
    sort: str
    descending: bool
    after: tuple[Any, int] | None
    limit: int


@dataclass
class Page:
    rows: list
    next_cursor: str | None


def request_from(query: dict[str, str], sorts: Mapping[str, SortKey], default_sort: str = "id") -> Request:
    """Take `sort` ("name", "-created_at"), `cursor` and `limit` out of the query string."""
    raw_sort = query.pop("sort", default_sort)
    descending = raw_sort.startswith("-")
    sort = raw_sort.removeprefix("-")
    if sort not in sorts:
        options = ", ".join(f"{name}, -{name}" for name in sorts)
        raise InvalidField("sort", f"must be one of {options}")
    limit = _limit(query.pop("limit", str(DEFAULT_LIMIT)))
    after = None
    if "cursor" in query:
        after = _decode(query.pop("cursor"), raw_sort, sorts[sort])
    return Request(sort=sort, descending=descending, after=after, limit=limit)


def fetch(session: Session, statement: Select, sorts: Mapping[str, SortKey], id_column: ColumnElement,
          request: Request) -> Page:
    """One page of `statement` (a select of one entity) in the requested order."""
    key = sorts[request.sort]
    expression = key.expression
    by_id = expression is id_column
    ordered = statement.add_columns(expression)
    if request.after is not None:
        after_key, after_id = request.after
        if by_id:
            ordered = ordered.where(id_column < after_id if request.descending else id_column > after_id)
        elif request.descending:
            ordered = ordered.where(or_(expression < after_key, and_(expression == after_key, id_column < after_id)))
        else:
            ordered = ordered.where(or_(expression > after_key, and_(expression == after_key, id_column > after_id)))
    order = [expression] if by_id else [expression, id_column]
    ordered = ordered.order_by(*(part.desc() for part in order) if request.descending else order)
    rows = session.execute(ordered.limit(request.limit + 1)).all()
    more = len(rows) > request.limit
    rows = rows[:request.limit]
    cursor = None
    if more:
        last, last_key = rows[-1]
        sort = ("-" if request.descending else "") + request.sort
        cursor = _encode(sort, key.to_cursor(last_key), last.id)
    return Page(rows=[row for row, _ in rows], next_cursor=cursor)


def _encode(sort: str, key: Any, row_id: int) -> str:
    payload = json.dumps({"sort": sort, "after": [key, row_id]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _decode(cursor: str, sort: str, key: SortKey) -> tuple[Any, int]:
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise InvalidField("cursor", "is not a cursor of this list")
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        after_key, after_id = payload["after"]
        given_sort = payload["sort"]
        value = key.from_cursor(after_key)
    except (binascii.Error, ValueError, TypeError, KeyError, AttributeError):
        raise InvalidField("cursor", "is not a cursor of this list") from None
    if given_sort != sort:
        raise InvalidField("cursor", f"was made for sort={given_sort}; ask with that sort or without the cursor")
    if not isinstance(after_id, int) or isinstance(after_id, bool):
        raise InvalidField("cursor", "is not a cursor of this list")
    return value, after_id


def _limit(raw: str) -> int:
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise InvalidField("limit", f"must be a whole number from 1 to {MAX_LIMIT}")
    return int(raw)
