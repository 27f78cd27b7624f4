"""The labelled examples: hand-written sources in src/, train/test JSONL built from them by build.py."""

from __future__ import annotations

import json
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
SOURCE_DIR = CORPUS_DIR / "src"


def read_jsonl(name: str) -> list[dict]:
    """Rows of classifiers/corpus/<name>.jsonl, e.g. read_jsonl("inbound_test")."""
    with (CORPUS_DIR / f"{name}.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
