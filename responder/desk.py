"""The front desk's answer to one inbound text, by intent: book, answer, save, or hand to a person.

Opt-out, opt-in and HELP are settled before this (intake/texts.py). Every customer gets an answer;
what a machine should not answer is escalated to staff, and nothing here invents a price or a time
that the schedule does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from sqlalchemy.orm import Session

from classifiers import InboundResult
from classifiers.cues import is_bare_acknowledgement, is_bare_greeting
from classifiers.emergency import damage_complaint
from classifiers.inbound import emergency_hazard
from classifiers.text import for_rules
from compliance.hygiene import contains_phrase, segments
from config import Settings
from crm.leads import open_lead, open_lead_of
from jobs import redis_circuit
from jobs.connection import web_redis
from responder import wording
from responder.access import CODE_KINDS, answer_access_question, asks_a_question, save_access_details, topics_asked
from responder.availability import format_options
from responder.bookings import Answer, Desk
from responder.conversation import ConversationStore
from responder.escalations import alert_staff, escalate, staff_alert
from responder.office_hours import asks_for_hours, describe_hours, describe_opening, is_open, next_opening
from responder.visit_question import asks_when_their_visit_is
from store.models import Booking, Contact

BOOKING_ACTIONS = {"booking_confirm": "confirm", "booking_reschedule": "reschedule", "booking_cancel": "cancel"}
LEAD_TEMPLATES = {"quote_request": "lead_quote", "service_request": "lead_service"}
ESCALATED_LABELS = {"complaint", "human", "other"}
MAX_SEGMENTS = 3
WHEN_KINDS = ("date", "time")
# Labels a question about the office's hours may get from the model; a lead or a complaint that asks it too is not one.
HOURS_QUESTION_LABELS = frozenset({"availability", "other", "help", "human"})
# Labels whose texts, even when they ask when the visit is, want a person or a change, not the time.
NOT_A_VISIT_QUESTION = frozenset({"complaint", "human"})
# Labels the model gives a question about parking or pets ("do I need to put the dog away?") that the profile
# answers; a lead or a complaint that names a dog is not one.
MAYBE_AN_ACCESS_QUESTION = frozenset({"access_details", "other", "help"})
ENTRY_DETAILS = frozenset(CODE_KINDS) | {"key_location"}  # kept for the technician whatever the text asks
URGENT = "URGENT"
# The name after a closed day, "We're closed Thu Nov 26 (Thanksgiving Day)." / "... (Día de Acción de Gracias).":
# the first thing to leave out of offered times that do not fit.
_CLOSED_DAY_NAME = re.compile(r" \((?:[^()]|\([^()]*\))+\)(?=\. )")


@dataclass
class Reply:
    text: str | None  # None: nothing to answer
    job_ids: list[int] = field(default_factory=list)


def respond(session: Session, settings: Settings, contact: Contact, text: str, result: InboundResult, *,
            has_media: bool, now: datetime, standalone: bool = False) -> Reply:
    """The answer to one inbound text.

    `standalone`: the answer goes as a text of its own through the send gate (a voicemail's answer),
    not as the reply to the customer's message; the gate requires it to name the business, so it
    does whatever the conversation said before.
    """
    store = ConversationStore(web_redis(settings), settings.conversation_ttl_seconds, redis_circuit.circuit(settings))
    conversation = store.load(contact.id)
    desk = Desk(session, settings, contact, conversation, now)
    if has_media and not text.strip():
        answer = _photo_only(session, settings, contact)
    elif is_bare_acknowledgement(text):
        # "k", "👍", "gracias": a yes to the one time offered, else nothing to answer or escalate.
        answer = desk.try_choice("yes") if conversation.offered else None
        if answer is None:
            return Reply(None)
    elif is_bare_greeting(text):
        # "hi", "hola buenas": greet back and ask what they need; nothing for staff yet.
        answer = Answer(wording.say("greeting"))
    else:
        answer = _answer(session, settings, desk, text, result, has_media)
    office_open = is_open(settings.profile, now)
    opening = None if office_open else next_opening(settings.profile, now)
    jobs = list(answer.job_ids)
    if answer.escalate:
        _, alert_jobs = escalate(session, settings, contact, answer.escalate, _for_staff(text, has_media),
                                 urgent=answer.escalate == "emergency", flag=_flag(answer.escalate, text))
        jobs += alert_jobs
    if answer.text is None:
        body = _escalated(settings, opening, now, office_open, desk.reader_zone)
    elif office_open or answer.escalate == "emergency" or conversation.told_closed_until == _key(opening):
        body = answer.text  # the office's next opening is said once per closed spell, not in every reply
    else:
        body = answer.text + _after_hours(settings, opening, now, desk.reader_zone)
        conversation.told_closed_until = _key(opening)
    named = (standalone or not conversation.named_business) and not contains_phrase(body, settings.business_name)
    prefix = f"{settings.business_name}: " if named else ""
    if answer.text is not None and body != answer.text and segments(prefix + body) > MAX_SEGMENTS:
        body = answer.text + _after_hours(settings, opening, now, desk.reader_zone, key="after_hours_short")
    body = _with_fewer_options(prefix + body, desk)
    conversation.named_business = True
    store.save(conversation)
    # Safety instructions are never cut short (in Spanish they pass three UCS-2 segments).
    return Reply(body if answer.escalate == "emergency" else _fit(body), jobs)


def _answer(session: Session, settings: Settings, desk: Desk, text: str, result: InboundResult,
            has_media: bool) -> Answer:
    answer = _answer_the_ask(session, settings, desk, text, result, has_media)
    if _access_path(result.label, text, result.entities) or not any(
            entity.get("kind") in ENTRY_DETAILS for entity in result.entities):
        return answer  # the access path saves what the text gives itself
    # "can you come tomorrow? gate code is 5521": the code is kept for the technician whatever else was asked
    saved = save_access_details(session, desk.contact, desk.upcoming_booking(), text, list(result.entities))
    if saved and answer.text is not None and answer.escalate != "emergency":
        answer.text = f"{saved} {answer.text}"
    return answer


def _answer_the_ask(session: Session, settings: Settings, desk: Desk, text: str, result: InboundResult,
                    has_media: bool) -> Answer:
    label, entities = result.label, list(result.entities)
    if label == "emergency":
        instructions = settings.profile.emergency_instructions_in(wording.current_language(), emergency_hazard(text))
        return Answer(wording.say("emergency", instructions=instructions), escalate="emergency")
    chosen = desk.try_choice(text)
    if chosen is not None:
        return chosen
    stale = desk.reoffer_stale_pick(text)
    if stale is not None:
        return stale
    if (label not in NOT_A_VISIT_QUESTION and asks_when_their_visit_is(text)
            and (told := desk.tell_upcoming()) is not None):
        # "what time are you coming? and do I need to be home?", "...and how much will it be?": every ask answered
        answered = (answer_access_question(settings.profile, text, entities,
                                           _on_file(desk.contact, desk.upcoming_booking()))
                    if topics_asked(text, entities) or asks_a_question(entities)
                    else None)
        price = wording.say("price_follows") if _asks_price(text) else None
        reply = " ".join(part for part in (told.text, answered, price) if part)
        return Answer(reply, told.job_ids, escalate="quote_request" if price else None)
    if asks_for_hours(text) and label in HOURS_QUESTION_LABELS:
        days = tuple(wording.say("weekday_abbreviations").split())
        return Answer(wording.say("hours", hours=describe_hours(settings.profile, days)))
    if _only_a_when(text, entities):
        return desk.offer(text, entities)  # "Sunday", "tomorrow morning?": an ask for times, whatever the model says
    if _access_path(label, text, entities) and (label != "access_details" or topics_asked(text, entities)):
        # "is it ok if my cat is loose?", "can the tech park in my driveway?": however sure the model is
        return _access(session, settings, desk, text, entities)
    if label in ESCALATED_LABELS or result.confidence < settings.escalation_confidence:
        return Answer(None, escalate=label if label in ESCALATED_LABELS else "unsure")
    if label == "availability" and not _names_a_problem(text):
        return desk.offer(text, entities)
    if label == "availability":
        label = "service_request"  # "tengo una fuga, ¿cuándo pueden venir?": a job for staff, and times to pick
    if label in BOOKING_ACTIONS:
        return desk.act_on_booking(BOOKING_ACTIONS[label], text, entities)
    if label == "access_details":
        return _access(session, settings, desk, text, entities)
    if label in LEAD_TEMPLATES:
        lead = _lead(session, settings, desk.contact, label, text, entities, has_media)
        if _asks_for_times(text, entities):  # "leaky faucet, what's your earliest?": the lead, and times to pick
            offered = desk.offer(text, entities, work=True)
            if offered.escalate is None:
                price = f" {wording.say('price_follows')}" if label == "quote_request" else ""
                return Answer(f"{offered.text}{price}", [*lead.job_ids, *offered.job_ids])
        return lead
    return Answer(None, escalate="unsure")


def _for_staff(text: str, has_media: bool) -> str:
    """The customer's words as staff see them, with the photo they sent named (an MMS with no text is not blank)."""
    return f"{text} [photo]".strip() if has_media else text


def _photo_only(session: Session, settings: Settings, contact: Contact) -> Answer:
    """A photo with no words: it belongs to the open request (the lead's photos are the contact's since it opened),
    and staff hear it came; with no request open, staff look at it."""
    lead = open_lead_of(session, contact.id)
    if lead is None:
        return Answer(None, escalate="other")
    lead_id, summary = lead
    jobs = alert_staff(session, settings.profile.staff_numbers, contact, f"lead:{lead_id}",
                       lambda reference: staff_alert(contact, reference, "photo for request", f"[photo] {summary}"))
    return Answer(wording.say("photo_added"), jobs)


def _access_path(label: str, text: str, entities: list[dict]) -> bool:
    """The text goes to _access: labelled access details, or a parking or pets question the profile answers."""
    return label == "access_details" or (label in MAYBE_AN_ACCESS_QUESTION and bool(topics_asked(text, entities)))


def _flag(reason: str, text: str) -> str:
    """A complaint about water damage already done is urgent for staff (not the emergency script)."""
    return URGENT if reason == "complaint" and damage_complaint(for_rules(text)) else ""


# Words around a day or time that ask nothing else: "tuesday afternoon if possible", "hola, el sábado por favor".
# Not "works", "ok" or "how about": with a visit on the books those confirm or move it.
_FILLER = re.compile(r"\b(?:please|pls|plz|if possible|if you can|preferably|ideally|maybe|perhaps|any ?time|or|and"
                     r"|hi|hello|hey|por favor|porfa|si se puede|si es posible|de preferencia|o|y|hola|buenas"
                     r"|puede ser|tal vez|quiz[aá]s?)\b")


# A request for work that also asks when: "what's your earliest?", "can someone come tomorrow?".
_ASKS_WHEN = re.compile(
    r"\b(?:earliest|soonest|how\s+soon|when\s+(?:can|could|are|r)\s+(?:you|u|someone|somebody|y'?all|the\s+tech)"
    r"|any\s+(?:openings|availability|time\s+slots)|what\s+(?:days|times)\s+(?:do\s+you|are\s+you)"
    r"|cu[aá]ndo\s+(?:pueden|puede|podr[ií]an)|lo\s+antes\s+posible|qu[eé]\s+d[ií]as\s+tienen)\b", re.IGNORECASE)


# A price asked beside another ask: "...and how much will it be?", "¿cuánto me va a costar?".
_ASKS_PRICE = re.compile(
    r"\bhow\s+much\b|\bwhat(?:'s|\s+is|\s+will\s+be|\s+would\s+be)\s+(?:the\s+|your\s+)?(?:price|cost|charge|fee)\b"
    r"|\b(?:price|quote|estimate)\s+(?:for|on)\b|\bcu[aá]nto\s+(?:me\s+|nos\s+)?(?:va\s+a\s+)?(?:cuesta|costar|cobran|cobrar"
    r"|sale|saldr[ií]a|ser[ií]a|es)\b|\bqu[eé]\s+precio\b", re.IGNORECASE)


# A problem at the house named beside an ask for times: "my toilet won't stop running, can somebody look this week?".
_PROBLEM = re.compile(
    r"\b(?:leak\w*|clog\w*|backed\s+up|backing\s+up|dripp?ing|broken|broke|stopped\s+working|no\s+hot\s+water"
    r"|(?:won'?t|wont|doesn'?t|does\s+not|isn'?t|is\s+not|not)\s+(?:stop\w*|drain\w*|flush\w*|turn\w*\s+on|start\w*|work\w*"
    r"|heat\w*|cool\w*|open\w*|close\w*)"
    r"|fuga|gotea\w*|gotera|tapad[oa]|tap[oó]n|roto|rota|no\s+hay\s+agua\s+caliente|se\s+(?:descompuso|rompi[oó]|tap[oó])"
    r"|no\s+(?:prende|funciona|sirve|enfr[ií]a|calienta|drena|jala|para\s+de))\b", re.IGNORECASE)


def _names_a_problem(text: str) -> bool:
    return bool(_PROBLEM.search(text))


def _asks_price(text: str) -> bool:
    return bool(_ASKS_PRICE.search(text))


def _asks_for_times(text: str, entities: list[dict]) -> bool:
    return bool(_ASKS_WHEN.search(text)) or any(entity.get("kind") in WHEN_KINDS for entity in entities)


def _only_a_when(text: str, entities: list[dict]) -> bool:
    """The message is nothing but a day or a time (with punctuation and a please)."""
    whens = [entity for entity in entities if entity.get("kind") in WHEN_KINDS]
    if not whens:
        return False
    rest = text
    for entity in sorted(whens, key=lambda entity: entity["start"], reverse=True):
        rest = rest[: entity["start"]] + rest[entity["end"]:]
    return not any(character.isalnum() for character in _FILLER.sub(" ", rest.lower()))


def _access(session: Session, settings: Settings, desk: Desk, text: str, entities: list[dict]) -> Answer:
    booking = desk.upcoming_booking()
    # What was on file before this text: what the text gives is confirmed by `saved`, not repeated back.
    on_file = _on_file(desk.contact, booking)
    saved = save_access_details(session, desk.contact, booking, text, entities)
    answered = answer_access_question(settings.profile, text, entities, on_file)
    parts = [part for part in (saved, answered) if part]
    return Answer(" ".join(parts)) if parts else Answer(None, escalate="unsure")


def _on_file(contact: Contact, booking: Booking | None) -> dict:
    """The access details saved for the technician: the visit's over the address's."""
    addresses = contact.addresses
    return {**((addresses[-1].access_notes or {}) if addresses else {}),
            **((booking.access_notes or {}) if booking is not None else {})}


def _lead(session: Session, settings: Settings, contact: Contact, label: str, text: str, entities: list[dict],
          has_media: bool) -> Answer:
    lead_id, reminder = open_lead(session, settings, contact, label, text)
    missing = []
    if not any(address.line1 and not address.line1.startswith("(") for address in contact.addresses):
        missing.append("the address")
    if label == "quote_request" and not has_media:
        missing.append("a photo of the problem")
    if not any(entity.get("kind") == "date" for entity in entities):
        missing.append("a day that works for you")
    asked = wording.say("lead_missing", items=wording.listing(missing)) if missing else ""
    jobs = alert_staff(session, settings.profile.staff_numbers, contact, f"lead:{lead_id}",
                       lambda reference: staff_alert(contact, reference, label, _for_staff(text, has_media)),
                       with_jobs=[reminder])
    return Answer(wording.say(LEAD_TEMPLATES[label], missing=asked), jobs)


def _key(opening: datetime | None) -> str | None:
    return opening.isoformat() if opening else None


def _reader_opening(settings: Settings, opening: datetime | None, zone: tzinfo) -> datetime | None:
    """The office's opening as promised to the reader: not before automated texts may reach them locally
    (the office opening at 8am New York is 5am in Los Angeles, where we say 8am)."""
    if opening is None or zone is None:
        return opening
    local = opening.astimezone(zone)
    span = settings.compliance_rules.automated_hours.on(local.weekday(), False)
    if span is not None and local.time() < span[0]:
        return datetime.combine(local.date(), span[0], zone).astimezone(opening.tzinfo)
    return opening


def _escalated(settings: Settings, opening: datetime | None, now: datetime, office_open: bool, zone: tzinfo) -> str:
    if office_open:
        return wording.say("escalated", when=wording.say("escalated_soon"))
    opening = _reader_opening(settings, opening, zone)
    when = describe_opening(opening, now, zone) if opening else "as soon as we can"
    return wording.say("escalated", when=when)


def _after_hours(settings: Settings, opening: datetime | None, now: datetime, zone: tzinfo, *,
                 key: str = "after_hours") -> str:
    """The office's next opening, told in the customer's zone like the options in the same message.

    key "after_hours_short" says it in fewer words, for an answer that would otherwise be cut.
    """
    opening = _reader_opening(settings, opening, zone)
    return wording.say(key, opening=describe_opening(opening, now, zone) if opening else "as soon as we can")


def _with_fewer_options(body: str, desk: Desk) -> str:
    """Offered times that pass three segments (Spanish is UCS-2, 67 characters a part), made to fit: the last
    options dropped (and no longer held) down to two, then the closed day's name, then options down to one. The
    instruction to reply with the number and the office's hours are never the part cut."""
    offered = desk.conversation.offered_slots
    shown = wording.localised(format_options(offered, desk.reader_zone, desk.now)) if offered else ""
    if not shown or shown not in body:
        return body  # no options in this answer (those held were offered before)
    for fewest in (2, 1):
        while segments(body) > MAX_SEGMENTS and len(offered) > fewest:
            offered = offered[:-1]
            fewer = wording.localised(format_options(offered, desk.reader_zone, desk.now))
            body, shown = body.replace(shown, fewer), fewer
            desk.conversation.offer(offered, desk.conversation.offered_for_booking)
        if segments(body) > MAX_SEGMENTS and fewest == 2:
            body = _CLOSED_DAY_NAME.sub("", body, count=1)
    return body


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def _fit(body: str) -> str:
    """Keep an answer within three SMS segments; the options and notes come first, so cut the tail: whole
    sentences from the end while more than one is left, and only then words."""
    sentences = _SENTENCE_BREAK.split(body)
    while segments(body) > MAX_SEGMENTS and len(sentences) > 1:
        sentences.pop()
        body = " ".join(sentences)
    while segments(body) > MAX_SEGMENTS:
        body = body[: int(len(body) * 0.9)].rsplit(" ", 1)[0] + "..."
    return body

