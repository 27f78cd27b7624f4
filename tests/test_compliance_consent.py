"""Consent state derived from append-only evidence events."""

from datetime import UTC, datetime, timedelta

import pytest

from compliance.consent import ConsentState, Event, derive

T0 = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


def ev(kind: str, hour: int, scope: str = "all") -> Event:
    return Event(kind=kind, occurred_at=at(hour), scope=scope, source="test")


SERVICE = frozenset({"implied_inquiry"})

CASES = [
    ("no events", [], ConsentState()),
    (
        "inquiry is service evidence only",
        [ev("implied_inquiry", 0)],
        ConsentState(evidence_kinds=SERVICE, last_event_at=at(0)),
    ),
    (
        "express for marketing is marketing consent",
        [ev("express", 0, "marketing")],
        ConsentState(
            evidence_kinds=frozenset({"express"}),
            marketing_evidence_kinds=frozenset({"express"}),
            has_marketing_consent=True,
            last_event_at=at(0),
        ),
    ),
    (
        "express with scope all is not marketing consent",
        [ev("express", 0, "all")],
        ConsentState(evidence_kinds=frozenset({"express"}), last_event_at=at(0)),
    ),
    (
        "an inquiry recorded for marketing is still not marketing consent",
        [ev("implied_inquiry", 0, "marketing")],
        ConsentState(evidence_kinds=SERVICE, marketing_evidence_kinds=SERVICE, last_event_at=at(0)),
    ),
    (
        "STOP suspends every piece of evidence",
        [ev("implied_inquiry", 0), ev("express", 1, "marketing"), ev("opt_out", 2)],
        ConsentState(
            opted_out_all=True, opted_out_marketing=True, last_event_at=at(2), last_opt_out_at=at(2)
        ),
    ),
    (
        "START after STOP restores the earlier evidence",
        [ev("implied_inquiry", 0), ev("express", 1, "marketing"), ev("opt_out", 2),
         ev("opt_in", 3)],
        ConsentState(
            evidence_kinds=frozenset({"implied_inquiry", "express"}),
            marketing_evidence_kinds=frozenset({"express"}),
            has_marketing_consent=True,
            last_event_at=at(3),
            last_opt_out_at=at(2),
        ),
    ),
    (
        "evidence recorded while opted out counts after START",
        [ev("opt_out", 0), ev("implied_inquiry", 1), ev("opt_in", 2)],
        ConsentState(evidence_kinds=SERVICE, last_event_at=at(2), last_opt_out_at=at(0)),
    ),
    (
        "a marketing opt-out keeps service evidence",
        [ev("implied_inquiry", 0), ev("express", 1, "marketing"), ev("opt_out", 2, "marketing")],
        ConsentState(
            opted_out_marketing=True,
            evidence_kinds=frozenset({"implied_inquiry", "express"}),
            last_event_at=at(2),
            last_opt_out_at=at(2),
        ),
    ),
    (
        "a bare START does not lift a marketing opt-out",
        [ev("express", 0, "marketing"), ev("opt_out", 1, "marketing"), ev("opt_in", 2)],
        ConsentState(
            opted_out_marketing=True,
            evidence_kinds=frozenset({"express"}),
            last_event_at=at(2),
            last_opt_out_at=at(1),
        ),
    ),
    (
        "new express consent does not lift a marketing opt-out by itself",
        [ev("opt_out", 0, "marketing"), ev("express", 1, "marketing")],
        ConsentState(
            opted_out_marketing=True,
            evidence_kinds=frozenset({"express"}),
            last_event_at=at(1),
            last_opt_out_at=at(0),
        ),
    ),
    (
        "a marketing opt-in lifts a marketing opt-out",
        [ev("express", 0, "marketing"), ev("opt_out", 1, "marketing"),
         ev("opt_in", 2, "marketing")],
        ConsentState(
            evidence_kinds=frozenset({"express"}),
            marketing_evidence_kinds=frozenset({"express"}),
            has_marketing_consent=True,
            last_event_at=at(2),
            last_opt_out_at=at(1),
        ),
    ),
    (
        "a marketing opt-in does not lift a full opt-out",
        [ev("implied_inquiry", 0), ev("opt_out", 1), ev("opt_in", 2, "marketing")],
        ConsentState(
            opted_out_all=True, opted_out_marketing=True, last_event_at=at(2), last_opt_out_at=at(1)
        ),
    ),
    (
        "unknown inbound context is kept as evidence of an inbound touch",
        [ev("unknown_inbound_context", 0)],
        ConsentState(evidence_kinds=frozenset({"unknown_inbound_context"}), last_event_at=at(0)),
    ),
    (
        "events are ordered by time, not by position",
        [ev("opt_in", 3), ev("implied_inquiry", 0), ev("opt_out", 2)],
        ConsentState(evidence_kinds=SERVICE, last_event_at=at(3), last_opt_out_at=at(2)),
    ),
    (
        "same time: the later-inserted opt-in wins",
        [ev("implied_inquiry", 0), ev("opt_out", 1), ev("opt_in", 1)],
        ConsentState(evidence_kinds=SERVICE, last_event_at=at(1), last_opt_out_at=at(1)),
    ),
    (
        "same time: the later-inserted opt-out wins",
        [ev("implied_inquiry", 0), ev("opt_in", 1), ev("opt_out", 1)],
        ConsentState(
            opted_out_all=True, opted_out_marketing=True, last_event_at=at(1), last_opt_out_at=at(1)
        ),
    ),
]


@pytest.mark.parametrize(("events", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_derive(events, expected):
    assert derive(events) == expected


def test_accepts_any_object_with_the_attributes_and_a_generator():
    class Row:
        kind, scope, source = "express", "marketing", "web form"
        occurred_at = T0

    assert derive(row for row in [Row()]).has_marketing_consent


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (Event("nod", T0), "unknown evidence kind"),
        (Event("express", T0, scope="some"), "unknown evidence scope"),
        (Event("express", datetime(2025, 6, 1, 12)), "no time zone"),
    ],
)
def test_bad_events_raise(event, message):
    with pytest.raises(ValueError, match=message):
        derive([event])
