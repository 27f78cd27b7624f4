"""The staff JSON API: contacts, work addresses, bookings and estimates; every bad field is a 400 naming it."""

import pytest
from sqlalchemy import select

from store.db import session_scope
from store.models import Booking, QueuedJob, WorkAddress

AUTH = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}
PHONE = "+13055550100"
OTHER_PHONE = "+13055550111"
# The tests run on Tuesday 24 November 2026 (conftest); these windows are the next week.
START = "2026-12-01T09:00:00-05:00"
END = "2026-12-01T11:00:00-05:00"
LATER_START = "2026-12-02T13:00:00-05:00"
LATER_END = "2026-12-02T15:00:00-05:00"


def call(client, method: str, path: str, body=None, **kwargs):
    return client.open(path, method=method, json=body, headers=AUTH, **kwargs)


def created(response) -> dict:
    assert response.status_code == 201, response.json
    return response.json


def new_contact(client, phone=PHONE, **fields) -> int:
    return created(call(client, "POST", "/api/contacts", {"phone": phone, **fields}))["id"]


def new_address(client, contact_id: int, **fields) -> int:
    return created(call(client, "POST", f"/api/contacts/{contact_id}/addresses",
                        {"line1": "1 Main St", **fields}))["id"]


def new_booking(client, contact_id: int, **fields) -> dict:
    return created(call(client, "POST", "/api/bookings",
                        {"contact_id": contact_id, "window_start": START, "window_end": END, **fields}))


def new_estimate(client, contact_id: int, **fields) -> dict:
    return created(call(client, "POST", "/api/estimates",
                        {"contact_id": contact_id, "number": "E-100", "amount": "149.50", **fields}))


@pytest.fixture
def ids(client) -> dict:
    """A contact with an address, a booking and an estimate, and a second contact with its own address."""
    contact = new_contact(client)
    other = new_contact(client, OTHER_PHONE)
    booking = new_booking(client, contact)["id"]
    return {"contact": contact, "address": new_address(client, contact), "other": other,
            "other_address": new_address(client, other), "booking": booking,
            "estimate": new_estimate(client, contact)["id"],
            "other_booking": new_booking(client, other)["id"]}


ENDPOINTS = [
    ("POST", "/api/contacts"), ("GET", "/api/contacts/1"), ("PATCH", "/api/contacts/1"),
    ("POST", "/api/contacts/1/addresses"), ("GET", "/api/contacts/1/addresses"), ("PATCH", "/api/addresses/1"),
    ("POST", "/api/bookings"), ("GET", "/api/bookings"), ("GET", "/api/bookings/1"), ("PATCH", "/api/bookings/1"),
    ("POST", "/api/bookings/1/cancel"), ("POST", "/api/estimates"), ("GET", "/api/estimates"),
    ("GET", "/api/estimates/1"), ("PATCH", "/api/estimates/1"),
]


