"""Held-out evaluation of both classifiers: python -m classifiers evaluate

Two sources are scored apart: the corpus's held-out part (written with the training examples) and
the frozen evaluation set in classifiers/frozen/ (written by someone who never saw the corpus, and
never read by training). Each is reported as a whole and per language (en, es, mixed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from classifiers.corpus import read_jsonl
from classifiers.frozen import frozen_rows
from classifiers.inbound import INBOUND_LABELS, classify_inbound_batch
from classifiers.outbound import check_outbound_batch

OPT_OUT = "opt_out"


@dataclass(frozen=True)
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class InboundReport:
    per_label: dict[str, LabelScore]
    macro_f1: float
    accuracy: float
    confusion: dict[str, Counter]
    opt_out_recall: float
    false_opt_outs: list[dict]
    missed_opt_outs: list[dict]
    scope_errors: list[dict]
    errors: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class OutboundReport:
    precision: float
    recall: float
    f1: float
    accuracy: float
    false_positives: list[dict]
    false_negatives: list[dict]


def _score(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate_inbound(rows: Sequence[dict]) -> InboundReport:
    """Score classify_inbound on labelled rows {text, label[, opt_out_scope]}."""
    results = classify_inbound_batch(row["text"] for row in rows)
    confusion: dict[str, Counter] = {label: Counter() for label in INBOUND_LABELS}
    errors, scope_errors = [], []
    for row, result in zip(rows, results, strict=True):
        confusion[row["label"]][result.label] += 1
        if result.label != row["label"]:
            errors.append({"text": row["text"], "expected": row["label"], "got": result.label,
                           "confidence": result.confidence})
        elif result.label == OPT_OUT and result.opt_out_scope != row.get("opt_out_scope", "all"):
            scope_errors.append({"text": row["text"], "expected": row.get("opt_out_scope", "all"),
                                 "got": result.opt_out_scope})
    per_label = {}
    for label in INBOUND_LABELS:
        tp = confusion[label][label]
        fp = sum(confusion[other][label] for other in INBOUND_LABELS if other != label)
        fn = sum(confusion[label].values()) - tp
        per_label[label] = LabelScore(*_score(tp, fp, fn), support=sum(confusion[label].values()))
    present = [s for s in per_label.values() if s.support]
    return InboundReport(
        per_label=per_label,
        macro_f1=sum(s.f1 for s in present) / len(present),
        accuracy=sum(confusion[label][label] for label in INBOUND_LABELS) / len(rows),
        confusion=confusion,
        opt_out_recall=per_label[OPT_OUT].recall,
        false_opt_outs=[e for e in errors if e["got"] == OPT_OUT],
        missed_opt_outs=[e for e in errors if e["expected"] == OPT_OUT],
        scope_errors=scope_errors,
        errors=errors,
    )


def evaluate_outbound(rows: Sequence[dict]) -> OutboundReport:
    """Score check_outbound on labelled rows {text, label: promotional|transactional}."""
    results = check_outbound_batch(row["text"] for row in rows)
    fps, fns, tp = [], [], 0
    for row, result in zip(rows, results, strict=True):
        expected = row["label"] == "promotional"
        if result.promotional and expected:
            tp += 1
        elif result.promotional:
            fps.append({"text": row["text"], "score": result.score, "spans": result.spans})
        elif expected:
            fns.append({"text": row["text"], "score": result.score})
    precision, recall, f1 = _score(tp, len(fps), len(fns))
    return OutboundReport(precision, recall, f1, 1 - (len(fps) + len(fns)) / len(rows), fps, fns)


def format_inbound(report: InboundReport) -> str:
    lines = [f"{'label':<20}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}"]
    for label, s in report.per_label.items():
        lines.append(f"{label:<20}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.support:>5}")
    lines += [
        f"macro-F1 {report.macro_f1:.3f}   accuracy {report.accuracy:.3f}",
        f"opt-out recall {report.opt_out_recall:.3f}   false opt-outs {len(report.false_opt_outs)}"
        f"   opt-out scope errors {len(report.scope_errors)}",
        "",
        "confusion (rows = expected, columns = predicted):",
    ]
    short = [label[:6] for label in INBOUND_LABELS]
    lines.append(" " * 20 + "".join(f"{s:>7}" for s in short))
    for label in INBOUND_LABELS:
        lines.append(f"{label:<20}" + "".join(f"{report.confusion[label][p]:>7}" for p in INBOUND_LABELS))
    for title, items in (("false opt-outs", report.false_opt_outs), ("missed opt-outs", report.missed_opt_outs),
                         ("opt-out scope errors", report.scope_errors), ("errors", report.errors)):
        if items:
            lines += ["", f"{title}:"]
            lines += [f"  {e['expected']} -> {e['got']}: {e['text']!r}" for e in items]
    return "\n".join(lines)


def format_outbound(report: OutboundReport) -> str:
    lines = [
        f"promotional  P {report.precision:.3f}  R {report.recall:.3f}  F1 {report.f1:.3f}"
        f"  accuracy {report.accuracy:.3f}",
        f"false positives ({len(report.false_positives)}):",
    ]
    lines += [f"  {e['score']:.2f} {e['text']!r} {[s['text'] for s in e['spans']]}" for e in report.false_positives]
    lines.append(f"false negatives ({len(report.false_negatives)}):")
    lines += [f"  {e['score']:.2f} {e['text']!r}" for e in report.false_negatives]
    return "\n".join(lines)


def evaluate(part: str = "test") -> tuple[InboundReport, OutboundReport]:
    """Both reports on a corpus part ("test" is the held-out one)."""
    return evaluate_inbound(read_jsonl(f"inbound_{part}")), evaluate_outbound(read_jsonl(f"outbound_{part}"))


LANGUAGES = ("en", "es", "mixed")


def by_language(rows: Sequence[dict]) -> dict[str, list[dict]]:
    """The rows of each language present, in LANGUAGES order (a row without "lang" is English)."""
    groups: dict[str, list[dict]] = {}
    for lang in LANGUAGES:
        group = [row for row in rows if row.get("lang", "en") == lang]
        if group:
            groups[lang] = group
    others = [row for row in rows if row.get("lang", "en") not in LANGUAGES]
    if others:
        groups["other"] = others
    return groups


# The blind sets after the first two: (title, inbound file kind, outbound file kind), see classifiers.frozen.
LATER_SETS = (
    ("frozen evaluation set 3", "inbound3", "outbound2"), ("frozen evaluation set 4", "inbound4", "outbound3"),
    ("frozen evaluation set 5", "inbound5", "outbound4"), ("frozen evaluation set 6", "inbound6", "outbound5"),
    ("frozen evaluation set 7", "inbound7", "outbound6"),
)


def sources(part: str = "test") -> dict[str, tuple[list[dict], list[dict]]]:
    """{title: (inbound rows, outbound rows)}: the corpus part, and the frozen set when present."""
    found = {f"corpus {part}": (read_jsonl(f"inbound_{part}"), read_jsonl(f"outbound_{part}"))}
    frozen_in, frozen_out = frozen_rows("inbound"), frozen_rows("outbound")
    if frozen_in or frozen_out:
        found["frozen evaluation set"] = (frozen_in, frozen_out)
        # The same figures without the frozen rows whose text is also a corpus example ("STOP",
        # "thanks!", the issue's own examples): those the model may have seen in training.
        known = {row["text"].strip().lower() for name in ("inbound_train", "outbound_train", "inbound_test",
                                                         "outbound_test") for row in read_jsonl(name)}
        found["frozen evaluation set, rows not in the corpus"] = (
            [row for row in frozen_in if row["text"].strip().lower() not in known],
            [row for row in frozen_out if row["text"].strip().lower() not in known],
        )
    second = frozen_rows("inbound2")
    if second:
        found["frozen evaluation set 2 (inbound)"] = (second, [])
    for title, inbound_kind, outbound_kind in LATER_SETS:
        inbound, outbound = frozen_rows(inbound_kind), frozen_rows(outbound_kind)
        if inbound or outbound:
            found[title] = (inbound, outbound)
    return found


def summary_line(lang: str, inbound: InboundReport | None, outbound: OutboundReport | None) -> str:
    parts = [f"{lang:<6}"]
    if inbound is not None:
        n = sum(s.support for s in inbound.per_label.values())
        parts.append(f"inbound n={n:<4} macro-F1 {inbound.macro_f1:.3f} accuracy {inbound.accuracy:.3f}"
                     f" missed opt-outs {len(inbound.missed_opt_outs)} false opt-outs {len(inbound.false_opt_outs)}"
                     f" scope errors {len(inbound.scope_errors)}")
    if outbound is not None:
        n = len(outbound.false_positives) + len(outbound.false_negatives)
        parts.append(f"| outbound P {outbound.precision:.3f} R {outbound.recall:.3f} F1 {outbound.f1:.3f}"
                     f" errors {n}")
    return "  ".join(parts)
