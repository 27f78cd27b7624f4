"""Train the two text classifiers from the corpus: python -m classifiers train

Deterministic: a fixed seed, a fixed example order per epoch and a CPU-only blank pipeline, so the
same corpus gives byte-identical model files.
"""

from __future__ import annotations

import random
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch

from classifiers.corpus import CORPUS_DIR, read_jsonl
from classifiers.inbound import MODEL_LABELS
from classifiers.pipeline import INBOUND, MODEL_DIR, OUTBOUND
from classifiers.text import for_model

SEED = 20240611
EPOCHS = 25
DROPOUT = 0.2
OUTBOUND_LABELS = ("promotional", "transactional")
# Hash table rows of the bag-of-ngrams model: 2**15 keeps the inbound model near 2 MB.
BOW_LENGTH = 2**15
NGRAM_SIZE = 2
# The only files training reads: the train parts of the corpus. The frozen evaluation set
# (classifiers/frozen) is scored, never trained on.
TRAINING_FILES = {INBOUND: "inbound_train", OUTBOUND: "outbound_train"}


def training_paths() -> list[Path]:
    return [CORPUS_DIR / f"{name}.jsonl" for name in TRAINING_FILES.values()]


def textcat_config(*, exclusive: bool) -> dict:
    """A small bag-of-unigrams-and-bigrams text classifier (TextCatBOW.v3)."""
    return {
        "model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": exclusive,
            "ngram_size": NGRAM_SIZE,
            "no_output_layer": False,
            "length": BOW_LENGTH,
        },
        "threshold": 0.5,
    }


def train_textcat(rows: Sequence[dict], labels: Sequence[str], *, exclusive: bool = True,
                  epochs: int = EPOCHS) -> Language:
    """A blank English pipeline with one trained textcat over for_model() text."""
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat" if exclusive else "textcat_multilabel",
                           config=textcat_config(exclusive=exclusive))
    for label in labels:
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(for_model(row["text"])),
                          {"cats": {label: float(label == row["label"]) for label in labels}})
        for row in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, drop=DROPOUT, sgd=optimizer)
    return nlp


def train(output_dir: Path | str = MODEL_DIR) -> dict[str, float]:
    """Train both pipelines on the train part of the corpus and save them; returns timings."""
    output = Path(output_dir)
    timings = {}
    # opt_out and opt_in are decided by rules only (inbound.RULE_ONLY_LABELS), so the inbound model
    # never learns them: "my furnace quit" cannot drift towards opt_out through the word "quit".
    for name, labels, rows in (
        (INBOUND, MODEL_LABELS, [r for r in read_jsonl(TRAINING_FILES[INBOUND]) if r["label"] in MODEL_LABELS]),
        (OUTBOUND, OUTBOUND_LABELS, read_jsonl(TRAINING_FILES[OUTBOUND])),
    ):
        started = time.perf_counter()
        nlp = train_textcat(rows, labels)
        target = output / name
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        nlp.to_disk(target)
        timings[name] = time.perf_counter() - started
    return timings
