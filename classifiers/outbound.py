"""Check an outbound message for promotional content before it is sent as non-marketing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from classifiers.pipeline import load
from classifiers.promotional import promo_spans
from classifiers.text import for_model

PROMOTIONAL_LABEL = "promotional"
# The rules are the primary detector; the model alone flags a message only when it is confident
# (at 0.5 its held-out false positives were ordinary greetings and invoices).
THRESHOLD = 0.8
# A rule hit is promotional whatever the model thinks; the score says so.
RULE_HIT_SCORE = 0.9
MODEL_ONLY_REASON = "promotional tone"
DEFAULT_PURPOSE = "transactional"
# Distinct (text, purpose) pairs remembered by check_outbound: the send gate sees the same templates
# again and again; bounded so that free-form staff texts cannot grow it without limit.
OUTBOUND_CACHE_SIZE = 4096
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass(frozen=True)
class OutboundResult:
    promotional: bool
    score: float
    spans: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"promotional": self.promotional, "score": self.score, "spans": [dict(s) for s in self.spans]}


def check_outbound(text: str, purpose: str = DEFAULT_PURPOSE) -> OutboundResult:
    """Flag promotional wording in text, with the spans to remove.

    The result is the same for every purpose: for "marketing" the caller decides what to do
    with a promotional message (it needs marketing consent), nothing is raised here.
    Results are memoised per (text, purpose) in a bounded LRU; each call returns its own copy.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    result = _check_memoised(text, purpose)
    return replace(result, spans=[dict(span) for span in result.spans])


@lru_cache(maxsize=OUTBOUND_CACHE_SIZE)
def _check_memoised(text: str, purpose: str) -> OutboundResult:
    """The pure check (the default model is loaded once and never changes), remembered."""
    return check_outbound_batch([(text, purpose)])[0]


def cache_info():
    """Hits, misses, maxsize and current size of check_outbound's memo."""
    return _check_memoised.cache_info()


def clear_cache() -> None:
    _check_memoised.cache_clear()


def check_outbound_batch(items: Iterable[str | tuple[str, str]]) -> list[OutboundResult]:
    """check_outbound for many messages: strings or (text, purpose) pairs; one batched model pass."""
    texts = [item if isinstance(item, str) else item[0] for item in items]
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
    return [_result(text, p) for text, p in zip(texts, _probabilities(texts), strict=True)]


def _probabilities(texts: list[str]) -> list[float]:
    """The model's promotional probability per text; 0.0 for a text with nothing to read."""
    model_texts = [for_model(text) for text in texts]
    readable = [i for i, t in enumerate(model_texts) if t.strip()]
    probabilities = [0.0] * len(texts)
    for i, doc in zip(readable, load().outbound.pipe(model_texts[i] for i in readable), strict=True):
        probabilities[i] = doc.cats.get(PROMOTIONAL_LABEL, 0.0)
    return probabilities


def _result(text: str, probability: float) -> OutboundResult:
    spans = promo_spans(text)
    score = max(probability, RULE_HIT_SCORE) if spans else probability
    if not spans and score >= THRESHOLD:
        spans = [_most_promotional_sentence(text)]
    return OutboundResult(promotional=score >= THRESHOLD, score=round(score, 4), spans=spans)


def _most_promotional_sentence(text: str) -> dict:
    """The sentence the model scores highest, for a message flagged by the model alone."""
    sentences = [m for m in _SENTENCE.finditer(text) if for_model(m.group()).strip()]
    if not sentences:
        return {"start": 0, "end": len(text), "text": text, "reason": MODEL_ONLY_REASON}
    scores = _probabilities([m.group() for m in sentences])
    best = max(zip(sentences, scores, strict=True), key=lambda pair: pair[1])[0]
    raw = best.group()
    start = best.start() + len(raw) - len(raw.lstrip())
    end = best.start() + len(raw.rstrip())
    return {"start": start, "end": end, "text": text[start:end], "reason": MODEL_ONLY_REASON}
