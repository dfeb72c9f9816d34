"""What kind of Key Result this is: the one diagnosis shared by K201–K204.

A KR gets at most one of "task" (K201), "kpi" (K204), "no-target" (K202) and
"no-baseline" (K203), the most specific first, so a task is not also told it lacks a
baseline. Pure functions over the parsed KR and the rules' word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.model import KeyResult
from assistant.rubric.catalogue import Rule

Kind = Literal["task", "kpi", "no-target", "no-baseline", "ok"]

_WORD = re.compile(r"[a-z][a-z'-]*|\d+(?::\d+)?s?")
_LEADING_NOISE = re.compile(r"^\s*(?:to\s+|we\s+will\s+|will\s+|we\s+)", re.IGNORECASE)
_COUNT_START = re.compile(
    r"^\s*(\d[\d,]*)\s+(?:new\s+|more\s+)?([a-z][\w:-]*)(?:\s+([a-z][\w:-]*))?"
)
# "make the build faster", "hire faster": a wish for improvement, not a task (K202, not K201)
_COMPARATIVE = re.compile(
    r"\b(?:faster|quicker|better|more|less|easier|simpler|cheaper|smoother|clearer|stronger|"
    r"safer|higher|lower|fewer)\b"
)
_BOUND_WORDS = re.compile(r"\b(?:at|above|below|under|over|within|or (?:fewer|less|more|higher))\b")


@dataclass(frozen=True, slots=True)
class Classified:
    kind: Kind
    verb: str = ""  # the word that decided it ("launch", "maintain")


def first_word(text: str) -> str:
    words = _WORD.findall(_LEADING_NOISE.sub("", text.lower()))
    return words[0] if words else ""


def classify(kr: KeyResult, k201: Rule, k204: Rule) -> Classified:
    parsed = kr.parsed
    text = kr.text.lower()
    verb = first_word(text)
    task_verbs = k201.word_list("task_verbs")
    keep_verbs = k204.word_list("keep_verbs")
    has_bound_number = parsed is not None and (
        (parsed.target is not None and parsed.target.comparator != "=")
        or (bool(_BOUND_WORDS.search(text)) and bool(parsed.quantities))
    )

    if verb in keep_verbs and not (verb == "hold" and not has_bound_number):
        return Classified("kpi", verb)
    for opener in k204.word_list("level_openers"):
        if text.startswith(opener + " "):
            return Classified("kpi", opener)

    outcome_evidence = parsed is not None and (
        parsed.baseline is not None
        or any(q.unit in k201.word_list("outcome_units") for q in
               (parsed.target, parsed.change) if q is not None)
    )
    vague_improvement = bool(_COMPARATIVE.search(text)) and not (parsed and parsed.quantities)
    if verb in task_verbs and not outcome_evidence and not vague_improvement:
        return Classified("task", verb)
    words = _WORD.findall(text)
    done = k201.word_list("done_words")
    if not outcome_evidence and any(w in done for w in words[-4:]):
        return Classified("task", next(w for w in words[-4:] if w in done))
    count = _COUNT_START.match(text)
    if count and not outcome_evidence:
        nouns = k201.word_list("activity_nouns")
        if count.group(2) in nouns or (count.group(3) or "") in nouns:
            return Classified("task", count.group(3) if count.group(3) in nouns
                              else count.group(2))

    if parsed is None or (parsed.target is None and parsed.change is None):
        return Classified("no-target", verb)
    if parsed.baseline is None:
        return Classified("no-baseline", verb)
    return Classified("ok", verb)
