"""The eval runner: dataset x solver (a task: drafting, judging) x scorers, concurrent and
cached.

A wrong draft is a *failure* (a score said no); an exception on the way (the model timed out,
answered garbage) is an *error*, kept apart and never cached, so a re-run retries it.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from assistant import __version__
from assistant.evals.cache import ResponseCache, cache_key
from assistant.evals.datasets import Case
from assistant.evals.scorers import REGISTRY
from assistant.evals.tasks import DraftTask, Task
from assistant.providers.base import Provider, ProviderError
from assistant.resources import data_dir

Status = Literal["passed", "failed", "error"]


@dataclass(slots=True)
class CaseResult:
    id: str
    domain: str
    status: Status
    scores: dict[str, dict[str, Any]] = field(default_factory=dict)  # applicable ones only
    output: dict[str, Any] | None = None  # the draft or judgement, as JSON
    error: str | None = None
    latency_s: float = 0.0
    cached: bool = False


def fingerprint(provider: Provider, task: Task) -> dict[str, Any]:
    """What decides an output, besides the case: provider, model, the task's prompt and rubric
    files, its settings and the code version. Operational settings (timeouts, retries,
    concurrency) are deliberately left out."""
    files = {}
    for name in task.files:
        folder, _, file = name.partition("/")
        path = Path(data_dir(folder)) / file
        files[name] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return {"task": task.name, "provider": provider.name, "model": provider.model,
            "files": files, "settings": task.settings(), "version": __version__}


def score(case: Case, output: Any, names: Sequence[str], task: str) -> dict[str, dict[str, Any]]:
    scores = {}
    for name in names:
        outcome = REGISTRY[task][name](case, output)
        if outcome is not None:
            scores[name] = {"passed": outcome.passed, "detail": outcome.detail}
    return scores


async def run_cases(cases: Sequence[Case], provider: Provider, *, task: Task | None = None,
                    concurrency: int = 8, cache: ResponseCache | None = None,
                    repair_rounds: int = 2, scorers: Sequence[str] | None = None,
                    on_done: Callable[[CaseResult], None] | None = None) -> list[CaseResult]:
    task = task or DraftTask(repair_rounds)
    names = list(scorers or REGISTRY[task.name])
    cache = cache or ResponseCache(None)
    base_key = fingerprint(provider, task)
    gate = asyncio.Semaphore(max(1, concurrency))

    async def solve(case: Case) -> tuple[Any, bool]:
        key = cache_key({**base_key, "input": task.input(case)})  # type: ignore[arg-type]
        stored = cache.get(key)
        if stored is not None:
            return task.load(stored), True
        output = await task.solve(case, provider)  # type: ignore[arg-type]
        cache.put(key, task.dump(output))  # only a finished output reaches this line
        return output, False

    async def one(case: Case) -> CaseResult:
        async with gate:
            start = time.perf_counter()
            try:
                output, cached = await solve(case)
            except ProviderError as err:
                done = CaseResult(case.id, case.domain, "error", error=str(err),
                                  output={"raw": err.raw} if err.raw else None,
                                  latency_s=time.perf_counter() - start)
            except Exception as err:  # an eval run reports every case, whatever happens
                done = CaseResult(case.id, case.domain, "error",
                                  error=f"{type(err).__name__}: {err}",
                                  latency_s=time.perf_counter() - start)
            else:
                scores = score(case, output, names, task.name)
                passed = all(s["passed"] for s in scores.values())
                done = CaseResult(case.id, case.domain, "passed" if passed else "failed",
                                  scores=scores, output=task.dump(output), cached=cached,
                                  latency_s=time.perf_counter() - start)
        if on_done is not None:
            on_done(done)
        return done

    return list(await asyncio.gather(*(one(case) for case in cases)))
