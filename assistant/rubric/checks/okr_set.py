"""Checks on a whole OKR set: S001–S003."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.model import OKRSet
from assistant.parse.phrase import find_period
from assistant.rubric.catalogue import Rule
from assistant.rubric.context import Context
from assistant.rubric.registry import Hit, check
from assistant.rubric.similarity import content_words, jaccard, overlap


@check("S001")
def too_many_objectives(rule: Rule, okrs: OKRSet, ctx: Context) -> Iterator[Hit]:
    count = len(okrs.objectives)
    warn_above = int(rule.thresholds.get("warn_above", 3))
    error_above = int(rule.thresholds.get("error_above", 5))
    if count > warn_above:
        extra = okrs.objectives[warn_above]
        yield Hit({"count": count, "warn_above": warn_above}, objective=warn_above + 1,
                  line=extra.line, excerpt=extra.text,
                  severity="error" if count > error_above else None)


@check("S002")
def no_cycle(rule: Rule, okrs: OKRSet, ctx: Context) -> Iterator[Hit]:
    if okrs.cycle:
        return
    for objective in okrs.objectives:
        if find_period(objective.text):
            return
        for kr in objective.key_results:
            if (kr.parsed and kr.parsed.deadline) or find_period(kr.text):
                return
    first = okrs.objectives[0] if okrs.objectives else None
    yield Hit({}, line=first.line if first else None)


@check("S003")
def duplicate_objective(rule: Rule, okrs: OKRSet, ctx: Context) -> Iterator[Hit]:
    threshold = rule.thresholds.get("similarity", 0.7)
    words = [content_words(o.text) for o in okrs.objectives]
    for j in range(len(words)):
        for i in range(j):
            shared = len(words[i] & words[j])
            # Near-identical wording, or three or more shared content words that make up
            # most of the shorter objective ("customers stop noticing outages").
            if words[i] and (jaccard(words[i], words[j]) >= threshold
                             or (shared >= 3 and overlap(words[i], words[j]) >= 0.6)):
                obj = okrs.objectives[j]
                yield Hit({"index": j + 1, "other": i + 1, "excerpt": obj.text},
                          objective=j + 1, line=obj.line, excerpt=obj.text)
                break
