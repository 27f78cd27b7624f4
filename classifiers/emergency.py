"""Emergency patterns: danger to people or property that outranks every label but opt-out."""

from __future__ import annotations

import re

from classifiers import prefilter

# Each family is matched on for_rules() text. A hit preceded (within three words) or containing a
# negation ("I don't smell gas", "not flooding") does not count.
EMERGENCY_PATTERNS: dict[str, tuple[str, ...]] = {
    "gas": (
        r"\b(?:smell(?:s|ing|ed)?|smelt|odou?r|whiff|stench)\s+(?:of\s+|like\s+)?(?:natural\s+|propane\s+)?gas\b",
        r"\b(?:gas|propane)\s+(?:smell|odou?r|leak|leaking|is\s+leaking)\b",
        r"\bleak(?:ing|s)?\s+(?:natural\s+)?gas\b",
        r"(?<!water smells like )(?<!water smell like )(?<!water smells of )\brotten\s+eggs?\b",
        r"\bhiss(?:ing)?\b[^.!?\n]{0,30}\b(?:gas|meter)\b",
    ),
    "flooding": (
        r"\bflood(?:ing|ed|s)?\b(?!\s*lights?)",
        r"\b(?:water|sewage)(?:'s|\s+is|\s+was)?\s+(?:everywhere|pouring|gushing|spraying|shooting|rushing"
        r"|coming\s+in\s+fast|all\s+over\s+the\s+(?:floor|basement|garage|house))\b",
        r"\b(?:pipes?|line|main|water\s+main|water\s+heater|hose|supply\s+line)\s+(?:has\s+|just\s+|have\s+)?"
        r"(?:burst|broke|bursted|exploded|ruptured|split\s+open)\b",
        r"\bburst\s+(?:pipes?|water\s+heater|line)\b",
        r"\bwater(?:'s|\s+is)?\s+(?:coming|pouring|leaking|dripping|gushing|running)\s+(?:in\s+)?(?:through|from"
        r"|out\s+of|down)\s+(?:the\s+)?(?:\w+\s+)?(?:ceiling|light|light\s+fixture|walls?)\b",
        r"\bwater\b[^.!?\n]{0,30}\b(?:into|onto|on|in)\s+(?:the\s+)?(?:electrical|panel|breaker|outlet)\b",
        r"\bunder\s+water\b",
        r"\b\d+\s+(?:inches|inch|feet|ft)\s+of\s+water\b",
        r"\bceiling\b[^.!?\n]{0,20}\b(?:sagging|caving|collaps\w*|coming\s+down)\b",
        r"\boverflow(?:ing|ed|s)?\b[^.!?\n]{0,40}\b(?:floor|everywhere|ceiling|downstairs|sewage)\b",
        r"\boverflow(?:ing|ed|s)?\b[^.!?\n]{0,30}\b(?:won'?t|wont|can'?t|cannot|cant)\s+(?:get\s+it\s+to\s+)?stop\b",
        r"\b(?:leak|leaking|pouring|spraying|gushing)\s+(?:water\s+)?(?:everywhere|all\s+over)\b",
        # "water won't stop gushing": a flow that cannot be stopped, not a negation
        r"\b(?:won'?t|wont|can'?t|cannot|cant)\s+(?:get\s+it\s+to\s+)?stop\s+(?:gushing|pouring|spraying|shooting|rushing"
        r"|flooding|coming\s+in)\b",
        # water the customer cannot stop: "can't stop the water", "can't shut the water off"
        r"\b(?:can'?t|cannot|cant|unable\s+to)\s+(?:get\s+(?:the\s+)?|seem\s+to\s+)?(?:stop|shut(?:\s+off)?|turn\s+off)\s+"
        r"(?:the\s+)?(?:water|leak|flow|overflow)\b",
        r"\b(?:overflow\w*|leak\w*|pouring|gushing)\b[^.!?\n]{0,60}\bshut-?\s?off\b[^.!?\n]{0,20}\b(?:broken|stuck"
        r"|won'?t|doesn'?t\s+work)",
        # the weather let in: "tree fell on the roof and rain is coming in"
        r"\b(?:rain|water|storm)\s+(?:is\s+|was\s+)?(?:coming|pouring|getting|blowing)\s+(?:in\b(?!\s+(?:the\s+forecast|tomorrow|later|tonight|this\s+week"
        r"|on\s+\w+day|at\s+\d))|into\s+the\s+(?:house|home"
        r"|attic|bedroom|kitchen|living\s+room)|inside)",
        r"\btree\s+(?:just\s+)?(?:fell|came\s+down|has\s+fallen|crashed|is\s+down)\s+(?:on|onto|through|into)\s+(?:the\s+|our"
        r"\s+|my\s+)?(?:house|roof|home|garage|bedroom)\b",
    ),
    "electrical": (
        r"\bspark(?:s|ing|ed)?\b",
        r"\barcing\b",
        r"\bsmoke\s+(?:is\s+)?(?:coming|pouring|billowing|from|out\s+of)\b",
        r"\b(?:outlet|panel|box|breaker|wires?|furnace|unit|meter|fan|switch|heater|dryer|motor|cord)\s+"
        r"\b[^.!?\n]{0,20}\bsmoking\b",
        r"\b(?:caught|catch|catching|on)\s+fire\b",
        r"\b(?:electrical|electric)\s+fire\b",
        r"\bfire\s+(?:dept|department|truck)\b",
        r"\bburning\s+(?:smell|plastic|odou?r)\b",
        r"\bsmell(?:s)?\s+(?:like\s+)?(?:something\s+)?burning\b",
        r"\bsomething\s+(?:is\s+)?burning\b",
        r"\bmelt(?:ed|ing)\b",
        r"\blive\s+wires?\b",
        r"\b(?:wires?|power\s+lines?)\s+(?:are\s+|is\s+)?(?:down|sparking|arcing|smoking)\b",
        r"\b(?:panel|breaker\s+box|breaker|box|outlet|meter)\b[^.!?\n]{0,25}\b(?:hot\s+to\s+the\s+touch"
        r"|buzzing\s+and\s+hot|is\s+hot|burning)\b",
        r"\bsmoke\s+(?:detector|alarm)s?\s+(?:is\s+|are\s+)?(?:going\s+off|went\s+off|won'?t\s+stop)\b",
    ),
    # A child or someone who cannot get out, shut in: "locked out and my baby is inside".
    "locked_in": (
        r"\blocked\s+(?:myself\s+|ourselves\s+)?out\b[^.!?\n]{0,60}\b(?:baby|infant|toddler|kid|kids|child|children"
        r"|son|daughter|grandma|grandpa|mom|dad)\b[^.!?\n]{0,25}\b(?:inside|in\s+(?:the\s+)?(?:house|car|there|here))\b",
        r"\b(?:baby|infant|toddler|kid|kids|child|children|son|daughter)\s+(?:is\s+|are\s+)?(?:locked|stuck|trapped)"
        r"\s+(?:inside|in\s+(?:the\s+)?(?:house|car|room|bathroom))\b",
    ),
    "carbon_monoxide": (
        r"\bcarbon\s+monoxide\b",
        r"\bco\s*(?:2\s*)?(?:alarm|detector|monitor|sensor)s?\b",
        # the detector's display: "the alarm won't stop and it says CO on the screen"
        r"\b(?:says|reads|shows|showing|displays?|displaying|flashing)\s+\W?co\b(?!-?\s*(?:op|pay|signer|owner|worker))",
    ),
    "sewage": (
        r"\bsewage\b(?!\s+smell)",
        r"\b(?:sewer|main\s+line|main\s+drain|mainline|drains)\b[^.!?\n]{0,25}\b(?:backed\s+up|backing\s+up"
        r"|back\s+up|backup)\b",
        r"\bsewer\s+backup\b",
    ),
}

