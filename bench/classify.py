"""Throughput and latency of the classifiers over the corpus: python bench/classify.py

Prints messages per second (batched and one at a time), p50/p99 of a single call, the load time
(import + both pipelines) and the size of classifiers/model on disk.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# Run as a script from anywhere: the repository root must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROUNDS = 3


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} msg/s"


def _batched(fn: Callable[[Sequence], list], items: Sequence) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        fn(items)
        best = min(best, time.perf_counter() - started)
    return best


def _single(fn: Callable, items: Sequence) -> tuple[float, list[float]]:
    latencies = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        latencies.append(time.perf_counter() - started)
    return sum(latencies), latencies


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    started = time.perf_counter()
    import classifiers
    from classifiers.corpus import read_jsonl
    from classifiers.pipeline import MODEL_DIR

    classifiers.load()
    load_seconds = time.perf_counter() - started

    inbound = [r["text"] for part in ("train", "test") for r in read_jsonl(f"inbound_{part}")]
    outbound = [r["text"] for part in ("train", "test") for r in read_jsonl(f"outbound_{part}")]
    classifiers.classify_inbound_batch(inbound[:50])  # warm caches before timing
    classifiers.check_outbound_batch(outbound[:50])

    print(f"load (import + both pipelines): {load_seconds:.2f} s")
    print(f"model size on disk: {_dir_size(MODEL_DIR) / 1e6:.2f} MB")
    for name, batch_fn, single_fn, items in (
        ("inbound", classifiers.classify_inbound_batch, classifiers.classify_inbound, inbound),
        # check_outbound memoises per text: time the model, not the memo, with the unmemoised single call
        ("outbound", classifiers.check_outbound_batch, lambda text: classifiers.check_outbound_batch([text])[0],
         outbound),
    ):
        batch_seconds = _batched(batch_fn, items)
        total, latencies = _single(single_fn, items)
        print(f"{name}: {len(items)} messages")
        print(f"  batched:        {_rate(len(items), batch_seconds)}")
        print(f"  one at a time:  {_rate(len(items), total)}")
        print(f"  single call:    p50 {_percentile(latencies, 50) * 1e3:.2f} ms, "
              f"p99 {_percentile(latencies, 99) * 1e3:.2f} ms, max {max(latencies) * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
