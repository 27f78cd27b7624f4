"""Regexes that skip a text at once when it lacks a word every match of theirs must contain.

Python's regex engine tries a rule like r"\\bstop\\s+(?:texting|messaging)" at every position of a
message (no literal prefix helps it under IGNORECASE or after a \\b), and the rule families run a few
hundred such rules per message. `compile` reads each pattern's parse tree once and finds a set of
literal strings of which every possible match contains at least one ("stop" here; {"remove",
"delete"} for r"(?:remove|delete)\\s+me"). A message whose folded copy contains none of them cannot
match, and the regex is not run; otherwise it runs as written. The result is always the regex's own:
the literals are a necessary condition, never a replacement, so rule authors keep writing plain
regexes. A pattern with no such literal (r"[a-z]+\\d") simply always runs.

Case: literals are lower-case ASCII, compared with the message lower-cased after mapping the four
non-ASCII letters that IGNORECASE matches to an ASCII one (İ ı ſ K). Non-ASCII pattern letters are
never used as literals (their case rules are wider), so the condition holds for every text.
"""

from __future__ import annotations

import re

# The standard library's own regex parser (private modules of Python 3.11+), so that the parse tree read
# here is exactly the one the engine compiles.
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterable
from itertools import product

# Non-ASCII characters that an ASCII letter matches under IGNORECASE (checked over all of Unicode by
# tests/test_classifiers_prefilter.py).
ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
# Bounds that keep the literal sets small: a set with more strings costs more `in` checks per text.
_MAX_SET = 48
_MAX_UNION = 128
_MAX_REPEAT = 3
# From this many literals one regex pass over the text is quicker than an `in` check per literal.
_SCAN_FROM = 8

_Tree = list  # a parsed sequence: [(op, av), ...]


def folded(text: str) -> str:
    """The form the literals are looked up in. The last text's is kept: every rule of a family looks
    at the same message (an identity check, so a repeated benchmark message gains nothing)."""
    last = _last_folded
    if last[0] is text:
        return last[1]
    return _fold(text)


def _fold(text: str) -> str:
    global _last_folded
    fold = text.translate(ASCII_TWINS).lower()
    _last_folded = (text, fold)
    return fold


_last_folded = ("", "")


def _trie(words: Iterable[str]) -> str:
    """One regex for a set of strings, written as their trie ("st(?:op|art)"): the engine reads it
    in one pass with one choice per character, where a flat alternation tries every string at every
    position. At a position it matches the longest of the strings that starts there."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def written(node: dict) -> str:
        branches = [re.escape(char) + written(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return written(root)


class Prefiltered:
    """A compiled regex (search, match, fullmatch, finditer, findall) run only on texts containing
    one of its required literals; anything else is the underlying re.Pattern's."""

    __slots__ = ("regex", "literals", "_scan")

    def __init__(self, regex: re.Pattern[str], literals: tuple[str, ...] | None):
        self.regex = regex
        self.literals = literals
        self._scan = re.compile(_trie(literals)).search if literals and len(literals) > _SCAN_FROM else None

    def possible(self, text: str) -> bool:
        """False only when no match can exist in text."""
        literals = self.literals
        if literals is None:
            return True
        if self._scan is not None:
            return self._scan(folded(text)) is not None
        fold = folded(text)
        for literal in literals:
            if literal in fold:
                return True
        return False

    def search(self, text: str, *args):
        return self.regex.search(text, *args) if self.possible(text) else None

    def match(self, text: str, *args):
        return self.regex.match(text, *args) if self.possible(text) else None

    def fullmatch(self, text: str, *args):
        return self.regex.fullmatch(text, *args) if self.possible(text) else None

    def finditer(self, text: str, *args):
        return self.regex.finditer(text, *args) if self.possible(text) else iter(())

    def findall(self, text: str, *args):
        return self.regex.findall(text, *args) if self.possible(text) else []

    def __getattr__(self, name: str):
        if name in Prefiltered.__slots__:  # not set yet (a copy being made): not the regex's
            raise AttributeError(name)
        return getattr(self.regex, name)

    def __repr__(self) -> str:
        return f"Prefiltered({self.regex!r}, literals={self.literals!r})"


class RuleIndex:
    """A list of Prefiltered rules and, for a text, the ones that may match it: one pass over the
    text finds which of all the list's literals occur, instead of a check per rule."""

    def __init__(self, patterns: Iterable[Prefiltered]):
        self.patterns = tuple(patterns)
        self._always = frozenset(i for i, p in enumerate(self.patterns) if p.literals is None)
        owners: dict[str, set[int]] = {}
        for index, pattern in enumerate(self.patterns):
            for literal in pattern.literals or ():
                owners.setdefault(literal, set()).add(index)
        # The scan reports the longest literal starting at a position; the shorter ones starting
        # there are its prefixes, so a literal stands for the rules of each literal it begins with.
        self._rules_of = {
            literal: frozenset().union(*(owners.get(literal[:end], ()) for end in range(1, len(literal) + 1)))
            for literal in owners
        }
        self._scan = re.compile(f"(?=({_trie(owners)}))").findall if owners else None

    def __iter__(self):
        return iter(self.patterns)

    def __len__(self) -> int:
        return len(self.patterns)

    def __getitem__(self, index: int) -> Prefiltered:
        return self.patterns[index]

    def candidates(self, text: str) -> list[int]:
        """Indices of the rules that may match text, in list order."""
        found = set(self._always)
        if self._scan is not None:
            rules_of = self._rules_of
            for literal in set(self._scan(folded(text))):
                found |= rules_of[literal]
        return sorted(found)


