"""``okr eval compare A B``: two runs side by side, and which cases flipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class RunError(ValueError):
    """A run folder that cannot be read."""


def load_run(folder: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """(summary, {case id: status}) of a run written by ``okr eval run --out``."""
    try:
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        statuses = {}
        for line in (folder / "results.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                statuses[row["id"]] = row["status"]
    except (OSError, ValueError, KeyError) as err:
        raise RunError(f"{folder}: not a readable run ({err})") from None
    return summary, statuses


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f}%"


def compare(a: Path, b: Path) -> str:
    sa, ca = load_run(a)
    sb, cb = load_run(b)
    lines = [f"# {a.name} → {b.name}", "", "| | A | B | change |", "|---|---:|---:|---:|"]

    def row(name: str, ra: float | None, rb: float | None) -> None:
        delta = "–" if ra is None or rb is None else f"{(rb - ra) * 100:+.1f} pts"
        lines.append(f"| {name} | {_pct(ra)} | {_pct(rb)} | {delta} |")

    row("pass rate", sa.get("pass_rate"), sb.get("pass_rate"))
    row("error rate", sa.get("error_rate"), sb.get("error_rate"))
    for name in sorted(set(sa.get("by_scorer", {})) | set(sb.get("by_scorer", {}))):
        row(name, sa.get("by_scorer", {}).get(name, {}).get("rate"),
            sb.get("by_scorer", {}).get(name, {}).get("rate"))
    flips = {"now failing": [], "now passing": [], "other changes": []}
    for case in sorted(set(ca) | set(cb)):
        before, after = ca.get(case, "absent"), cb.get(case, "absent")
        if before == after:
            continue
        if before == "passed":
            flips["now failing"].append(f"{case} ({after})")
        elif after == "passed":
            flips["now passing"].append(f"{case} (was {before})")
        else:
            flips["other changes"].append(f"{case}: {before} → {after}")
    for title, cases in flips.items():
        lines += ["", f"**{title}** ({len(cases)}): " + (", ".join(cases) or "none")]
    return "\n".join(lines) + "\n"
