"""Spanish emergency patterns ("huele a gas", "se está inundando", "hay chispas"), beside the English ones.

Matched on for_rules() text (lower case, accents removed), so "inundándose" reads "inundandose".
A hit with a negation among the three words before it ("ya no huele a gas", "no hay chispas")
does not count, as in English.
"""

from __future__ import annotations

import re

from classifiers import prefilter

SPANISH_EMERGENCY_PATTERNS: dict[str, tuple[str, ...]] = {
    "gas": (
        r"\b(?:huele|olor|oliendo|apesta|peste)\s+(?:mucho\s+|bien\s+|fuerte\s+|bien\s+fuerte\s+)?(?:a\s+)?gas\b",
        r"\bfuga\s+de\s+gas\b|\bse\s+(?:esta\s+)?(?:sale|saliendo|fugando)\s+(?:el\s+)?gas\b",
        r"\b(?:huele|olor)\s+a\s+huevos?\s+podridos?\b",
        r"\bsilbido\b[^.!?\n]{0,30}\b(?:gas|medidor)\b",
    ),
    "flooding": (
        r"\binund\w*",
        r"\b(?:se\s+)?(?:revento|reventaron|rompio|rompieron|exploto|estallo)\s+(?:el\s+|la\s+|un\s+|una\s+)?"
        r"(?:tubo|tuberia|caneria|calentador|boiler|linea|manguera|pipe|tubo\s+principal)\b",
        r"\b(?:tubo|tubos|tuberia|caneria|pipe|calentador|boiler|manguera)\s+(?:principal\s+)?(?:se\s+)?"
        r"(?:revento|rompio|exploto|estallo)\b",
        r"\bagua\s+por\s+todos\s+lados\b|\bagua\s+por\s+todas\s+partes\b|\bagua\s+a\s+chorros\b",
        # "el agua no para de salir": a flow that will not stop, not a negation
        r"\bagua\s+no\s+(?:para|deja)\s+de\s+(?:salir|brotar|chorrear|entrar)\b|\bno\s+(?:para|deja)\s+de\s+(?:salir|brotar"
        r"|chorrear|entrar)\s+(?:el\s+)?agua\b",
        # water that will not stop, or a fixture running over: "ya no para el agua", "se está desbordando"
        r"\bya\s+no\s+para\s+(?:el\s+)?agua\b|\bel\s+agua\s+(?:ya\s+)?no\s+para\b(?!\s+de\s+(?!salir|brotar|chorrear|entrar))",
        r"\b(?:se\s+)?(?:esta\s+)?desbord(?:ando|o|a)(?:se)?\b|\bdesbordandose\b",
        r"\bagua\b[^.!?\n]{0,30}\b(?:por|del|desde\s+el)\s+(?:el\s+)?techo\b",
        r"\bse\s+(?:esta\s+)?(?:cayendo|callendo|cae)\s+el\s+techo\b",
        r"\bagua\b[^.!?\n]{0,25}\b(?:panel|breaker|enchufe|caja\s+de\s+(?:luz|breakers))\b",
    ),
    "electrical": (
        r"\bchisp\w*|\bchisporrot\w*",
        r"\b(?:sale|saliendo|echando|echa|hay|lleno|llenando|llena)\s+(?:de\s+)?(?:mucho\s+)?humo\b",
        r"\bhumo\s+(?:del|de\s+la|sale|saliendo)\b",
        r"\b(?:huele|olor)\s+a\s+quemado\b",
        r"\bse\s+(?:esta\s+)?quemando\b|\bquemandose\b",
        r"\bincendio\b|\bfuego\b|\bse\s+prendio\s+(?:fuego|en\s+llamas)\b|\bllamas\b",
        r"\b(?:panel|breaker|enchufe|caja|medidor|cable|cables)\b[^.!?\n]{0,25}\b(?:muy\s+)?caliente\b",
        r"\bderriti\w*|\bderritiendo\b",
        r"\bcables?\s+(?:de\s+luz\s+)?(?:caido|caidos|en\s+el\s+suelo)\b",
    ),
    "locked_in": (
        r"\bse\s+(?:me|nos|le|les)\s+quedo\s+(?:el|la|mi|su|nuestro|nuestra)\s+(?:nino|nina|bebe|hijo|hija|nene|nena)"
        r"\s+(?:adentro|dentro|encerrad\w*)",
        r"\b(?:nino|nina|bebe|hijo|hija|nene|nena)\s+(?:esta\s+|quedo\s+)?(?:encerrad\w*|atrapad\w*)\b",
    ),
    "carbon_monoxide": (
        r"\bmonoxido\b",
    ),
    "sewage": (
        r"\baguas\s+negras\b",
        r"\b(?:drenaje|desague)\s+se\s+(?:regreso|esta\s+regresando|devolvio)\b|\bse\s+regreso\s+el\s+drenaje\b",
        r"\b(?:sewer|sewage|drenaje|desague|cloaca)\b[^.!?\n]{0,20}\b(?:esta\s+)?(?:regresando|regreso|devolviendo|devolvio"
        r"|brotando)\b",
    ),
}
NO_HEAT_PATTERNS: tuple[str, ...] = (
    r"\b(?:no\s+(?:hay|tenemos|tengo)|sin)\s+(?:calefaccion|calor|luz|electricidad|corriente)\b",
    r"\b(?:calefaccion|calentador|calenton|boiler|furnace|heater)\s+no\s+(?:prende|funciona|sirve|calienta)\b",
    r"\bse\s+(?:nos\s+|me\s+|le\s+|les\s+)?(?:fue|apago|descompuso|murio)\s+(?:la|el)\s+(?:calefaccion|calefa|calentador"
    r"|calenton|heater|heat|furnace|boiler)\b",
    r"\b(?:calefaccion|calefa|calenton|heater|heat|furnace)\s+(?:se\s+)?(?:descompuso|dejo\s+de\s+funcionar|no\s+jala"
    r"|no\s+da\s+calor|murio|apago)\b",
)
# Cold enough that no heat is dangerous by itself: "está helando", "bajo cero", "nos estamos congelando".
FREEZING_PATTERNS: tuple[str, ...] = (
    r"\b(?:helando|hiela|helada|congel\w*|bajo\s+cero|mucho\s+frio|frio\s+(?:horrible|terrible|espantoso|tremendo))\b",
)
NO_COOLING_PATTERNS: tuple[str, ...] = (
    r"\b(?:no\s+(?:hay|tenemos|tengo|sirve\s+el|funciona\s+el|prende\s+el)|sin)\s+(?:ac|a/c|aire(?:\s+acondicionado)?|clima)\b",
    r"\b(?:aire|ac|a/c|clima)(?:\s+acondicionado)?\s+(?:no\s+(?:prende|funciona|sirve|enfria)|se\s+(?:descompuso|murio|apago))\b"
    r"|\bse\s+(?:descompuso|murio|apago|fue)\s+el\s+(?:aire|ac|a/c|clima)\b",
)
EXTREME_HEAT_PATTERNS: tuple[str, ...] = (
    r"\bhace\s+(?:un\s+)?(?:1[0-2]\d|calor\s+(?:horrible|insoportable|terrible|espantoso))\b|\b1[0-2]\d\s*grados\b"
    r"|\bgolpe\s+de\s+calor\b|\bfiebre\b|\bdel\s+corazon\b",
)
VULNERABLE_PATTERNS: tuple[str, ...] = (
    r"\b(?:bebe|bebes|bebita|bebito|recien\s+nacid\w*|\d+\s*(?:mes|meses|semanas)(?:\s+de\s+nacid\w*)?)\b",
    r"\b(?:ancian\w*|abuel\w*|viejit\w*|embarazada|oxigeno|dialisis|discapacitad\w*|silla\s+de\s+ruedas)\b",
    r"\benferm\w*\b",
    r"\b(?:[89]\d|1\d\d)\s*anos\b",
)
NEGATIONS = frozenset({"no", "nunca", "sin", "ni", "tampoco", "nada"})

