"""Import customers from a CSV file (`flask contacts import FILE.csv`), as field-service software exports them.

Each row is validated on its own: a bad row is reported by its line number with the reason and the
rest are imported. A row updates the contact with its `external_ref`, else the one with its phone,
else creates one; its address is the contact's imported address (one per contact, updated by a
re-import). Blank cells leave what is stored alone; a new contact or address without an
after-sales care value gets the business's default (crm.after_sales).

Consent is never assumed: a row records consent evidence only when its `consent` column says
`express` or `existing_relationship`, with the `consent_source` it came from.

Rows are written in chunks, each one transaction of a few set-based statements (one SELECT to
resolve the chunk's contacts, bulk INSERT/UPDATE, one address upsert, one evidence INSERT).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from crm import fields
from crm.customer_types import Catalogue
from crm.errors import InvalidField
from crm.fields import Field
from store.db import session_scope
from store.models import ConsentEvent, Contact, WorkAddress, utcnow
from store.upsert import dialect_insert

CHUNK_ROWS = 1000
LEAD_SOURCE = "manual"  # entered by the business, not an inbound lead
RECORDED_BY = "import"
CONSENT_KINDS = ("express", "existing_relationship")
CONTACT_COLUMNS = ("name", "email", "customer_type", "birthday", "after_sales_care", "external_ref")
ADDRESS_COLUMNS = {"address_line1": "line1", "address_line2": "line2", "city": "city", "state": "state",
                   "zip": "postal_code"}
ALIASES = {
    "type": "customer_type", "address": "address_line1", "address_1": "address_line1",
    "address_line_1": "address_line1", "line1": "address_line1", "line_1": "address_line1",
    "address_2": "address_line2", "address_line_2": "address_line2", "line2": "address_line2",
    "line_2": "address_line2", "zip_code": "zip", "postal_code": "zip", "zipcode": "zip",
    "after_sales": "after_sales_care", "source": "consent_source", "phone_number": "phone", "mobile": "phone",
}


def _row_fields(catalogue: Catalogue) -> dict[str, Field]:
    return {
        "phone": Field(fields.phone, required=True),
        "name": Field(fields.text(200)),
        "email": Field(fields.email),
        "customer_type": Field(catalogue.parser()),
        "birthday": Field(fields.past_date),
        "after_sales_care": Field(fields.yes_no),
        "external_ref": Field(fields.text(64)),
        "address_line1": Field(fields.text(200)),
        "address_line2": Field(fields.text(200)),
        "city": Field(fields.text(100)),
        "state": Field(fields.us_state),
        "zip": Field(fields.postal_code),
        "consent": Field(fields.choice(*CONSENT_KINDS)),
        "consent_source": Field(fields.text(32)),
    }


COLUMNS = ("phone", "name", "email", "customer_type", "birthday", "after_sales_care", "external_ref",
           "address_line1", "address_line2", "city", "state", "zip", "consent", "consent_source")
_SEPARATORS = re.compile(r"[\s\-]+")


class ImportRefused(ValueError):
    """The file as a whole cannot be imported (no phone column, an unknown column); nothing was written."""


@dataclass(frozen=True)
class Problem:
    line: int
    reason: str


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    consents: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    contact_id: int | None = None


def count_rows(path: str | Path) -> int:
    """How many data rows the file has (for a progress bar); ImportRefused when it cannot be read as CSV."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        try:
            return max(sum(1 for _ in reader) - 1, 0)
        except (UnicodeDecodeError, csv.Error) as error:
            raise ImportRefused(_unreadable(reader.line_num + 1, error)) from None


