"""From bytes on disk (or stdin) to an ``OKRSet``: size limit, decoding, format detection.

Every way input can be wrong ends here as one ``InputError`` with a plain sentence: too big,
empty, binary, not UTF-8, malformed JSON/YAML, the wrong shape, or nothing OKR-like in it.
"""

from __future__ import annotations

import codecs
import os

from assistant.model import OKRSet
from assistant.parse.errors import InputError
from assistant.parse.markdown import parse_markdown

MAX_INPUT_BYTES = 5 * 1024 * 1024  # a 10,000-KR file is under 1 MB; 5 MB is plenty

_FORMATS = {
    ".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
    ".json": "json", ".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".tsv": "csv",
    ".html": "html", ".htm": "html",
}


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused."""
    if not data.strip():
        raise InputError("the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("the file starts like UTF-16 but is not valid UTF-16") from None
    if b"\x00" in data[:8192]:
        raise InputError("the file looks binary (it contains NUL bytes), not an OKR document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"the file is not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "save it as UTF-8"
        ) from None
    if not text.strip():
        raise InputError("the file is empty")
    return text


def detect_format(name: str | None, text: str) -> str:
    if name:
        fmt = _FORMATS.get(os.path.splitext(name)[1].lower())
        if fmt:
            return fmt
    head = text.lstrip()[:1]
    if head in ("{", "["):
        return "json"
    if head == "<":
        from assistant.parse.html import looks_like_html

        if looks_like_html(text):
            return "html"
    return "markdown"


def parse_text(text: str, source: str | None = None, fmt: str | None = None) -> OKRSet:
    """Parse already-decoded text; ``fmt`` is markdown/text/json/yaml or None to detect."""
    fmt = fmt or detect_format(source, text)
    okrs = _read(text, source, fmt)
    if not any(o.key_results for o in okrs.objectives) and \
            fmt in ("markdown", "text", "html") and any(
            u.reason == "section, not an objective" and "kpi" in u.text.lower().replace(
                "key performance indicator", "kpi") for u in okrs.unplaced):
        # A strategic plan whose goals list only "Key Performance Indicators": those are
        # its Key Results (elsewhere KPIs are health metrics beside them)
        again = _read(text, source, fmt, kpis_are_krs=True)
        if any(o.key_results for o in again.objectives):
            okrs = again
    if not okrs.objectives and fmt in ("markdown", "text", "html"):
        # a plan that is one nested list: its top items the aims, its leaves the KRs
        from assistant.parse.outline import read_outline, read_sections

        if fmt == "html":
            from assistant.parse.html import html_lines

            lines = html_lines(text)
        else:
            lines = list(enumerate(text.splitlines(), start=1))
        okrs = read_outline(lines, okrs) or read_sections(lines, okrs) or okrs
    if not okrs.objectives:
        raise InputError(_nothing_found(okrs))
    return okrs


def _read(text: str, source: str | None, fmt: str, kpis_are_krs: bool = False) -> OKRSet:
    if fmt in ("markdown", "text", "html"):
        from assistant.parse.markdown import read_lines

        if fmt == "html":
            from assistant.parse.html import html_lines

            return read_lines(html_lines(text), source, kpis_are_krs)
        if "{|" in text or "==" in text:
            from assistant.parse.wikitext import looks_like_wikitext, wikitext_lines

            if looks_like_wikitext(text):
                return read_lines(wikitext_lines(text), source, kpis_are_krs)
        return parse_markdown(text, source, kpis_are_krs)
    if fmt == "csv":
        from assistant.parse.delimited import read_delimited

        return read_delimited(text, source)
    if fmt in ("json", "yaml"):
        from assistant.parse import structured  # only structured input pays for it

        load = structured.load_json if fmt == "json" else structured.load_yaml
        return structured.build_okrset(load(text), text, source)
    raise InputError(f"unknown format {fmt!r}; use markdown, text, json, yaml, csv or html")


_UNPLACEABLE = frozenset({"bullet before any objective", "Key Result before any objective",
                          "table row", "table without an objective or Key Result column"})


def _nothing_found(okrs: OKRSet) -> str:
    """Why a document gave no objectives: lines that look like OKRs but could not be placed,
    or nothing OKR-like at all (a page about OKRs, notes, a table of something else)."""
    stuck = [u.line for u in okrs.unplaced if u.reason in _UNPLACEABLE]
    if stuck:
        where = ", ".join(map(str, stuck[:8])) + ("…" if len(stuck) > 8 else "")
        return (f"no objectives found, though lines {where} look like Key Results or a table "
                "of them: put an 'Objective: ...' line or a heading above them, or name the "
                "table's columns 'Objective' and 'Key Result'")
    return ("no objectives found: the document holds no 'Objective: ...' lines, no headings "
            f"with Key Results under them and no OKR table ({len(okrs.unplaced)} lines of "
            "other text)")


def size_text(n: int) -> str:
    """A byte count the way people read it: "812 bytes", "40 KB", "20.0 MB"."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1_048_576:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1_048_576:.1f} MB"


def read_bytes(path: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise InputError(
                f"the file is {size_text(size)}; the limit is {size_text(limit)} "
                "(--max-bytes to raise it)"
            )
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}") from None
    if len(data) > limit:
        raise InputError(f"the input is over the {size_text(limit)} limit")
    return data


def parse_bytes(data: bytes, source: str | None = None, fmt: str | None = None) -> OKRSet:
    return parse_text(decode(data), source, fmt)
