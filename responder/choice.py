"""Which offered slot a customer chose: "2", "the first one", "tuesday works", "the 10am".

Readings chosen:
- a bare number up to the count offered is the option's number ("2"), and so is a lone letter ("b",
  "B porfa"); a larger one, or one with
  am/pm or minutes, is a start time ("10", "2pm", "10:30"); a bare hour matches am or pm;
- "the 3rd" is the 3rd of the month when an option falls on that day, else option 3;
- "yes" / "ok" / "sounds good" picks the option only when exactly one was offered;
- "either" / "any" / "whichever" / "don't mind" picks the first (soonest) option;
- a refusal ("neither", "none", "no", "can't", "another time", "too late", "anything today?") picks nothing;
  "anything works" is indifference, not a refusal;
- words that fit several options ("tuesday" when two are on Tuesday) pick nothing;
- "never mind", "keep the original time", "olvídelo" take back the ask (withdraws), and pick nothing.
"""

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from responder.availability import Slot
from responder.when import WEEKDAYS, normalise

ORDINAL_WORDS = {
    "first": 1, "earliest": 1, "soonest": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "last": -1, "latest": -1, "latter": -1,
}  # fmt: skip
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
PARTS_OF_DAY = {"morning": (6, 12), "afternoon": (12, 17), "evening": (17, 24), "tonight": (17, 24)}
RELATIVE_DAYS = {"today": 0, "tonight": 0, "tomorrow": 1}
INDIFFERENT = (r"\b(?:either|any|whichever|don'?t (?:mind|care)|doesn'?t matter"
               r"|anything (?:works|is fine|is good|is ok|you have)|any of (?:them|those)|any one"
               r"|both (?:work|works|are (?:fine|good|ok)|would work)|cualquiera|me da igual|las dos (?:me )?sirven)\b")
# "the earlier one", "the later one": an option by its place, not a refusal asking for other times.
_EARLIER_LATER = re.compile(r"\b(?:the\s+)?(earlier|later)\s+(?:one|time|slot|option)\b")
AGREEMENT = (
    r"\b(?:y|yes|yeah|yea|yep|yup|sure|ok|okay|k|kk|sounds good|perfect|great|good|works|fine"
    r"|book it|book me|confirm|confirmed|please do|do it|that one|let'?s do it)\b"
)
REFUSAL = (
    r"\b(?:neither|none|nope|nah|no(?!\.?\s*\d)|not|other|another|different|cancel|earlier|later"
    r"|too (?:late|early|soon)|anything|something"
    r"|busy|cannot|cant|wont|unable)\b|n't\b"
)
_REFUSAL = re.compile(REFUSAL)
# Taking back the ask the times answer, English and Spanish (read without accents): "never mind", "nvm, fixed it
# myself", "keep the original time", "no thanks", "olvídelo", "mejor no", "déjela como estaba", "ya no hace falta".
WITHDRAWAL = re.compile(
    r"\b(?:never\s*mind|nvm|forget (?:it|that|about it)|scratch that|disregard|no,? (?:thanks|thank you|thx)"
    r"|(?:do not|don'?t|no longer) need (?:it|that|you|anyone|someone|somebody|a tech\w*|the (?:visit|appointment))"
    r"|not anymore|(?:i|we)(?:'ll| will) pass(?! by| through)|(?:fixed|sorted|solved|figured out|handled|took care of)"
    r" (?:it|that|the problem|the issue)|keep (?:it|my|the|our) (?:original|current|same|old|appointment|visit|time)"
    r"|keep it (?:as is|the same)|leave it(?: as is| as it was| be)?|as it was"
    r"|olvid(?:e|a|en)lo|olvid(?:ate|ese|ense)|mejor no"
    r"|ya no (?:hace falta|es necesario|lo necesito|se necesita)"
    r"|ya (?:lo|la) (?:arregl|resolv|solucion|compus)\w*|no,? gracias|dej\w*l[ao] (?:asi|como esta\w*|igual)"
    r"|como estaba)\b")
