"""Held-out evaluation of both classifiers: python -m classifiers evaluate"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from classifiers.corpus import read_jsonl
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
