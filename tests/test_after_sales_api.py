"""Seed 003's after-sales care controls: defaults, customer types, filtered lists, bulk changes and their audit."""

import pytest
from sqlalchemy import select

from store.db import session_scope
from store.models import Contact, WorkAddress
from tests.support.webhooks import sms

AUTH = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}


def call(client, method: str, path: str, body=None, **kwargs):
    return client.open(path, method=method, json=body, headers=AUTH, **kwargs)


def ok(response, status=200) -> dict:
    assert response.status_code == status, response.json
    return response.json


def contact(client, phone: str, **fields) -> int:
    return ok(call(client, "POST", "/api/contacts", {"phone": phone, **fields}), 201)["id"]


def address(client, contact_id: int, **fields) -> int:
    body = {"line1": "1 Main St", **fields}
    return ok(call(client, "POST", f"/api/contacts/{contact_id}/addresses", body), 201)["id"]


def listed(client, path: str, **query) -> dict:
    return ok(call(client, "GET", path, query_string=query))


def names(body: dict, key: str = "contacts") -> list[str]:
    return [row["name"] if key == "contacts" else row["line1"] for row in body[key]]


def save_defaults(client, customers: bool, work_addresses: bool):
    return call(client, "PUT", "/api/settings/after-sales-care",
                {"customers": customers, "work_addresses": work_addresses, "updated_by": "Maria"})


@pytest.fixture
def people(client) -> dict[str, int]:
    """Five contacts of different types, places and after-sales care values."""
    ids = {
        "ana": contact(client, "+13055550100", name="Ana Diaz", customer_type="Private Customer"),
        "acme": contact(client, "+13055550101", name="ACME Rentals", customer_type="Estate Agents"),
        "school": contact(client, "+13055550102", name="Palm Elementary", customer_type="Schools"),
        "bob": contact(client, "+13055550103", name="Bob Diaz", customer_type="Private Customer",
                       after_sales_care=False),
        "nameless": contact(client, "+13055550104"),
    }
    address(client, ids["ana"], line1="12 Palm Ave", city="Miami", state="FL", postal_code="33101")
    address(client, ids["acme"], line1="9 Bay Rd", city="Tampa", state="FL", postal_code="33602-1234")
    address(client, ids["school"], line1="5 School St", city="Austin", state="TX", postal_code="73301",
            after_sales_care=False)
    return ids


# --- defaults ---------------------------------------------------------------------------------------------

def test_defaults_start_as_yes_and_are_saved_in_the_database(client):
    assert ok(call(client, "GET", "/api/settings/after-sales-care")) | {"updated_at": None} == {
        "customers": True, "work_addresses": True, "updated_by": None, "updated_at": None}
    saved = ok(save_defaults(client, False, True))
    assert (saved["customers"], saved["work_addresses"], saved["updated_by"]) == (False, True, "Maria")
    assert saved["updated_at"] is not None
    assert ok(call(client, "GET", "/api/settings/after-sales-care")) == saved
    again = ok(save_defaults(client, True, False))
    assert (again["customers"], again["work_addresses"]) == (True, False)


@pytest.mark.parametrize("body, field", [
    ({"work_addresses": True}, "customers"),
    ({"customers": True}, "work_addresses"),
    ({"customers": "no", "work_addresses": True}, "customers"),
    ({"customers": True, "work_addresses": None}, "work_addresses"),
    ({"customers": True, "work_addresses": True, "colour": "red"}, "colour"),
])
def test_bad_defaults_are_a_400_naming_the_field(client, body, field):
    response = call(client, "PUT", "/api/settings/after-sales-care", body)
    assert response.status_code == 400 and response.json["error"].startswith(field)
    assert ok(call(client, "GET", "/api/settings/after-sales-care"))["updated_by"] is None


def test_new_contacts_and_addresses_from_the_staff_api_take_the_defaults(client):
    ok(save_defaults(client, False, False))
    new = contact(client, "+13055550100")
    assert ok(call(client, "GET", f"/api/contacts/{new}"))["after_sales_care"] is False
    assert ok(call(client, "GET", f"/api/contacts/{new}/addresses")) == {"addresses": []}
    address(client, new)
    assert ok(call(client, "GET", f"/api/contacts/{new}/addresses"))["addresses"][0]["after_sales_care"] is False
    # What the request says wins over the default.
    told = contact(client, "+13055550101", after_sales_care=True)
    assert ok(call(client, "GET", f"/api/contacts/{told}"))["after_sales_care"] is True
    # Changing the default later leaves existing rows alone.
    ok(save_defaults(client, True, True))
    assert ok(call(client, "GET", f"/api/contacts/{new}"))["after_sales_care"] is False


