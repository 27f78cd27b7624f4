"""classifiers.prefilter: the literals read from a pattern are a necessary condition of its match, so
a prefiltered rule finds exactly what the plain regex finds."""

from __future__ import annotations

import gc
import random
import re

import pytest

import classifiers
from classifiers import prefilter, promotional
from classifiers.corpus import read_jsonl
from classifiers.frozen import frozen_rows
from classifiers.text import for_rules


def literals(pattern: str, flags: int = re.IGNORECASE) -> set[str] | None:
    found = prefilter.required_literals(re.compile(pattern, flags))
    return None if found is None else set(found)


def test_the_most_selective_literals_of_a_sequence_are_kept():
    assert literals(r"\bstop\s+(?:texting|messaging)\b") == {"texting", "messaging"}
    assert literals(r"\bno\s+more\s+messages\b") == {"messages"}
    assert literals(r"\btexts?\b") == {"text"}  # "texts" contains "text": one check does for both


def test_optional_parts_spell_out_their_variants():
    assert literals(r"\bun-?subscribe\b") == {"unsubscribe", "un-subscribe"}
    assert literals(r"\bx{2}\b") == {"xx"}


def test_zero_width_parts_do_not_break_a_literal():
    assert literals(r"\bstop(?=\s+now)") == {"stop"}
    assert literals(r"^(?<!don't )\bstop\b$") == {"stop"}


def test_a_case_sensitive_group_still_gives_its_letters():
    assert literals(r"(?-i:Mon)day") == {"monday"}


def test_non_ascii_letters_are_never_literals():
    assert literals(r"c[oó]digo") == {"digo"}
    assert literals(r"ñ+") is None


def test_no_literal_when_one_alternative_has_none():
    assert literals(r"stop|\d+") is None
    assert literals(r"[a-z]+\d") is None
    assert prefilter.compile(r"[a-z]+\d").search("abc1").group() == "abc1"


def test_a_text_without_the_literals_is_skipped_and_one_with_them_is_matched():
    rule = prefilter.compile(r"\bstop\s+(?:texting|messaging)\b", re.IGNORECASE)
    assert not rule.possible("please come at noon")
    assert rule.search("please come at noon") is None
    assert list(rule.finditer("please come at noon")) == []
    assert rule.search("STOP TEXTING ME").span() == (0, 12)
    assert rule.possible("texting is fine")  # possible, and then the regex itself decides
    assert rule.search("texting is fine") is None


@pytest.mark.parametrize("text", ["\u017ftop now", "\u0130t is", "\u212aeep it", "\u0131t is"])
def test_letters_that_ignorecase_matches_to_ascii_ones_are_found(text):
    for pattern in (r"\bstop\b", r"\bit\s+is\b", r"\bkeep\b"):
        regex = re.compile(pattern, re.IGNORECASE)
        expected = regex.search(text)
        found = prefilter.compile(regex).search(text)
        assert (found and found.span()) == (expected and expected.span())


def test_ascii_twins_are_every_non_ascii_character_ignorecase_matches_to_a_letter():
    twins = {}
    for code in range(0x80, 0x110000):
        char = chr(code)
        if re.fullmatch("[a-z]", char, re.IGNORECASE):
            twins[code] = next(a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, char, re.IGNORECASE))
    assert twins == prefilter.ASCII_TWINS


def test_random_texts_match_the_same_with_and_without_the_prefilter():
    patterns = [r"\bun-?subscribe\b", r"(?-i:Mon)day", r"\bst(?:op|art)\s+it\b", r"\b(?:no|ya\s+no)\s+quiero\b",
                r"x{2,3}y", r"(?:ab|cd)?ef", r"\b(?:remove|delete)\s+me\b(?!\s+from)"]
    pieces = ["stop", "un", "subscribe", "quiero", "ya no", "remove me", "Mon", "day", "ef"]
    alphabet = list("abcdefmnopqrstuxy -'\u017f\u0130\u0131\u212aMOSTN") + pieces
    rng = random.Random(11)
    for pattern in patterns:
        regex = re.compile(pattern, re.IGNORECASE)
        rule = prefilter.compile(regex)
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 10)))
            assert [m.span() for m in rule.finditer(text)] == [m.span() for m in regex.finditer(text)], (pattern, text)


def _rules_in_use() -> list[prefilter.Prefiltered]:
    classifiers.load()
    return [obj for obj in gc.get_objects() if isinstance(obj, prefilter.Prefiltered)]


def test_every_rule_in_use_is_possible_wherever_it_matches_in_the_frozen_texts():
    rules = _rules_in_use()
    assert len(rules) > 400
    inbound = [r["text"] for r in frozen_rows("inbound")]
    outbound = [promotional.fold(r["text"]) for r in frozen_rows("outbound")]
    # each text as the rule families read it: as sent, for_rules, accent-folded and its lower-case copy
    for text in inbound + [for_rules(t) for t in inbound] + outbound + [t.lower() for t in outbound]:
        for rule in rules:
            if rule.regex.search(text):
                assert rule.possible(text), (rule.regex.pattern, text)


def test_a_rule_index_offers_exactly_the_rules_whose_literals_occur():
    rules = _rules_in_use()
    index = prefilter.RuleIndex(rules)
    for row in read_jsonl("inbound_test"):
        for text in (row["text"], for_rules(row["text"])):
            assert index.candidates(text) == [i for i, rule in enumerate(rules) if rule.possible(text)]