@pytest.mark.parametrize("method, path", ENDPOINTS)
def test_every_endpoint_needs_the_bearer_token(client, method, path):
    for headers in ({}, {"Authorization": "Bearer guess"}, {"Authorization": "staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}):
        response = client.open(path, method=method, json={}, headers=headers)
        assert response.status_code == 401 and "STAFF_API_TOKEN" in response.json["error"]


def test_contacts_are_idempotent_by_phone_in_any_us_form(client):
    first = call(client, "POST", "/api/contacts", {"phone": "(305) 555-0100", "name": "Ana Diaz"})
    assert first.status_code == 201
    assert first.json | {"id": 0, "created_at": None} == {
        "id": 0, "phone": PHONE, "name": "Ana Diaz", "birthday": None, "after_sales_care": True,
        "lead_source": "manual", "email": None, "customer_type": None, "external_ref": None, "created_at": None,
        "relationship_score": None, "vip": False, "vip_override": None, "anniversary": None}
    again = call(client, "POST", "/api/contacts", {"phone": "305.555.0100", "birthday": "1980-02-29",
                                                   "after_sales_care": False, "lead_source": "outbound"})
    assert again.status_code == 200 and again.json["id"] == first.json["id"]
    # An existing contact keeps the lead source it first came with; the other fields are updated.
    assert (again.json["name"], again.json["birthday"], again.json["after_sales_care"], again.json["lead_source"]) \
        == ("Ana Diaz", "1980-02-29", False, "manual")
    assert call(client, "GET", f"/api/contacts/{first.json['id']}").json == again.json
    inbound = created(call(client, "POST", "/api/contacts", {"phone": "+1 305 555 0111", "lead_source": "inbound"}))
    assert (inbound["phone"], inbound["lead_source"]) == (OTHER_PHONE, "inbound")


def test_patch_contact(client):
    contact_id = new_contact(client, name="Ana")
    response = call(client, "PATCH", f"/api/contacts/{contact_id}",
                    {"name": "  Ana Diaz ", "birthday": "1990-07-04", "after_sales_care": False})
    assert response.status_code == 200
    assert (response.json["name"], response.json["birthday"], response.json["after_sales_care"]) \
        == ("Ana Diaz", "1990-07-04", False)
    cleared = call(client, "PATCH", f"/api/contacts/{contact_id}", {"name": None, "birthday": None})
    assert (cleared.json["name"], cleared.json["birthday"]) == (None, None)


def test_work_addresses(client):
    contact_id = new_contact(client)
    response = call(client, "POST", f"/api/contacts/{contact_id}/addresses", {
        "line1": "12 Palm Ave", "city": "Miami", "state": "fl", "postal_code": "33101-1234",
        "time_zone": "America/New_York", "after_sales_care": False})
    assert response.status_code == 201
    address = response.json
    assert (address["contact_id"], address["state"], address["postal_code"], address["time_zone"],
            address["after_sales_care"], address["access_notes"]) \
        == (contact_id, "FL", "33101-1234", "America/New_York", False, {})
    patched = call(client, "PATCH", f"/api/addresses/{address['id']}", {"city": None, "postal_code": "33139"})
    assert patched.status_code == 200 and (patched.json["city"], patched.json["postal_code"]) == (None, "33139")
    second = new_address(client, contact_id, line1="9 Bay Rd")
    listing = call(client, "GET", f"/api/contacts/{contact_id}/addresses")
    assert [row["id"] for row in listing.json["addresses"]] == [address["id"], second]


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/contacts/999"), ("PATCH", "/api/contacts/999"), ("GET", "/api/contacts/999/addresses"),
    ("POST", "/api/contacts/999/addresses"), ("PATCH", "/api/addresses/999"), ("GET", "/api/bookings/999"),
    ("PATCH", "/api/bookings/999"), ("POST", "/api/bookings/999/cancel"), ("GET", "/api/estimates/999"),
    ("PATCH", "/api/estimates/999"),
    ("GET", "/api/bookings/99999999999"),  # beyond PostgreSQL's integer: still just not there
])
def test_unknown_ids_in_the_path_are_404s(client, method, path):
    response = call(client, method, path, {"line1": "1 Main St", "name": "x", "status": "confirmed"})
    assert response.status_code == 404 and response.json["error"].startswith("no ")


