"""High-precision intent cues the bag-of-words model tends to miss, decided before the model."""

from __future__ import annotations

import re

from classifiers.text import for_rules, squeeze

# Asking for a person (the model confuses "is this a bot?" with "who is this?", a help request).
HUMAN_PATTERNS: tuple[str, ...] = (
    r"\b(?:is\s+this|are\s+you|am\s+i\s+(?:talking|texting|chatting)\s+(?:to|with))\s+(?:a\s+|an\s+)?(?:real\s+)?"
    r"(?:bot|robot|machine|computer|ai|automated|auto\s*reply|person|human)\b",
    r"\b(?:person|human)\s+or\s+(?:a\s+)?(?:bot|robot|machine|computer)\b",
    r"\b(?:real|live|actual)\s+(?:person|human|agent|people)\b",
    r"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+|your\s+)?(?:human|person|manager|owner|supervisor"
    r"|agent|representative|rep|operator)\b",
    r"\bis\s+(?:any|some)(?:body|one)\s+(?:actually\s+|even\s+)?(?:reading|there|getting)\b",
)
# "cancel" standing alone next to other sentences ("Something came up, cancel.") is about the visit:
# only a whole-message CANCEL is the compliance keyword.
CANCEL_WORDS = frozenset({"CANCEL", "CANCELAR", "CANCELLED", "CANCELED", "CANCELING", "CANCELLING"})
_CLAUSES = re.compile(r"[.!?;,\n]+|\s[-\u2013\u2014]+\s")
_POLITE = frozenset({"PLEASE", "PLS", "PLZ", "THANKS", "THX", "OK", "SO", "JUST", "THEN", "AND"})

_HUMAN = re.compile("|".join(f"(?:{p})" for p in HUMAN_PATTERNS))


def cue_label(text: str) -> str | None:
    """human or booking_cancel when an unmistakable cue is present, else None."""
    if _HUMAN.search(for_rules(text)):
        return "human"
    clauses = [[w for w in squeeze(part) if w not in _POLITE] for part in _CLAUSES.split(text)]
    if len([c for c in clauses if c]) > 1 and any(len(c) == 1 and c[0] in CANCEL_WORDS for c in clauses):
        return "booking_cancel"
    return None
