"""Derive a contact's consent state from its append-only evidence events.

How the events combine (readings of docs/compliance.md sections 1-2 and seed 000):
- An opt-out with scope `all` suspends every piece of evidence; an opt-in with scope `all` lifts it
  and the earlier evidence is in force again ("opt back in" restores what the customer had).
- An opt-out with scope `marketing` suspends marketing evidence only. Only an opt-in with scope
  `marketing` lifts it: a bare START answers a bare STOP, while a customer who asked for no
  promotions has to ask for promotions again. New `express` evidence does not lift it either;
  record an opt-in with it.
- Marketing consent is an `express` event recorded with scope `marketing`. Scope `all` on consent
  evidence records that the customer agreed to be contacted, which seed 000 counts for service
  follow-up; the model has no narrower scope, so it cannot be read as written consent to promotions.
- `unknown_inbound_context` (an inbound touch with unknown content) is kept in `evidence_kinds` but
  no service purpose accepts it; the gate reads it as "this contact reached us" (an inbound lead).
- Evidence recorded while opted out is kept and counts once the contact opts back in.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

CONSENT_KINDS = frozenset(
    {
        "implied_inquiry",
        "express",
        "existing_relationship",
        "transactional_context",
        "unknown_inbound_context",
    }
)
OPT_OUT = "opt_out"
OPT_IN = "opt_in"
SCOPE_ALL = "all"
SCOPE_MARKETING = "marketing"
MARKETING_CONSENT_KIND = "express"


class EvidenceEvent(Protocol):
    kind: str
    scope: str
    occurred_at: datetime
    source: str


@dataclass(frozen=True)
class Event:
    """A plain evidence event, for callers and tests without a database row at hand."""

    kind: str
    occurred_at: datetime
    scope: str = SCOPE_ALL
    source: str = ""


@dataclass(frozen=True)
class ConsentState:
    opted_out_all: bool = False
    opted_out_marketing: bool = False  # true under a full opt-out too
    evidence_kinds: frozenset[str] = frozenset()
    marketing_evidence_kinds: frozenset[str] = frozenset()
    has_marketing_consent: bool = False
    last_event_at: datetime | None = None
    last_opt_out_at: datetime | None = None
    # The newest event of each kind in `evidence_kinds`: how old the evidence the gate relies on is.
    evidence_since: Mapping[str, datetime] = field(default_factory=dict, compare=False)


def derive(events: Iterable[EvidenceEvent]) -> ConsentState:
    """Fold the events, oldest first (ties keep their given order), into the state in force."""
    ordered = sorted(events, key=lambda event: _checked(event).occurred_at)
    recorded: set[tuple[str, str]] = set()
    newest: dict[str, datetime] = {}
    full_opt_out = marketing_opt_out = False
    last_opt_out_at = None
    for event in ordered:
        if event.kind == OPT_OUT:
            last_opt_out_at = event.occurred_at
            if event.scope == SCOPE_ALL:
                full_opt_out = True
            else:
                marketing_opt_out = True
        elif event.kind == OPT_IN:
            if event.scope == SCOPE_ALL:
                full_opt_out = False
            else:
                marketing_opt_out = False
        else:
            recorded.add((event.kind, event.scope))
            newest[event.kind] = event.occurred_at

    kinds = frozenset() if full_opt_out else frozenset(kind for kind, _ in recorded)
    marketing_blocked = full_opt_out or marketing_opt_out
    marketing_kinds = frozenset(
        () if marketing_blocked else (k for k, scope in recorded if scope == SCOPE_MARKETING)
    )
    return ConsentState(
        opted_out_all=full_opt_out,
        opted_out_marketing=marketing_blocked,
        evidence_kinds=kinds,
        marketing_evidence_kinds=marketing_kinds,
        has_marketing_consent=MARKETING_CONSENT_KIND in marketing_kinds,
        last_event_at=ordered[-1].occurred_at if ordered else None,
        last_opt_out_at=last_opt_out_at,
        evidence_since={kind: newest[kind] for kind in kinds},
    )


def _checked(event: EvidenceEvent) -> EvidenceEvent:
    if event.kind not in CONSENT_KINDS | {OPT_OUT, OPT_IN}:
        raise ValueError(f"unknown evidence kind {event.kind!r}")
    if event.scope not in (SCOPE_ALL, SCOPE_MARKETING):
        raise ValueError(f"unknown evidence scope {event.scope!r}")
    if event.occurred_at.tzinfo is None or event.occurred_at.utcoffset() is None:
        raise ValueError(f"evidence time {event.occurred_at!r} has no time zone")
    return event
