"""Markdown report: a score line and a findings table per file (for PR comments and wikis)."""

from __future__ import annotations

from assistant.model import Critique


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(results: list[tuple[str, Critique]]) -> str:
    out: list[str] = []
    for path, c in results:
        out.append(f"### `{path}`: score {c.score}/100")
        out.append("")
        if not c.findings:
            out.append("No problems found.")
            out.append("")
            continue
        out.append("| line | rule | severity | problem | fix |")
        out.append("|---:|---|---|---|---|")
        for f in c.findings:
            out.append(f"| {f.line or ''} | {f.code} {f.name} | {f.severity} | "
                       f"{_cell(f.message)}<br>*{_cell(f.excerpt)}* | {_cell(f.suggestion)} |")
        out.append("")
    return "\n".join(out)
