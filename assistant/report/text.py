"""Human output for a terminal: file:line, code, message, the excerpt and the fix.

Colour by plain ANSI codes, only when asked (the CLI turns it on for a TTY without NO_COLOR).
"""

from __future__ import annotations

from assistant.model import Critique

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(results: list[tuple[str, Critique]], *, color: bool = False) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    out: list[str] = []
    totals = {"error": 0, "warning": 0, "info": 0}
    for path, c in results:
        for f in c.findings:
            totals[f.severity] += 1
            where = f"{path}:{f.line}" if f.line else path
            out.append(f"{paint(_BOLD, where)}: {paint(_COLORS[f.severity], f.code)} "
                       f"{f.severity}  {f.message}")
            if f.excerpt:
                out.append(paint(_DIM, f"    | {f.excerpt}"))
            out.append(f"    fix: {f.suggestion}")
        per_objective = ", ".join(f"O{s.objective} {s.score}" for s in c.objective_scores)
        team = " · ".join(x for x in (c.okrs.team, c.okrs.cycle) if x)
        head = f"{path}" + (f" ({team})" if team else "")
        out.append(f"{paint(_BOLD, head)}: score {c.score}/100"
                   + (f" [{per_objective}]" if per_objective else "")
                   + f"; {len(c.okrs.objectives)} objectives, "
                   + f"{sum(len(o.key_results) for o in c.okrs.objectives)} key results")
        if c.okrs.unplaced:
            lines = ", ".join(str(u.line) for u in c.okrs.unplaced[:12])
            more = "…" if len(c.okrs.unplaced) > 12 else ""
            out.append(paint(_DIM, f"    note: {_plural(len(c.okrs.unplaced), 'line')} not read "
                                   f"as objectives or key results (lines {lines}{more})"))
        out.append("")
    found = sum(totals.values())
    if found:
        parts = [_plural(totals[s], s) for s in ("error", "warning", "info") if totals[s]]
        out.append(f"Found {_plural(found, 'problem')} ({', '.join(parts)}).")
    else:
        out.append("No problems found.")
    return "\n".join(out)
