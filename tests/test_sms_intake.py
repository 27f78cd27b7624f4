"""The inbound form's classification, kept per body: the same answer each time, entities each caller's own."""

from classifiers import classify_inbound
from intake.sms import classify, parse

FORM = {"MessageSid": "SM" + "0" * 32, "From": "+13055550100", "To": "+13055550199",
        "Body": "can you come tomorrow morning? the gate code is 4411"}


def test_a_body_classified_again_gets_the_same_result():
    first, again = classify(parse(FORM)), classify(parse(FORM))
    assert first == again == classify_inbound(FORM["Body"])
    assert {entity["kind"] for entity in first.entities} >= {"date", "gate_code"}


def test_changing_one_callers_entities_changes_no_other_callers():
    first = classify(parse(FORM))
    first.entities[0]["kind"] = "changed"
    first.entities.append({"kind": "added"})
    assert classify(parse(FORM)) == classify_inbound(FORM["Body"])


def test_the_sender_is_the_sessions_own_contact_with_the_texts_language(settings):
    """A session already holding the contact gets that same object back, with the row's values (the
    language the text is written in), not a second copy."""
    from datetime import UTC, datetime

    from compliance import ledger
    from intake.sender import sender_of
    from store.db import session_scope

    with session_scope(settings.database_url) as session:
        ledger.contact_for(session, "+13055550100")
    with session_scope(settings.database_url) as session:
        held = ledger.find_contact(session, "+13055550100")
        assert held.language is None
        sender = sender_of(session, "+13055550100", "es", reply_hours=24, now=datetime.now(UTC))
        assert sender.contact is held and held.language == "es"
        assert not session.dirty
        fresh = sender_of(session, "+13055550111", "en", reply_hours=24, now=datetime.now(UTC)).contact
        assert (fresh.phone, fresh.language, fresh.addresses) == ("+13055550111", "en", [])
        assert session.get(type(fresh), fresh.id) is fresh and not session.dirty and not session.new
    with session_scope(settings.database_url) as session:
        assert ledger.find_contact(session, "+13055550100").language == "es"
