"""Frequency caps: how many automated messages a contact may already have had."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from compliance.rules import Cap, Rules
from compliance.us_states import state_name

# (sent_at, purpose, subject) of a message already sent to the contact; subject None means the
# purpose is the subject.
SentMessage = tuple[datetime, str, str | None]


def cap_reason(
    purpose: str,
    subject: str | None,
    now: datetime,
    states: Iterable[str],
    sent: Iterable[SentMessage],
    rules: Rules,
    *,
    location_unknown: bool = False,
) -> str | None:
    """None when the message fits every cap, else why it does not.

    The overall cap counts every sent message whose purpose counts toward caps (or that the rules
    no longer know). State caps count marketing messages on the same subject, for each of the
    recipient's states that has one; with the location unknown, the strictest state cap applies.
    """
    spec = rules.purpose(purpose)
    if not spec.counts_toward_cap:
        return None
    history = list(sent)
    counted = [m for m in history if _counts(m[1], rules)]
    overall = _recent(counted, now, rules.overall_cap)
    if len(overall) >= rules.overall_cap.max_messages:
        return (
            f"{len(overall)} automated messages to this contact in the last "
            f"{rules.overall_cap.per_hours} h; the limit is {rules.overall_cap.max_messages}"
        )
    if not spec.marketing:
        return None
    topic = subject or purpose
    marketing = [m for m in history if _is_marketing(m[1], rules)]
    for cap, where in _state_caps(states, rules, location_unknown):
        matching = [m for m in marketing if not cap.same_subject or (m[2] or m[1]) == topic]
        recent = _recent(matching, now, cap)
        if len(recent) >= cap.max_messages:
            about = f' about "{topic}"' if cap.same_subject else ""
            return (
                f"{len(recent)} marketing messages{about} to {where} in the last "
                f"{cap.per_hours} h; the limit is {cap.max_messages}"
            )
    return None


def _state_caps(
    states: Iterable[str], rules: Rules, location_unknown: bool
) -> list[tuple[Cap, str]]:
    caps = [
        (rule.marketing_cap, f"a recipient in {state_name(code)}")
        for code in sorted(set(states))
        if (rule := rules.states.get(code)) is not None and rule.marketing_cap is not None
    ]
    if location_unknown:
        known = [rule.marketing_cap for rule in rules.states.values() if rule.marketing_cap]
        if known:
            strictest = min(known, key=lambda cap: cap.max_messages / cap.per_hours)
            caps.append((strictest, "a recipient in an unknown location (strictest state cap)"))
    return caps


def _recent(messages: list[SentMessage], now: datetime, cap: Cap) -> list[SentMessage]:
    since = now - timedelta(hours=cap.per_hours)
    return [m for m in messages if m[0] > since]


def _counts(purpose: str, rules: Rules) -> bool:
    spec = rules.purposes.get(purpose)
    return spec is None or spec.counts_toward_cap


def _is_marketing(purpose: str, rules: Rules) -> bool:
    spec = rules.purposes.get(purpose)
    return spec is not None and spec.marketing
