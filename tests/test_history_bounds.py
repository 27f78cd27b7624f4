"""The consent state and the availability answer read a bounded slice of history; they must still be right.

The consent state comes from the newest event of each kind and scope, not from every event, so these
tests put an old opt-out or opt-in under many events and check the newest one rules, scope by scope,
and that the state is the one the whole ledger folds to. The availability query reads only bookings
that start after a lower bound, so a booking that began before the asked span must still hold its slots.
"""

import random
from datetime import timedelta

import pytest

from compliance import ledger
from compliance.consent import derive
from crm.bookings import MAX_WINDOW
from delivery import gatekeeper
from responder.bookings import LONGEST_BOOKING, holding_between
from store.db import session_scope
from store.models import Booking
from tests.conftest import BUSINESS_NAME, WEEKDAY_MORNING
from tests.support.webhooks import replies, sms

CUSTOMER = "+13055550100"
REMINDER = f"{BUSINESS_NAME}: a reminder that we come tomorrow between 8 and 10am."
OFFER = f"{BUSINESS_NAME}: 10% off a drain cleaning this month. Reply STOP to opt out"
EVIDENCE = ("implied_inquiry", "unknown_inbound_context", "transactional_context", "express")


def _record(session, contact, kind, when, scope="all"):
    ledger.record(session, contact, kind, scope=scope, source="sms", recorded_by="test", occurred_at=when)


def _many_events(session, contact, first, count, rng):
    """`count` evidence events, one an hour from `first`, of every evidence kind and both scopes."""
    for index in range(count):
        _record(session, contact, rng.choice(EVIDENCE), first + timedelta(hours=index),
                scope=rng.choice(("all", "marketing")))


def _decide(session, settings, contact, purpose, body):
    return gatekeeper.decide(session, settings, contact, purpose, body, WEEKDAY_MORNING)


def _assert_state_is_the_whole_ledgers(session, contact_id):
    full = derive(ledger.events_of(session, contact_id))
    bounded = ledger.state_of(session, contact_id)
    assert bounded == full
    assert dict(bounded.evidence_since) == dict(full.evidence_since)
    assert len(ledger.newest_events(session, contact_id)) <= len(ledger.EVENT_KINDS) * len(ledger.SCOPES)


def test_a_newer_opt_in_lifts_an_old_opt_out_under_many_events(settings):
    start = WEEKDAY_MORNING - timedelta(days=400)
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, CUSTOMER)
        _record(session, contact, "opt_out", start)
        _many_events(session, contact, start + timedelta(hours=1), 300, random.Random(1))
        assert ledger.state_of(session, contact.id).opted_out_all
        assert _decide(session, settings, contact, "booking_reminder", REMINDER).action == "refuse"
        _record(session, contact, "opt_in", WEEKDAY_MORNING - timedelta(days=10))
        _record(session, contact, "express", WEEKDAY_MORNING - timedelta(days=9), scope="marketing")
        state = ledger.state_of(session, contact.id)
        assert not state.opted_out_all and not state.opted_out_marketing and state.has_marketing_consent
        _assert_state_is_the_whole_ledgers(session, contact.id)
        assert _decide(session, settings, contact, "booking_reminder", REMINDER).action == "allow"
        assert _decide(session, settings, contact, "marketing", OFFER).action == "allow"


def test_a_newer_opt_out_outlasts_an_old_opt_in_under_many_events(settings):
    start = WEEKDAY_MORNING - timedelta(days=400)
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, CUSTOMER)
        _record(session, contact, "opt_out", start)
        _record(session, contact, "opt_in", start + timedelta(minutes=5))
        _many_events(session, contact, start + timedelta(hours=1), 300, random.Random(2))
        _record(session, contact, "opt_out", WEEKDAY_MORNING - timedelta(days=10))
        # Evidence recorded while opted out is kept, and counts only once the contact opts back in.
        _record(session, contact, "existing_relationship", WEEKDAY_MORNING - timedelta(days=5))
        state = ledger.state_of(session, contact.id)
        assert state.opted_out_all and state.evidence_kinds == frozenset()
        assert state.last_opt_out_at == WEEKDAY_MORNING - timedelta(days=10)
        _assert_state_is_the_whole_ledgers(session, contact.id)
        decision = _decide(session, settings, contact, "booking_reminder", REMINDER)
        assert decision.action == "refuse" and "opted out of all texts" in decision.reasons[0]

        _record(session, contact, "opt_in", WEEKDAY_MORNING - timedelta(days=1))
        decision = _decide(session, settings, contact, "post_job_checkin", REMINDER)
        assert decision.action == "allow"
        assert "existing_relationship of 2026-11-19 (5 days ago), within 18 months" in decision.reasons[1]