# Every name emergency_kind (and the Spanish spanish_emergency_kind) can return; a business profile may give
# each its own safety instructions.
EMERGENCY_HAZARDS = frozenset(EMERGENCY_PATTERNS) | {"no_heat_vulnerable", "no_cooling_vulnerable"}

# No heat only counts as an emergency when someone vulnerable lives there or it is freezing.
NO_HEAT_PATTERNS: tuple[str, ...] = (
    r"\bno\s+heat\b",
    r"\b(?:heat|heater|furnace|boiler|heat\s+pump)(?:'s|\s+is|\s+has|\s+has\s+been|\s+went)?\s+"
    r"(?:been\s+)?(?:out|off|died|dead|quit|broke|stopped\s+working|not\s+working|isn'?t\s+working"
    r"|won'?t\s+(?:turn|come)\s+on)\b",
    r"\b(?:no\s+power|power(?:'s|\s+is)?\s+out|lost\s+power)\b",
)
# No cooling in dangerous heat: the AC out with someone vulnerable at home, or a reading over 100 degrees.
NO_COOLING_PATTERNS: tuple[str, ...] = (
    r"\bno\s+(?:ac|a/c|air|air\s+conditioning|cooling)\b",
    r"\b(?:ac|a/c|air\s+conditioner|air\s+conditioning|air|cooling|unit)(?:'s|\s+is|\s+has|\s+went|\s+just)?\s+"
    r"(?:been\s+)?(?:out|off|died|dead|quit|broke|stopped\s+working|not\s+working|isn'?t\s+working|blowing\s+(?:hot|warm)"
    r"|won'?t\s+(?:turn|come)\s+on)\b",
)
EXTREME_HEAT_PATTERNS: tuple[str, ...] = (
    r"\b1[0-2]\d\s*(?:degrees|deg|°|f\b)|\b(?:it'?s|its|it\s+is|was|hit|inside\s+is|house\s+is)\s+1[0-2]\d\b"
    r"|\b1[0-2]\d\s+(?:inside|in\s+(?:the|my)\s+(?:house|home)|today|outside|in\s+\w+\s+today)\b|\bheat\s*(?:stroke|exhaustion)\b",
    r"\bheart\s+(?:problems?|condition|disease)\b",
)
FREEZING_PATTERNS: tuple[str, ...] = (
    r"\b(?:freezing|below\s+(?:freezing|zero)|sub-?zero|single\s+digits|frozen\s+pipes|pipes?\s+(?:are\s+|will\s+)?"
    r"(?:freeze|freezing|frozen))\b|\b(?:[0-9]|[1-2]\d)\s*(?:degrees|deg|°)(?!\s*(?:c\b|celsius))",
)
VULNERABLE_PATTERNS: tuple[str, ...] = (
    r"\b(?:baby|babies|infant|newborn|toddler|\d+\s*(?:month|week|mo)s?\s*old)\b",
    r"\b(?:elderly|grand(?:ma|pa|mother|father)|senior|disabled|handicapped|wheelchair|pregnant"
    r"|oxygen|dialysis|chemo|ventilator|medical\s+equipment)\b",
    r"\b(?:sick|ill)\b",
    r"\b(?:mom|dad|mother|father)\s+is\s+(?:[89]\d|1\d\d)\b",
    r"\b(?:[89]\d|1\d\d)\s*(?:years?|yrs?)\s*old\b",
    r"\bkids\s+are\s+home\b",
)
NEGATIONS = frozenset({
    "no", "not", "don't", "dont", "doesn't", "didn't", "never", "without", "isn't", "wasn't",
    "aren't", "nothing", "hasn't", "haven't", "stopped", "fixed",
})

