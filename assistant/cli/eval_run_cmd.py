"""``okr eval run SET…`` and ``okr eval compare A B``."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from assistant.evals.cache import ResponseCache
from assistant.evals.compare import RunError, compare
from assistant.evals.datasets import DatasetError, load_set
from assistant.evals.report import html_page, markdown
from assistant.evals.runner import CaseResult, run_cases
from assistant.evals.scorers import REGISTRY
from assistant.evals.summary import regressions, summarise
from assistant.evals.tasks import DraftTask, JudgeTask
from assistant.prompts import template_info
from assistant.providers import ProviderError, get_provider
from assistant.settings import Settings


def _error(message: str) -> int:
    print(f"okr: error: {message}", file=sys.stderr)
    return 2


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.errors = total, 0, 0
        self.live = sys.stderr.isatty()

    def __call__(self, result: CaseResult) -> None:
        self.done += 1
        self.errors += result.status == "error"
        if self.live:
            width = 30
            filled = int(width * self.done / self.total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/"
                             f"{self.total} · {self.errors} errors")
            sys.stderr.flush()
            if self.done == self.total:
                sys.stderr.write("\n")


def run(args: argparse.Namespace) -> int:
    if args.eval_command == "compare":
        try:
            print(compare(Path(args.a), Path(args.b)), end="")
        except RunError as err:
            return _error(str(err))
        return 0
    try:
        loaded = [load_set(Path(path)) for path in args.sets]
    except DatasetError as err:
        return _error(str(err))
    kinds = {kind for kind, _ in loaded}
    if len(kinds) > 1:
        return _error("give sets of one kind per run (drafting goals or LLM-critique cases)")
    kind = kinds.pop()
    cases = [case for _, part in loaded for case in part]
    known = REGISTRY[kind]
    unknown = [s for s in args.scorer if s not in known]
    if unknown:
        return _error(f"unknown scorer(s) {', '.join(unknown)}; known: {', '.join(known)}")
    overrides = {k: v for k, v in (("provider", args.provider), ("model", args.model),
                                   ("base_url", args.base_url)) if v}
    settings = Settings(**overrides)
    provider = get_provider(settings)
    prompt = "draft" if kind == "draft" else "critique"
    draft_version = template_info(prompt)[0] if provider.name != "offline" else provider.model
    if args.prompt_version and args.prompt_version != draft_version:
        return _error(f"--prompt-version {args.prompt_version} asked, but "
                      f"prompts/{prompt}.md.j2 is {draft_version}")
    cache = ResponseCache(Path(args.cache_dir) if args.cache_dir else None)
    progress = _Progress(len(cases))
    started = time.time()
    rounds = settings.repair_rounds if args.repair_rounds is None else args.repair_rounds
    task = DraftTask(rounds) if kind == "draft" else JudgeTask()
    try:
        results = asyncio.run(run_cases(
            cases, provider, task=task, concurrency=args.concurrency, cache=cache,
            scorers=args.scorer or None, on_done=progress))
    except ProviderError as err:
        return _error(str(err))
    summary = summarise(results, price_in=args.price_in, price_out=args.price_out)
    summary["wall_s"] = round(time.time() - started, 2)
    meta = {"format": 1, "set": ", ".join(args.sets), "provider": provider.name,
            "model": provider.model, "prompt_version": draft_version,
            "task": kind, "scorers": args.scorer or list(known), "started": time.strftime(
                "%Y-%m-%dT%H:%M:%S", time.localtime(started))}
    out = Path(args.out or f"eval-runs/{time.strftime('%Y%m%d-%H%M%S')}-{provider.name}")
    out.mkdir(parents=True, exist_ok=True)
    with (out / "results.jsonl").open("w", encoding="utf-8") as handle:
        for result in sorted(results, key=lambda r: r.id):
            handle.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    (out / "run.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    report = markdown(meta, summary, results)
    (out / "report.md").write_text(report, encoding="utf-8")
    (out / "report.html").write_text(html_page(meta, summary, results), encoding="utf-8")
    print(report, end="")
    print(f"\nwritten to {out}/ (results.jsonl, summary.json, report.md, report.html)")

    failed_gate = False
    if args.baseline:
        try:
            baseline = json.loads(Path(args.baseline).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            return _error(f"--baseline {args.baseline}: {err}")
        problems = regressions(summary, baseline, args.max_drop)
        for problem in problems:
            print(f"regression: {problem}", file=sys.stderr)
        failed_gate |= bool(problems)
    if summary["error_rate"] is not None and summary["error_rate"] > args.max_errors:
        print(f"errors: {summary['errors']} of {summary['cases']} cases, above "
              f"--max-errors {args.max_errors}", file=sys.stderr)
        failed_gate = True
    return 1 if failed_gate else 0