NOT_REFUSALS = r"\b(?:no problem|no worries|no rush|not a problem)\b"

# A reply that agrees without saying to what: "ok", "k", "👍", "sí", "dale".
_AGREEING_TOO = r"\b(?:please|pls|plz|si|dale|va|claro|perfecto|de acuerdo|esta bien|bueno|por favor)\b"
BARE_AGREEMENT = re.compile(rf"^(?:\s|[.!]|{AGREEMENT}|👍|👌|🙏|{_AGREEING_TOO})+$")

_Test = Callable[[Slot], bool]


# A reply that only names an option by its place: "3", "#2", "the second one", "la segunda", "option 4".
BARE_PICK = re.compile(
    rf"^\s*(?:the\s+)?(?:#|(?:option|number|choice)\s*)?(?:[1-9]|{'|'.join(ORDINAL_WORDS)}|{'|'.join(NUMBER_WORDS)})"
    r"(?:st|nd|rd|th)?(?:\s+(?:one|option|choice|please|pls))?\s*[.!)]?\s*$")


# An option named by a letter, as lists are often lettered: "B", "b porfa", "option c".
_LETTER_PICK = re.compile(r"^\s*(?:option\s+|opcion\s+|opción\s+)?([a-e])\s*"
                          r"(?:please|pls|porfa|por favor|thanks|gracias)?\s*[.!)]?\s*$")


def _letter_as_number(words: str) -> str:
    letter = _LETTER_PICK.match(words)
    return str("abcde".index(letter[1]) + 1) if letter else words


def is_bare_pick(text: str) -> bool:
    return bool(BARE_PICK.match(_letter_as_number(normalise(text))))


def is_bare_agreement(text: str) -> bool:
    return bool(BARE_AGREEMENT.match(normalise(text).replace("í", "i").replace("á", "a")))


def pick_option(text: str, offered: Sequence[Slot], tz: ZoneInfo, *, now: datetime | None = None) -> Slot | None:
    """The offered slot the reply `text` picks, or None when it picks none or is ambiguous.

    Args:
        text: the customer's reply, right after the options were offered.
        offered: the slots offered, in the order they were numbered.
        tz: the zone the options were shown in; weekdays and times are read there.
        now: when given, "today" and "tomorrow" are understood too.
    """
    words = _words(text)
    if not offered or _REFUSAL.search(words):
        return None
    if "whichever" in words:
        # "1 or 2 both work", "either tuesday one": the soonest of those named, else of all offered
        tests = list(_tests(words, offered, tz, now))
        named = [slot for slot in offered if any(test(slot) for test in tests)] if tests else list(offered)
        return named[0] if named else None
    chosen = options_named(text, offered, tz, now=now)
    if chosen is not None:
        return chosen[0] if len(chosen) == 1 else None
    if len(offered) == 1 and re.search(AGREEMENT, words):
        return offered[0]
    return None


