"""``okr eval rubric``, ``reader``, ``goals`` and ``duplicates``: the rubric against its
labelled sets, the reader against the real-shaped corpus, the offline drafter against real
teams' goals, the duplicate rules against pairs written for them (dev and test halves
apart)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Literal

from assistant.resources import data_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from assistant.evals.meaning import SentenceModel


def run(args: argparse.Namespace) -> int:
    from assistant.evals.errors import EvalSetError
    from assistant.evals.rubric_eval import all_reports, format_table, mistakes

    if args.eval_command in ("run", "compare"):
        from assistant.cli.eval_run_cmd import run as run_sets

        return run_sets(args)
    if args.eval_command == "reader":
        return _reader(args)
    if args.eval_command == "goals":
        return _goals(args)
    if args.eval_command == "duplicates":
        return _duplicates(args)
    if args.eval_command != "rubric":
        print(f"okr: error: unknown evaluation set {args.eval_command!r}", file=sys.stderr)
        return 2
    root = Path(args.dir) if args.dir else Path(data_dir("evals")) / "rubric"
    splits = [root / name for name in ("tune", "holdout") if (root / name).is_dir()]
    if not splits:
        print(f"okr: error: {root} has no tune/ or holdout/ folder", file=sys.stderr)
        return 2
    real = Path(args.real_dir) if args.real_dir else Path(data_dir("evals")) / "real"
    try:
        reports = all_reports(root, real)
    except EvalSetError as err:
        print(f"okr: error: {err}", file=sys.stderr)
        return 2
    _show(format_table(reports), args.out)
    for report in reports:
        if report.split == "real test":
            continue  # never listed: the test half is not read to change a rule
        if args.show_misses == "all" or args.show_misses == report.split.removeprefix("real "):
            print(f"\nItems the rubric got wrong in {report.split}:")
            print("\n".join(mistakes(report)) or "none")
    return 0


def _reader(args: argparse.Namespace) -> int:
    from assistant.evals.errors import EvalSetError
    from assistant.evals.reader_eval import format_documents, format_summary, misses, score_corpus

    root = Path(args.dir) if args.dir else Path(data_dir("evals")) / "real"
    try:
        results = score_corpus(root, _halves(args))
    except EvalSetError as err:
        print(f"okr: error: {err}", file=sys.stderr)
        return 2
    if not results:
        print(f"okr: error: {root} has no documents under dev/ or test/", file=sys.stderr)
        return 2
    _show(format_summary(results), args.out)
    if args.variants:
        from assistant.evals.variants import format_variants, score_variants

        print(format_variants(score_variants(root)), end="")
    if args.documents:
        print(format_documents(results))
    if args.show_misses:  # the dev half only: the test half is never read to change code
        for result in results:
            if result.half == "dev":
                print("\n".join(misses(result)))
    return 0


def _goals(args: argparse.Namespace) -> int:
    from assistant.evals.errors import EvalSetError
    from assistant.evals.goal_eval import format_summary, misses, score_goals

    root = Path(args.dir) if args.dir else Path(data_dir("evals")) / "real-goals"
    try:
        results = score_goals(root, _halves(args))
    except EvalSetError as err:
        print(f"okr: error: {err}", file=sys.stderr)
        return 2
    _show(format_summary(results), args.out)
    if args.show_misses and "dev" in results:  # never the test half
        print("\n".join(misses(results["dev"])))
    return 0


def _duplicates(args: argparse.Namespace) -> int:
    from assistant.evals.duplicates_eval import format_sweep, format_table, read_pairs
    from assistant.evals.errors import EvalSetError

    root = Path(args.dir) if args.dir else Path(data_dir("evals")) / "rubric" / "duplicates"
    try:
        halves = {half: read_pairs(root / f"{half}.jsonl") for half in _halves(args)}
        model = _meaning_model() if args.meaning or args.sweep else None
    except (EvalSetError, RuntimeError) as err:  # (MeaningError: the extra is missing)
        print(f"okr: error: {err}", file=sys.stderr)
        return 2
    _show(format_table(halves, model, Path(data_dir("evals")) / "real"), args.out)
    if args.sweep and model is not None and "dev" in halves:  # never the test half
        print()
        print(format_sweep(halves["dev"], model))
    return 0


def _meaning_model() -> SentenceModel:
    from assistant.evals.meaning import load_model  # (numpy and onnxruntime: only now)

    return load_model()


def _halves(args: argparse.Namespace) -> tuple[Literal["dev", "test"], ...]:
    return ("dev", "test") if args.half == "all" else (args.half,)


def _show(table: str, out: str | None) -> None:
    """Print a table and, with --out, write it to that file too."""
    print(table)
    if out:
        Path(out).write_text(table, encoding="utf-8")
