"""``okr eval reader --variants``: the dev half's documents written another way.

A reader tuned on a corpus learns its surface: the ``#`` of its headings, its ``-`` bullets,
its lines as long as their sentences. Real files arrive pasted from word processors, wrapped
by e-mail clients, exported with other bullet marks. Each variant here rewrites every
Markdown and plain-text document of the dev half the way one of those tools would, keeps
its extraction (the statements' words do not change: ``reader_eval.normalise`` drops the
marks), and scores the reader on it. A variant far below the documents as written names a
surface the reader depends on; the misses are read in the dev half, as for the corpus
itself. The test half is never rewritten: its figures stay those of ``okr eval reader``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.evals.reader_eval import Counts, DocResult, figure, score_document, totals
from assistant.evals.real_corpus import load_corpus

_HEADING_MARK = re.compile(r"(?m)^#{1,6}[ \t]+")
_BOLD = re.compile(r"\*\*|__")
_BULLET = re.compile(r"(?m)^([ \t]*)[-*+] ")
_ITEM = re.compile(r"^(\s*(?:[-*+]|\d{1,3}[.)])\s+)(.*)$")
WRAP_AT = 72
_WORD_MARKS = ("●", "○", "■", "■")  # by level, as Google Docs and Word export lists


def pasted_as_text(text: str) -> str:
    """Copied out of a rendered page or a document: no heading marks, no bold, bullets as •."""
    text = _BOLD.sub("", _HEADING_MARK.sub("", text))
    return _BULLET.sub(lambda m: m.group(1) + "• ", text)


def word_processor_export(text: str) -> str:
    """A word processor's text export: as pasted, with ● ○ ■ by level, four spaces a level."""
    def mark(m: re.Match[str]) -> str:
        level = min(len(m.group(1).expandtabs(4)) // 2, 3)
        return "    " * level + _WORD_MARKS[level] + " "
    return _BULLET.sub(mark, _BOLD.sub("", _HEADING_MARK.sub("", text)))


def _wrapped(text: str, indent_continuation: bool) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        item = _ITEM.match(line)
        if item is None or len(line) <= WRAP_AT or "|" in line:
            out.append(line)
            continue
        lead = item.group(1)
        parts = textwrap.wrap(item.group(2), WRAP_AT - len(lead), break_long_words=False,
                              break_on_hyphens=False)
        out.append(lead + parts[0])
        out += [(" " * len(lead) if indent_continuation else "") + part for part in parts[1:]]
    return "\n".join(out)


def wrapped_indented(text: str) -> str:
    """List items hard-wrapped at 72 columns, continuations under the item's text."""
    return _wrapped(text, True)


def wrapped_flush(text: str) -> str:
    """List items hard-wrapped at 72 columns, continuations at the margin (lazy Markdown)."""
    return _wrapped(text, False)


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    rewrite: Callable[[str], str]


VARIANTS: tuple[Variant, ...] = (
    Variant("pasted as plain text (no heading marks, no bold, • bullets)", pasted_as_text),
    Variant("a word processor's export (as pasted, ● ○ ■ by level)", word_processor_export),
    Variant("list items hard-wrapped at 72, continuations indented", wrapped_indented),
    Variant("list items hard-wrapped at 72, continuations at the margin", wrapped_flush),
)
_REWRITTEN = (".md", ".txt")  # tables, HTML and structured files have their own surfaces


def score_variants(root: Path) -> list[tuple[str, int, Counts, Counts]]:
    """(variant, documents, objectives, Key Results): the dev half's Markdown and text
    documents as written, then under each variant."""
    docs = [d for d in load_corpus(root, ("dev",)) if d.path.suffix in _REWRITTEN]
    texts = [d.path.read_text(encoding="utf-8", errors="replace") for d in docs]
    rows = []
    for name, rewrite in [("as written", None)] + [(v.name, v.rewrite) for v in VARIANTS]:
        results: list[DocResult] = [
            score_document(doc, text if rewrite is None else rewrite(text))
            for doc, text in zip(docs, texts, strict=True)]
        objectives, key_results = totals(results)
        rows.append((name, len(docs), objectives, key_results))
    return rows


def format_variants(rows: list[tuple[str, int, Counts, Counts]]) -> str:
    lines = ["| dev half's Markdown and text documents | documents | objectives P | R "
             "| Key Results P | R |", "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {name} | {n} | {figure(o.precision)} | {figure(o.recall)} "
              f"| {figure(k.precision)} | {figure(k.recall)} |" for name, n, o, k in rows]
    return "\n".join(lines) + "\n"