# A complaint about water damage already done ("your plumber flooded my basement and I want a
# refund") is a complaint for staff (flagged urgent), not the shut-off script, unless the text says
# the water is still coming. Only the water families: a gas or electrical hazard is never assumed over.
WATER_FAMILIES = frozenset({"flooding", "sewage"})
COMPLAINT_PATTERNS: tuple[str, ...] = (
    r"\b(?:refund|reimburs\w*|compensat\w*|complain\w*|lawyer|insurance\s+claim|damages?|ruined|your\s+fault)\b",
    r"\b(?:pay|paying)\s+for\s+(?:the\s+|my\s+)?(?:damage|repairs?|clean\s*up|cleanup|mess)\b",
    r"\byour\s+(?:plumber|tech|technician|guy|guys|man|worker|workers|crew|team|company|employee|installer)s?\b",
    # "the tech you sent flooded my bathroom and left. unacceptable."
    r"\bthe\s+(?:plumber|tech|technician|guy|guys|man|worker|workers|crew|installer)s?\s+(?:you|y'?all)\s+sent\b",
    r"\b(?:unacceptable|ridiculous|disgusting|furious)\b",
)
HAPPENING_NOW_PATTERNS: tuple[str, ...] = (
    r"\b(?:now|right\s+now|currently|still|at\s+the\s+moment|as\s+we\s+speak|won'?t\s+stop|keeps?\s+\w+ing)\b",
    r"\b(?:is|are|it'?s|water'?s)\s+(?:still\s+)?(?:flooding|leaking|pouring|gushing|spraying|rushing|coming|backing)\b",
    r"\b(?:pouring|gushing|spraying|rushing)\b",
)

