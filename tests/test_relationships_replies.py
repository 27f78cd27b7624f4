"""Replies the follow-up system understands: NPS answers while a check-in is pending (thanked; 0-6
opens an escalation), birthdays texted in, and replies as engagement."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from compliance import ledger
from relationships.replies import parse_birthday, parse_nps
from store.db import session_scope
from store.models import Contact, Engagement, Escalation, Message, NpsResponse
from tests.support.webhooks import replies, sms

PHONE = "+13055550100"
NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize("text, score", [
    ("9", 9), ("nine", 9), ("10!", 10), ("meh 5", 5), ("0 terrible", 0), ("Ten", 10), ("8/10", 8),
    ("I'd say 7 out of 10", 7), ("solid 6.", 6)])
def test_nps_answers_are_read(text, score):
    assert parse_nps(text) == score


@pytest.mark.parametrize("text", [
    "can you come at 3 or 4?", "11", "my address is 1200 Main St", "thanks!", "7.5", "",
    "the tech arrived 2 hours late and left a mess on the floor of the kitchen and the hallway too"])
def test_other_replies_are_not_scores(text):
    assert parse_nps(text) is None


@pytest.mark.parametrize("text, day", [
    ("my birthday is March 3", date(1904, 3, 3)), ("My bday is mar 3rd", date(1904, 3, 3)),
    ("birthday: 3/3", date(1904, 3, 3)), ("I was born on the 3rd of March 1985", date(1985, 3, 3)),
    ("my birthday's July 14, 1990", date(1990, 7, 14))])
def test_birthdays_are_read(text, day):
    assert parse_birthday(text) == day


@pytest.mark.parametrize("text", ["my birthday is soon", "see you March 3", "birthday: 2/31"])
def test_no_birthday_is_invented(text):
    assert parse_birthday(text) is None


def _checkin(settings, *, hours_ago=3):
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, PHONE, lead_source="manual")
        session.add(Message(contact_id=contact.id, direction="outbound", body="0 to 10?",
                            purpose="satisfaction_checkin", status="delivered",
                            sent_at=NOW - timedelta(hours=hours_ago)))
        return contact.id


def test_a_score_answers_the_pending_check_in_and_is_thanked(client, settings):
    contact_id = _checkin(settings)
    [reply] = replies(sms(client, "10!"))
    assert "thank you" in reply
    with session_scope(settings.database_url) as session:
        [response] = session.scalars(select(NpsResponse)).all()
        assert (response.contact_id, response.score, response.escalation_id) == (contact_id, 10, None)
        assert session.query(Escalation).count() == 0
        assert session.scalars(select(Engagement.kind)).all() == ["reply"]


def test_a_low_score_opens_an_escalation_for_service_recovery(client, settings):
    _checkin(settings)
    [reply] = replies(sms(client, "0 terrible"))
    assert "sorry" in reply
    with session_scope(settings.database_url) as session:
        [escalation] = session.scalars(select(Escalation)).all()
        assert escalation.reason == "low_nps" and escalation.status == "open"
        assert session.scalars(select(NpsResponse.escalation_id)).one() == escalation.id


def test_a_number_without_a_pending_check_in_is_not_a_score(client, settings):
    _checkin(settings, hours_ago=8 * 24)  # asked more than a week ago
    sms(client, "9")
    with session_scope(settings.database_url) as session:
        assert session.query(NpsResponse).count() == 0


def test_only_the_first_answer_counts(client, settings):
    _checkin(settings)
    sms(client, "9")
    sms(client, "3")  # no check-in pending any more: an ordinary text
    with session_scope(settings.database_url) as session:
        assert session.scalars(select(NpsResponse.score)).all() == [9]
        assert session.query(Escalation).filter(Escalation.reason == "low_nps").count() == 0


def test_a_texted_birthday_is_saved_and_thanked(client, settings):
    [reply] = replies(sms(client, "my birthday is March 3"))
    assert "March 3" in reply
    with session_scope(settings.database_url) as session:
        contact = ledger.find_contact(session, PHONE)
        assert contact.birthday == date(1904, 3, 3)
        assert session.get(Contact, contact.id) is not None
    staff = {"Authorization": "Bearer staff-secret-4f9c2e7a1b8d6053e4a7c9f1"}
    dates = client.get(f"/api/contacts/{contact.id}/dates", headers=staff)
    assert dates.get_json()["birthday"] == "--03-03"
