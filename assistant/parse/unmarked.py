"""Headings that lost their marks: a document pasted as plain text (from a word processor,
a slide deck, an e-mail) keeps its bullets but not its ``#``s.

"Cultivate growth and adoption of OSPOs" on a line of its own, after a blank line, with a
list right under it, is the heading of that list however it is written; the Markdown reader
reads it as one. Only for documents with no Markdown heading at all: where a page marks its
headings, an unmarked line is what its writer made it (a note, a paragraph, a lead-in).
"""

from __future__ import annotations

from assistant.parse.lines import bullet_of, is_thematic_break
from assistant.parse.titles import title_parts

MAX_WORDS = 14
MAX_CHARS = 90


def _could_head(stripped: str) -> bool:
    """A line short enough and shaped like a title: no lead-in colon, one sentence."""
    if len(stripped) > MAX_CHARS or stripped[-1] in ":,;" or stripped[0] in "|><#":
        return False
    if ": " in stripped[:25]:
        return False  # "Objective: ...", "P0: ...", "KR 2: ...": the reader reads the label
    words = stripped.split()
    if len(words) > MAX_WORDS or ". " in stripped[3:] or not any(c.isalpha() for c in stripped):
        return False
    return not is_thematic_break(stripped)


def _numbered(stripped: str) -> bool:
    """ "1. Cultivate growth", "2) Grow the base": a numbered item."""
    digits = len(stripped) - len(stripped.lstrip("0123456789"))
    return 0 < digits <= 2 and stripped[digits:digits + 2] in (". ", ") ")


def _names_a_period(stripped: str) -> bool:
    """ "Q1", "2023", "📌 2022", "H2 2025": a line that only names a period."""
    team, cycle = title_parts(stripped)
    return team is None and cycle is not None and len(stripped) < 16


def mark_headings(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``lines`` (of a document that marks no heading of its own: the caller checks) with
    each unmarked heading written as a level-2 Markdown heading."""
    out = list(lines)
    count = len(lines)
    for index, (number, raw) in enumerate(lines):
        stripped = raw.strip()
        if not stripped or raw[0] in " \t":
            continue
        period = _names_a_period(stripped)
        if not period and not _could_head(stripped):
            continue
        numbered = _numbered(stripped)
        if not numbered and bullet_of(raw, stripped) is not None:
            continue
        if index > 0 and lines[index - 1][1].strip():
            continue  # inside a paragraph or a list: a heading follows a blank line
        after = index + 1
        if after < count and not lines[after][1].strip():
            after += 1  # one blank line between a heading and its list
        if after >= count:
            continue
        following = lines[after][1].strip()
        if after == index + 2 and period:
            if not _names_a_period(following) and any(c.isalpha() for c in following):
                out[index] = (number, "## " + stripped)  # a period's heading over what follows
            continue  # ("2022" over "2023": a table's header row, one cell a line)
        if not following or (numbered and _numbered(following)):
            continue  # "1. ..." over "2. ...": one numbered list
        if following[0] == "|" or bullet_of(lines[after][1], following) is not None:
            # (a numbered item over a bulleted list: the list's heading, in plain text)
            out[index] = (number, "## " + stripped)
    return out