def import_csv(database_url: str, path: str | Path, *, on_progress: Callable[[int], None] = lambda rows: None,
               chunk_rows: int = CHUNK_ROWS) -> Report:
    """Import the file's rows, a transaction per chunk; `on_progress` is told how many rows each chunk held."""
    report = Report()
    seen: dict[tuple[str, str], int] = {}
    with open(path, encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        try:
            columns = _columns(next(reader, None))
        except (UnicodeDecodeError, csv.Error) as error:
            raise ImportRefused(_unreadable(1, error)) from None
        with session_scope(database_url) as session:
            catalogue = Catalogue(session)
        spec = _row_fields(catalogue)
        try:
            for chunk in _chunks(_numbered(reader, columns), chunk_rows):
                rows = [row for row in (_validated(line, raw, spec, seen, report) for line, raw in chunk) if row]
                with session_scope(database_url) as session:
                    _write(session, rows, report, Path(path).name)
                on_progress(len(chunk))
        except (UnicodeDecodeError, csv.Error) as error:
            raise ImportRefused(_unreadable(reader.line_num + 1, error)
                                + f"; the {report.imported} row(s) before it were imported") from None
    report.problems.sort(key=lambda problem: problem.line)
    return report


def _unreadable(line: int, error: Exception) -> str:
    what = "is not UTF-8 text" if isinstance(error, UnicodeDecodeError) else f"is not valid CSV ({error})"
    return f"the file {what} near line {line}"


def _columns(header: list[str] | None) -> list[str]:
    if not header:
        raise ImportRefused("the file is empty; its first line must name the columns")
    columns = []
    for raw in header:
        name = _SEPARATORS.sub("_", raw.strip().lower())
        columns.append(ALIASES.get(name, name))
    unknown = [raw for raw, name in zip(header, columns, strict=True) if name not in COLUMNS]
    if unknown:
        raise ImportRefused(f"unknown column(s): {', '.join(unknown)}; the columns are {', '.join(COLUMNS)}")
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        raise ImportRefused(f"column(s) given twice: {', '.join(repeated)}")
    if "phone" not in columns:
        raise ImportRefused("the file has no phone column")
    return columns


def _numbered(reader, columns: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            yield reader.line_num, {"": f"has {len(cells)} cells; the header names {len(columns)} columns"}
            continue
        yield reader.line_num, {name: cell.strip() for name, cell in zip(columns, cells, strict=True) if cell.strip()}


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _validated(line: int, raw: dict[str, str], spec: dict[str, Field], seen: dict[tuple[str, str], int],
               report: Report) -> _Row | None:
    """The row's clean values, or None with the problem added to the report."""
    try:
        if "" in raw:
            raise InvalidField("row", raw[""])
        values = fields.parse(raw, spec)
        if "consent" in values and "consent_source" not in values:
            raise InvalidField("consent_source", "is required when consent is given (where the consent came from)")
        if "consent_source" in values and "consent" not in values:
            raise InvalidField("consent", "is required when consent_source is given")
        address = [name for name in ADDRESS_COLUMNS if name in values]
        if address and "address_line1" not in values:
            raise InvalidField("address_line1", f"is required when {', '.join(address)} is given")
        for key in (("phone", values["phone"]), ("external_ref", values.get("external_ref"))):
            if key[1] is not None and key in seen:
                raise InvalidField(key[0], f"is the same as on line {seen[key]}; a file lists a customer once")
    except InvalidField as error:
        report.problems.append(Problem(line, str(error)))
        return None
    seen[("phone", values["phone"])] = line
    if "external_ref" in values:
        seen[("external_ref", values["external_ref"])] = line
    return _Row(line, values)


def _write(session: Session, rows: list[_Row], report: Report, file_name: str) -> None:
    rows = _resolve(session, rows, report)
    _insert_contacts(session, [row for row in rows if row.contact_id is None], report)
    rows = [row for row in rows if row.contact_id is not None]
    _upsert_addresses(session, [row for row in rows if "address_line1" in row.values])
    _record_consent(session, [row for row in rows if "consent" in row.values], report, file_name)


def _resolve(session: Session, rows: list[_Row], report: Report) -> list[_Row]:
    """Match each row to its contact (external_ref first, then phone) and update the matched ones."""
    phones = [row.values["phone"] for row in rows]
    refs = [row.values["external_ref"] for row in rows if "external_ref" in row.values]
    known = session.execute(select(Contact.id, Contact.phone, Contact.external_ref)
                            .where(or_(Contact.phone.in_(phones), Contact.external_ref.in_(refs)))).all()
    by_phone = {contact.phone: contact for contact in known}
    by_ref = {contact.external_ref: contact for contact in known if contact.external_ref is not None}
    kept, changes = [], []
    for row in rows:
        phone, ref = row.values["phone"], row.values.get("external_ref")
        by_its_ref, by_its_phone = by_ref.get(ref), by_phone.get(phone)
        if by_its_ref is not None and by_its_ref.phone != phone:
            report.problems.append(Problem(row.line, f"external_ref is contact {by_its_ref.id}, whose phone is "
                                           "another number; an import does not change a contact's phone"))
            continue
        if (ref is not None and by_its_ref is None and by_its_phone is not None
                and by_its_phone.external_ref is not None):
            report.problems.append(Problem(row.line, f"phone is contact {by_its_phone.id}, whose external_ref "
                                           "is another one"))
            continue
        match = by_its_ref or by_its_phone
        if match is not None:
            row.contact_id = match.id
            changes.append({"id": match.id, **{name: row.values[name] for name in CONTACT_COLUMNS
                                               if name in row.values}})
        kept.append(row)
    contacts = Contact.__table__
    for group in _by_keys(changes):
        columns = sorted(set(group[0]) - {"id"})
        if columns:  # Core executemany by id: one prepared UPDATE, pipelined
            statement = update(contacts).where(contacts.c.id == bindparam("row_id")).values(
                {name: bindparam(name) for name in columns})
            session.execute(statement, [{**change, "row_id": change["id"]} for change in group])
    report.updated += len(changes)
    return kept


def _insert_contacts(session: Session, rows: list[_Row], report: Report) -> None:
    """Insert the new contacts; one that appeared meanwhile (a webhook, another import) is reported."""
    if not rows:
        return
    now = utcnow()
    values = [{"phone": row.values["phone"], "lead_source": LEAD_SOURCE, "created_at": now,
               **{name: row.values[name] for name in CONTACT_COLUMNS if name in row.values}} for row in rows]
    created = {}
    # Rows without after_sales_care are inserted without the column, so its default (the setting) applies.
    for group in _by_keys(values):
        statement = (dialect_insert(session, Contact.__table__).on_conflict_do_nothing()
                     .returning(Contact.__table__.c.id, Contact.__table__.c.phone))
        created.update({phone: contact_id for contact_id, phone in session.execute(statement, group)})
    for row in rows:
        row.contact_id = created.get(row.values["phone"])
        if row.contact_id is None:
            report.problems.append(Problem(row.line, "the contact was created by someone else during the "
                                           "import; import the file again to update it"))
    report.created += len(created)


def _upsert_addresses(session: Session, rows: list[_Row]) -> None:
    """Each row's address replaces its contact's imported address; a new one takes the default care."""
    if not rows:
        return
    now = utcnow()
    values = [{"contact_id": row.contact_id, "import_key": f"contact:{row.contact_id}", "access_notes": {},
               "created_at": now, **{column: row.values.get(name) for name, column in ADDRESS_COLUMNS.items()}}
              for row in rows]
    statement = dialect_insert(session, WorkAddress.__table__)
    statement = statement.on_conflict_do_update(
        index_elements=["import_key"],
        set_={column: statement.excluded[column] for column in ADDRESS_COLUMNS.values()})
    session.execute(statement, values)


def _record_consent(session: Session, rows: list[_Row], report: Report, file_name: str) -> None:
    """One evidence row per contact, kind and source: importing the same file again records nothing new."""
    keys = {_evidence_key(row): row for row in rows}
    if keys:
        known = set(session.scalars(select(ConsentEvent.evidence_key)
                                    .where(ConsentEvent.evidence_key.in_(list(keys)))))
        rows = [row for key, row in keys.items() if key not in known]
    if not rows:
        return
    now = utcnow()
    statement = dialect_insert(session, ConsentEvent).on_conflict_do_nothing(index_elements=["evidence_key"])
    session.execute(statement, [
        {"contact_id": row.contact_id, "phone": row.values["phone"], "kind": row.values["consent"], "scope": "all",
         "source": row.values["consent_source"], "channel": None, "sid": None, "snippet": None,
         "notes": f"imported from {file_name[:200]}, line {row.line}", "recorded_by": RECORDED_BY,
         "occurred_at": now, "evidence_key": _evidence_key(row)} for row in rows])
    report.consents += len(rows)


def _evidence_key(row: _Row) -> str:
    return f"import:{row.contact_id}:{row.values['consent']}:{row.values['consent_source']}"


def _by_keys(items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The dicts grouped by their set of keys: one executemany statement per group."""
    groups: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        groups[frozenset(item)].append(item)
    return list(groups.values())
