"""Build the train/test JSONL from the hand-written sources: python -m classifiers.corpus.build

The split is stratified per label and decided by a salted hash of each text, so it is fixed
(the same text always lands in the same part) and adding an example never reshuffles the rest.
Templated examples (opt-out and opt-in keyword spellings) go to the train part only, so the held-out
part is hand-written text only.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from classifiers.corpus import CORPUS_DIR, SOURCE_DIR

SPLIT_SEED = "sms-frontdesk-2024"
DEFAULT_LANGUAGE = "en"
# Sub-folders of src/inbound and src/outbound holding examples in another language (or a mix).
LANGUAGES = ("es", "mixed")
TEST_SHARE = 0.25

# The look-alikes of compliance.md section 2 must sit in both parts: these go to test, their
# near relatives in the sources stay in train.
PINNED_TEST = frozenset({
    "cancel my appointment please and thank you",
    "could you stop by on your way somewhere, I'm on Elm St",
    "The toilet won't stop running after every flush, I jiggle the handle and it keeps going",
    "my furnace quit",
    "It's the house at the end of the street",
    "La presion del agua esta muy baja en la cocina",
})
PINNED_TRAIN = frozenset({
    "cancel my appointment", "Can you stop by Friday?", "can you stop by Friday",
    "the toilet won't stop running", "The toilet won't stop running, it's driving me nuts",
    "my furnace quit last night, house is cold but we're ok", "Blue house at the end of the cul de sac",
    "Necesito un plomero para mañana si es posible",
})

_DECORATIONS = ("{}", "{}.", "{}!", "{}!!", " {} ", "{} 🛑", "🙏 {}", "{}?", "'{}'", "{} 👍")
_CASES = (str.upper, str.lower, str.title)


def _read_source(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.replace("\\n", "\n") for line in lines if line.strip() and not line.startswith("#")]


def _rank(text: str) -> str:
    return hashlib.sha256(f"{SPLIT_SEED}:{text}".encode()).hexdigest()


def _split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """Per label, opt-out scope and language, the pinned rows plus the lowest salted hashes form the test part."""
    train: list[dict] = []
    test: list[dict] = []
    strata = sorted({_stratum(r) for r in rows})
    for stratum in strata:
        group = [r for r in rows if _stratum(r) == stratum]
        pinned_test = [r for r in group if r["text"] in PINNED_TEST]
        free = sorted((r for r in group if r["text"] not in PINNED_TEST | PINNED_TRAIN),
                      key=lambda r: _rank(r["text"]))
        cut = max(0, round(len(group) * TEST_SHARE) - len(pinned_test))
        test += pinned_test + free[:cut]
        train += free[cut:] + [r for r in group if r["text"] in PINNED_TRAIN]
    return train, test


def _stratum(row: dict) -> tuple[str, str, str]:
    return row["label"], row.get("opt_out_scope", ""), row.get("lang", DEFAULT_LANGUAGE)


def _variants(words: tuple[str, ...], label: str, lang: str = DEFAULT_LANGUAGE, **extra: str) -> list[dict]:
    rows = []
    for i, word in enumerate(words):
        for j, deco in enumerate(_DECORATIONS):
            case = _CASES[(i + j) % len(_CASES)]
            rows.append({"text": deco.format(case(word)), "label": label, "lang": lang, **extra})
    return rows


def templated_inbound() -> list[dict]:
    """Keyword spellings, for the train part only (the rules decide them; the model never sees them)."""
    return [
        *_variants(("stop", "stop all", "unsubscribe", "cancel", "end", "quit", "revoke", "optout",
                    "opt out", "opt-out", "stopall"), "opt_out", opt_out_scope="all"),
        *_variants(("para", "alto", "baja", "cancelar"), "opt_out", "es", opt_out_scope="all"),
        *_variants(("start", "unstop"), "opt_in"),
    ]


def _sources(kind: str) -> list[tuple[Path, str]]:
    """(source file, language) pairs: src/<kind>/*.txt is English, src/<kind>/<lang>/*.txt that language."""
    folder = SOURCE_DIR / kind
    files = [(path, DEFAULT_LANGUAGE) for path in sorted(folder.glob("*.txt"))]
    for lang in LANGUAGES:
        files += [(path, lang) for path in sorted((folder / lang).glob("*.txt"))]
    return files


def inbound_rows() -> list[dict]:
    rows = []
    for path, lang in _sources("inbound"):
        label, scope = path.stem, None
        if label.startswith("opt_out"):
            label, scope = "opt_out", "marketing" if path.stem.endswith("marketing") else "all"
        for text in _read_source(path):
            row = {"text": text, "label": label, "lang": lang}
            if scope:
                row["opt_out_scope"] = scope
            rows.append(row)
    return rows


def outbound_rows() -> list[dict]:
    return [
        {"text": text, "label": path.stem, "lang": lang}
        for path, lang in _sources("outbound")
        for text in _read_source(path)
    ]


def _write(name: str, rows: list[dict]) -> None:
    with (CORPUS_DIR / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _dedupe(rows: list[dict]) -> list[dict]:
    seen: set[str] = set()
    unique = []
    for row in rows:
        if row["text"] not in seen:
            seen.add(row["text"])
            unique.append(row)
    return unique


def build() -> dict[str, int]:
    """Write the four JSONL files; returns the row count of each."""
    inbound_train, inbound_test = _split(_dedupe(inbound_rows()))
    test_texts = {r["text"].strip().lower() for r in inbound_test}
    extra = [r for r in templated_inbound() if r["text"].strip().lower() not in test_texts]
    outbound_train, outbound_test = _split(_dedupe(outbound_rows()))
    parts = {
        "inbound_train": _dedupe(inbound_train + extra),
        "inbound_test": inbound_test,
        "outbound_train": outbound_train,
        "outbound_test": outbound_test,
    }
    for name, rows in parts.items():
        _write(name, rows)
    return {name: len(rows) for name, rows in parts.items()}


if __name__ == "__main__":
    for name, count in build().items():
        print(f"{name}: {count}")