def test_a_contact_created_by_an_inbound_text_takes_the_customer_default(client, settings):
    ok(save_defaults(client, False, True))
    assert sms(client, "do you fix water heaters?", phone="+13055550177").status_code == 200
    with session_scope(settings.database_url) as session:
        created = session.scalars(select(Contact).where(Contact.phone == "+13055550177")).one()
        assert created.after_sales_care is False
    ok(save_defaults(client, True, False))
    assert sms(client, "my gate code is 4821", phone="+13055550178").status_code == 200
    with session_scope(settings.database_url) as session:
        created = session.scalars(select(Contact).where(Contact.phone == "+13055550178")).one()
        assert created.after_sales_care is True
        # The address the responder keeps the gate code on is a new work address: the address default.
        assert [(place.line1, place.after_sales_care) for place in session.scalars(
            select(WorkAddress).where(WorkAddress.contact_id == created.id))] == [("(address not given yet)", False)]


# --- customer types ---------------------------------------------------------------------------------------

def test_customer_types_are_the_seeds_four_plus_the_business_own(client):
    assert ok(call(client, "GET", "/api/customer-types")) == {
        "customer_types": ["Private Customer", "Company", "Estate Agents", "Schools"]}
    assert ok(call(client, "POST", "/api/customer-types", {"name": " Landlords "}), 201) == {"name": "Landlords"}
    assert ok(call(client, "POST", "/api/customer-types", {"name": "LANDLORDS"})) == {"name": "Landlords"}
    assert ok(call(client, "POST", "/api/customer-types", {"name": "schools"})) == {"name": "Schools"}
    assert ok(call(client, "GET", "/api/customer-types"))["customer_types"][-1] == "Landlords"
    landlord = ok(call(client, "POST", "/api/contacts", {"phone": "+13055550100", "customer_type": "landlords"}), 201)
    assert landlord["customer_type"] == "Landlords"
    estate = ok(call(client, "PATCH", f"/api/contacts/{landlord['id']}", {"customer_type": "estate agents"}))
    assert estate["customer_type"] == "Estate Agents"
    refused = call(client, "PATCH", f"/api/contacts/{landlord['id']}", {"customer_type": "Aliens"})
    assert refused.status_code == 400
    assert refused.json["error"] == ("customer_type must be one of Private Customer, Company, Estate Agents, "
                                     "Schools, Landlords")
    cleared = ok(call(client, "PATCH", f"/api/contacts/{landlord['id']}", {"customer_type": None}))
    assert cleared["customer_type"] is None
    assert call(client, "POST", "/api/customer-types", {"name": ""}).status_code == 400


# --- lists ------------------------------------------------------------------------------------------------

def test_contacts_filter_by_name_type_care_and_place(client, people):
    everyone = listed(client, "/api/contacts")
    assert everyone["total"] == 5 and everyone["next_cursor"] is None
    assert [row["id"] for row in everyone["contacts"]] == sorted(people.values())
    assert names(listed(client, "/api/contacts", name="DIAZ", sort="name")) == ["Ana Diaz", "Bob Diaz"]
    assert names(listed(client, "/api/contacts", customer_type="private customer", after_sales_care="1")) \
        == ["Ana Diaz"]
    assert names(listed(client, "/api/contacts", after_sales_care="false", sort="name")) == ["Bob Diaz"]
    assert names(listed(client, "/api/contacts", state="fl", sort="-name")) == ["Ana Diaz", "ACME Rentals"]
    assert names(listed(client, "/api/contacts", city="tampa")) == ["ACME Rentals"]
    assert names(listed(client, "/api/contacts", zip="33602")) == ["ACME Rentals"]  # a ZIP matches its ZIP+4
    assert names(listed(client, "/api/contacts", state="FL", city="Austin")) == []  # one address must match both
    assert listed(client, "/api/contacts", name="%")["total"] == 0  # a LIKE wildcard is a plain character
    filtered = listed(client, "/api/contacts", name="a", state="FL")
    assert filtered["total"] == 2


def test_addresses_filter_by_contact_name_type_own_care_and_place(client, people):
    assert listed(client, "/api/addresses")["total"] == 3
    assert names(listed(client, "/api/addresses", name="diaz"), "addresses") == ["12 Palm Ave"]
    assert names(listed(client, "/api/addresses", name="palm", sort="line1"), "addresses") \
        == ["12 Palm Ave", "5 School St"]  # the line itself, or the contact "Palm Elementary"
    assert names(listed(client, "/api/addresses", customer_type="Schools"), "addresses") == ["5 School St"]
    assert names(listed(client, "/api/addresses", after_sales_care="0"), "addresses") == ["5 School St"]
    assert names(listed(client, "/api/addresses", state="FL", sort="-line1"), "addresses") \
        == ["9 Bay Rd", "12 Palm Ave"]


