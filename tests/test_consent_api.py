"""Staff record express or existing-relationship consent through the JSON API; the ledger only grows."""

import pytest
from sqlalchemy import select

from compliance import ledger
from store.db import session_scope
from store.models import ConsentEvent

AUTH = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}


def test_staff_api_needs_the_bearer_token(client):
    assert client.get("/api/consent?phone=%2B13055550100").status_code == 401
    assert client.get("/api/contacts/1/consent").status_code == 401
    wrong = {"Authorization": "Bearer guess"}
    assert client.post("/api/consent", json={"phone": "+13055550100"}, headers=wrong).status_code == 401


def test_staff_record_express_marketing_consent(client, settings):
    response = client.post("/api/consent", headers=AUTH, json={
        "phone": "3055550100", "kind": "express", "scope": "marketing", "source": "web_form", "recorded_by": "dana",
        "notes": "checked the SMS offers box", "disclosure": "I agree to receive marketing texts..."})
    assert response.status_code == 201
    assert response.json["kind"] == "express" and response.json["scope"] == "marketing"
    listing = client.get("/api/consent?phone=%2B13055550100", headers=AUTH).json
    assert listing["phone"] == "+13055550100" and listing["opted_out"] is False
    assert client.get(f"/api/contacts/{listing['contact_id']}/consent", headers=AUTH).json == listing
    assert [event["source"] for event in listing["events"]] == ["web_form"]
    with session_scope(settings.database_url) as session:
        contact = ledger.find_contact(session, "+13055550100")
        assert ledger.state_of(session, contact.id).has_marketing_consent
        assert contact.lead_source == "manual"


@pytest.mark.parametrize("body, reason", [
    ({"kind": "implied_inquiry", "source": "staff", "recorded_by": "dana"}, "kind must be one of"),
    ({"kind": "express", "source": "rumour", "recorded_by": "dana"}, "source must be one of"),
    ({"kind": "express", "source": "staff"}, "recorded_by is required"),
    ({"kind": "express", "source": "staff", "recorded_by": "dana", "scope": "everything"}, "scope must be one of"),
])
def test_bad_consent_fields_are_400s_naming_the_field(client, body, reason):
    response = client.post("/api/consent", headers=AUTH, json={"phone": "+13055550100", **body})
    assert response.status_code == 400 and reason in response.json["error"]


def test_unknown_contact_is_404_and_bad_phone_400(client):
    assert client.get("/api/consent?phone=%2B13055550177", headers=AUTH).status_code == 404
    assert client.get("/api/contacts/4242/consent", headers=AUTH).status_code == 404
    assert client.get("/api/consent?phone=not-a-phone", headers=AUTH).status_code == 400
    assert client.get("/api/consent", headers=AUTH).status_code == 400
    assert client.post("/api/contacts/4242/consent", headers=AUTH, json={
        "kind": "express", "source": "staff", "recorded_by": "dana"}).status_code == 404


def test_consent_events_cannot_be_updated_or_deleted(settings):
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, "+13055550100")
        ledger.record(session, contact, "implied_inquiry", source="sms", snippet="hello")
    with pytest.raises(PermissionError):
        with session_scope(settings.database_url) as session:
            session.scalars(select(ConsentEvent)).one().kind = "express"
    with pytest.raises(PermissionError):
        with session_scope(settings.database_url) as session:
            session.delete(session.scalars(select(ConsentEvent)).one())
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(ConsentEvent.kind)).one() == "implied_inquiry"
