"""`flask contacts import FILE.csv`: validated upserts, bad rows reported by line, consent only from its column."""

import pytest
from sqlalchemy import select

from crm import importing
from store.db import session_scope
from store.models import ConsentEvent, Contact, WorkAddress

AUTH = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}
HEADER = ("Name,Phone,Email,Customer Type,Address Line 1,Address Line 2,City,State,ZIP,Birthday,"
          "After-sales care,External_Ref")
CONSENT_HEADER = HEADER + ",Consent,Consent Source"


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def write(tmp_path, *lines, name="customers.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def contacts_of(settings) -> dict[str, Contact]:
    with session_scope(settings.database_url) as session:
        return {contact.phone: contact for contact in session.scalars(select(Contact))}


def addresses_of(settings) -> list[tuple]:
    with session_scope(settings.database_url) as session:
        return [(place.contact_id, place.line1, place.line2, place.city, place.state, place.postal_code,
                 place.after_sales_care) for place in session.scalars(select(WorkAddress).order_by(WorkAddress.id))]


def consent_of(settings) -> list[tuple]:
    with session_scope(settings.database_url) as session:
        return [(event.phone, event.kind, event.scope, event.source, event.recorded_by, event.notes)
                for event in session.scalars(select(ConsentEvent).order_by(ConsentEvent.id))]


def test_imports_the_good_rows_and_reports_each_bad_one_by_line(runner, settings, tmp_path):
    path = write(
        tmp_path, HEADER,
        "Ana Diaz,(305) 555-0100,ana@example.com,private customer,12 Palm Ave,Apt 4,Miami,fl,33101,1980-02-03,no,FS-1",
        "ACME Rentals,305-555-0101,,Estate Agents,9 Bay Rd,,Tampa,FL,33602-1234,,yes,FS-2",
        "Bad Phone,not a phone,,,,,,,,,,",
        "Bad Type,305-555-0102,,Aliens,,,,,,,,",
        "Bad Date,305-555-0103,,,,,,,,03/02/1980,,",
        "No Line,305-555-0104,,,,,Miami,FL,,,,",
        "Ana Again,305.555.0100,,,,,,,,,,",
        "Bad Care,305-555-0105,,,,,,,,,maybe,",
        "Too,Few,Cells",
        ",,,,,,,,,,,",
        "Plain,305-555-0106,,,,,,,,,,",
    )
    result = runner.invoke(args=["contacts", "import", path])
    assert result.exit_code == 1, result.output
    assert "importing" in result.output  # the progress bar
    problems = [line for line in result.output.splitlines() if line.startswith("line ")]
    assert problems == [
        "line 4: phone is not a phone number",
        "line 5: customer_type must be one of Private Customer, Company, Estate Agents, Schools",
        "line 6: birthday must be a date as YYYY-MM-DD",
        "line 7: address_line1 is required when city, state is given",
        "line 8: phone is the same as on line 2; a file lists a customer once",
        "line 9: after_sales_care must be yes or no",
        "line 10: row has 3 cells; the header names 12 columns",
    ]
    assert "imported 3 row(s): 3 new contact(s), 0 updated, 0 consent record(s); 7 row(s) refused" in result.output
    contacts = contacts_of(settings)
    assert sorted(contacts) == ["+13055550100", "+13055550101", "+13055550106"]
    ana = contacts["+13055550100"]
    assert (ana.name, ana.email, ana.customer_type, ana.birthday.isoformat(), ana.after_sales_care, ana.external_ref,
            ana.lead_source) == ("Ana Diaz", "ana@example.com", "Private Customer", "1980-02-03", False, "FS-1",
                                 "manual")
    assert contacts["+13055550106"].after_sales_care is True  # the default
    assert addresses_of(settings) == [
        (ana.id, "12 Palm Ave", "Apt 4", "Miami", "FL", "33101", True),
        (contacts["+13055550101"].id, "9 Bay Rd", None, "Tampa", "FL", "33602-1234", True),
    ]
    # No consent column, no consent: an import is not evidence that anyone agreed to texts.
    assert consent_of(settings) == []


def test_consent_is_recorded_only_when_its_column_says_so(runner, settings, tmp_path):
    path = write(
        tmp_path, CONSENT_HEADER,
        "Ana,305-555-0100,,,,,,,,,,,express,web_form",
        "Bob,305-555-0101,,,,,,,,,,,existing_relationship,ServiceTitan",
        "Cy,305-555-0102,,,,,,,,,,,,",
        "Dee,305-555-0103,,,,,,,,,,,express,",
        "Eve,305-555-0104,,,,,,,,,,,,web_form",
        "Fay,305-555-0105,,,,,,,,,,,implied_inquiry,web_form",
    )
    result = runner.invoke(args=["contacts", "import", path])
    assert [line for line in result.output.splitlines() if line.startswith("line ")] == [
        "line 5: consent_source is required when consent is given (where the consent came from)",
        "line 6: consent is required when consent_source is given",
        "line 7: consent must be one of express, existing_relationship",
    ]
    assert sorted(contacts_of(settings)) == ["+13055550100", "+13055550101", "+13055550102"]
    assert consent_of(settings) == [
        ("+13055550100", "express", "all", "web_form", "import", "imported from customers.csv, line 2"),
        ("+13055550101", "existing_relationship", "all", "ServiceTitan", "import",
         "imported from customers.csv, line 3"),
    ]


def test_importing_the_same_consent_again_records_it_once(runner, settings, tmp_path):
    path = write(tmp_path, CONSENT_HEADER, "Ana,305-555-0100,,,,,,,,,,,express,web_form")
    assert runner.invoke(args=["contacts", "import", path]).exit_code == 0
    result = runner.invoke(args=["contacts", "import", path])
    assert result.exit_code == 0 and "0 consent record(s)" in result.output
    other = write(tmp_path, CONSENT_HEADER, "Ana,305-555-0100,,,,,,,,,,,express,paper_form", name="paper.csv")
    assert "1 consent record(s)" in runner.invoke(args=["contacts", "import", other]).output
    assert [(phone, kind, source) for phone, kind, _, source, _, _ in consent_of(settings)] == [
        ("+13055550100", "express", "web_form"), ("+13055550100", "express", "paper_form")]


def test_rows_update_the_contact_with_their_external_ref_or_phone(runner, client, settings, tmp_path):
    staff = client.post("/api/contacts", json={"phone": "+13055550101", "name": "Bob", "birthday": "1970-01-01"},
                        headers=AUTH).json
    first = write(tmp_path, HEADER, "Ana Diaz,305-555-0100,,,12 Palm Ave,,Miami,FL,33101,,,FS-1")
    assert runner.invoke(args=["contacts", "import", first]).exit_code == 0
    again = write(
        tmp_path, HEADER,
        "Ana D.,305-555-0100,,Company,14 Palm Ave,,,FL,,,no,FS-1",  # by external_ref: updated, address replaced
        "Robert,305-555-0101,,,,,,,,,,FS-2",  # by phone: the staff-entered contact takes the external_ref
        "Moved,305-555-0199,,,,,,,,,,FS-1",  # FS-1 is Ana's number: an import does not change a phone
        name="again.csv")
    result = runner.invoke(args=["contacts", "import", again])
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("line ")] == [
        "line 4: external_ref is the same as on line 2; a file lists a customer once"]
    third = write(tmp_path, HEADER, "Moved,305-555-0199,,,,,,,,,,FS-1", "Other,305-555-0101,,,,,,,,,,FS-9",
                  name="third.csv")
    result = runner.invoke(args=["contacts", "import", third])
    assert [line for line in result.output.splitlines() if line.startswith("line ")] == [
        f"line 2: external_ref is contact {contacts_of(settings)['+13055550100'].id}, whose phone is another "
        "number; an import does not change a contact's phone",
        f"line 3: phone is contact {staff['id']}, whose external_ref is another one"]
    contacts = contacts_of(settings)
    assert sorted(contacts) == ["+13055550100", "+13055550101"]
    ana, bob = contacts["+13055550100"], contacts["+13055550101"]
    assert (ana.name, ana.customer_type, ana.after_sales_care, ana.external_ref) == ("Ana D.", "Company", False, "FS-1")
    # Blank cells leave what is stored alone.
    assert (bob.id, bob.name, bob.birthday.isoformat(), bob.external_ref) == (staff["id"], "Robert", "1970-01-01",
                                                                              "FS-2")
    assert addresses_of(settings) == [(ana.id, "14 Palm Ave", None, None, "FL", None, True)]
    # A row without an external_ref updates the contact with its phone, whatever its external_ref.
    fourth = write(tmp_path, HEADER, "Ana Again,305-555-0100,,,,,,,,,,", name="fourth.csv")
    assert runner.invoke(args=["contacts", "import", fourth]).exit_code == 0
    ana = contacts_of(settings)["+13055550100"]
    assert (ana.name, ana.external_ref) == ("Ana Again", "FS-1")