_FAMILIES = {
    family: prefilter.compile("|".join(f"(?:{p})" for p in patterns))
    for family, patterns in EMERGENCY_PATTERNS.items()
}
_NO_HEAT = prefilter.compile("|".join(f"(?:{p})" for p in NO_HEAT_PATTERNS))
_VULNERABLE = prefilter.compile("|".join(f"(?:{p})" for p in VULNERABLE_PATTERNS))
_FREEZING = prefilter.compile("|".join(f"(?:{p})" for p in FREEZING_PATTERNS))
_NO_COOLING = prefilter.compile("|".join(f"(?:{p})" for p in NO_COOLING_PATTERNS))
_EXTREME_HEAT = prefilter.compile("|".join(f"(?:{p})" for p in EXTREME_HEAT_PATTERNS))
_COMPLAINT = prefilter.compile("|".join(f"(?:{p})" for p in COMPLAINT_PATTERNS))
_HAPPENING_NOW = prefilter.compile("|".join(f"(?:{p})" for p in HAPPENING_NOW_PATTERNS))
_WORD = re.compile(r"[a-z']+")


def _negated(text: str, start: int, end: int) -> bool:
    before = _WORD.findall(text[:start])[-3:]
    return any(w in NEGATIONS for w in before + _WORD.findall(text[start:end]))


def emergency_kind(norm: str) -> str | None:
    """The emergency family in a for_rules() text ("gas", "flooding", ...), or None."""
    past_damage = _complains_of_past_damage(norm)
    for family, pattern in _FAMILIES.items():
        if past_damage and family in WATER_FAMILIES:
            continue
        if any(not _negated(norm, *m.span()) for m in pattern.finditer(norm)):
            return family
    if _NO_HEAT.search(norm) and (_VULNERABLE.search(norm) or _FREEZING.search(norm)):
        return "no_heat_vulnerable"
    if no_cooling_in_danger(norm):
        return "no_cooling_vulnerable"
    return None


def no_cooling_in_danger(norm: str) -> bool:
    """The AC out with someone vulnerable at home or in heat over 100 degrees (English or Spanglish)."""
    return bool(_NO_COOLING.search(norm) and (_VULNERABLE.search(norm) or _EXTREME_HEAT.search(norm)))


def emergency_denied(norm: str) -> bool:
    """True when the text names a danger only to say it is not there ("no smell of gas anymore")."""
    hits = [m.span() for pattern in _FAMILIES.values() for m in pattern.finditer(norm)]
    return bool(hits) and all(_negated(norm, *span) for span in hits)


def damage_complaint(norm: str) -> str | None:
    """The water family of a complaint about damage already done (not an emergency), or None."""
    if not _complains_of_past_damage(norm):
        return None
    for family in WATER_FAMILIES & _FAMILIES.keys():
        if any(not _negated(norm, *m.span()) for m in _FAMILIES[family].finditer(norm)):
            return family
    return None


def _complains_of_past_damage(norm: str) -> bool:
    return _COMPLAINT.search(norm) is not None and _HAPPENING_NOW.search(norm) is None
