"""MediaWiki source (a wiki page's edit box pasted into a file) as Markdown lines.

Foundations and communities keep OKRs on wikis, and people copy the source rather than the
rendered page: ``== Heading ==``, ``* bullets``, ``# numbered items``, tables written as
``{|`` ... ``|-`` ... ``| cell`` ... ``|}``, templates ``{{...}}``, links ``[[target|text]]``,
``'''bold'''`` and ``''italic''``. Each source line becomes at most one Markdown line with the
same number: headings keep their level, list items become bullets, a table cell becomes its
text (a cell holding "1. ..." stays a numbered item), and table and template markup go.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^(={1,6})\s*(.*?)\s*\1\s*$")
_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")
_EXTERNAL = re.compile(r"\[(?:https?://|//)\S+\s+([^\]]+)\]")
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_TAGS = re.compile(r"</?(?:translate|languages|small|big|span|div|center|tvar|nowiki|ref|"
                   r"references|onlyinclude|includeonly|noinclude)\b[^>]*>|<!--T:\d+-->")
_QUOTES = re.compile(r"'{2,5}")
_CELL_ATTRIBUTES = re.compile(r"^\s*(?:[a-z-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|\S+)\s*)+\|\s*")
_WIKI_HINTS = re.compile(r"^(?:\{\|.*|==+[^=].*[^=]==+)\s*$", re.MULTILINE)
_MARKDOWN_HINTS = re.compile(r"^(?:#{1,6} |\|\s*:?-{3})", re.MULTILINE)


def looks_like_wikitext(text: str) -> bool:
    """A wiki table (``{|``) or ``== Heading ==`` lines, and no Markdown heading or table."""
    return _WIKI_HINTS.search(text) is not None and _MARKDOWN_HINTS.search(text) is None


def _inline(text: str) -> str:
    text = _TEMPLATE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _EXTERNAL.sub(r"\1", text)
    text = _TAGS.sub("", text)
    return _QUOTES.sub("", text).strip()


def _cell(text: str) -> str:
    text = _CELL_ATTRIBUTES.sub("", text)  # 'rowspan="3" style="..." | text' -> 'text'
    return "" if "=" in text and text.rstrip().endswith("|") else text


def wikitext_lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("{|", "|}", "|-", "|+")):
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append((number, "#" * len(heading.group(1)) + " " + _inline(heading.group(2))))
            continue
        if line.startswith("!"):  # header cells: column names, not content
            continue
        if line.startswith("|"):
            cells = [_cell(c) for c in line[1:].split("||")]
            content = " ".join(_inline(c) for c in cells if c.strip())
            if content:
                out.append((number, content))
            continue
        marks = len(line) - len(line.lstrip("*#:;"))
        if marks:
            depth = "  " * (marks - 1)
            marker = "1." if line[marks - 1] == "#" else "-"
            content = _inline(line[marks:])
            if content:
                out.append((number, f"{depth}{marker} {content}"))
            continue
        content = _inline(line)
        if content:
            out.append((number, content))
    return out