BAD_FIELDS = [
    # contacts
    ("POST", "/api/contacts", {}, "phone"),
    ("POST", "/api/contacts", {"phone": "not a phone"}, "phone"),
    ("POST", "/api/contacts", {"phone": 3055550100}, "phone"),
    ("POST", "/api/contacts", {"phone": PHONE, "name": ""}, "name"),
    ("POST", "/api/contacts", {"phone": PHONE, "name": "x" * 201}, "name"),
    ("POST", "/api/contacts", {"phone": PHONE, "name": "Ana\x00"}, "name"),
    ("POST", "/api/contacts", {"phone": PHONE, "birthday": "02/29/1980"}, "birthday"),
    ("POST", "/api/contacts", {"phone": PHONE, "birthday": "1981-02-29"}, "birthday"),
    ("POST", "/api/contacts", {"phone": PHONE, "birthday": "2030-01-01"}, "birthday"),
    ("POST", "/api/contacts", {"phone": PHONE, "after_sales_care": "yes"}, "after_sales_care"),
    ("POST", "/api/contacts", {"phone": PHONE, "lead_source": "web"}, "lead_source"),
    ("POST", "/api/contacts", {"phone": PHONE, "email": "not an email"}, "email"),
    ("POST", "/api/contacts", {"phone": PHONE, "customer_type": "Aliens"}, "customer_type"),
    ("PATCH", "/api/contacts/{contact}", {"customer_type": 3}, "customer_type"),
    ("PATCH", "/api/contacts/{contact}", {}, "body"),
    ("PATCH", "/api/contacts/{contact}", {"phone": OTHER_PHONE}, "phone"),
    ("PATCH", "/api/contacts/{contact}", {"after_sales_care": None}, "after_sales_care"),
    # work addresses
    ("POST", "/api/contacts/{contact}/addresses", {}, "line1"),
    ("POST", "/api/contacts/{contact}/addresses", {"line1": "1 Main St", "state": "XX"}, "state"),
    ("POST", "/api/contacts/{contact}/addresses", {"line1": "1 Main St", "state": "Florida"}, "state"),
    ("POST", "/api/contacts/{contact}/addresses", {"line1": "1 Main St", "postal_code": "3310"}, "postal_code"),
    ("POST", "/api/contacts/{contact}/addresses", {"line1": "1 Main St", "postal_code": "33101-12"},
     "postal_code"),
    ("POST", "/api/contacts/{contact}/addresses", {"line1": "1 Main St", "time_zone": "Eastern"}, "time_zone"),
    ("POST", "/api/contacts/{contact}/addresses", {"line1": "1 Main St", "time_zone": "../etc/passwd"},
     "time_zone"),
    ("POST", "/api/contacts/{contact}/addresses", {"line1": "1 Main St", "access_notes": {}}, "access_notes"),
    ("PATCH", "/api/addresses/{address}", {"line1": None}, "line1"),
    ("PATCH", "/api/addresses/{address}", {"after_sales_care": 1}, "after_sales_care"),
    # bookings
    ("POST", "/api/bookings", {"window_start": START, "window_end": END}, "contact_id"),
    ("POST", "/api/bookings", {"contact_id": "{contact}", "window_start": START, "window_end": END}, "contact_id"),
    ("POST", "/api/bookings", {"contact_id": True, "window_start": START, "window_end": END}, "contact_id"),
    ("POST", "/api/bookings", {"contact_id": 999, "window_start": START, "window_end": END}, "contact_id"),
    ("POST", "/api/bookings", {"contact_id": 2**40, "window_start": START, "window_end": END}, "contact_id"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_end": END}, "window_start"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": "2026-12-01T09:00:00",
                               "window_end": END}, "window_start"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": "tomorrow at 9",
                               "window_end": END}, "window_start"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": START,
                               "window_end": "2026-12-01T11:00:00"}, "window_end"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": START, "window_end": START}, "window_end"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": START,
                               "window_end": "2026-12-01T21:00:01-05:00"}, "window_end"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": START, "window_end": END,
                               "address_id": {"other_address"}}, "address_id"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": START, "window_end": END,
                               "address_id": 999}, "address_id"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": START, "window_end": END,
                               "status": "completed"}, "status"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": START, "window_end": END,
                               "service": 42}, "service"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": START, "window_end": END,
                               "external_ref": "x" * 65}, "external_ref"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": START, "window_end": END,
                               "access_notes": {"gate_code": "1234"}}, "access_notes"),
    ("POST", "/api/bookings", {"contact_id": {"contact"}, "window_start": START, "window_end": END,
                               "zeta": 1, "alpha": 2}, "alpha, zeta"),
    ("PATCH", "/api/bookings/{booking}", {"window_start": "2026-12-01T09:00:00"}, "window_start"),
    ("PATCH", "/api/bookings/{booking}", {"window_end": "2026-12-01T08:00:00-05:00"}, "window_end"),
    ("PATCH", "/api/bookings/{booking}", {"window_start": "2026-11-30T20:00:00-05:00"}, "window_end"),
    ("PATCH", "/api/bookings/{booking}", {"status": "done"}, "status"),
    ("PATCH", "/api/bookings/{booking}", {"status": None}, "status"),
    ("PATCH", "/api/bookings/{booking}", {"contact_id": {"other"}}, "contact_id"),
    ("PATCH", "/api/bookings/{booking}", {}, "body"),
    ("GET", "/api/bookings?status=done", None, "status"),
    ("GET", "/api/bookings?contact_id=abc", None, "contact_id"),
    ("GET", "/api/bookings?from=2026-12-01T00:00:00", None, "from"),
    ("GET", "/api/bookings?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", None, "to"),
    ("GET", "/api/bookings?limit=5", None, "limit"),
    ("GET", "/api/bookings?reveal=please", None, "reveal"),
    ("GET", "/api/bookings/{booking}?reveal=yes", None, "reveal"),
    # estimates
    ("POST", "/api/estimates", {"contact_id": {"contact"}, "amount": "10"}, "number"),
    ("POST", "/api/estimates", {"contact_id": {"contact"}, "number": "E-1"}, "amount"),
    ("POST", "/api/estimates", {"contact_id": 999, "number": "E-1", "amount": "10"}, "contact_id"),
    *[("POST", "/api/estimates", {"contact_id": {"contact"}, "number": "E-1", "amount": amount}, "amount")
      for amount in (0, "0.00", "-5", -5, "12.345", 12.345, "abc", "1e3", "$10", True, None, [10], 1e12)],
    ("POST", "/api/estimates", {"contact_id": {"contact"}, "number": "E-1", "amount": "10",
                                "portal_url": "ftp://example.com/e/1"}, "portal_url"),
    ("POST", "/api/estimates", {"contact_id": {"contact"}, "number": "E-1", "amount": "10",
                                "portal_url": "javascript:alert(1)"}, "portal_url"),
    ("POST", "/api/estimates", {"contact_id": {"contact"}, "number": "E-1", "amount": "10",
                                "portal_url": "https://example.com/a b"}, "portal_url"),
    ("POST", "/api/estimates", {"contact_id": {"contact"}, "number": "E-1", "amount": "10",
                                "sent_at": "2026-11-20T10:00:00"}, "sent_at"),
    ("POST", "/api/estimates", {"contact_id": {"contact"}, "number": "E-1", "amount": "10",
                                "status": "won"}, "status"),
    ("POST", "/api/estimates", {"contact_id": {"contact"}, "number": "E-1", "amount": "10",
                                "booking_id": {"other_booking"}}, "booking_id"),
    ("POST", "/api/estimates", {"contact_id": {"contact"}, "number": "E-1", "amount": "10",
                                "booking_id": 999}, "booking_id"),
    ("POST", "/api/estimates", {"contact_id": {"contact"}, "number": "x" * 33, "amount": "10"}, "number"),
    ("PATCH", "/api/estimates/{estimate}", {"amount": "1.001"}, "amount"),
    ("PATCH", "/api/estimates/{estimate}", {"status": "won"}, "status"),
    ("PATCH", "/api/estimates/{estimate}", {"booking_id": {"other_booking"}}, "booking_id"),
    ("PATCH", "/api/estimates/{estimate}", {"number": "E-2"}, "number"),
    ("PATCH", "/api/estimates/{estimate}", {}, "body"),
    ("GET", "/api/estimates?status=won", None, "status"),
    ("GET", "/api/estimates?contact_id=-1", None, "contact_id"),
]


