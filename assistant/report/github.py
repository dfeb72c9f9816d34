"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` per finding."""

from __future__ import annotations

from assistant.model import Critique
from assistant.report import Renderer, Totals

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubRenderer(Renderer):
    def start(self) -> str:
        return ""

    def file(self, path: str, critique: Critique) -> str:
        lines = []
        for f in critique.findings:
            props = f"file={_prop(path)}"
            if f.line:
                props += f",line={f.line}"
            props += f",title={_prop(f'{f.code} {f.name}')}"
            text = _data(f"{f.message}. Fix: {f.suggestion}")
            lines.append(f"::{_LEVEL[f.severity]} {props}::{text}\n")
        if critique.okrs.unplaced:  # one notice: GitHub shows only a few annotations a step
            where = ", ".join(str(u.line) for u in critique.okrs.unplaced)
            title = _prop("lines not read as objectives or Key Results")
            lines.append(f"::notice file={_prop(path)},title={title}::"
                         f"{_data(f'{len(critique.okrs.unplaced)} lines: {where}')}\n")
        return "".join(lines)

    def end(self, totals: Totals) -> str:
        return ""
