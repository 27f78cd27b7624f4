"""Old estimates (issue 8, item 6): a follow-up whose moment is long gone is skipped with its reason,
an estimate past QUOTE_FOLLOWUP_MAX_AGE_DAYS gets none, and one estimate never gets two in a day."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app import create_app
from store.db import session_scope
from store.models import Message
from tests.test_staff_api import call, new_contact, new_estimate

NOW = datetime(2026, 11, 24, 16, 0, tzinfo=UTC)  # conftest's Tuesday, 11am in New York


def _followups(settings) -> list[Message]:
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(Message).where(Message.purpose == "quote_followup").order_by(Message.id)))


def _agreed_to_texts(client) -> int:
    """A contact who agreed to be texted (express consent, recorded by staff): the contact's id."""
    contact_id = new_contact(client)
    response = call(client, "POST", f"/api/contacts/{contact_id}/consent",
                    {"kind": "express", "source": "paper_form", "recorded_by": "office"})
    assert response.status_code == 201
    return contact_id


def test_an_estimate_sent_a_year_ago_gets_no_follow_up(client, settings, run_jobs, twilio_http):
    contact_id = _agreed_to_texts(client)
    new_estimate(client, contact_id, number="E-7", sent_at=(NOW - timedelta(days=365)).isoformat())
    run_jobs()
    assert [text for text in twilio_http.sent_messages if "estimate" in text["Body"]] == []
    skipped = _followups(settings)
    assert [message.status for message in skipped] == ["skipped", "skipped"]
    assert all("was sent 365 days ago, more than QUOTE_FOLLOWUP_MAX_AGE_DAYS (30)" in message.status_reason
               for message in skipped)
    listed = call(client, "GET", "/api/messages?status=skipped").json["messages"]
    assert len(listed) == 2 and "QUOTE_FOLLOWUP_MAX_AGE_DAYS" in listed[0]["reasons"]


def test_a_follow_up_past_its_grace_is_skipped_and_the_next_one_still_goes(client, settings, run_jobs, twilio_http,
                                                                            weekday_morning):
    contact_id = _agreed_to_texts(client)
    sent_at = NOW - timedelta(days=4)  # day 2 was two days ago; day 5 is tomorrow
    new_estimate(client, contact_id, sent_at=sent_at.isoformat())
    run_jobs()
    assert [text for text in twilio_http.sent_messages if "estimate" in text["Body"]] == []
    [first] = _followups(settings)
    assert first.status == "skipped" and "beyond the 1-day grace" in first.status_reason
    weekday_morning.move_to(sent_at + timedelta(days=5, seconds=5))
    run_jobs()
    assert len([text for text in twilio_http.sent_messages if "estimate" in text["Body"]]) == 1
    assert [message.status for message in _followups(settings)] == ["skipped", "queued"]


def test_a_follow_up_within_its_grace_still_goes(client, settings, run_jobs, twilio_http):
    contact_id = new_contact(client)
    new_estimate(client, contact_id, sent_at=(NOW - timedelta(days=2, hours=20)).isoformat())
    run_jobs()
    assert len(twilio_http.sent_messages) == 1


def test_never_two_follow_ups_of_one_estimate_on_one_day(settings, run_jobs, twilio_http, weekday_morning):
    client = create_app(settings.with_overrides(quote_followup_days=(2, 3))).test_client()
    import runtime

    runtime.configure(settings.with_overrides(quote_followup_days=(2, 3)))
    contact_id = new_contact(client)
    sent_at = NOW - timedelta(days=2, hours=12)  # step 1 was due 12 hours ago, step 2 is due at 11pm tonight
    new_estimate(client, contact_id, sent_at=sent_at.isoformat())
    run_jobs()
    assert len(twilio_http.sent_messages) == 1
    weekday_morning.move_to(sent_at + timedelta(days=3, seconds=5))  # 11pm the same day in New York
    run_jobs()
    assert len(twilio_http.sent_messages) == 1
    statuses = [(message.status, message.status_reason) for message in _followups(settings)]
    assert statuses[0][0] == "queued"
    assert statuses[1] == ("skipped", "a follow-up of estimate #E-100 was already written today (2026-11-24)")


def test_max_age_and_grace_are_settings(settings, run_jobs, twilio_http):
    import runtime

    changed = settings.with_overrides(quote_followup_max_age_days=400, quote_followup_grace_days=30)
    runtime.configure(changed)
    client = create_app(changed).test_client()
    contact_id = new_contact(client)
    new_estimate(client, contact_id, sent_at=(NOW - timedelta(days=20)).isoformat())
    run_jobs()
    # both steps are due within the grace: one goes, the other is skipped (one a day)
    assert len(twilio_http.sent_messages) == 1
    assert [message.status for message in _followups(settings)] == ["queued", "skipped"]