_FAMILIES = {
    family: prefilter.compile("|".join(f"(?:{p})" for p in patterns))
    for family, patterns in SPANISH_EMERGENCY_PATTERNS.items()
}
_NO_HEAT = prefilter.compile("|".join(f"(?:{p})" for p in NO_HEAT_PATTERNS))
_VULNERABLE = prefilter.compile("|".join(f"(?:{p})" for p in VULNERABLE_PATTERNS))
_FREEZING = prefilter.compile("|".join(f"(?:{p})" for p in FREEZING_PATTERNS))
_NO_COOLING = prefilter.compile("|".join(f"(?:{p})" for p in NO_COOLING_PATTERNS))
_EXTREME_HEAT = prefilter.compile("|".join(f"(?:{p})" for p in EXTREME_HEAT_PATTERNS))
_WORD = re.compile(r"[a-z']+")


def _negated(text: str, start: int) -> bool:
    return any(w in NEGATIONS for w in _WORD.findall(text[:start])[-3:])


def spanish_emergency_kind(norm: str) -> str | None:
    """The emergency family of a Spanish (or Spanglish) for_rules() text, or None."""
    for family, pattern in _FAMILIES.items():
        if any(not _negated(norm, m.start()) for m in pattern.finditer(norm)):
            return family
    if _NO_HEAT.search(norm) and (_VULNERABLE.search(norm) or _FREEZING.search(norm)):
        return "no_heat_vulnerable"
    if _NO_COOLING.search(norm) and (_VULNERABLE.search(norm) or _EXTREME_HEAT.search(norm)):
        return "no_cooling_vulnerable"
    return None


def spanish_emergency_denied(norm: str) -> bool:
    """True when the text names a danger only to deny it ("ya no huele a gas", "no hay chispas")."""
    starts = [m.start() for pattern in _FAMILIES.values() for m in pattern.finditer(norm)]
    return bool(starts) and all(_negated(norm, start) for start in starts)