def test_pages_stay_stable_when_rows_are_inserted_between_them(client):
    for index, name in enumerate(["Cara", "Dan", "Eve", "Finn", "Gus", "Hana"]):
        contact(client, f"+1305555020{index}", name=name)
    first = listed(client, "/api/contacts", sort="name", limit="2")
    assert names(first) == ["Cara", "Dan"] and first["total"] == 6
    # New rows sort before and after the cursor: neither repeats nor skips a row already there.
    contact(client, "+13055550300", name="Abe")
    contact(client, "+13055550301", name="Zed")
    second = listed(client, "/api/contacts", sort="name", limit="2", cursor=first["next_cursor"])
    assert names(second) == ["Eve", "Finn"] and second["total"] == 8
    seen, cursor = names(first) + names(second), second["next_cursor"]
    while cursor:
        page = listed(client, "/api/contacts", sort="name", limit="2", cursor=cursor)
        seen, cursor = seen + names(page), page["next_cursor"]
    assert seen == ["Cara", "Dan", "Eve", "Finn", "Gus", "Hana", "Zed"]
    # Newest first by id: a row inserted meanwhile does not push an old one onto the next page again.
    newest = listed(client, "/api/contacts", sort="-id", limit="3")
    contact(client, "+13055550302", name="Ivy")
    rest = listed(client, "/api/contacts", sort="-id", limit="10", cursor=newest["next_cursor"])
    ids = [row["id"] for row in newest["contacts"] + rest["contacts"]]
    assert len(ids) == len(set(ids)) == 8 and ids == sorted(ids, reverse=True)


def test_pages_by_creation_time(client, weekday_morning):
    for index in range(5):
        contact(client, f"+1305555040{index}", name=f"P{index}")
    first = listed(client, "/api/contacts", sort="-created_at", limit="2")
    second = listed(client, "/api/contacts", sort="-created_at", limit="2", cursor=first["next_cursor"])
    third = listed(client, "/api/contacts", sort="-created_at", limit="2", cursor=second["next_cursor"])
    assert names(first) + names(second) + names(third) == ["P4", "P3", "P2", "P1", "P0"]
    assert third["next_cursor"] is None


@pytest.mark.parametrize("path, query, field", [
    ("/api/contacts", {"sort": "phone"}, "sort"),
    ("/api/contacts", {"limit": "0"}, "limit"),
    ("/api/contacts", {"limit": "501"}, "limit"),
    ("/api/contacts", {"cursor": "nonsense"}, "cursor"),
    ("/api/contacts", {"cursor": "eyJzb3J0IjoibmFtZSIsImFmdGVyIjpbMSwxXX0"}, "cursor"),  # made for sort=name
    ("/api/contacts", {"customer_type": "Aliens"}, "customer_type"),
    ("/api/contacts", {"after_sales_care": "maybe"}, "after_sales_care"),
    ("/api/contacts", {"state": "ZZ"}, "state"),
    ("/api/contacts", {"zip": "331"}, "zip"),
    ("/api/contacts", {"colour": "red"}, "colour"),
    ("/api/addresses", {"sort": "name"}, "sort"),
    ("/api/after-sales-care/changes", {"target": "bookings"}, "target"),
])
def test_bad_list_parameters_are_a_400_naming_them(client, path, query, field):
    response = call(client, "GET", path, query_string=query)
    assert response.status_code == 400 and response.json["error"].startswith(field), response.json


def test_a_cursor_of_another_sort_is_refused(client, people):
    by_name = listed(client, "/api/contacts", sort="name", limit="1")["next_cursor"]
    response = call(client, "GET", "/api/contacts", query_string={"sort": "-name", "cursor": by_name})
    assert response.status_code == 400 and "sort=name" in response.json["error"]


# --- bulk changes -----------------------------------------------------------------------------------------

def test_a_bulk_change_without_a_filter_is_refused_unless_it_says_all(client, people):
    for body in ({"value": False, "by": "Maria"}, {"value": False, "by": "Maria", "filter": {}},
                 {"value": False, "by": "Maria", "all": False}):
        response = call(client, "POST", "/api/contacts/after-sales-care", body)
        assert response.status_code == 400 and response.json["error"].startswith("filter is required")
    assert listed(client, "/api/contacts", after_sales_care="0")["total"] == 1
    both = call(client, "POST", "/api/contacts/after-sales-care",
                {"value": False, "by": "Maria", "all": True, "filter": {"name": "diaz"}})
    assert both.status_code == 400 and both.json["error"].startswith("all")
    assert ok(call(client, "GET", "/api/after-sales-care/changes")) == {"changes": [], "next_cursor": None}
    everyone = ok(call(client, "POST", "/api/contacts/after-sales-care", {"value": False, "by": "Maria", "all": True}))
    assert everyone["changed"] == 4  # Bob was already off
    assert listed(client, "/api/contacts", after_sales_care="1")["total"] == 0