def test_a_marketing_opt_out_is_lifted_only_by_a_marketing_opt_in_however_much_lies_between(settings):
    start = WEEKDAY_MORNING - timedelta(days=400)
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, CUSTOMER)
        _record(session, contact, "express", start, scope="marketing")
        _record(session, contact, "opt_out", start + timedelta(minutes=1), scope="marketing")
        _many_events(session, contact, start + timedelta(hours=1), 300, random.Random(3))
        _record(session, contact, "opt_in", WEEKDAY_MORNING - timedelta(days=3))  # scope all: a bare START
        state = ledger.state_of(session, contact.id)
        assert state.opted_out_marketing and not state.opted_out_all and not state.has_marketing_consent
        _assert_state_is_the_whole_ledgers(session, contact.id)
        assert _decide(session, settings, contact, "booking_reminder", REMINDER).action == "allow"
        refused = _decide(session, settings, contact, "marketing", OFFER)
        assert refused.action == "refuse" and "opted out of marketing" in refused.reasons[0]

        _record(session, contact, "opt_in", WEEKDAY_MORNING - timedelta(days=2), scope="marketing")
        assert _decide(session, settings, contact, "marketing", OFFER).action == "allow"

        # A full opt-out after the marketing opt-in stops everything; a later full opt-in restores both.
        _record(session, contact, "opt_out", WEEKDAY_MORNING - timedelta(days=1))
        assert _decide(session, settings, contact, "marketing", OFFER).action == "refuse"
        assert _decide(session, settings, contact, "booking_reminder", REMINDER).action == "refuse"
        _record(session, contact, "opt_in", WEEKDAY_MORNING - timedelta(hours=1))
        _assert_state_is_the_whole_ledgers(session, contact.id)
        assert _decide(session, settings, contact, "marketing", OFFER).action == "allow"


@pytest.mark.parametrize("order, opted_out", [
    (("opt_out", "opt_in"), False), (("opt_in", "opt_out"), True),
    (("opt_out", "opt_in", "opt_out"), True), (("opt_in", "opt_out", "opt_in"), False),
])
def test_an_opt_out_and_an_opt_in_at_the_same_moment_go_by_the_order_recorded(settings, order, opted_out):
    moment = WEEKDAY_MORNING - timedelta(days=2)
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, CUSTOMER)
        _many_events(session, contact, moment - timedelta(days=30), 50, random.Random(4))
        for kind in order:
            _record(session, contact, kind, moment)
        assert ledger.state_of(session, contact.id).opted_out_all is opted_out
        _assert_state_is_the_whole_ledgers(session, contact.id)


def test_the_evidence_named_is_the_newest_of_its_kind(settings):
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, CUSTOMER)
        for months in range(40, 18, -1):  # a completed job a month, the last one 19 months ago
            _record(session, contact, "existing_relationship", WEEKDAY_MORNING - timedelta(days=30.5 * months))
        lapsed = _decide(session, settings, contact, "post_job_checkin", REMINDER)
        assert lapsed.action == "refuse"
        assert "the last completed job is older than the 18-month window" in lapsed.reasons[-1]
        _record(session, contact, "existing_relationship", WEEKDAY_MORNING - timedelta(days=30.5 * 17))
        _record(session, contact, "existing_relationship", WEEKDAY_MORNING - timedelta(days=30.5 * 30))  # late entry
        allowed = _decide(session, settings, contact, "post_job_checkin", REMINDER)
        assert allowed.action == "allow"
        assert "existing_relationship of 2025-06-24 (17 months ago), within 18 months" in allowed.reasons[1]


