"""The sentences the service texts, loaded from `responder/wording.toml` (or a file staff choose)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

DEFAULT_WORDING_FILE = Path(__file__).with_name("wording.toml")


@lru_cache(maxsize=4)
def load(path: str | None = None) -> dict[str, str]:
    with open(path or DEFAULT_WORDING_FILE, "rb") as handle:
        wording = tomllib.load(handle)
    bad = [key for key, value in wording.items() if not isinstance(value, str)]
    if bad:
        raise ValueError(f"wording entries must be text: {', '.join(bad)}")
    return wording


def listing(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c" """
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def say(key: str, path: str | None = None, **fields) -> str:
    return load(path)[key].format(**fields)
