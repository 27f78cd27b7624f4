"""Classify an inbound SMS: compliance rules first, then emergencies, then the trained textcat."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from classifiers import keywords, prefilter
from classifiers.cues import cue_label, is_bare_acknowledgement
from classifiers.emergency import damage_complaint, emergency_denied, emergency_kind
from classifiers.emergency_es import spanish_emergency_denied, spanish_emergency_kind
from classifiers.entities import find_entities
from classifiers.language import detect_language
from classifiers.pipeline import load
from classifiers.text import for_model, for_rules, without_greeting

INBOUND_LABELS = (
    "opt_out", "opt_in", "help", "availability", "access_details", "booking_confirm",
    "booking_reschedule", "booking_cancel", "quote_request", "service_request", "emergency",
    "complaint", "human", "other",
)
# Consent changes are never left to the statistical model: the rules decide them alone.
RULE_ONLY_LABELS = frozenset({"opt_out", "opt_in"})
MODEL_LABELS = tuple(label for label in INBOUND_LABELS if label not in RULE_ONLY_LABELS)

KEYWORD_CONFIDENCE = 1.0
REVOCATION_CONFIDENCE = 0.98
EMERGENCY_CONFIDENCE = 0.95
OPT_IN_REQUEST_CONFIDENCE = 0.95
CUE_CONFIDENCE = 0.9
BARE_YES_CONFIDENCE = 0.9
# "other" means "we cannot tell": below this the model's guess is not worth acting on.
UNSURE_LABEL = "other"
MIN_MODEL_CONFIDENCE = 0.25
# The emergency rules are thorough; a model-only emergency must be at least this likely.
MIN_MODEL_EMERGENCY = 0.5


@dataclass(frozen=True)
class InboundResult:
    label: str
    confidence: float
    opt_out_scope: str | None = None
    entities: list[dict] = field(default_factory=list)
    language: str | None = None  # "en", "es", "mixed", or None when the text shows none (classifiers.language)

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "confidence": self.confidence,
            "opt_out_scope": self.opt_out_scope,
            "entities": [dict(e) for e in self.entities],
            "language": self.language,
        }


def emergency_hazard(text: str) -> str | None:
    """The danger an emergency text names ("gas", "flooding", "electrical", ... see EMERGENCY_HAZARDS), or None
    when the rules name none (the model alone called it an emergency)."""
    return _hazard(for_rules(text))


def _hazard(norm: str) -> str | None:
    return emergency_kind(norm) or spanish_emergency_kind(norm)


def rule_decision(text: str) -> tuple[str, float, str | None] | None:
    """(label, confidence, opt_out_scope) when a rule decides the message, else None.

    Order is the product's priority: whole-message keywords, revocations, emergencies,
    requests to be texted again, unmistakable intent cues, then a bare yes (a booking
    confirmation here).
    """
    keyword = keywords.whole_message_keyword(text)
    if keyword:
        return keyword, KEYWORD_CONFIDENCE, "all" if keyword == "opt_out" else None
    scope = keywords.revocation_scope(text)
    if scope:
        return "opt_out", REVOCATION_CONFIDENCE, scope
    norm = for_rules(text)
    if _hazard(norm):
        return "emergency", EMERGENCY_CONFIDENCE, None
    if damage_complaint(norm):
        return "complaint", CUE_CONFIDENCE, None
    if keywords.is_opt_in_request(text):
        return "opt_in", OPT_IN_REQUEST_CONFIDENCE, None
    cue = cue_label(without_greeting(text))  # "Buenas tardes, confirmo mi cita": the cue after the greeting
    if cue:
        return cue, CUE_CONFIDENCE, None
    if keywords.is_opt_in_yes(text):
        return "booking_confirm", BARE_YES_CONFIDENCE, None
    if is_bare_acknowledgement(text):
        # "k", "👍", "gracias": nothing asked. Whether it agrees to an offered time is the conversation's
        # call (responder.desk reads acknowledgements before any label).
        return UNSURE_LABEL, CUE_CONFIDENCE, None
    if not for_model(text).strip():
        return UNSURE_LABEL, 1.0, None
    return None


# "Don't cancel, I just need a later time", "sí, no la cancelen": the word the model leans on, denied.
_CANCEL_DENIED = prefilter.compile(
    r"\b(?:don'?t|do\s+not|dont|no\s+need\s+to|please\s+don'?t|not\s+trying\s+to)\s+cancel\b"
    r"|\bno\s+(?:la|lo|me\s+la|me\s+lo|nos\s+la|nos\s+lo)\s+cancel(?:en|e|es|ar)\b|\bno\s+(?:quiero|queremos)\s+cancelar\b"
)


def _cancel_denied(text: str) -> bool:
    return bool(_CANCEL_DENIED.search(for_rules(text)))


def _danger_denied(text: str) -> bool:
    """The emergency rules found a danger only where the customer says it is gone or absent."""
    norm = for_rules(text)
    return emergency_denied(norm) or spanish_emergency_denied(norm)


def _from_model(cats: dict[str, float], *, emergency_allowed: bool = True,
                cancel_allowed: bool = True) -> tuple[str, float]:
    total = sum(cats.get(label, 0.0) for label in MODEL_LABELS) or 1.0
    ranked = sorted(MODEL_LABELS, key=lambda label: cats.get(label, 0.0), reverse=True)
    if not cancel_allowed:
        ranked.remove("booking_cancel")
    label = ranked[0]
    if label == "emergency" and (not emergency_allowed or cats[label] / total < MIN_MODEL_EMERGENCY):
        label = ranked[1]
    confidence = round(cats.get(label, 0.0) / total, 4)
    if confidence < MIN_MODEL_CONFIDENCE:
        label = UNSURE_LABEL
        confidence = round(cats.get(label, 0.0) / total, 4)
    return label, confidence


def classify_inbound(text: str) -> InboundResult:
    """Label one inbound message, find its date, time and access entities, and say its language."""
    return classify_inbound_batch([text])[0]


def classify_inbound_batch(texts: Iterable[str]) -> list[InboundResult]:
    """classify_inbound for many messages; the model runs once, batched, on those rules leave open."""
    texts = list(texts)
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
    decisions = [rule_decision(text) for text in texts]
    open_idx = [i for i, decided in enumerate(decisions) if decided is None]
    if open_idx:
        nlp = load().inbound
        docs = nlp.pipe(for_model(without_greeting(texts[i])) for i in open_idx)  # "Buenos días, ...": what follows
        for i, doc in zip(open_idx, docs, strict=True):
            decisions[i] = (*_from_model(doc.cats, emergency_allowed=not _danger_denied(texts[i]),
                                         cancel_allowed=not _cancel_denied(texts[i])), None)
    return [
        InboundResult(label=label, confidence=confidence, opt_out_scope=scope, entities=find_entities(text),
                      language=detect_language(text))
        for text, (label, confidence, scope) in zip(texts, decisions, strict=True)
    ]
