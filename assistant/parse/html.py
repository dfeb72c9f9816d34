"""HTML pages (a wiki or intranet page saved as HTML, an exported table) as Markdown lines.

The page is turned into the lines the Markdown reader already understands, each with the
source line it starts on: ``<h2>`` becomes ``## ``, list items become bullets indented by
their nesting, table rows become pipe rows under a separator, paragraphs become plain lines.
Script, style and navigation are skipped. Standard library only (``html.parser``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = frozenset({"script", "style", "head", "nav", "footer", "noscript", "template", "svg"})
_BLOCKS = frozenset({"p", "div", "section", "article", "main", "header", "blockquote", "dd",
                     "dt", "figcaption", "caption", "summary", "details", "body", "form"})
_SPACE = re.compile(r"\s+")


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []
        self.text: list[str] = []
        self.start_line = 0  # source line where the pending text began
        self.prefix = ""  # "## ", "  - " ... for the pending text
        self.skip = 0
        self.lists: list[str] = []  # "ul" / "ol" nesting
        self.table: list[tuple[int, list[str], bool]] | None = None  # rows: line, cells, header
        self.row: list[str] | None = None
        self.row_line = 0
        self.row_header = False
        self.cell: list[str] | None = None
        self.cell_rows = 1  # the open cell's rowspan
        self.spans: dict[int, int] = {}  # column -> rows still covered by a rowspan above
        self.quotes = 0  # open <blockquote>s: a reply quoting what it answers

    # -- text -------------------------------------------------------------------------------
    def _flush(self) -> None:
        raw = "".join(self.text)
        text = _SPACE.sub(" ", raw).strip()
        quote = "> " if self.quotes else ""  # (a reply's quote of what it answers)
        if text and not self.prefix and "\n" in raw.strip():
            # A paragraph written over several source lines ("OKR#1" then the objective on
            # the next): its lines, as the Markdown it was often rendered from has them
            number = self.start_line
            for part in raw.strip().split("\n"):
                if part.strip():
                    self.lines.append((number, quote + _SPACE.sub(" ", part).strip()))
                number += 1
        elif text:
            self.lines.append((self.start_line, quote + self.prefix + text))
        if text and not self.prefix.lstrip().startswith(("-", "1.")):
            self.lines.append((self.start_line, ""))  # a block ends: a blank line, as in
            # Markdown (list items follow each other without one)
        self.text = []
        self.prefix = ""

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
            return
        if not self.text and data.strip():
            self.start_line = self.getpos()[0]
        self.text.append(data)

    # -- tags -------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        line = self.getpos()[0]
        if self.cell is not None:  # inside a table cell: keep breaks between its parts
            if tag in ("br", "li", "p", "div") and "".join(self.cell).strip():
                self.cell.append(" <br> ")
            elif tag in ("s", "del", "strike"):
                self.cell.append("~~")
            elif tag in ("strong", "b"):
                self.cell.append("**")
            return
        if tag == "table":
            self._flush()
            self.table = []
            self.spans = {}
        elif tag == "tr" and self.table is not None:
            self.row, self.row_line, self.row_header = [], line, True
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            self.cell_rows = _span(attrs)
            if tag == "td":
                self.row_header = False
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append(tag)
        elif tag == "li":
            self._flush()
            depth = max(len(self.lists) - 1, 0)
            marker = "1." if self.lists and self.lists[-1] == "ol" else "-"
            self.prefix = "  " * depth + marker + " "
            self.start_line = line
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._flush()
            self.prefix = "#" * int(tag[1]) + " "
            self.start_line = line
        elif tag == "blockquote":
            self._flush()
            self.quotes += 1
        elif tag == "hr":
            self._flush()
            self.lines += [(line, "---"), (line, "")]  # a thematic break: the next post
        elif tag in _BLOCKS or tag == "br":
            if tag == "p" and self.prefix[-2:] in ("- ", ". ") and not "".join(self.text).strip():
                return  # "<li><p>text</p>": the paragraph is the item's text
            self._flush()
        elif tag in ("s", "del", "strike"):
            self.text.append("~~")
        elif tag in ("strong", "b"):
            self.text.append("**")  # bold lead-ins and labels mean what they do in Markdown

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
            return
        if self.skip:
            return
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self._fill_spanned()
            text = _SPACE.sub(" ", "".join(self.cell)).strip().replace("|", "\\|")
            if self.cell_rows > 1:  # rowspan: the rows below have no cell in this column
                self.spans[len(self.row)] = self.cell_rows - 1
            self.row.append(text)
            self.cell = None
        elif tag in ("s", "del", "strike"):
            (self.cell if self.cell is not None else self.text).append("~~")
        elif tag in ("strong", "b"):
            (self.cell if self.cell is not None else self.text).append("**")
        elif tag == "tr" and self.row is not None and self.table is not None:
            self._fill_spanned()
            if any(self.row):
                self.table.append((self.row_line, self.row, self.row_header))
            self.row = None
        elif tag == "table" and self.table is not None:
            self._emit_table(self.table)
            self.table = None
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
            if not self.lists and self.lines and self.lines[-1][1]:
                self.lines.append((self.lines[-1][0], ""))  # the list is over
        elif tag == "blockquote":
            self._flush()
            self.quotes = max(self.quotes - 1, 0)
        elif tag == "li" or (len(tag) == 2 and tag[0] == "h" and tag[1] in "123456") \
                or tag in _BLOCKS:
            self._flush()

    def _fill_spanned(self) -> None:
        """Empty cells where a cell of an earlier row spans down (``rowspan``), so columns
        stay aligned; the table reader reads an empty objective cell as "the one above"."""
        assert self.row is not None
        while len(self.row) in self.spans:
            column = len(self.row)
            self.spans[column] -= 1
            if not self.spans[column]:
                del self.spans[column]
            self.row.append("")

    def _emit_table(self, rows: list[tuple[int, list[str], bool]]) -> None:
        if not rows:
            return
        width = max(len(cells) for _, cells, _ in rows)
        first_line, header, _ = rows[0]
        self.lines.append((first_line, "| " + " | ".join(header + [""] * (width - len(header)))
                           + " |"))
        self.lines.append((first_line, "|" + "---|" * width))
        for line, cells, _ in rows[1:]:
            self.lines.append((line, "| " + " | ".join(cells + [""] * (width - len(cells)))
                               + " |"))
        self.lines.append((rows[-1][0], ""))

    def close(self) -> None:
        super().close()
        self._flush()


def _span(attrs: list[tuple[str, str | None]]) -> int:
    for name, value in attrs:
        if name == "rowspan" and value and value.strip().isdigit():
            return max(1, min(int(value.strip()), 1000))
    return 1


def html_lines(text: str) -> list[tuple[int, str]]:
    """The page as (source line, Markdown line) pairs, in document order."""
    converter = _Converter()
    converter.feed(text)
    converter.close()
    return converter.lines


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<table", "<body", "<div", "<h1", "<h2"))
