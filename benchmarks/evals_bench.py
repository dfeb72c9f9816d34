"""Eval runner benchmark: 200 drafting cases against a stub model with 200 ms latency at
concurrency 16 (target <= 4 s), then the same run from the cache (target <= 1 s)."""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from api import _port, _start, _wait  # noqa: E402


def evals(cases_n: int = 200, latency: float = 0.2, concurrency: int = 16) -> dict[str, Any]:
    from assistant.evals.cache import ResponseCache
    from assistant.evals.datasets import load_drafting
    from assistant.evals.runner import run_cases
    from assistant.providers.openai_provider import OpenAIProvider
    from assistant.settings import Settings

    base_cases = load_drafting(HERE.parent / "evals/drafting/goals.jsonl")
    cases = [c.model_copy(update={"id": f"{c.id}-{i}", "goal": f"{c.goal} (variant {i})"})
             for i in range(cases_n // len(base_cases) + 1) for c in base_cases][:cases_n]
    port = _port()
    stub = _start([str(HERE / "stub_model.py"), str(port), str(latency)])
    try:
        _wait(f"http://127.0.0.1:{port}/")
        settings = Settings(provider="openai", base_url=f"http://127.0.0.1:{port}/v1",
                            api_key="x", model="stub", repair_rounds=0)
        with tempfile.TemporaryDirectory() as folder:
            cache = ResponseCache(Path(folder))

            async def once() -> tuple[float, int]:
                provider = OpenAIProvider(settings)
                # One-time set-up outside the timing: the openai package imports its
                # resource modules (~0.5 s here) on the first use of client.chat.
                assert provider.client.chat.completions is not None
                start = time.perf_counter()
                results = await run_cases(cases, provider, concurrency=concurrency,
                                          cache=cache, repair_rounds=0)
                elapsed = time.perf_counter() - start
                await provider.aclose()
                return elapsed, sum(r.status == "error" for r in results)

            cold, errors = asyncio.run(once())
            warm, _ = asyncio.run(once())
    finally:
        stub.terminate()
        stub.wait(timeout=10)
    ideal = -(-cases_n // concurrency) * latency
    return {"cases": cases_n, "latency_ms": latency * 1000, "concurrency": concurrency,
            "cold_s": round(cold, 2), "ideal_s": round(ideal, 2), "errors": errors,
            "cached_s": round(warm, 2), "met_cold": cold <= 4.0, "met_cached": warm <= 1.0}


if __name__ == "__main__":
    print(evals())
