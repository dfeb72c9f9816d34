"""The summary of a run: pass rates per expectation and domain, findings, latency, tokens."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from assistant.evals.runner import CaseResult

FORMAT = 1


def _rate(passed: int, total: int) -> float | None:
    return round(passed / total, 4) if total else None


def summarise(results: Sequence[CaseResult], *, price_in: float | None = None,
              price_out: float | None = None) -> dict[str, Any]:
    """``price_in``/``price_out``: USD per million prompt/completion tokens, for a cost line."""
    scored = [r for r in results if r.status != "error"]
    passed = sum(r.status == "passed" for r in scored)
    by_scorer: dict[str, dict[str, Any]] = {}
    for r in scored:
        for name, s in r.scores.items():
            entry = by_scorer.setdefault(name, {"passed": 0, "applicable": 0})
            entry["applicable"] += 1
            entry["passed"] += bool(s["passed"])
    for entry in by_scorer.values():
        entry["rate"] = _rate(entry["passed"], entry["applicable"])
    by_domain: dict[str, dict[str, Any]] = {}
    for r in results:
        entry = by_domain.setdefault(r.domain, {"passed": 0, "failed": 0, "errors": 0})
        entry[{"passed": "passed", "failed": "failed", "error": "errors"}[r.status]] += 1
    for entry in by_domain.values():
        entry["rate"] = _rate(entry["passed"], entry["passed"] + entry["failed"])
    findings: Counter[str] = Counter()
    tokens: Counter[str] = Counter()
    for r in scored:
        output = r.output or {}
        findings.update(f["code"] for f in output.get("findings", []))
        if not r.cached:
            tokens.update(output.get("usage") or {})
    latencies = sorted(r.latency_s for r in results if not r.cached)
    summary: dict[str, Any] = {
        "format": FORMAT,
        "cases": len(results),
        "passed": passed,
        "failed": len(scored) - passed,
        "errors": len(results) - len(scored),
        "pass_rate": _rate(passed, len(scored)),
        "error_rate": _rate(len(results) - len(scored), len(results)),
        "cached": sum(r.cached for r in results),
        "by_scorer": dict(sorted(by_scorer.items())),
        "by_domain": dict(sorted(by_domain.items())),
        "findings": dict(findings.most_common()),
        "latency_s": {"p50": round(statistics.median(latencies), 3) if latencies else None,
                      "p95": round(latencies[int(0.95 * (len(latencies) - 1))], 3)
                      if latencies else None},
        "tokens": dict(tokens),
    }
    if price_in is not None and price_out is not None and tokens:
        summary["cost_usd"] = round(tokens["prompt_tokens"] * price_in / 1e6
                                    + tokens["completion_tokens"] * price_out / 1e6, 4)
    return summary


def regressions(current: dict[str, Any], baseline: dict[str, Any],
                max_drop: float) -> list[str]:
    """Pass rates (overall and per expectation) that fell by more than ``max_drop``."""
    problems = []
    pairs = [("overall", current.get("pass_rate"), baseline.get("pass_rate"))]
    for name, entry in baseline.get("by_scorer", {}).items():
        now = current.get("by_scorer", {}).get(name, {}).get("rate")
        pairs.append((name, now, entry.get("rate")))
    for name, now, before in pairs:
        if before is None:
            continue
        if now is None or before - now > max_drop:
            shown = "missing" if now is None else f"{now:.3f}"
            problems.append(f"{name}: {before:.3f} -> {shown} (allowed drop {max_drop:.3f})")
    return problems
