"""Renderers for critiques: text (terminal), json, sarif, github annotations, markdown.

A renderer streams: ``start()`` once, ``file(path, critique)`` per file as soon as that file
is critiqued, ``end(totals)`` once. The CLI prints each piece and drops the critique, so
memory stays flat however many files are given.
"""

from __future__ import annotations

from assistant.model import Critique

FORMATS = ("text", "json", "sarif", "github", "markdown")


class Totals:
    """Counts over every file rendered so far (plain class: no dataclass cost at start-up)."""

    __slots__ = ("error", "files", "info", "unreadable", "warning")

    def __init__(self) -> None:
        self.files = self.error = self.warning = self.info = 0
        self.unreadable = 0  # files that could not be read (each reported on stderr)

    @property
    def findings(self) -> int:
        return self.error + self.warning + self.info

    def add(self, c: Critique) -> None:
        self.files += 1
        for f in c.findings:
            setattr(self, f.severity, getattr(self, f.severity) + 1)


class Renderer:
    """What every output format implements (a base class: a Protocol costs typing's import)."""

    def start(self) -> str:
        return ""

    def file(self, path: str, critique: Critique) -> str:
        raise NotImplementedError

    def end(self, totals: Totals) -> str:
        return ""


def renderer(fmt: str, *, color: bool = False) -> Renderer:
    """The renderer for ``fmt``; each lives in its own module, imported on demand."""
    if fmt == "text":
        from assistant.report.text import TextRenderer

        return TextRenderer(color=color)
    if fmt == "json":
        from assistant.report.json_report import JsonRenderer

        return JsonRenderer()
    if fmt == "sarif":
        from assistant.report.sarif import SarifRenderer

        return SarifRenderer()
    if fmt == "github":
        from assistant.report.github import GithubRenderer

        return GithubRenderer()
    if fmt == "markdown":
        from assistant.report.markdown import MarkdownRenderer

        return MarkdownRenderer()
    raise ValueError(f"unknown format {fmt!r}")
