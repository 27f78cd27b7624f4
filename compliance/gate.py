"""The send gate: may this automated message go to this contact now? Facts in, decision out.

The checks run in a fixed order and stop at the first that refuses or defers: opt-out state,
consent evidence (and the after-sales-care preference), content, quiet hours, frequency caps.
Every check that passed leaves a reason too, so a stored decision shows why a message went out.
A deferral stops before the caps: the caller runs the gate again at `defer_until`, and the caps
are judged then, against what has been sent by that time.
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from compliance.caps import SentMessage, cap_reason
from compliance.consent import ConsentState, EvidenceEvent, derive
from compliance.hygiene import contains_phrase, segments
from compliance.quiet_hours import earliest_allowed
from compliance.rules import Purpose, Rules, load_rules
from compliance.timezones import Recipient, Zone, recipient_zones

ALLOW, REFUSE, DEFER = "allow", "refuse", "defer"
LEAD_SOURCES = ("inbound", "outbound", "manual")
INBOUND = "inbound"
INBOUND_TOUCH = "unknown_inbound_context"
EXISTING_RELATIONSHIP = "existing_relationship"
IMPLIED_INQUIRY = "implied_inquiry"

# outbound_check(body, purpose) -> object with .promotional, .score and .spans (dicts with
# start, end, text, reason); classifiers.check_outbound by default.
OutboundCheck = Callable[[str, str], Any]


@dataclass(frozen=True)
class ContactFacts:
    """What the database knows about the contact and the business, filled by the caller.

    `sent_history` holds every automated message already sent to the contact, any purpose, as
    (sent_at, purpose, subject). `subject` is the candidate message's subject (campaign), None
    meaning its purpose. Defaults fail closed: no evidence, no active request, no after-sales care.
    """

    contact_id: int | str
    phone_e164: str
    lead_source: str
    business_name: str
    business_tz: str
    events: tuple[EvidenceEvent, ...] = ()
    address_state: str | None = None
    address_tz: str | None = None
    has_active_request: bool = False
    has_open_work: bool = False  # an open estimate or an unfinished booking (what transactional context is for)
    after_sales_care: bool = False
    sent_history: tuple[SentMessage, ...] = ()
    subject: str | None = None
    last_call_at: datetime | None = None  # when the contact last called the business


@dataclass(frozen=True)
class Decision:
    action: str  # ALLOW, REFUSE or DEFER
    reasons: tuple[str, ...]
    defer_until: datetime | None = None
    spans: tuple[dict, ...] = ()  # the promotional spans, when refused for content
    segments: int = 0
    # The check that refused or deferred: opt_out, after_sales_care, consent, content, quiet_hours, caps.
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "reasons": list(self.reasons),
            "defer_until": self.defer_until.isoformat() if self.defer_until else None,
            "spans": [dict(span) for span in self.spans],
            "segments": self.segments,
            "rule": self.rule,
        }


def check(
    contact: ContactFacts,
    purpose: str,
    body: str,
    now: datetime,
    *,
    rules: Rules | None = None,
    outbound_check: OutboundCheck | None = None,
) -> Decision:
    """Decide whether `body` may be sent to `contact` for `purpose` at `now` (aware)."""
    rules = rules or load_rules()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now {now!r} has no time zone")
    if contact.lead_source not in LEAD_SOURCES:
        raise ValueError(f"lead source {contact.lead_source!r} is not one of {LEAD_SOURCES}")
    recipient = Recipient(contact.phone_e164, contact.address_state, contact.address_tz)
    ctx = _Context(
        contact=contact,
        purpose=rules.purpose(purpose),
        body=body,
        now=now,
        rules=rules,
        consent=derive(contact.events),
        zones=recipient_zones(recipient, contact.business_tz),
        outbound_check=outbound_check or _classifier_check,
    )
    reasons: list[str] = []
    for step in (_opt_out, _consent, _content, _quiet_hours, _caps):
        result = step(ctx)
        reasons.extend(result.reasons)
        if result.action != ALLOW:
            return Decision(
                result.action, tuple(reasons), result.defer_until, result.spans, segments(body),
                rule=result.rule or step.__name__.strip("_"),
            )
    return Decision(ALLOW, tuple(reasons), segments=segments(body))


@dataclass(frozen=True)
class _Context:
    contact: ContactFacts
    purpose: Purpose
    body: str
    now: datetime
    rules: Rules
    consent: ConsentState
    zones: tuple[Zone, ...]
    outbound_check: OutboundCheck


@dataclass(frozen=True)
class _Step:
    reasons: tuple[str, ...]
    action: str = ALLOW
    defer_until: datetime | None = None
    spans: tuple[dict, ...] = ()
    rule: str | None = None


def _passed(reason: str) -> _Step:
    return _Step((reason,))


def _refused(*reasons: str, spans: tuple[dict, ...] = (), rule: str | None = None) -> _Step:
    return _Step(reasons, REFUSE, spans=spans, rule=rule)


def _opt_out(ctx: _Context) -> _Step:
    consent, purpose = ctx.consent, ctx.purpose
    if purpose.confirms_opt_out:
        return _confirmation(ctx)
    if consent.opted_out_all:
        return _refused("the contact opted out of all texts; only the opt-out confirmation may go")
    if consent.opted_out_marketing and purpose.marketing:
        return _refused("the contact opted out of marketing texts")
    if consent.opted_out_marketing and purpose.sequence:
        return _refused(
            f"the contact opted out of marketing texts, which excludes every follow-up sequence "
            f"({purpose.name})"
        )
    if consent.opted_out_marketing:
        return _passed(f"opted out of marketing only; {purpose.name} is not marketing")
    return _passed("not opted out")


def _confirmation(ctx: _Context) -> _Step:
    opted_out_at = ctx.consent.last_opt_out_at
    if not ctx.consent.opted_out_marketing or opted_out_at is None:
        return _refused("nothing to confirm: the contact has not opted out")
    for sent_at, purpose, _ in ctx.contact.sent_history:
        if purpose == ctx.purpose.name and sent_at >= opted_out_at:
            return _refused(f"the opt-out of {opted_out_at.isoformat()} was already confirmed")
    return _passed(f"confirms the opt-out of {opted_out_at.isoformat()}")


def _consent(ctx: _Context) -> _Step:
    purpose, consent, contact = ctx.purpose, ctx.consent, ctx.contact
    if purpose.confirms_opt_out:
        return _passed("confirming an opt-out needs no consent")
    if purpose.requires_after_sales_care and not contact.after_sales_care:
        return _refused(f"after-sales care is off for this customer or address ({purpose.name})",
                        rule="after_sales_care")
    in_force = consent.marketing_evidence_kinds if purpose.marketing else consent.evidence_kinds
    matched, lapsed = [], []
    for kind in sorted(in_force & purpose.evidence):
        usable, described = _evidence(ctx, kind)
        (matched if usable else lapsed).append(described)
    if matched:
        return _passed(f"consent evidence for {purpose.name}: {'; '.join(matched)}")
    lapsed_text = f"; evidence no longer in force: {'; '.join(lapsed)}" if lapsed else ""
    if purpose.inbound_request_fallback:
        inbound = contact.lead_source == INBOUND or INBOUND_TOUCH in consent.evidence_kinds
        if inbound and contact.has_active_request:
            return _passed("no consent record, but about an inbound lead's active request")
        missing = [
            text
            for ok, text in ((inbound, "not an inbound lead"),
                             (contact.has_active_request, "no active request"))
            if not ok
        ]
        return _refused(
            f"no consent evidence for {purpose.name}, and the no-record exception for an inbound "
            f"lead's active request does not apply: {', '.join(missing)}{lapsed_text}"
        )
    if lapsed:
        return _refused(f"no consent evidence in force for {purpose.name}{lapsed_text}")
    on_record = ", ".join(sorted(consent.evidence_kinds)) or "nothing"
    if purpose.marketing:
        return _refused(
            f"{purpose.name} needs express consent recorded for marketing; on record: {on_record}"
        )
    accepted = ", ".join(sorted(purpose.evidence))
    return _refused(
        f"no consent evidence for {purpose.name} (accepts {accepted}; on record: {on_record})"
    )


def _evidence(ctx: _Context, kind: str) -> tuple[bool, str]:
    """Whether evidence of this kind is still in force for a service purpose, and how it is described."""
    since = ctx.consent.evidence_since.get(kind)
    age = _age(since, ctx.now) if since else "date unknown"
    rules = ctx.rules.evidence
    if kind == EXISTING_RELATIONSHIP and since is not None and not ctx.purpose.marketing:
        months = rules.existing_relationship_months
        text = f"{kind} of {since:%Y-%m-%d} ({age})"
        if ctx.now >= _add_months(since, months):
            return False, f"{text}: the last completed job is older than the {months}-month window"
        return True, f"{text}, within {months} months"
    text = f"{kind} of {since:%Y-%m-%d} ({age})" if since else kind
    if kind == IMPLIED_INQUIRY and since is not None and not ctx.purpose.marketing:
        days = rules.implied_inquiry_days
        if ctx.now - since >= timedelta(days=days):
            return False, f"{text}: the customer's last text or call is older than {days} days"
        return True, f"{text}, within {days} days"
    if kind in rules.while_work_open and not ctx.purpose.marketing and not ctx.contact.has_open_work:
        return False, f"{text} supports texts about the work it was recorded for, and no work is open"
    return True, text


def _age(since: datetime, now: datetime) -> str:
    days = (now - since).days
    if days < 1:
        return "today"
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''} ago"
    months = (now.year - since.year) * 12 + now.month - since.month - (now.day < since.day)
    return f"{months} months ago"


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _content(ctx: _Context) -> _Step:
    body, purpose, rules = ctx.body, ctx.purpose, ctx.rules
    if not body.strip():
        return _refused("empty body")
    problems, spans = [], ()
    if len(body) > rules.max_body_chars:
        problems.append(f"body is {len(body)} characters; the limit is {rules.max_body_chars}")
    name = ctx.contact.business_name.strip()
    if not name:
        problems.append("no business name to check the body against")
    elif not contains_phrase(body, name):
        problems.append(f'body does not name the business "{name}"')
    if purpose.marketing:
        if not any(contains_phrase(body, footer) for footer in rules.opt_out_footers):
            problems.append(f'marketing body lacks "{rules.opt_out_footers[0]}"')
    else:
        result = ctx.outbound_check(body, purpose.name)
        if result.promotional:
            spans = tuple(dict(span) for span in result.spans)
            words = ", ".join(f'"{span["text"]}"' for span in spans) or f"score {result.score}"
            problems.append(f"promotional wording in a {purpose.name} message: {words}")
    if problems:
        return _refused(*problems, spans=spans)
    checked = "opt-out footer present" if purpose.marketing else "not promotional"
    return _passed(f"content: names the business, {len(body)} characters, {checked}")


def _quiet_hours(ctx: _Context) -> _Step:
    if not ctx.purpose.quiet_hours:
        return _passed(f"{ctx.purpose.name} may be sent at any hour")
    call_note = ""
    if ctx.purpose.answers_call:
        window = timedelta(minutes=ctx.rules.call_reply_window_minutes)
        call_at = ctx.contact.last_call_at
        if call_at is not None and call_at <= ctx.now and ctx.now - call_at <= window:
            minutes = int((ctx.now - call_at).total_seconds() // 60)
            return _passed(
                f"answers the customer's own call of {minutes} minute(s) ago (within "
                f"{ctx.rules.call_reply_window_minutes} minutes): conversational, sent at any hour"
            )
        call_note = (
            f"the customer's call is older than {ctx.rules.call_reply_window_minutes} minutes, so "
            "the quiet hours apply; "
        )
    where = ", ".join(zone.label() for zone in ctx.zones)
    if ctx.zones[0].unknown:
        where += " (recipient's zone unknown: the business's zone, strictest hours)"
    moment = earliest_allowed(ctx.now, ctx.purpose, ctx.zones, ctx.rules)
    if moment is None:
        return _passed(f"inside the allowed hours in {where}")
    local = moment.astimezone(ZoneInfo(ctx.zones[0].tz))
    reason = (
        f"{call_note}outside the allowed hours for {ctx.purpose.name} in {where}; "
        f"deferred to {local:%a %Y-%m-%d %H:%M %Z}"
    )
    return _Step((reason,), DEFER, defer_until=moment)


def _caps(ctx: _Context) -> _Step:
    if not ctx.purpose.counts_toward_cap:
        return _passed(f"{ctx.purpose.name} is not subject to frequency caps")
    reason = cap_reason(
        ctx.purpose.name,
        ctx.contact.subject,
        ctx.now,
        {zone.state for zone in ctx.zones if zone.state},
        ctx.contact.sent_history,
        ctx.rules,
        location_unknown=any(zone.unknown for zone in ctx.zones),
    )
    return _refused(reason) if reason else _passed("within the frequency caps")


def _classifier_check(body: str, purpose: str) -> Any:
    from classifiers import check_outbound  # imported late: the spaCy pipeline is heavy

    return check_outbound(body, purpose)
