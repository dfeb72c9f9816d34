"""Checks on a whole OKR set: S001–S003."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from assistant.model import OKRSet
from assistant.parse.phrase import find_period
from assistant.rubric.catalogue import Rule
from assistant.rubric.context import Context
from assistant.rubric.registry import Hit, check
from assistant.rubric.similarity import content_words, jaccard, overlap


@check("S001")
def too_many_objectives(rule: Rule, okrs: OKRSet, ctx: Context) -> Hit | None:
    count = len(okrs.objectives)
    warn_above = int(rule.thresholds.get("warn_above", 3))
    error_above = int(rule.thresholds.get("error_above", 5))
    if count > warn_above:
        extra = okrs.objectives[warn_above]
        return Hit({"count": count, "warn_above": warn_above}, objective=warn_above + 1,
                   line=extra.line, excerpt=extra.text,
                   severity="error" if count > error_above else None)
    return None


@check("S002")
def no_cycle(rule: Rule, okrs: OKRSet, ctx: Context) -> Hit | None:
    if okrs.cycle:
        return None
    for objective in okrs.objectives:
        if find_period(objective.text):
            return None
        for kr in objective.key_results:
            if (kr.parsed and kr.parsed.deadline) or find_period(kr.text):
                return None
    first = okrs.objectives[0] if okrs.objectives else None
    return Hit({}, line=first.line if first else None)


def _candidate_pairs(words: list[frozenset[str]]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, worth comparing. Every pair for small sets; for big ones only pairs
    that share a word used by few objectives, so 2,000 objectives do not cost 2 million
    comparisons (a duplicate shares its distinctive words, not just "customer")."""
    n = len(words)
    if n <= 64:
        return [(i, j) for j in range(n) for i in range(j)]
    postings: defaultdict[str, list[int]] = defaultdict(list)
    for index, ws in enumerate(words):
        for w in ws:
            postings[w].append(index)
    common = max(8, n // 20)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if 1 < len(members) <= common:
            pairs.update((a, b) for k, b in enumerate(members) for a in members[:k])
    return sorted(pairs, key=lambda p: (p[1], p[0]))


def similar(a: frozenset[str], b: frozenset[str], threshold: float) -> bool:
    """Near-identical wording, or three or more shared content words that make up most of the
    shorter text ("customers stop noticing outages")."""
    if not a or not b:
        return False
    only_a, only_b = len(a - b), len(b - a)
    if 0 < only_a <= 2 and 0 < only_b <= 2:
        return False  # one slot swapped: "new customers" / "new hires", "Europe" / "Asia"
    return jaccard(a, b) >= threshold or (len(a & b) >= 3 and overlap(a, b) >= 0.6)


@check("S003")
def duplicate_objective(rule: Rule, okrs: OKRSet, ctx: Context) -> Iterator[Hit]:
    threshold = rule.thresholds.get("similarity", 0.7)
    words = [content_words(o.text) for o in okrs.objectives]
    reported: set[int] = set()
    for i, j in _candidate_pairs(words):
        if j not in reported and similar(words[i], words[j], threshold):
            reported.add(j)
            obj = okrs.objectives[j]
            yield Hit({"index": j + 1, "other": i + 1, "excerpt": obj.text},
                      objective=j + 1, line=obj.line, excerpt=obj.text)
