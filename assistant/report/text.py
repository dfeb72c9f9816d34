"""Human output for a terminal: file:line, code, message, the excerpt and the fix.

Colour by plain ANSI codes, only when asked (the CLI turns it on for a TTY without NO_COLOR).
"""

from __future__ import annotations

from assistant.model import Critique
from assistant.report import Renderer, Totals

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
_SHOWN = 10  # unplaced lines shown with their text; the rest by line number


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class TextRenderer(Renderer):
    def __init__(self, *, color: bool = False) -> None:
        self.color = color

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def start(self) -> str:
        return ""

    def file(self, path: str, c: Critique) -> str:
        paint = self._paint
        out: list[str] = []
        for f in c.findings:
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
                   + f"; {_plural(len(c.okrs.objectives), 'objective')}, "
                   + _plural(sum(len(o.key_results) for o in c.okrs.objectives), "key result"))
        if c.okrs.unplaced:
            out.append(paint(_DIM, f"    {_plural(len(c.okrs.unplaced), 'line')} not read as "
                                   "objectives or key results:"))
            for u in c.okrs.unplaced[:_SHOWN]:
                text = u.text if len(u.text) <= 60 else u.text[:59] + "…"
                out.append(paint(_DIM, f"      line {u.line}: {u.reason}: {text}"))
            rest = c.okrs.unplaced[_SHOWN:]
            if rest:
                lines = ", ".join(str(u.line) for u in rest)
                out.append(paint(_DIM, f"      and {len(rest)} more (lines {lines}); "
                                       "--format json lists them with their text"))
        out.append("")
        return "\n".join(out) + "\n"

    def end(self, totals: Totals) -> str:
        unread = (f" {_plural(totals.unreadable, 'file')} could not be read (see above)."
                  if totals.unreadable else "")
        if not totals.files:
            return unread.strip() + "\n" if unread else ""
        if not totals.findings:
            return f"No problems found.{unread}\n"
        parts = [_plural(getattr(totals, s), s) for s in ("error", "warning", "info")
                 if getattr(totals, s)]
        return f"Found {_plural(totals.findings, 'problem')} ({', '.join(parts)}).{unread}\n"