def plain(text: str) -> str:
    """`text` without accents: "olvídelo" reads as "olvidelo"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def withdraws(text: str) -> bool:
    """The reply takes back the ask the offered times answered: "never mind", "keep the original time", "olvídelo"."""
    return bool(WITHDRAWAL.search(plain(normalise(text))))


def refuses(text: str) -> bool:
    """The reply turns the options down ("neither", "too late", "anything earlier?"); "no problem" does not."""
    return bool(_REFUSAL.search(_words(text)))


def options_named(text: str, offered: Sequence[Slot], tz: ZoneInfo, *, now: datetime | None = None
                  ) -> list[Slot] | None:
    """The offered slots that fit every day, time or number `text` names ("friday" fits all three Friday
    options, "saturday" none); None when it names none."""
    tests = list(_tests(_words(text), offered, tz, now))
    if not tests:
        return None
    return [slot for slot in offered if all(test(slot) for test in tests)]


def _words(text: str) -> str:
    words = _letter_as_number(normalise(text))
    words = _EARLIER_LATER.sub(lambda m: " first " if m[1] == "earlier" else " last ", words)
    words = re.sub(INDIFFERENT, " whichever ", re.sub(NOT_REFUSALS, " ok ", words))
    words = _NUMBER_WORD.sub(lambda m: f"{m['prefix']}{NUMBER_WORDS[m['word']]}", words)
    return str(NUMBER_WORDS.get(words.strip(" .!?"), words))


def _tests(words: str, offered: Sequence[Slot], tz: ZoneInfo, now: datetime | None) -> Iterator[_Test]:
    for match in _NUMBER.finditer(words):
        number, minute, meridiem = int(match["number"]), match["minute"], match["meridiem"]
        if match["range"]:
            meridiem = None  # "11-1pm": the am/pm belongs to the end of the range
        if match["prefix"] or (number <= len(offered) and not (minute or meridiem or match["range"])):
            yield _option(offered, number)
        else:
            yield _starts_at(tz, number, int(minute or 0), meridiem)
    for match in _ORDINAL.finditer(words):
        number = int(match["digits"]) if match["digits"] else ORDINAL_WORDS[match["word"]]
        on_that_day = any(_local(slot, tz).day == number for slot in offered)
        if match["digits"] and not match["option"] and (on_that_day or number > len(offered)):
            yield lambda slot, day=number: _local(slot, tz).day == day
        else:
            yield _option(offered, number)
    for match in _WEEKDAY.finditer(words):
        yield lambda slot, weekday=WEEKDAYS[match[1]]: _local(slot, tz).weekday() == weekday
    for match in _PART_OF_DAY.finditer(words):
        first, last = PARTS_OF_DAY[match[1]]
        yield lambda slot, first=first, last=last: first <= _local(slot, tz).hour < last
    if now is not None:
        for match in _RELATIVE_DAY.finditer(words):
            day = now.astimezone(tz).date() + timedelta(days=RELATIVE_DAYS[match[1]])
            yield lambda slot, day=day: _local(slot, tz).date() == day
    if re.search(r"\b(?:noon|midday)\b", words):
        yield _starts_at(tz, 12, 0, "pm")


def _option(offered: Sequence[Slot], number: int) -> _Test:
    if number == -1:
        return lambda slot: slot == offered[-1]
    if not 1 <= number <= len(offered):
        return lambda slot: False
    return lambda slot: slot == offered[number - 1]


def _starts_at(tz: ZoneInfo, hour: int, minute: int, meridiem: str | None) -> _Test:
    def starts_then(slot: Slot) -> bool:
        start = _local(slot, tz)
        if start.minute != minute:
            return False
        if not meridiem:
            return start.hour % 12 == hour % 12
        return start.hour == hour % 12 + (12 if meridiem.startswith("p") else 0)

    return starts_then


def _local(slot: Slot, tz: ZoneInfo) -> datetime:
    return slot.start.astimezone(tz)


_NUMBER_WORD = re.compile(rf"(?P<prefix>#|\b(?:option|number|choice)\s*)(?P<word>{'|'.join(NUMBER_WORDS)})\b")
_NUMBER = re.compile(
    r"(?P<prefix>#|\b(?:option|number|choice|no\.)\s*)?(?<![\w:])(?<!-)(?<!- )(?<!to )"
    r"(?P<number>\d{1,2})(?::(?P<minute>[0-5]\d))?(?![\d:])"
    r"(?P<range>\s*(?:-|to)\s*\d{1,2}(?::[0-5]\d)?)?\s*(?P<meridiem>[ap]\.?m\.?)?(?!\w)"
)
_ORDINAL = re.compile(
    rf"\b(?:(?P<digits>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>{'|'.join(ORDINAL_WORDS)}))\b"
    r"(?P<option>\s+(?:one|option|choice|slot|time))?"
)
_WEEKDAY = re.compile(rf"\b({'|'.join(sorted(WEEKDAYS, key=len, reverse=True))})\b")
_PART_OF_DAY = re.compile(rf"\b({'|'.join(PARTS_OF_DAY)})\b")
_RELATIVE_DAY = re.compile(rf"\b({'|'.join(RELATIVE_DAYS)})\b")
