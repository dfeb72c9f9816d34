"""Renderers for critiques: text (terminal), json, sarif, github annotations, markdown.

Each renderer is a pure function from ``[(path, Critique)]`` to a string; the CLI prints it.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.model import Critique

FileResult = tuple[str, Critique]
Renderer = Callable[[list[FileResult]], str]

FORMATS = ("text", "json", "sarif", "github", "markdown")


def renderer(fmt: str, *, color: bool = False) -> Renderer:
    """The renderer for ``fmt``; each lives in its own module, imported on demand."""
    if fmt == "text":
        from assistant.report.text import render

        return lambda results: render(results, color=color)
    if fmt == "json":
        from assistant.report.json_report import render
    elif fmt == "sarif":
        from assistant.report.sarif import render
    elif fmt == "github":
        from assistant.report.github import render
    elif fmt == "markdown":
        from assistant.report.markdown import render
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return render
