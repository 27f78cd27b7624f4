"""python -m classifiers, run as a subprocess with the same (venv) interpreter."""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO_ROOT / "classifiers" / "model"


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "classifiers", *args], input=stdin, cwd=REPO_ROOT,
                          capture_output=True, timeout=120, check=False)


def json_lines(output: bytes) -> list[dict]:
    return [json.loads(line) for line in output.decode("utf-8").splitlines()]


def test_inbound_answers_each_line_and_survives_bad_input() -> None:
    stdin = "\n".join([
        json.dumps({"text": "STOP"}),
        "not json at all",
        json.dumps({"body": "no text key"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": "Gate code is 1234, the dog is friendly. Park in the driveway 🙏"}, ensure_ascii=False),
        json.dumps({"text": None}),
    ]).encode("utf-8") + b"\n\xff\xfe broken utf-8\n" + json.dumps({"text": "cancel my appointment"}).encode()
    proc = run_cli("inbound", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    replies = json_lines(proc.stdout)
    assert len(replies) == 8  # the blank line is skipped
    assert replies[0] == {"label": "opt_out", "confidence": 1.0, "opt_out_scope": "all", "entities": [],
                          "language": "en"}
    assert [r.get("line") for r in replies[1:3]] == [2, 3]
    assert all("error" in r for r in (replies[1], replies[2], replies[3], replies[5], replies[6]))
    assert replies[4]["label"] == "access_details"
    assert [(e["kind"], e["text"]) for e in replies[4]["entities"]] == [
        ("gate_code", "Gate code is 1234"), ("pet", "the dog"), ("parking", "Park in the driveway")]
    assert replies[4]["entities"][0]["value"] == "1234"
    assert replies[7]["label"] == "booking_cancel"


def test_outbound_defaults_to_transactional_and_accepts_a_purpose() -> None:
    stdin = "\n".join([
        json.dumps({"text": "Your tech is on the way, ETA 15 minutes."}),
        json.dumps({"text": "Get 20% off this week only!", "purpose": "marketing"}),
        json.dumps({"text": "Reminder: visit tomorrow at 9", "purpose": 3}),
        "{broken",
    ]).encode("utf-8")
    proc = run_cli("outbound", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    quiet, offer, bad_purpose, broken = json_lines(proc.stdout)
    assert quiet == {"promotional": False, "score": quiet["score"], "spans": []}
    assert offer["promotional"] is True
    assert {s["reason"] for s in offer["spans"]} == {"discount", "urgency"}
    assert "error" in bad_purpose and "error" in broken


def test_evaluate_prints_the_figures() -> None:
    proc = run_cli("evaluate")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    for needle in ("macro-F1", "opt-out recall 1.000", "false opt-outs 0", "confusion", "false positives"):
        assert needle in out


def test_train_is_deterministic_and_matches_the_committed_model(tmp_path: Path) -> None:
    """Retraining gives the committed model: the same files, and the same weights to float rounding.

    The weights are compared with a tolerance because the CPU's vector instructions round float
    sums differently from one machine to the next (about 1e-7); every other file is byte for byte.
    """
    import numpy
    import spacy

    proc = run_cli("train", "--output", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    for name in ("inbound", "outbound"):
        comparison = filecmp.dircmp(tmp_path / name, MODEL_DIR / name)
        assert _same_files(comparison, skip={"model"}), f"retrained {name} differs from classifiers/model/{name}"
        retrained, committed = (_weights(spacy.load(path)) for path in (tmp_path / name, MODEL_DIR / name))
        assert [w.shape for w in retrained] == [w.shape for w in committed]
        assert all(numpy.allclose(a, b, rtol=0, atol=1e-5) for a, b in zip(retrained, committed, strict=True)), name


def _weights(nlp) -> list:
    textcat = nlp.get_pipe("textcat").model
    return [node.get_param(key) for node in textcat.walk() for key in node.param_names if node.has_param(key)]


def _same_files(comparison: filecmp.dircmp, skip: set[str]) -> bool:
    files = [name for name in comparison.common_files if name not in skip]
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, files, shallow=False)
    return (not mismatch and not errors and not comparison.left_only and not comparison.right_only
            and all(_same_files(sub, skip) for sub in comparison.subdirs.values()))