def test_new_rows_take_the_after_sales_defaults(runner, client, settings, tmp_path):
    response = client.put("/api/settings/after-sales-care", json={"customers": False, "work_addresses": False},
                          headers=AUTH)
    assert response.status_code == 200
    path = write(tmp_path, HEADER, "Ana,305-555-0100,,,1 Main St,,,,,,,", "Bob,305-555-0101,,,2 Main St,,,,,,yes,")
    assert runner.invoke(args=["contacts", "import", path]).exit_code == 0
    contacts = contacts_of(settings)
    assert (contacts["+13055550100"].after_sales_care, contacts["+13055550101"].after_sales_care) == (False, True)
    assert [row[-1] for row in addresses_of(settings)] == [False, False]


def test_chunks_commit_and_report_lines_across_them(settings, tmp_path):
    lines = [HEADER] + [f"P{index},305-555-{1000 + index},,,,,,,,,," for index in range(7)]
    lines[4] = "P3,305-555-1000,,,,,,,,,,"  # line 5 repeats line 2's phone, in the second chunk
    seen = []
    report = importing.import_csv(settings.database_url, write(tmp_path, *lines), chunk_rows=3,
                                  on_progress=seen.append)
    assert seen == [3, 3, 1]
    assert (report.created, report.updated) == (6, 0)
    assert report.problems == [importing.Problem(5, "phone is the same as on line 2; a file lists a customer once")]
    assert len(contacts_of(settings)) == 6


@pytest.mark.parametrize("header, message", [
    ("name,phone,colour", "unknown column(s): colour"),
    ("name,email", "the file has no phone column"),
    ("phone,Phone Number", "column(s) given twice: phone"),
])
def test_a_file_with_bad_columns_is_refused_whole(runner, settings, tmp_path, header, message):
    path = write(tmp_path, header, "Ana,305-555-0100,x")
    result = runner.invoke(args=["contacts", "import", path])
    assert result.exit_code == 1 and message in result.output
    assert contacts_of(settings) == {}


def test_an_empty_file_is_refused(runner, settings, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    result = runner.invoke(args=["contacts", "import", str(path)])
    assert result.exit_code == 1 and "the file is empty" in result.output


def test_a_file_that_is_not_utf8_is_refused_with_its_line(runner, settings, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("name,phone\nJos\u00e9,305-555-0100\n".encode("latin-1"))
    result = runner.invoke(args=["contacts", "import", str(path)])
    assert result.exit_code == 1 and "the file is not UTF-8 text" in result.output
    assert contacts_of(settings) == {}
