"""Access details: save codes, pets, parking and key notes for the technician; answer access questions.

Codes are stored for the visit and never repeated back in full, and never written to a log.
"""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from responder import wording
from responder.profile import BusinessProfile
from store.models import Booking, Contact, WorkAddress, utcnow

CODE_KINDS = {"gate_code": "gate code", "lockbox_code": "lockbox code", "alarm_code": "alarm code",
              "door_code": "door code"}
NOTE_KINDS = {"pet": "pets", "parking": "parking", "unit": "unit/buzzer", "key_location": "key location"}
QUESTION_KIND = "home_question"
ENTRY_WORDS = ("get in", "let in", "let themselves", "access", "key", "lockbox", "entrar", "llave", "abrir",
               "abra")
HOME_WORDS = ("home", "en casa", "en la casa", "estar presente")
PLACEHOLDER_ADDRESS = "(address not given yet)"
LETS_THEM_IN = ("lockbox_code", "door_code", "key_location")  # on file, nobody needs to be home
# A question about a topic the profile answers: "where should the tech park?", "do I need to put the dog away?".
TOPIC_ANSWERS = {"parking": "parking", "pet": "pets"}  # entity kind -> profile access answer
_QUESTION = re.compile(
    r"\?|^\s*(?:do|does|did|can|could|should|shall|is|are|will|would|where|how|what|may|must"
    r"|tengo|tenemos|puede|pueden|se puede|donde|dónde|hay que|debo|debemos|necesito)\b", re.IGNORECASE)


def topics_asked(text: str, entities: list[dict]) -> list[str]:
    """The profile answers a question in `text` asks for ("parking", "pets"), in the order named; [] if none."""
    if not _QUESTION.search(text):
        return []
    kinds = [entity.get("kind") for entity in entities]
    return [TOPIC_ANSWERS[kind] for kind in dict.fromkeys(kinds) if kind in TOPIC_ANSWERS]


_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence_around(text: str, entity: dict) -> tuple[int, re.Match[str] | None]:
    """Where the entity's sentence starts, and the mark that ends it (None at the end of the text)."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, entity["start"])), default=0)
    return start, _SENTENCE_END.search(text, entity["end"])


def _asked_in_a_question(text: str, entity: dict) -> bool:
    """The entity sits in a sentence that asks ("can I leave the key under the mat?"): a proposal, not a note."""
    start, end = _sentence_around(text, entity)
    return bool((end and end.group() == "?") or _QUESTION.match(text[start:].lstrip()))


MAX_NOTE_CHARS = 200


def _sentence_of(text: str, entity: dict) -> str:
    start, end = _sentence_around(text, entity)
    sentence = text[start:end.start() if end else len(text)].strip()
    return sentence[:MAX_NOTE_CHARS] or entity.get("text", "")


def save_access_details(session: Session, contact: Contact, booking: Booking | None, text: str,
                        entities: list[dict]) -> str | None:
    """Save what the message gives on the booking, else the work address; the confirmation, or None."""
    notes: dict = {}
    saved: list[str] = []
    asked = topics_asked(text, entities)
    for entity in entities:
        kind = entity.get("kind")
        if kind in TOPIC_ANSWERS and TOPIC_ANSWERS[kind] in asked:
            continue  # "where should the tech park?", "¿tengo que encerrar al perro?" ask; they tell us nothing to note
        if kind == "key_location" and "start" in entity and _asked_in_a_question(text, entity):
            continue  # "can I leave the key under the mat?" asks whether the business allows it
        if kind in CODE_KINDS and entity.get("value"):
            notes[kind] = entity["value"]
            saved.append(f"the {CODE_KINDS[kind]} (ending {entity['value'][-2:]})")
        elif kind in NOTE_KINDS:
            # the whole sentence: "the dog will be out in the yard, he's friendly", not "the dog"
            notes[kind] = _sentence_of(text, entity) if "start" in entity else entity.get("text", "")
            saved.append(f"the {NOTE_KINDS[kind]} note")
    if not notes and not asks_a_question(entities) and not asked:
        notes["note"] = text
    if notes:
        notes["updated_at"] = utcnow().isoformat()
        target = booking if booking is not None else _address(session, contact)
        target.access_notes = {**(target.access_notes or {}), **notes}
    if saved:
        return wording.say("access_saved", items=wording.listing(saved))
    if "note" in notes:
        return wording.say("access_nothing_found")
    return None


def answer_access_question(profile: BusinessProfile, text: str, entities: list[dict], on_file: dict) -> str | None:
    """The answer to "how will the tech get in?" or "do I need to be home?", or None when not asked.

    What the customer saved before this message (`on_file`: the visit's access notes over the address's)
    answers first, and alone: a lockbox code on file is not followed by "someone must be home". What this
    message itself gives was just confirmed as saved, so the business's own rules answer: "do I need to be
    home or can I leave the key?" gets both the home and the entry answers, never a promise to use the key.
    """
    answers = profile.access_answers_in(wording.current_language())
    on_topic = [answers[topic] for topic in topics_asked(text, entities) if answers.get(topic)]
    if on_topic:
        return " ".join(on_topic)
    lowered = text.lower()
    home = any(word in lowered for word in HOME_WORDS)
    if not asks_a_question(entities) and not home:
        return None
    entry = any(word in lowered for word in ENTRY_WORDS)
    saved = _described(on_file)
    if saved and (entry or any(kind in on_file for kind in LETS_THEM_IN)):
        return wording.say("access_on_file", items=wording.listing(saved))
    if entry and home and asks_a_question(entities):
        return " ".join(answer for answer in (answers.get("home_required"), answers.get("tech_entry")) if answer)
    return answers.get("tech_entry" if entry else "home_required") or answers.get("home_required")


def _described(notes: dict) -> list[str]:
    """What is on file, codes shown by their last two characters only."""
    described = [f"the {label} (ending {str(notes[kind])[-2:]})"
                 for kind, label in CODE_KINDS.items() if notes.get(kind)]
    described += [f"the {NOTE_KINDS[kind]} note" for kind in ("key_location", "unit") if notes.get(kind)]
    return described


def asks_a_question(entities: list[dict]) -> bool:
    return any(entity.get("kind") == QUESTION_KIND for entity in entities)


def _address(session: Session, contact: Contact) -> WorkAddress:
    if contact.addresses:
        return contact.addresses[-1]
    address = WorkAddress(contact_id=contact.id, line1=PLACEHOLDER_ADDRESS, access_notes={})
    session.add(address)
    contact.addresses.append(address)
    return address