def test_a_filtered_bulk_change_touches_only_the_matching_rows_and_is_audited(client, people):
    changed = ok(call(client, "POST", "/api/contacts/after-sales-care",
                      {"filter": {"customer_type": "private customer"}, "value": False, "by": "Maria"}))
    assert changed["changed"] == 1  # Ana; Bob was off already
    assert names(listed(client, "/api/contacts", after_sales_care="0", sort="name")) == ["Ana Diaz", "Bob Diaz"]
    addresses = ok(call(client, "POST", "/api/addresses/after-sales-care",
                        {"filter": {"state": "FL", "after_sales_care": True}, "value": False, "by": "Leo"}))
    assert addresses["changed"] == 2
    assert listed(client, "/api/addresses", after_sales_care="1")["total"] == 0
    assert ok(call(client, "GET", f"/api/contacts/{people['acme']}"))["after_sales_care"] is True  # only its address
    back_on = ok(call(client, "POST", "/api/contacts/after-sales-care",
                      {"filter": {"name": "DIAZ", "zip": "33101"}, "value": True, "by": "Maria"}))
    assert back_on["changed"] == 1  # Ana has an address in 33101, Bob has none

    audit = ok(call(client, "GET", "/api/after-sales-care/changes"))
    assert [(row["target"], row["filter"], row["all"], row["value"], row["changed"], row["by"])
            for row in audit["changes"]] == [
        ("contacts", {"name": "DIAZ", "zip": "33101"}, False, True, 1, "Maria"),
        ("addresses", {"state": "FL", "after_sales_care": True}, False, False, 2, "Leo"),
        ("contacts", {"customer_type": "Private Customer"}, False, False, 1, "Maria"),
    ]
    assert all(row["at"] for row in audit["changes"])
    only_addresses = ok(call(client, "GET", "/api/after-sales-care/changes", query_string={"target": "addresses"}))
    assert [row["by"] for row in only_addresses["changes"]] == ["Leo"]
    page = ok(call(client, "GET", "/api/after-sales-care/changes", query_string={"limit": "2"}))
    rest = ok(call(client, "GET", "/api/after-sales-care/changes",
                   query_string={"limit": "2", "cursor": page["next_cursor"]}))
    assert [row["id"] for row in page["changes"] + rest["changes"]] == [row["id"] for row in audit["changes"]]


@pytest.mark.parametrize("body, field", [
    ({"filter": {"name": "a"}, "by": "Maria"}, "value"),
    ({"filter": {"name": "a"}, "value": "no", "by": "Maria"}, "value"),
    ({"filter": {"name": "a"}, "value": False}, "by"),
    ({"filter": "everyone", "value": False, "by": "Maria"}, "filter"),
    ({"filter": {"state": "XX"}, "value": False, "by": "Maria"}, "filter.state"),
    ({"filter": {"customer_type": "Aliens"}, "value": False, "by": "Maria"}, "filter.customer_type"),
    ({"filter": {"after_sales_care": "1"}, "value": False, "by": "Maria"}, "filter.after_sales_care"),
    ({"filter": {"phone": "+13055550100"}, "value": False, "by": "Maria"}, "filter.phone"),
    ({"all": "yes", "value": False, "by": "Maria"}, "all"),
])
def test_bad_bulk_changes_are_a_400_naming_the_field_and_change_nothing(client, people, body, field):
    for target in ("contacts", "addresses"):
        response = call(client, "POST", f"/api/{target}/after-sales-care", body)
        assert response.status_code == 400 and response.json["error"].startswith(field + " "), response.json
    assert listed(client, "/api/contacts", after_sales_care="0")["total"] == 1
    assert ok(call(client, "GET", "/api/after-sales-care/changes"))["changes"] == []


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/contacts"), ("GET", "/api/addresses"), ("POST", "/api/contacts/after-sales-care"),
    ("POST", "/api/addresses/after-sales-care"), ("GET", "/api/after-sales-care/changes"),
    ("GET", "/api/settings/after-sales-care"), ("PUT", "/api/settings/after-sales-care"),
    ("GET", "/api/customer-types"), ("POST", "/api/customer-types"),
])
def test_every_endpoint_needs_the_bearer_token(client, method, path):
    response = client.open(path, method=method, json={"all": True, "value": False, "by": "x"})
    assert response.status_code == 401
