r"""Regex shapes that CPython's ``re`` scans quickly, for patterns run on every KR of every file.

``pattern.search(text)`` tries the pattern at each position of ``text``, unless the compiled
pattern starts with a literal character or a set of them: then the engine skips ahead in C to
the next position holding such a character and tries the pattern only there. A pattern that
starts with ``\b`` or a lookaround gets no such skip and costs about 100 ns a character here
(K205's joiner pattern, timed once in both shapes, ran 6x faster in the skipping one; see
ARCHITECTURE.md, "Regexes shaped for CPython's engine"). Helpers that keep what is matched
and avoid that cost (tests/test_scan.py holds each equal to the plain form):

* ``words(...)`` writes ``\b(?:and|while)`` as ``a(?<!\wa)nd|w(?<!\ww)hile``: the lookbehind
  after the first letter is the word boundary before it, and every alternative now starts
  with a literal, which the engine can skip to.
* ``finditer(starts, pattern, text)`` is ``pattern.finditer(text)`` for a pattern that cannot
  take that shape: a cheap ``starts`` pattern of the right shape finds where a match could
  begin, and the full pattern is tried only there.
* ``ascii_runs(text, separators(...), inner)`` is ``findall`` for a word pattern such as
  ``[a-z][a-z'-]*``, done by one ``bytes.translate`` and one ``split`` for ASCII text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def words(alternatives: Iterable[str], not_after: str = r"\w") -> str:
    r"""An alternation of ``alternatives`` (regex text), each matched only where no
    ``not_after`` character precedes it.

    ``words(["by", "q[1-4]"], r"[\w-]")`` is ``(?<![\w-])(?:by|q[1-4])`` written so that
    every alternative starts with a literal (see the module's docstring). An alternative
    that does not start with a plain letter or digit keeps the plain, slower form."""
    parts = []
    for alternative in alternatives:
        first = alternative[0]
        if first.isascii() and first.isalnum():
            parts.append(f"{first}(?<!{not_after}{first}){alternative[1:]}")
        else:
            parts.append(f"(?<!{not_after}){alternative}")
    return "|".join(parts)


def finditer(starts: re.Pattern[str], pattern: re.Pattern[str],
             text: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))``, for a ``pattern`` that never matches the empty string
    and only matches where ``starts`` matches too."""
    found = []
    at = starts.search(text)
    while at is not None:
        m = pattern.match(text, at.start())
        if m is None:
            at = starts.search(text, at.start() + 1)
        else:
            found.append(m)
            at = starts.search(text, m.end())
    return found


def search(starts: re.Pattern[str], pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, under the same conditions as ``finditer``."""
    at = starts.search(text)
    while at is not None:
        m = pattern.match(text, at.start())
        if m is not None:
            return m
        at = starts.search(text, at.start() + 1)
    return None


def separators(keep: str) -> bytes:
    """A ``bytes.translate`` table that turns every byte not in ``keep`` into a space."""
    kept = keep.encode("ascii")
    return bytes(c if c in kept else 32 for c in range(256))


def ascii_runs(low: str, table: bytes, inner: str) -> list[str] | None:
    """``pattern.findall(low)`` for a pattern that reads runs of the characters ``table``
    keeps and may take the characters ``inner`` inside a run (``[a-z][a-z'-]*``): for ASCII
    text holding none of ``inner``, one translate and one split in C, a third of the regex's
    cost. None for other text, which the caller gives to the regex."""
    if not low.isascii():
        return None
    for c in inner:
        if c in low:
            return None
    return low.encode("ascii").translate(table).decode("ascii").split()
