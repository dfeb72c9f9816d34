"""The eval runner: dataset x solver (the drafting service) x scorers, concurrent and cached.

A wrong draft is a *failure* (a score said no); an exception on the way (the model timed out,
answered garbage) is an *error*, kept apart and never cached, so a re-run retries it.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter

from assistant import __version__
from assistant.drafts.types import Draft
from assistant.evals.cache import ResponseCache, cache_key
from assistant.evals.datasets import DraftCase
from assistant.evals.scorers import SCORERS
from assistant.providers.base import Provider, ProviderError
from assistant.resources import data_dir
from assistant.services.drafting import draft

_DRAFT = TypeAdapter(Draft)
Status = Literal["passed", "failed", "error"]


@dataclass(slots=True)
class CaseResult:
    id: str
    domain: str
    status: Status
    scores: dict[str, dict[str, Any]] = field(default_factory=dict)  # applicable ones only
    draft: dict[str, Any] | None = None
    error: str | None = None
    latency_s: float = 0.0
    cached: bool = False


def fingerprint(provider: Provider, repair_rounds: int) -> dict[str, Any]:
    """What decides a draft, besides the case: provider, model, prompts, rubric, code version.
    Operational settings (timeouts, retries, concurrency) are deliberately left out."""
    files = {}
    for folder, names in (("prompts", ("draft.md.j2", "repair.md.j2")),
                          ("rubrics", ("default.toml", "metrics.toml"))):
        for name in names:
            path = Path(data_dir(folder)) / name
            files[name] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return {"provider": provider.name, "model": provider.model, "files": files,
            "repair_rounds": repair_rounds, "version": __version__}


def score(case: DraftCase, result: Draft, names: Sequence[str]) -> dict[str, dict[str, Any]]:
    scores = {}
    for name in names:
        outcome = SCORERS[name](case, result)
        if outcome is not None:
            scores[name] = {"passed": outcome.passed, "detail": outcome.detail}
    return scores


async def _solve(case: DraftCase, provider: Provider, cache: ResponseCache,
                 base_key: dict[str, Any], repair_rounds: int) -> tuple[Draft, bool]:
    key = cache_key({**base_key, "goal": case.goal,
                     "context": case.context.model_dump(mode="json")})
    stored = cache.get(key)
    if stored is not None:
        return _DRAFT.validate_python(stored), True
    result = await draft(case.goal, case.context.to_context(), provider,
                         repair_rounds=repair_rounds)
    cache.put(key, asdict(result))  # only a finished draft reaches this line
    return result, False


async def run_cases(cases: Sequence[DraftCase], provider: Provider, *, concurrency: int = 8,
                    cache: ResponseCache | None = None, repair_rounds: int = 2,
                    scorers: Sequence[str] | None = None,
                    on_done: Callable[[CaseResult], None] | None = None) -> list[CaseResult]:
    names = list(scorers or SCORERS)
    cache = cache or ResponseCache(None)
    base_key = fingerprint(provider, repair_rounds)
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(case: DraftCase) -> CaseResult:
        async with gate:
            start = time.perf_counter()
            try:
                result, cached = await _solve(case, provider, cache, base_key, repair_rounds)
            except ProviderError as err:
                done = CaseResult(case.id, case.domain, "error", error=str(err),
                                  draft={"raw": err.raw} if err.raw else None,
                                  latency_s=time.perf_counter() - start)
            except Exception as err:  # an eval run reports every case, whatever happens
                done = CaseResult(case.id, case.domain, "error",
                                  error=f"{type(err).__name__}: {err}",
                                  latency_s=time.perf_counter() - start)
            else:
                scores = score(case, result, names)
                passed = all(s["passed"] for s in scores.values())
                done = CaseResult(case.id, case.domain, "passed" if passed else "failed",
                                  scores=scores, draft=asdict(result), cached=cached,
                                  latency_s=time.perf_counter() - start)
        if on_done is not None:
            on_done(done)
        return done

    return list(await asyncio.gather(*(one(case) for case in cases)))
