"""Load the trained pipelines once per process and share them (thread-safe)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

MODEL_DIR = Path(__file__).resolve().parent / "model"
INBOUND = "inbound"
OUTBOUND = "outbound"


class ModelMissingError(RuntimeError):
    """The trained pipelines are not on disk: run `python -m classifiers train`."""


@dataclass(frozen=True)
class Models:
    inbound: Language
    outbound: Language


_lock = threading.Lock()
_cache: dict[Path, Models] = {}


def load(model_dir: Path | str | None = None) -> Models:
    """Load both pipelines (once per process and directory) and return the shared instance.

    The worker calls this before it takes jobs so the first message does not pay for loading.
    """
    path = Path(model_dir or MODEL_DIR).resolve()
    models = _cache.get(path)
    if models is None:
        with _lock:
            models = _cache.get(path)
            if models is None:
                models = Models(inbound=_load_one(path / INBOUND), outbound=_load_one(path / OUTBOUND))
                _cache[path] = models
    return models


def _load_one(path: Path) -> Language:
    if not (path / "config.cfg").is_file():
        raise ModelMissingError(f"no trained pipeline at {path}: run `python -m classifiers train`")
    return spacy.load(path)
