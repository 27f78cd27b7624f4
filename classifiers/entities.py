"""Date, time and access-detail spans, found by regex on the original text (exact offsets).

spaCy's tokenizer splits "10am", "2-4pm" and "#4821" in ways that make token patterns brittle,
so these rules run on characters. Each entity is a dict: kind, text, start, end (offsets into the
original string) and, for codes, value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifiers import prefilter
from classifiers.text import greeting_length

CODE_KINDS = ("gate_code", "lockbox_code", "alarm_code", "door_code")
WHEN_KINDS = ("date", "time")

_HOUR = r"(?:1[0-2]|0?[1-9])(?::[0-5]\d)?"
_AMPM = r"\s?(?:a\.?m\.?|p\.?m\.?)(?![a-z])"
_NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_NOT_A_TIME = (
    r"(?![\d/]|:\d|\s*(?:days?|weeks?|months?|years?|yrs?|hours?|hrs?|mins?|minutes|times|people|of\b"
    r"|x\b|%|inch|ft\b|feet|gal|bed|bath|br\b|ba\b|amps?\b|tons?\b|stor|rooms|outlets|lights|doors"
    r"|dogs|cats|kids|grains|sq|square|\w+\s+st\b|[a-z]{2,}\s+(?:st|street|ave|avenue|rd|road|dr|ln|ct)\b))"
)
_CLOCK = rf"(?:{_HOUR}{_AMPM}|{_HOUR}\s?ish\b|(?:1[0-2]|0?[1-9]):[0-5]\d|noon|midnight)"
_WORD_HOUR = rf"{_NUMBER_WORD}(?:\s*o'?clock|ish)?(?=\s*(?:o'?clock|[.,!?;)]|$|\s(?:and|or|works|is|if|on)\b))"
_LOOSE_HOUR = rf"(?:{_CLOCK}|{_HOUR}{_NOT_A_TIME}|{_WORD_HOUR})"
_WEEKDAY = r"(?:mon|tue|tues|wednes|wed|thurs|thur|thu|fri|satur|sat|sun)day"
_WEEKDAY_SHORT = r"(?:tues?|weds?|thurs?|thu|fri|(?-i:Mon|Sat|Sun|MON|SAT|SUN))\.?(?![a-z'])"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_ALONE = r"(?:january|february|april|june|july|august|september|october|november|december|(?-i:May|March))"
_DAY_OF_MONTH = r"(?:3[01]|[12]\d|0?[1-9])"
_ORDINAL = rf"{_DAY_OF_MONTH}(?:st|nd|rd|th)"
_NOT_A_DATE_ORDINAL = (
    r"(?!\s+(?:floor|fl\b|story|storey|house|home|street|st\b|ave|avenue|grade|time|one|place|option"
    r"|slot|window|bedroom|door|generation|anniversary|friend|visit|clean|call|year|birthday|unit|apt))"
)
_DAY_WORD = (
    r"(?:today|tonight|tonite|tomorrow|tomorow|tommorow|tommorrow|tmrw|tmrow|tmr|2morrow|2moro"
    r"|day\s+after\s+tomorrow|yesterday)"
)
_CODE_VALUE = r"(?P<value>[#*]?\d{3,10}[#*]?)(?![\d/-])"
_IS = r"(?:\s*(?:is|es|=|:|-|will\s+be|should\s+be|number\s+is|\#|to\s+get\s+in\s+is)\s*)*\s*"
_CODE_WORD = (
    r"(?:(?:access\s+|entry\s+|entrance\s+)?(?:code|pin|combo|combination|passcode|password)"
    r"|(?:c[oó]digo|combinaci[oó]n|clave)(?:\s+de\s+(?:acceso|entrada))?)"
)
_CLAUSE_TAIL = r"[^.,;!?\n]{1,50}?(?=\s+(?:and|but|so|then|if|or)\b|\s*[.,;!?\n)]|\s*$)"

# Keywords of each code kind, most specific first; a bare "the code is 1234" takes the kind of the
# keyword before it, in that priority (a lockbox "on the back door" is still a lockbox).
CODE_KEYWORDS: dict[str, str] = {
    "lockbox_code": r"(?:lock\s?box|key\s?box|key\s+safe|keysafe|supra|caja\s+de\s+(?:llaves|seguridad)|candado)",
    "alarm_code": r"(?:alarm|security\s+system|security\s+panel|disarm|alarma)",
    "gate_code": r"(?:gate[ds]?|gated\s+community|call\s?box|community\s+gate|port[oó]n|reja)",
    "door_code": r"(?:front\s+door|back\s+door|side\s+door|door|keypad|key\s+pad|garage(?:\s+door)?"
                 r"|building|smart\s+lock|deadbolt|buzzer|intercom|entry|puerta|cochera|edificio)",
}


@dataclass(frozen=True)
class _Rule:
    kind: str
    pattern: prefilter.Prefiltered


def _rule(kind: str, pattern: str) -> _Rule:
    return _Rule(kind, prefilter.compile(pattern, re.IGNORECASE))


def _code_rules() -> list[_Rule]:
    rules = []
    for kind, keyword in CODE_KEYWORDS.items():
        rules += [
            # "gate code is 1234", "alarm code: 2580", "lockbox combo 1122"
            _rule(kind, rf"\b{keyword}(?:\s+(?:access|entry|entrance|keypad|key\s+pad))?(?:\s*{_CODE_WORD}{_IS}"
                        rf"|\s*[:=#]\s*|\s+is\s+)(?<=[\s:=#-]){_CODE_VALUE}"),
            # "code to the gate is 7788#", "access code for the garage is 7321"
            _rule(kind, rf"\b{_CODE_WORD}\s+(?:for|to|at|on|del|de(?:\s+la|\s+el)?|para(?:\s+la|\s+el)?)\s+"
                        rf"(?:the\s+|our\s+|my\s+)?(?:front\s+|back\s+"
                        rf"|side\s+|main\s+|community\s+)?{keyword}{_IS}(?<=[\s:=#-]){_CODE_VALUE}"),
            # "punch in 1234 at the gate"
            _rule(kind, rf"\b(?:use|enter|punch(?:\s+in)?|dial|press|type(?:\s+in)?|key\s+in)\s+{_CODE_VALUE}"
                        rf"\s+(?:at|for|on|into)\s+(?:the\s+)?{keyword}\b"),
        ]
    return rules


_GENERIC_CODE = re.compile(rf"\b{_CODE_WORD}{_IS}(?<=[\s:=#-]){_CODE_VALUE}", re.IGNORECASE)
_CODE_KEYWORD_RES = {kind: re.compile(rf"\b{kw}\b", re.IGNORECASE) for kind, kw in CODE_KEYWORDS.items()}

_PET_NOUN = (
    r"(?:dogs?|doggos?|pupp(?:y|ies)|pups?|cats?|kitt(?:en|ens|y|ies)|pit\s?bulls?|pitties|german\s+shepherds?"
    r"|rottweilers?|rotties?|dobermans?|husk(?:y|ies)|(?:black|yellow|chocolate)\s+labs?|labradors?"
    r"|retrievers?|chihuahuas?|poodles?|beagles?|pets?|birds?|parrots?|rabbits?"
    r"|bunn(?:y|ies)|ferrets?|hamsters?|guinea\s+pigs?|perr(?:o|a|ito|ita)s?|gat(?:o|a|ito|ita)s?|mascotas?)"
)
_PET_ADJ = (
    r"(?:big|small|little|large|huge|friendly|nice|old|young|shy|loud|scared|aggressive|barking|sweet"
    r"|new|senior|anxious|protective|nervous|curious|outdoor|indoor)"
)

RULES: tuple[_Rule, ...] = (
    *_code_rules(),
    # unit / apartment / buzzer
    _rule("unit", r"\b(?:apt\.?|apartment|unit|suite|ste\.?|buzzer|buzz|bldg\.?|building|flat)\s*#?\s*"
                  r"(?:[a-z]?\d{1,5}[a-z]?|(?-i:[A-Z]))(?![\w-])"
                  r"(?!\s*(?:am|pm|years?|yrs?|months?|weeks?|days?|times?|tons?)\b)"),
    _rule("unit", r"\b(?:first|second|third|fourth|fifth|top|ground|basement|upstairs|downstairs|\d{1,2}"
                  r"(?:st|nd|rd|th))\s+(?:floor|fl\b|level)(?:\s+unit)?"),
    # pets
    _rule("pet", rf"\b(?:(?:a|an|the|my|our|two|three|four|2|3|4|one|1|some|no|his|her|their)\s+)?"
                 rf"(?:{_PET_ADJ}\s+){{0,2}}{_PET_NOUN}\b(?!\s+(?:hair|food|door\s+hinge))"),
    # parking
    _rule("parking", rf"\b(?:(?:please\s+)?(?:don'?t|do\s+not|no)\s+)?(?:(?:street|visitor|guest|free|off-street"
                     rf"|on-street)\s+)?park(?:ing|ed)?\b(?:\s+(?:is|will\s+be|only|available|lot)\b)*"
                     rf"(?:{_CLAUSE_TAIL})?"),
    _rule("parking", rf"\b(?:please\s+)?(?:don'?t|do\s+not)\s+block\s+{_CLAUSE_TAIL}"),
    _rule("parking", r"\b(?:visitor|guest)\s+(?:spots?|spaces?|parking)\b"),
    # key location
    _rule("key_location", rf"\b(?:(?:the|a|my|our)\s+)?(?:spare\s+|house\s+|extra\s+|front\s+door\s+)?keys?"
                          rf"(?:'s|\s+(?:is|are|will\s+be|'ll\s+be|is\s+hidden|hidden|left|is\s+left))?\s+"
                          rf"(?:under|in|inside|on\s+top\s+of|on|behind|above|at|with|next\s+to|by)\s+"
                          rf"{_CLAUSE_TAIL}"),
    _rule("key_location", rf"\b(?:leave|left|hid|hide|put|leaving|hiding)\s+(?:the\s+|a\s+|my\s+)?(?:spare\s+)?"
                          rf"keys?\s+(?:under|in|inside|on|behind|above|at|with|next\s+to|by)\s+{_CLAUSE_TAIL}"),
    # "do I need to be home" and friends
    _rule("home_question", r"\b(?:do|will|would|should|must)\s+(?:i|we)\s+(?:need|have|got)\s+to\s+be\s+"
                           r"(?:home|there|present|around)\b"),
    _rule("home_question", r"\b(?:do|does|will|would|should|must)\s+(?:someone|somebody|anyone|anybody|an\s+adult"
                           r"|one\s+of\s+us)\s+(?:need\s+to|have\s+to|got\s+to|be)\s+(?:be\s+)?"
                           r"(?:home|there|present|around)\b"),
    _rule("home_question", r"\bshould\s+(?:i|we)\s+be\s+(?:home|there|around)\b"),
    _rule("home_question", r"\b(?:will|would|does|do)\s+(?:the\s+|your\s+)?\w+\s+need\s+(?:me|us|someone)\s+"
                           r"(?:to\s+be\s+)?(?:home|there)\b"),
    _rule("home_question", r"\b(?:need|have)\s+(?:me|us)\s+(?:to\s+be\s+)?(?:home|there)\s*\?"),
    _rule("home_question", r"\bhow\s+(?:will|would|do|does|can|is|are)\s+(?:the\s+|your\s+)?(?:tech|technician"
                           r"|plumber|electrician|cleaners?|crew|team|guys?|they|you|he|she|someone|installers?)"
                           r"\s+(?:going\s+to\s+)?(?:get|be\s+getting|gonna\s+get)\s+in(?:side|to\s+the\s+house)?\b"),
    _rule("home_question", r"\bhow\s+does\s+(?:it|this|that)\s+work\s+if\s+(?:i'?m|i\s+am|we'?re|we\s+are|nobody"
                           r"(?:'s|\s+is)?|no\s+one(?:'s|\s+is)?)\s+(?:not\s+)?(?:home|there)\b"),
    _rule("home_question", r"\b(?:is\s+it|is\s+that|will\s+it\s+be)\s+(?:ok|okay|alright|fine)\s+if\s+(?:i'?m\s+not"
                           r"|i\s+am\s+not|we'?re\s+not|nobody(?:'s|\s+is)|no\s+one(?:'s|\s+is))\s+(?:home|there)\b"),
    _rule("home_question", r"\b(?:can|could)\s+(?:you|they|the\s+tech|he|she)\s+(?:come|do\s+it|do\s+the\s+\w+)\s+"
                           r"(?:while|when|if)\s+(?:i'?m|i\s+am|we'?re|we\s+are|nobody'?s|no\s+one'?s)\s+"
                           r"(?:at\s+work|not\s+home|not\s+there|away|out|gone)\b"),
    _rule("home_question", r"\bcan\s+i\s+leave\s+(?:the|a|my)\s+(?:front\s+|back\s+|side\s+)?(?:door|gate|garage)"
                           r"\s+(?:unlocked|open)\b"),
    # time of day
    _rule("time", rf"\b(?:between|from)\s+{_LOOSE_HOUR}\s*(?:and|to|-|\u2013)\s*{_LOOSE_HOUR}"),
    _rule("time", rf"\b{_HOUR}(?:{_AMPM})?\s*(?:-|\u2013|to)\s*{_HOUR}{_AMPM}"),
    _rule("time", rf"\b{_HOUR}{_AMPM}\s*(?:-|\u2013|to)\s*{_HOUR}(?:{_AMPM})?"),
    _rule("time", rf"\b{_HOUR}\s*(?:-|\u2013)\s*{_HOUR}(?=\s+(?:window|slot|time\s*frame|timeframe|range))"),
    _rule("time", rf"\b(?:after|before|by|around|at|till|until|til|about|no\s+later\s+than|no\s+earlier\s+than"
                  rf"|anytime\s+after|any\s+time\s+after|anytime\s+before)\s+(?:{_LOOSE_HOUR}|lunch|work|school"
                  rf"|dinner)"),
    _rule("time", rf"\b{_CLOCK}"),
    _rule("time", r"\b(?:(?:early|late|mid|this)[\s-]+)?(?:morning|afternoon|evening)s?\b"),
    # Spanish
    _rule("parking", rf"\b(?:no\s+)?(?:se\s+)?estacion\w*\b(?:{_CLAUSE_TAIL})?"),
    _rule("key_location", rf"\b(?:la\s+)?llave\s+(?:est[aá]\s+|la\s+dej[eé]\s+|se\s+la\s+dejo\s+|la\s+tiene\s+)?"
                          rf"(?:debajo|abajo|en|dentro|detr[aá]s|con|encima)\b{_CLAUSE_TAIL}"),
    _rule("home_question", r"\b(?:tengo|tenemos|necesito|necesitamos|hay)\s+que\s+estar\s+(?:en\s+(?:la\s+)?casa"
                           r"|presentes?|ah[ií])\b"),
    _rule("home_question", r"\b(?:alguien|una\s+persona)\s+(?:tiene|necesita|debe)\s+(?:que\s+)?estar\b"),
    _rule("home_question", r"\b(?:tengo|tenemos|hay)\s+que\s+estar(?:\s+(?:yo|nosotros|alguien))?\s*\?"),
    _rule("home_question", r"\bc[oó]mo\s+(?:va|van|puede|pueden|vamos)\s+(?:a\s+)?(?:entrar|pasar)\b"),
    _rule("home_question", r"\b(?:el\s+t[eé]cnico\s+)?necesita\s+que\s+alguien\s+le\s+abra\b"),
    _rule("time", r"\b(?:en|por|de)\s+la\s+(?:ma[nñ]ana|tarde|noche)\b|\btemprano\b|\bmediod[ií]a\b"),
    _rule("time", r"\b(?:a|despu[eé]s\s+de|antes\s+de|desde)\s+las?\s+(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\b"),
    _rule("time", r"\b(?:despu[eé]s|luego|antes)\s+(?:del?\s+(?:almuerzo|la\s+comida|lonche|lonch|trabajo)"
                  r"|de\s+(?:almorzar|comer|lonchar|la\s+escuela))\b|\bsaliendo\s+del\s+trabajo\b"
                  r"|\b(?:a\s+)?(?:la\s+)?hora\s+(?:del\s+almuerzo|de\s+(?:la\s+)?comida|de\s+comer)\b"
                  r"|\ba\s+primera\s+hora\b|\ba\s+la\s+(?:ma[nñ]ana|tarde|noche)\b|\b(?:en|por|a)\s+la\s+tardecita\b"),
    _rule("date", r"\b(?:hoy|pasado\s+ma[nñ]ana|ma[nñ]ana)\b"),
    _rule("date", r"\b(?:(?:el|este|esta|pr[oó]ximo|los)\s+)?(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado"
                  r"|domingo)s?\b(?:\s+que\s+viene|\s+pr[oó]ximo)?"),
    _rule("date", r"\b(?:(?:la|esta)\s+)?(?:pr[oó]xima\s+)?semana(?:\s+que\s+viene)?\b|\bfin\s+de\s+semana\b"),
    _rule("time", r"\b(?:mid-?day|lunch\s?time|first\s+thing(?:\s+in\s+the\s+morning)?|all\s+day|any\s?time"
                  r"|whenever|end\s+of\s+(?:the\s+)?day)\b"),
    _rule("time", r"\b(?:asap|a\.s\.a\.p\.?|as\s+soon\s+as\s+possible|right\s+away|right\s+now|immediately"
                  r"|soonest|earliest|first\s+available|next\s+available)\b"),
    # day
    _rule("date", rf"\b{_DAY_WORD}\b"),
    _rule("date", rf"\b(?:(?:this|next|coming|the\s+following|following|last)\s+)?(?:{_WEEKDAY}s?\b"
                  rf"|{_WEEKDAY_SHORT})"),
    _rule("date", r"\b(?:(?:this|next|coming|the\s+following|following)\s+)?weekends?\b"),
    _rule("date", r"\b(?:(?:early|late|later|end\s+of|the\s+end\s+of|beginning\s+of|middle\s+of|mid)\s+)?"
                  r"(?:this|next|the\s+following|the\s+coming|following)\s+(?:week|month)\b"),
    _rule("date", r"\b(?:the\s+)?end\s+of\s+(?:the|this|next)\s+(?:week|month)\b"),
    _rule("date", rf"\b(?:the\s+)?week\s+of\s+(?:the\s+)?{_ORDINAL}\b"),
    _rule("date", rf"\b(?:the\s+)?{_ORDINAL}\b{_NOT_A_DATE_ORDINAL}"),
    _rule("date", rf"\b{_MONTH}\.?\s+{_DAY_OF_MONTH}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?(?!\s*(?::|am|pm))"),
    _rule("date", rf"\b{_DAY_OF_MONTH}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b"),
    _rule("date", r"\b(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])(?:/(?:\d{4}|\d{2}))?\b"),
    _rule("date", rf"\b(?:(?:early|mid|late|end\s+of|beginning\s+of)[\s-]+)?{_MONTH_ALONE}\b"),
    _rule("date", r"\bin\s+(?:a\s+)?(?:couple(?:\s+of)?|few|\d+|two|three|four|a)\s+(?:days|weeks|day|week)\b"),
)

_PATTERNS = prefilter.RuleIndex(rule.pattern for rule in RULES)
_MERGE_GAP = re.compile(r"[\s,]*(?:the\s+)?")


def find_entities(text: str) -> list[dict]:
    """Every date, time and access entity in text, non-overlapping, in order of position."""
    candidates: list[tuple[int, int, int, str, str | None]] = []
    for priority in _PATTERNS.candidates(text):
        rule = RULES[priority]
        for m in rule.pattern.regex.finditer(text):
            end = _trimmed_end(text, m.start(), m.end())
            if end > m.start():
                candidates.append((m.start(), end, priority, rule.kind, m.groupdict().get("value")))
    candidates += _generic_codes(text)
    chosen: list[tuple[int, int, int, str, str | None]] = []
    for cand in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if all(cand[1] <= c[0] or cand[0] >= c[1] for c in chosen):
            chosen.append(cand)
    greeting = greeting_length(text)  # "Good morning, ...": a greeting, not a time of day
    return _merge_dates(text, [_entity(text, *c) for c in sorted(chosen)
                               if c[0] >= greeting or c[3] not in WHEN_KINDS])


def _trimmed_end(text: str, start: int, end: int) -> int:
    """End of a span without trailing spaces, emoji or punctuation ("Park in the driveway 🙏")."""
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in "#*'"):
        end -= 1
    return end


def _generic_codes(text: str) -> list[tuple[int, int, int, str, str | None]]:
    """'code 2468' with no keyword of its own takes the kind named earlier in the message."""
    found = []
    for m in _GENERIC_CODE.finditer(text):
        sentence_start = max(text.rfind(ch, 0, m.start()) for ch in ".!?\n") + 1
        kind = _kind_before(text[sentence_start:m.start()]) or _kind_before(text[:m.start()]) or "door_code"
        found.append((m.start(), m.end(), len(RULES), kind, m.group("value")))
    return found


def _kind_before(text: str) -> str | None:
    return next((kind for kind, kw in _CODE_KEYWORD_RES.items() if kw.search(text)), None)


def _entity(text: str, start: int, end: int, _priority: int, kind: str, value: str | None) -> dict:
    entity = {"kind": kind, "text": text[start:end], "start": start, "end": end}
    if kind in CODE_KINDS and value is not None:
        entity["value"] = value.lstrip("#")
    return entity


def _merge_dates(text: str, entities: list[dict]) -> list[dict]:
    """Join neighbouring day phrases into one: "Tuesday the 14th", "Friday, Dec 3"."""
    merged: list[dict] = []
    for ent in entities:
        prev = merged[-1] if merged else None
        if (prev and prev["kind"] == ent["kind"] == "date"
                and _MERGE_GAP.fullmatch(text[prev["end"]:ent["start"]])):
            merged[-1] = {**prev, "text": text[prev["start"]:ent["end"]], "end": ent["end"]}
        else:
            merged.append(ent)
    return merged
