"""API benchmarks: critique endpoint throughput and latency, and concurrent drafting.

* critique: ``POST /v1/critiques`` on one uvicorn worker, driven by an asyncio load generator
  on loopback (32 connections, fixed duration); requests/s, p50 and p99;
* drafting: 64 concurrent drafts through the real service and ``openai`` client against a
  stub model with 300 ms latency, beside 64 concurrent calls of the bare client to the same
  stub, in the same run: the drafting path must add little to what the client itself costs;
* overhead: one draft minus one bare call, median over repeats.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
DOC = ("# Growth — Q3 2027\n## Objective: Make onboarding effortless\n"
       "- Launch the onboarding checklist\n- Raise activation from 40% to 55%\n"
       "- Cut time to first value from 12 to 6 minutes\n"
       "## Objective: Turn trials into customers\n- Increase trial-to-paid to 12%\n"
       "- Grow self-serve MRR from $80k to $120k by end of Q3\n")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


def _start(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, *args], cwd=HERE.parent, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def _load(url: str, seconds: float, connections: int) -> list[float]:
    latencies: list[float] = []
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        async def worker() -> None:
            while time.monotonic() < stop:
                start = time.perf_counter()
                r = await client.post(url, json={"text": DOC})
                r.raise_for_status()
                latencies.append(time.perf_counter() - start)
        await asyncio.gather(*(worker() for _ in range(connections)))
    return latencies


def critique_endpoint(seconds: float = 8.0) -> dict[str, Any]:
    port = _port()
    server = _start(["-m", "uvicorn", "assistant.api.app:create_app", "--factory",
                     "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                     "--workers", "1"])
    try:
        _wait(f"http://127.0.0.1:{port}/healthz")
        asyncio.run(_load(f"http://127.0.0.1:{port}/v1/critiques", 1.0, 8))  # warm up
        lat = sorted(asyncio.run(_load(f"http://127.0.0.1:{port}/v1/critiques", seconds, 32)))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"requests": len(lat), "requests_per_s": round(len(lat) / seconds),
            "p50_ms": round(lat[len(lat) // 2] * 1000, 1),
            "p99_ms": round(lat[int(len(lat) * 0.99)] * 1000, 1), "connections": 32,
            "note": "load generator and server share the machine's 2 cores"}


async def _bare(base: str, n: int) -> float:
    import openai

    client = openai.AsyncOpenAI(base_url=base, api_key="x", max_retries=0, timeout=30)
    messages = [{"role": "user", "content": "draft"}]
    await client.chat.completions.create(model="stub", messages=messages)  # warm
    start = time.perf_counter()
    await asyncio.gather(*(client.chat.completions.create(model="stub", messages=messages)
                           for _ in range(n)))
    elapsed = time.perf_counter() - start
    await client.close()
    return elapsed


async def _ours(base: str, n: int) -> float:
    from assistant.drafts.types import Context
    from assistant.providers.openai_provider import OpenAIProvider
    from assistant.services.drafting import draft
    from assistant.settings import Settings

    provider = OpenAIProvider(Settings(provider="openai", base_url=base, api_key="x",
                                       model="stub"))
    context = Context(cycle="2027-Q1", baselines={"activation rate": "38%",
                                                  "median time to first project": "3 days"})
    await draft("Get new teams to value faster", context, provider)  # warm
    start = time.perf_counter()
    results = await asyncio.gather(*(draft("Get new teams to value faster", context, provider)
                                     for _ in range(n)))
    elapsed = time.perf_counter() - start
    assert all(r.rounds == 1 and r.key_results for r in results)
    await provider.aclose()
    return elapsed


def drafting(repeats: int = 5) -> dict[str, Any]:
    port = _port()
    stub = _start([str(HERE / "stub_model.py"), str(port), "0.3"])
    base = f"http://127.0.0.1:{port}/v1"
    try:
        _wait(f"http://127.0.0.1:{port}/")
        rows: dict[str, list[float]] = {"bare_1": [], "ours_1": [], "bare_64": [], "ours_64": []}
        for _ in range(repeats):  # interleaved, so drift hits both alike
            rows["bare_1"].append(asyncio.run(_bare(base, 1)))
            rows["ours_1"].append(asyncio.run(_ours(base, 1)))
            rows["bare_64"].append(asyncio.run(_bare(base, 64)))
            rows["ours_64"].append(asyncio.run(_ours(base, 64)))
    finally:
        stub.terminate()
        stub.wait(timeout=10)
    med = {k: statistics.median(v) for k, v in rows.items()}
    return {
        "stub_latency_ms": 300,
        "one_draft_ms": round(med["ours_1"] * 1000, 1),
        "one_bare_call_ms": round(med["bare_1"] * 1000, 1),
        "drafts_64_ms": round(med["ours_64"] * 1000, 1),
        "bare_calls_64_ms": round(med["bare_64"] * 1000, 1),
        "ratio_64_to_one_draft": round(med["ours_64"] / med["ours_1"], 2),
        "ratio_64_bare_client": round(med["bare_64"] / med["bare_1"], 2),
        "ours_vs_bare_at_64": round(med["ours_64"] / med["bare_64"], 2),
        "overhead_per_draft_ms": round((med["ours_1"] - med["bare_1"]) * 1000, 1),
        "repeats": repeats,
    }


if __name__ == "__main__":
    os.environ.setdefault("OKR_PROVIDER", "offline")
    print(critique_endpoint())
    print(drafting())