def compile(pattern: str | re.Pattern[str], flags: int = 0) -> Prefiltered:  # noqa: A001 - re.compile's name
    """re.compile(pattern, flags) with its required literals."""
    regex = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
    return Prefiltered(regex, required_literals(regex))


def required_literals(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings at least one of which every match of regex contains, or None."""
    if regex.flags & (re.LOCALE | re.ASCII) or not isinstance(regex.pattern, str):
        return None
    tree = sre_parse.parse(regex.pattern, regex.flags)
    found = _required(list(tree.data), {})
    if not found or "" in found:
        return None
    return tuple(sorted(found, key=lambda s: (len(s), s)))


def _minimal(strings: set[str]) -> frozenset[str]:
    """The strings without those containing a shorter one of the set (found whenever it is)."""
    kept: list[str] = []
    for string in sorted(strings, key=len):
        if not any(shorter in string for shorter in kept):
            kept.append(string)
    return frozenset(kept)


def _score(strings: frozenset[str] | None) -> tuple[int, int]:
    if not strings or "" in strings:
        return (0, 0)
    return (min(len(s) for s in strings), -len(strings))


def _best(candidates: list[frozenset[str] | None]) -> frozenset[str] | None:
    best = max(candidates, key=_score, default=None)
    return best if _score(best)[0] else None


def _required(seq: _Tree, memo: dict) -> frozenset[str] | None:
    """Strings one of which every match of the sequence contains (the most selective set found)."""
    candidates: list[frozenset[str] | None] = []
    run: frozenset[str] | None = frozenset({""})
    for op, av in seq:
        exact = _exact(op, av, memo)
        if exact is not None:
            joined = _join(run, exact) if run is not None else None
            if joined is None:  # too many strings: close the run, start again from this element
                candidates.append(run)
                joined = exact
            run = joined
            continue
        candidates.append(run)
        run = frozenset({""})
        candidates.append(_required_of(op, av, memo))
    candidates.append(run)
    best = _best(candidates)
    return _minimal(best) if best else None


def _required_of(op, av, memo: dict) -> frozenset[str] | None:
    """The required strings of one element that is not a small finite set of strings."""
    if op is sre.SUBPATTERN:
        sub = av[-1]
        return _required(list(sub.data), memo)
    if op is sre.ATOMIC_GROUP:
        return _required(list(av.data), memo)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _required(list(sub.data), memo) if low >= 1 else None
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            found = _required(list(alternative.data), memo)
            if not found or "" in found:
                return None
            union |= found
        union = _minimal(union)
        return union if len(union) <= _MAX_UNION else None
    return None


def _join(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > _MAX_SET:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _exact(op, av, memo: dict) -> frozenset[str] | None:
    """Every string the element can match, when that is a small set of ASCII strings; else None.
    Zero-width elements (\\b, ^, lookarounds) match only the empty string. Remembered per element of
    the tree being read (memo): _required asks again for the elements inside the ones it opens."""
    key = (op, id(av))
    if key not in memo:
        memo[key] = _exact_uncached(op, av, memo)
    return memo[key]


def _exact_uncached(op, av, memo: dict) -> frozenset[str] | None:
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset({""})
    if op is sre.LITERAL:
        char = _char(av)
        return frozenset({char}) if char is not None else None
    if op is sre.IN:
        chars = _class_chars(av)
        return frozenset(chars) if chars is not None else None
    if op is sre.SUBPATTERN:
        sub = av[-1]
        return _exact_seq(list(sub.data), memo)
    if op is sre.ATOMIC_GROUP:
        return _exact_seq(list(av.data), memo)
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            strings = _exact_seq(list(alternative.data), memo)
            if strings is None:
                return None
            union |= strings
            if len(union) > _MAX_SET:
                return None
        return frozenset(union)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        if high is sre.MAXREPEAT or high > _MAX_REPEAT:
            return None
        once = _exact_seq(list(sub.data), memo)
        if once is None:
            return None
        strings: set[str] = set()
        repeated = frozenset({""})
        for count in range(high + 1):
            if count >= low:
                strings |= repeated
            if count < high:
                repeated = _join(repeated, once)
                if repeated is None:
                    return None
        return frozenset(strings) if len(strings) <= _MAX_SET else None
    return None


def _exact_seq(seq: _Tree, memo: dict) -> frozenset[str] | None:
    strings = frozenset({""})
    for op, av in seq:
        piece = _exact(op, av, memo)
        if piece is None:
            return None
        strings = _join(strings, piece)
        if strings is None:
            return None
    return strings


def _char(code: int) -> str | None:
    """The folded form of one pattern character, or None for a non-ASCII one."""
    char = chr(code)
    return char.lower() if char.isascii() else None


def _class_chars(items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            char = _char(av)
        elif op is sre.RANGE and av[1] - av[0] < 10:
            for code in range(av[0], av[1] + 1):
                char = _char(code)
                if char is None:
                    return None
                chars.add(char)
            continue
        else:  # NEGATE, CATEGORY, a wide range
            return None
        if char is None:
            return None
        chars.add(char)
    return chars if len(chars) <= 10 else None
