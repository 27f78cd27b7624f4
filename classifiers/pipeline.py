"""Load the trained pipelines once per process and share them (thread-safe).

spaCy itself is imported on the first load, not when this module is: `flask db upgrade` and the other
commands import the app without paying for it. A web worker loads on its first message; the RQ
worker loads before it takes jobs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    import spacy

    return spacy.load(path)
