"""Deterministic OKR documents of any size for the benchmarks: the same file every run."""

from __future__ import annotations

METRICS = ["activation rate", "weekly active teams", "trial-to-paid conversion", "NPS",
           "p95 API latency", "monthly churn", "support CSAT", "first response time",
           "qualified pipeline", "offer acceptance rate", "deploy frequency", "MTTR",
           "checkout completion", "gross margin", "organic sign-ups", "time to hire"]
VERBS = ["Raise", "Cut", "Grow", "Reduce", "Increase", "Lower"]
SHAPES = [
    "{verb} {metric} from {a}% to {b}% by end of Q{q}",
    "{verb} {metric} from {a} to {b} per month",
    "{verb} {metric} to {b}%",
    "Launch the new {metric} dashboard",
    "Maintain {metric} above {b}%",
    "{verb} {metric} by {a}%",
    "{verb} {metric} from ${a}k to ${b}k and {metric2} from {a}% to {b}%",
    "Keep {metric} healthy",
]
THEMES = ["new teams", "enterprise buyers", "support agents", "mobile shoppers",
          "partners", "finance admins", "developers", "field sales"]
ADJECTIVES = ["effortless", "fast", "trusted", "delightful", "predictable", "simple"]


def key_result(i: int) -> str:
    metric, metric2 = METRICS[i % len(METRICS)], METRICS[(i * 7 + 3) % len(METRICS)]
    a, b = 10 + i % 50, 20 + (i * 3) % 70
    return SHAPES[i % len(SHAPES)].format(verb=VERBS[i % len(VERBS)], metric=metric,
                                          metric2=metric2, a=a, b=b, q=1 + i % 4)


def document(objectives: int, krs_per_objective: int, title: str = "Bench team — Q3 2027") -> str:
    lines = [f"# {title}", ""]
    k = 0
    for o in range(objectives):
        theme = THEMES[o % len(THEMES)]
        adjective = ADJECTIVES[(o // len(THEMES)) % len(ADJECTIVES)]
        lines.append(f"## Objective {o + 1}: Make work {adjective} for {theme} (track {o})")
        for _ in range(krs_per_objective):
            lines.append(f"- KR{k % 9 + 1}: {key_result(k)}")
            k += 1
        lines.append("")
    return "\n".join(lines) + "\n"