@pytest.mark.parametrize("seed", range(4))
def test_random_histories_fold_to_the_same_state_as_the_whole_ledger(settings, seed):
    rng = random.Random(seed)
    kinds = ledger.EVENT_KINDS
    with session_scope(settings.database_url) as session:
        contacts = [ledger.contact_for(session, f"+1305555{seed}{index:03d}") for index in range(3)]
        for _ in range(240):
            contact = rng.choice(contacts)
            # Whole hours over three days, so many events share a moment and go by the order recorded.
            when = WEEKDAY_MORNING - timedelta(hours=rng.randrange(72))
            _record(session, contact, rng.choice(kinds), when, scope=rng.choice(ledger.SCOPES))
        many = ledger.newest_events_of_many(session, [contact.id for contact in contacts])
        for contact in contacts:
            _assert_state_is_the_whole_ledgers(session, contact.id)
            assert derive(many[contact.id]) == derive(ledger.events_of(session, contact.id))


# --- availability ----------------------------------------------------------------------------------------------------

def _booking(session, contact_id, start, length, status="confirmed"):
    booking = Booking(contact_id=contact_id, window_start=start, window_end=start + length, status=status)
    session.add(booking)
    session.flush()
    return booking.id


def _long_bookings_from_6am_tuesday(settings, count):
    """`count` full-day staff bookings that started at 6am New York, before now (11am), and run to 6pm."""
    six_am = WEEKDAY_MORNING - timedelta(hours=5)
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, "+13055550177")
        for days_ago in range(1, 40):  # a past schedule under it
            _booking(session, contact.id, six_am - timedelta(days=days_ago), timedelta(hours=2))
        for _ in range(count):
            _booking(session, contact.id, six_am, MAX_WINDOW)


def test_bookings_that_started_before_the_asked_span_still_fill_it(client, settings):
    _long_bookings_from_6am_tuesday(settings, 2)  # capacity 2: the rest of Tuesday is full
    [reply] = replies(sms(client, "when can you come?", phone=CUSTOMER))
    assert "Tue Nov 24" not in reply
    assert "1) Wed Nov 25, 8-10am" in reply


def test_one_booking_that_started_before_the_asked_span_leaves_room(client, settings):
    _long_bookings_from_6am_tuesday(settings, 1)
    [reply] = replies(sms(client, "when can you come?", phone=CUSTOMER))
    assert "1) Tue Nov 24, 2-4pm" in reply


def test_the_availability_query_reads_every_booking_that_overlaps_and_no_other(settings):
    since, until = WEEKDAY_MORNING, WEEKDAY_MORNING + timedelta(days=2)
    with session_scope(settings.database_url) as session:
        contact = ledger.contact_for(session, CUSTOMER)
        overlapping = {
            _booking(session, contact.id, since - LONGEST_BOOKING + timedelta(minutes=1), LONGEST_BOOKING),
            _booking(session, contact.id, since - MAX_WINDOW + timedelta(minutes=1), MAX_WINDOW),
            _booking(session, contact.id, since - timedelta(hours=1), timedelta(hours=2), status="requested"),
            _booking(session, contact.id, until - timedelta(minutes=1), timedelta(hours=2)),
        }
        elsewhere = {
            _booking(session, contact.id, since - LONGEST_BOOKING, LONGEST_BOOKING),  # ends as the span starts
            _booking(session, contact.id, since - timedelta(days=300), timedelta(hours=2)),
            _booking(session, contact.id, until, timedelta(hours=2)),  # starts as it ends
            _booking(session, contact.id, since, timedelta(hours=2), status="cancelled"),
            _booking(session, contact.id, since, timedelta(hours=2), status="completed"),
        }
        def found(exclude=None):
            return {row.id for row in session.execute(holding_between(since, until, exclude).add_columns(Booking.id))}

        assert found() == overlapping and not found() & elsewhere
        excluded = min(overlapping)
        assert found(excluded) == overlapping - {excluded}
