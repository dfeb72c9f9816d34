"""The role of each number in a Key Result: baseline, target, change or other.

What comes just before a number decides ("from 40%" is a baseline, "to 55%" a target, "by
10%" a change, "at least 3" a target with a bound), then a few words after it ("12% today").
Used by the phrase parser (``phrase.py``) and, for a number after a comparator word, by the
plain-shape reader's caller.
"""

from __future__ import annotations

import re

from assistant.parse.quantities import Span

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from assistant.types import Direction

_BASELINE_AFTER = re.compile(
    r"\s*(?:today|now|currently|at present|baseline|ytd|as of|"
    r"last (?:quarter|year|month|cycle))\b"
)
_BASELINE_AFTER_STARTS = frozenset({"to", "no", "cu", "at", "ba", "yt", "as", "la"})


_TO_BETWEEN = re.compile(r"^\s*(?:to|-|–)\s*$")
# "1.5k MAU to 3k": a noun or two between the numbers. Not across a joining word: in "from 5%
# to 3% and raise NPS to 50" the 3% stays the first clause's target.
_SHORT_TO = re.compile(r"^\s*(?!.*\b(?:and|while|plus|then|but)\b)(?:[a-z][\w/-]*\s+){1,3}to\s*$")


# What comes just before a number decides its role. Phrases are looked up by their last word
# and checked with str.endswith: an end-anchored regex would rescan the text at every position,
# and this runs for every number of every KR.
_CMP_PHRASES: dict[str, str] = {
    "at least": ">=", "no less than": ">=", "not less than": ">=", "min": ">=",
    "minimum": ">=", "minimum of": ">=", "more than": ">", "greater than": ">", "over": ">",
    "above": ">", "in excess of": ">",
    "at most": "<=", "no more than": "<=", "not more than": "<=", "within": "<=", "up to": "<=",
    "max": "<=", "max of": "<=", "maximum": "<=", "maximum of": "<=", "less than": "<",
    "fewer than": "<", "under": "<", "below": "<",
    "about": "=", "around": "=", "roughly": "=", "approx": "=", "approx.": "=",
    "approximately": "=", "nearly": "=", "almost": "=",
}
_CMP_SYMBOLS = {"<": "<", ">": ">", "≤": "<=", "≥": ">=", "~": "=", "≈": "="}
_BASELINE_PHRASES = (
    "from", "from a baseline of", "from baseline of", "baseline", "baseline of", "baseline is",
    "current", "currently", "current at", "currently at", "current is", "currently is",
    "today", "today at", "now", "now at", "was", "vs", "vs.", "versus", "starting at", "base",
    "last quarter", "last year", "last month", "last cycle", "today it is", "it is now",
    "we are at", "right now", "today we are at", "currently it is", "today:", "now:",
)
_TARGET_LAST = frozenset(
    "to toward towards into at reach reaching hit hitting of target goal".split()
)


def _by_last_word(phrases: object) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):  # type: ignore[call-overload]
        table.setdefault(phrase.rsplit(" ", 1)[-1], []).append(phrase)
    return {last: tuple(group) for last, group in table.items()}


_CMP_BY_LAST = _by_last_word(_CMP_PHRASES)
_BASELINE_BY_LAST = _by_last_word(_BASELINE_PHRASES)


def _ending(before: str, candidates: tuple[str, ...]) -> str | None:
    """The first candidate phrase ``before`` ends with, as a whole phrase."""
    for phrase in candidates:
        if before.endswith(phrase):
            k = len(before) - len(phrase)
            if k == 0 or not before[k - 1].isalnum():
                return phrase
    return None


def _last_word(before: str) -> str:
    return before[before.rfind(" ") + 1:].rstrip(":")


def assign_roles(low: str, spans: list[Span], direction: Direction | None,
                  verb: str | None) -> None:
    for i, span in enumerate(spans):
        before = low[max(0, span.start - 28):span.start].rstrip()
        last = _last_word(before)
        candidates = _CMP_BY_LAST.get(last)  # most words end no comparator phrase: no call
        phrase = _ending(before, candidates) if candidates else None
        if phrase is not None:
            if span.qty.comparator == "=":
                span.qty.comparator = _CMP_PHRASES[phrase]  # type: ignore[assignment]
            before = before[: len(before) - len(phrase)].rstrip()
            last = _last_word(before)
        elif before and before[-1] in _CMP_SYMBOLS:
            two = before[-2:]
            if span.qty.comparator == "=":
                symbol = two if two in (">=", "<=") else _CMP_SYMBOLS[before[-1]]
                span.qty.comparator = symbol  # type: ignore[assignment]
            before = before[: len(before) - (2 if two in (">=", "<=") else 1)].rstrip()
            last = _last_word(before)
        bare = before.rstrip(": ")
        # rstrip returns the same string when it strips nothing: then ``last`` is its last word
        candidates = _BASELINE_BY_LAST.get(last if bare is before else _last_word(bare))
        is_baseline = candidates is not None and _ending(bare, candidates) is not None
        if span.qty.text.endswith(("x", "×")) and not is_baseline:
            span.role = "change"
        elif is_baseline or (low[span.end:span.end + 4].lstrip()[:2] in _BASELINE_AFTER_STARTS
                             and _BASELINE_AFTER.match(low, span.end)):
            span.role = "baseline"
        elif last == "by":
            span.role = "change"
        elif last in _TARGET_LAST or before.endswith(("=", ":")):
            span.role = "target"
            prev = spans[i - 1] if i else None
            if prev is not None and prev.role in ("", "target"):
                between = low[prev.end:span.start]
                # "5% to 3%" and "1.5k MAU to 3k": a starting value with no "from"
                if _TO_BETWEEN.match(between) or (
                    direction in ("increase", "decrease") and _SHORT_TO.match(between)
                ):
                    prev.role = "baseline"
    has_goal = False
    for span in spans:
        if span.role == "target" or span.role == "change":
            has_goal = True
            break
    for span in spans:
        if span.role:
            continue
        if has_goal:
            span.role = "other"
            continue
        if (direction in ("increase", "decrease") and span.qty.unit == "%") or verb == "add":
            span.role = "change"
        else:
            span.role = "target"
        has_goal = True