def _filled(value, ids: dict):
    """Put the fixture's ids in: "{contact}" in a path, {"contact"} (a one-name set) as a JSON id."""
    if isinstance(value, str):
        return value.format(**ids) if "{" in value else value
    if isinstance(value, set):
        return ids[next(iter(value))]
    if isinstance(value, dict):
        return {key: _filled(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize("method, path, body, field", BAD_FIELDS)
def test_each_bad_field_is_a_400_naming_it(client, ids, method, path, body, field):
    response = call(client, method, _filled(path, ids), _filled(body, ids))
    assert response.status_code == 400, response.json
    error = response.json["error"]
    assert error.startswith(f"{field} ") and "\n" not in error


@pytest.mark.parametrize("data", ["[1, 2]", "not json", ""])
def test_a_body_that_is_not_a_json_object_is_a_400(client, data):
    response = client.post("/api/bookings", data=data, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400 and "JSON object" in response.json["error"]


def test_bookings_are_created_read_listed_and_rescheduled(client, ids):
    contact, address = ids["contact"], ids["address"]
    booking = new_booking(client, contact, address_id=address, service="  Water heater flush ",
                          notes="Side gate", window_start="2026-12-03T14:00:00Z",
                          window_end="2026-12-03T16:00:00+00:00")
    assert booking | {"id": 0, "created_at": None, "updated_at": None} == {
        "id": 0, "contact_id": contact, "address_id": address, "window_start": "2026-12-03T14:00:00+00:00",
        "window_end": "2026-12-03T16:00:00+00:00", "status": "confirmed", "service": "Water heater flush",
        "notes": "Side gate", "access_notes": {}, "source": "staff", "external_ref": None,
        "created_at": None, "updated_at": None, "invoice_total": None, "vip": False}
    assert call(client, "GET", f"/api/bookings/{booking['id']}").json == booking
    requested = new_booking(client, contact, status="requested", window_start=LATER_START, window_end=LATER_END)
    assert requested["status"] == "requested"

    listing = call(client, "GET", f"/api/bookings?contact_id={contact}").json
    assert [row["id"] for row in listing["bookings"]] == [ids["booking"], requested["id"], booking["id"]]
    assert listing["truncated"] is False
    assert [row["id"] for row in call(client, "GET", "/api/bookings?status=requested").json["bookings"]] \
        == [requested["id"]]
    # An unencoded "+" in the offset arrives as a space; it is read as the "+" it was.
    window = call(client, "GET", "/api/bookings?from=2026-12-02T00:00:00+00:00&to=2026-12-03T00:00:00%2B00:00")
    assert [row["id"] for row in window.json["bookings"]] == [requested["id"]]

    moved = call(client, "PATCH", f"/api/bookings/{booking['id']}",
                 {"window_start": "2026-12-04T09:00:00-05:00", "window_end": "2026-12-04T12:00:00-05:00",
                  "notes": None})
    assert moved.status_code == 200
    assert (moved.json["window_start"], moved.json["status"], moved.json["notes"]) \
        == ("2026-12-04T14:00:00+00:00", "confirmed", None)


def _booking_in(client, contact_id: int, status: str) -> int:
    first = "requested" if status == "requested" else "confirmed"
    booking_id = new_booking(client, contact_id, status=first)["id"]
    if status != first:
        assert call(client, "PATCH", f"/api/bookings/{booking_id}", {"status": status}).status_code == 200
    return booking_id


@pytest.mark.parametrize("before, after, code", [
    ("requested", "confirmed", 200), ("requested", "cancelled", 200), ("requested", "completed", 409),
    ("confirmed", "cancelled", 200), ("confirmed", "completed", 200), ("confirmed", "requested", 409),
    ("cancelled", "confirmed", 409), ("cancelled", "completed", 409), ("cancelled", "requested", 409),
    ("completed", "cancelled", 409), ("completed", "confirmed", 409), ("completed", "requested", 409),
])
def test_booking_status_transitions(client, before, after, code):
    booking_id = _booking_in(client, new_contact(client), before)
    response = call(client, "PATCH", f"/api/bookings/{booking_id}", {"status": after})
    assert response.status_code == code, response.json
    expected = after if code == 200 else before
    assert call(client, "GET", f"/api/bookings/{booking_id}").json["status"] == expected
    if code == 409:
        assert f"booking {booking_id}" in response.json["error"]


@pytest.mark.parametrize("final", ["cancelled", "completed"])
def test_a_final_booking_refuses_every_change_but_a_repeat(client, final):
    booking_id = _booking_in(client, new_contact(client), final)
    response = call(client, "PATCH", f"/api/bookings/{booking_id}", {"window_start": LATER_START,
                                                                     "window_end": LATER_END})
    assert response.status_code == 409 and "final" in response.json["error"]
    assert call(client, "PATCH", f"/api/bookings/{booking_id}", {"status": final}).status_code == 200


def test_cancel(client):
    contact_id = new_contact(client)
    booking_id = new_booking(client, contact_id)["id"]
    response = call(client, "POST", f"/api/bookings/{booking_id}/cancel")
    assert response.status_code == 200 and response.json["status"] == "cancelled"
    assert call(client, "POST", f"/api/bookings/{booking_id}/cancel").status_code == 200
    completed = _booking_in(client, contact_id, "completed")
    refused = call(client, "POST", f"/api/bookings/{completed}/cancel")
    assert refused.status_code == 409 and "completed" in refused.json["error"]


def test_a_resent_external_ref_updates_the_same_booking(client, ids, settings):
    first = new_booking(client, ids["contact"], external_ref="FSS-42", status="requested")
    again = call(client, "POST", "/api/bookings", {
        "contact_id": ids["contact"], "external_ref": "FSS-42", "window_start": LATER_START,
        "window_end": LATER_END, "status": "confirmed", "address_id": ids["address"], "service": "Drain"})
    assert again.status_code == 200 and again.json["id"] == first["id"]
    assert (again.json["status"], again.json["window_start"], again.json["address_id"], again.json["service"]) \
        == ("confirmed", "2026-12-02T18:00:00+00:00", ids["address"], "Drain")
    backwards = call(client, "POST", "/api/bookings", {
        "contact_id": ids["contact"], "external_ref": "FSS-42", "window_start": LATER_START,
        "window_end": LATER_END, "status": "requested"})
    assert backwards.status_code == 409
    foreign = call(client, "POST", "/api/bookings", {
        "contact_id": ids["other"], "external_ref": "FSS-42", "window_start": START, "window_end": END})
    assert foreign.status_code == 409 and "another contact" in foreign.json["error"]
    with session_scope(settings.database_url) as session:
        assert len(session.scalars(select(Booking).where(Booking.external_ref == "FSS-42")).all()) == 1


NOTES = {"gate_code": "4821", "Lockbox_Code": "73", "code": "ABCDEF", "pets": "friendly dog",
         "alarm": {"alarm_code": 987654, "where": "hall"}, "door_codes": ["1111", "22"]}
MASKED = {"gate_code": "**21", "Lockbox_Code": "**", "code": "**EF", "pets": "friendly dog",
          "alarm": {"alarm_code": "**54", "where": "hall"}, "door_codes": ["**11", "**"]}


def test_access_codes_are_masked_unless_revealed_and_never_logged(client, ids, settings, caplog):
    with session_scope(settings.database_url) as session:
        session.get(Booking, ids["booking"]).access_notes = NOTES
        session.get(WorkAddress, ids["address"]).access_notes = {"lockbox_code": "5150"}
    path = f"/api/bookings/{ids['booking']}"
    assert call(client, "GET", path).json["access_notes"] == MASKED
    assert call(client, "GET", path + "?reveal=0").json["access_notes"] == MASKED
    assert call(client, "PATCH", path, {"notes": "ring twice"}).json["access_notes"] == MASKED
    listed = call(client, "GET", f"/api/bookings?contact_id={ids['contact']}").json["bookings"]
    assert listed[0]["access_notes"] == MASKED
    addresses = call(client, "GET", f"/api/contacts/{ids['contact']}/addresses").json["addresses"]
    assert addresses[0]["access_notes"] == {"lockbox_code": "**50"}
    with caplog.at_level("DEBUG"):
        assert call(client, "GET", path + "?reveal=1").json["access_notes"] == NOTES
        revealed = call(client, "GET", f"/api/contacts/{ids['contact']}/addresses?reveal=true").json
        assert revealed["addresses"][0]["access_notes"] == {"lockbox_code": "5150"}
        assert call(client, "GET", "/api/bookings?reveal=1").json["bookings"][0]["access_notes"] == NOTES
    assert "4821" not in caplog.text and "5150" not in caplog.text


def test_estimates(client, ids):
    contact = ids["contact"]
    estimate = new_estimate(client, contact, amount=99, portal_url="https://portal.example.com/e/7",
                            booking_id=ids["booking"], number="E-7")
    assert estimate | {"id": 0, "sent_at": None, "created_at": None, "updated_at": None} == {
        "id": 0, "contact_id": contact, "number": "E-7", "amount": "99.00", "amount_cents": 9900,
        "status": "open", "portal_url": "https://portal.example.com/e/7", "booking_id": ids["booking"],
        "sent_at": None, "external_ref": None, "created_at": None, "updated_at": None}
    assert estimate["sent_at"].startswith("2026-11-24T16:00")  # now, by default
    assert call(client, "GET", f"/api/estimates/{estimate['id']}").json == estimate
    for amount, cents in (("149.5", 14950), ("0.01", 1), (12.34, 1234), ("10000000", 1_000_000_000)):
        assert call(client, "PATCH", f"/api/estimates/{estimate['id']}", {"amount": amount}).json["amount_cents"] \
            == cents
    sold = call(client, "PATCH", f"/api/estimates/{estimate['id']}",
                {"status": "sold", "portal_url": None, "booking_id": None})
    assert (sold.status_code, sold.json["status"], sold.json["portal_url"], sold.json["booking_id"]) \
        == (200, "sold", None, None)
    declined = new_estimate(client, ids["other"], status="declined", sent_at="2026-11-20T10:00:00-05:00")
    assert (declined["status"], declined["sent_at"]) == ("declined", "2026-11-20T15:00:00+00:00")

    everything = call(client, "GET", "/api/estimates").json
    assert [row["id"] for row in everything["estimates"]] == [declined["id"], ids["estimate"], estimate["id"]]
    assert [row["id"] for row in call(client, "GET", f"/api/estimates?contact_id={contact}&status=sold")
            .json["estimates"]] == [estimate["id"]]


def test_a_resent_external_ref_updates_the_same_estimate(client, ids):
    first = new_estimate(client, ids["contact"], external_ref="FSS-E-9", sent_at="2026-11-20T10:00:00-05:00")
    again = call(client, "POST", "/api/estimates", {"contact_id": ids["contact"], "external_ref": "FSS-E-9",
                                                    "number": "E-100", "amount": "175", "status": "sold"})
    assert again.status_code == 200 and again.json["id"] == first["id"]
    assert (again.json["amount_cents"], again.json["status"], again.json["sent_at"]) \
        == (17500, "sold", first["sent_at"])
    foreign = call(client, "POST", "/api/estimates", {"contact_id": ids["other"], "external_ref": "FSS-E-9",
                                                      "number": "E-100", "amount": "175"})
    assert foreign.status_code == 409 and "another contact" in foreign.json["error"]


def _jobs_for(settings, key: str, row_id: int) -> list[QueuedJob]:
    with session_scope(settings.database_url) as session:
        return [job for job in session.scalars(select(QueuedJob)) if job.kwargs.get(key) == row_id]


def test_booking_and_estimate_changes_reach_the_planner_and_rq(client, settings):
    """The planner's follow-ups are its own business; here only that the API asks it and hands RQ the jobs."""
    contact_id = new_contact(client)
    booking_id = new_booking(client, contact_id)["id"]
    planned = _jobs_for(settings, "booking_id", booking_id)
    assert planned and all(job.enqueued_at is not None for job in planned)
    call(client, "PATCH", f"/api/bookings/{booking_id}", {"status": "completed"})
    with session_scope(settings.database_url) as session:  # the post-job sequence's first step (seed 001)
        [step] = session.scalars(select(QueuedJob).where(QueuedJob.func == "jobs.sequences.run_step")).all()
        assert step.enqueued_at is not None
    estimate_id = new_estimate(client, contact_id)["id"]
    assert _jobs_for(settings, "estimate_id", estimate_id)
