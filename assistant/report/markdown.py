"""Markdown report: a score line and a findings table per file (for PR comments and wikis)."""

from __future__ import annotations

from assistant.model import Critique
from assistant.report import Renderer, Totals


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownRenderer(Renderer):
    def start(self) -> str:
        return ""

    def file(self, path: str, c: Critique) -> str:
        out = [f"### `{path}`: score {c.score}/100", ""]
        if not c.findings:
            out += ["No problems found.", ""]
        else:
            out.append("| line | rule | severity | problem | fix |")
            out.append("|---:|---|---|---|---|")
            for f in c.findings:
                out.append(f"| {f.line or ''} | {f.code} {f.name} | {f.severity} | "
                           f"{_cell(f.message)}<br>*{_cell(f.excerpt)}* | {_cell(f.suggestion)} |")
            out.append("")
        if c.okrs.unplaced:  # folded: a long page has many lines of context
            out += [f"<details><summary>{len(c.okrs.unplaced)} lines not read as objectives "
                    "or Key Results</summary>", "", "| line | why | text |", "|---:|---|---|"]
            out += [f"| {u.line} | {_cell(u.reason)} | {_cell(u.text)} |" for u in c.okrs.unplaced]
            out += ["", "</details>", ""]
        return "\n".join([*out, ""])

    def end(self, totals: Totals) -> str:
        return (f"{totals.findings} findings in {totals.files} files "
                f"({totals.error} errors, {totals.warning} warnings, {totals.info} info)\n")
