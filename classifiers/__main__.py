"""Command line: python -m classifiers {inbound,outbound,train,evaluate}

inbound and outbound read JSON lines on stdin and write one JSON line per input line; a bad line
gets {"error": ...} and the next line is read. Blank lines are skipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from typing import BinaryIO

EXIT_OK = 0
EXIT_STDIN_UNREADABLE = 2


def _requests(stdin: BinaryIO) -> Iterator[tuple[int, dict | str]]:
    """(line number, parsed object or error message) for every non-blank line."""
    for number, raw in enumerate(stdin, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, f"not UTF-8: {exc}"
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield number, f"not JSON: {exc}"
            continue
        if not isinstance(obj, dict):
            yield number, "expected a JSON object"
        elif not isinstance(obj.get("text"), str):
            yield number, 'missing "text" (a string)'
        else:
            yield number, obj


def _inbound(obj: dict) -> dict:
    from classifiers.inbound import classify_inbound
    return classify_inbound(obj["text"]).to_dict()


def _outbound(obj: dict) -> dict:
    from classifiers.outbound import DEFAULT_PURPOSE, check_outbound
    purpose = obj.get("purpose", DEFAULT_PURPOSE)
    if not isinstance(purpose, str):
        raise ValueError('"purpose" must be a string')
    return check_outbound(obj["text"], purpose).to_dict()


def _serve(handle: Callable[[dict], dict], stdin: BinaryIO, stdout: BinaryIO) -> int:
    try:
        for number, request in _requests(stdin):
            if isinstance(request, str):
                reply = {"error": request, "line": number}
            else:
                try:
                    reply = handle(request)
                except ValueError as exc:
                    reply = {"error": str(exc), "line": number}
            stdout.write(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")
            stdout.flush()
    except OSError as exc:
        print(f"cannot read stdin: {exc}", file=sys.stderr)
        return EXIT_STDIN_UNREADABLE
    return EXIT_OK


def _train(args: argparse.Namespace) -> int:
    from classifiers.training import train
    for name, seconds in train(args.output).items():
        print(f"trained {name} in {seconds:.1f}s -> {args.output}/{name}")
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from classifiers.evaluation import (
        by_language,
        evaluate_inbound,
        evaluate_outbound,
        format_inbound,
        format_outbound,
        sources,
        summary_line,
    )
    for title, (inbound_rows, outbound_rows) in sources(args.part).items():
        inbound = evaluate_inbound(inbound_rows) if inbound_rows else None
        outbound = evaluate_outbound(outbound_rows) if outbound_rows else None
        if inbound is not None:
            print(f"== inbound, {title} ==")
            print(format_inbound(inbound))
        if outbound is not None:
            print(f"\n== outbound, {title} ==")
            print(format_outbound(outbound))
        print(f"\n== {title}, per language ==")
        inbound_by, outbound_by = by_language(inbound_rows), by_language(outbound_rows)
        for lang in dict.fromkeys([*inbound_by, *outbound_by]):
            print(summary_line(lang,
                               evaluate_inbound(inbound_by[lang]) if lang in inbound_by else None,
                               evaluate_outbound(outbound_by[lang]) if lang in outbound_by else None))
        print()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from classifiers.pipeline import MODEL_DIR

    parser = argparse.ArgumentParser(prog="python -m classifiers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("inbound", help="classify inbound messages: {\"text\"} per line on stdin")
    sub.add_parser("outbound", help="check outbound messages: {\"text\", \"purpose\"} per line on stdin")
    train = sub.add_parser("train", help="retrain both pipelines from the corpus")
    train.add_argument("--output", default=str(MODEL_DIR), help="model directory (default: %(default)s)")
    evaluate = sub.add_parser("evaluate", help="score both classifiers on the held-out corpus and the frozen set")
    evaluate.add_argument("--part", default="test", choices=("test", "train"))
    args = parser.parse_args(argv)

    if args.command == "inbound":
        return _serve(_inbound, sys.stdin.buffer, sys.stdout.buffer)
    if args.command == "outbound":
        return _serve(_outbound, sys.stdin.buffer, sys.stdout.buffer)
    if args.command == "train":
        return _train(args)
    return _evaluate(args)


if __name__ == "__main__":
    sys.exit(main())
