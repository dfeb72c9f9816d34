"""Lexical similarity of short texts: content words, plurals folded, Jaccard overlap."""

from __future__ import annotations

import re

from assistant.parse.scan import ascii_runs, separators

_WORD = re.compile(r"[a-z0-9][a-z0-9'&-]*")
_WORD_BYTES = separators("abcdefghijklmnopqrstuvwxyz0123456789")
STOPWORDS = frozenset(
    """a an the our we us to of for in on at by with and or from into across every each all
    their its this that these those be is are more most new make become help get stop
    never enough""".split()
)


# Words teams use interchangeably in objectives; folded to one form before comparing.
SYNONYMS = {
    "colleague": "teammate", "coworker": "teammate", "co-worker": "teammate",
    "client": "customer", "downtime": "outage", "incident": "outage",
    "frictionless": "effortless", "painless": "effortless", "seamless": "effortless",
    "easy": "effortless", "simple": "effortless", "friction": "effortless",
    "quick": "fast", "rapid": "fast", "speedy": "fast", "instant": "fast",
    "sale": "revenue", "delight": "love", "happy": "love",
}


def stem(word: str) -> str:
    """A crude suffix stripper: enough to fold plurals and -ing/-ed forms together."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    word = SYNONYMS.get(word, word)
    for suffix in ("ing", "ed", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class _Stems(dict[str, str]):
    """word -> stem, filled on first use. A dict subclass so a known word costs one C-level
    lookup inside the comprehension below; cleared when full, so memory stays bounded."""

    def __missing__(self, word: str) -> str:
        if word.isdigit():
            return word  # a number is its own stem; not kept, so numbers do not fill the table
        if len(self) >= 50_000:
            self.clear()
        found = self[word] = stem(word)
        return found


_STEMS = _Stems()
_STEM_OF = _STEMS.__getitem__


def content_words(text: str) -> frozenset[str]:
    low = text.lower()
    flat = low.replace(" ", "")
    if flat.isascii() and flat.isalnum():
        # Plain lowercase words and digits (most metrics) split the same way _WORD reads them,
        # at a fraction of a regex's cost.
        words = low.split()
    else:
        words = ascii_runs(low, _WORD_BYTES, "'&-") or _WORD.findall(low)
    # Set operations and map() run in C: no Python frame per word (this runs for every KR).
    return frozenset(map(_STEM_OF, frozenset(words) - STOPWORDS))


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger: "NPS" inside "NPS among app users"."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
