"""Scorers: plain functions registered by name, each judging one expectation of a case.

A scorer returns ``Score(passed=True|False, detail)``, or ``None`` when the expectation does not
apply to the case. Teams add their own with ``@scorer("name")`` (and select them with
``okr eval run --scorer``); the run log records which scorers ran, so a run can be re-scored
from its log without calling the model again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.drafts.types import Draft
from assistant.evals.datasets import DraftCase, JudgeCase
from assistant.model import SEVERITY_RANK
from assistant.providers.base import JudgementBody


@dataclass(frozen=True, slots=True)
class Score:
    passed: bool
    detail: str = ""


Scorer = Callable[[Any, Any], "Score | None"]
# One registry per task: "draft" scorers see (DraftCase, Draft), "judge" scorers see
# (JudgeCase, JudgementBody).
REGISTRY: dict[str, dict[str, Scorer]] = {"draft": {}, "judge": {}}
SCORERS = REGISTRY["draft"]


def scorer(name: str, task: str = "draft") -> Callable[[Scorer], Scorer]:
    def register(fn: Scorer) -> Scorer:
        REGISTRY[task][name] = fn
        return fn

    return register


def _text(draft: Draft) -> str:
    return " ".join([draft.objective, *(kr.text for kr in draft.key_results)]).lower()


@scorer("kr_count")
def kr_count(case: DraftCase, draft: Draft) -> Score:
    n, e = len(draft.key_results), case.expect
    return Score(e.min_krs <= n <= e.max_krs, f"{n} Key Results (want {e.min_krs}-{e.max_krs})")


@scorer("rubric_clean")
def rubric_clean(case: DraftCase, draft: Draft) -> Score:
    bar = SEVERITY_RANK[case.expect.clean_at]
    bad = sorted({f.code for f in draft.findings if SEVERITY_RANK[f.severity] >= bar})
    return Score(not bad, f"findings at or above {case.expect.clean_at}: {', '.join(bad)}"
                 if bad else "")


@scorer("uses_baselines")
def uses_baselines(case: DraftCase, draft: Draft) -> Score | None:
    if not case.expect.uses_baselines:
        return None
    text = _text(draft)
    missing = [v for v in case.context.baselines.values() if v.lower() not in text]
    return Score(not missing, f"baselines not used: {', '.join(missing)}" if missing else "")


@scorer("metric_words")
def metric_words(case: DraftCase, draft: Draft) -> Score | None:
    words = case.expect.metric_words_any
    if not words:
        return None
    text = _text(draft)
    return Score(any(w.lower() in text for w in words),
                 "" if any(w.lower() in text for w in words)
                 else f"none of {', '.join(words)} in the draft")


@scorer("no_forbidden_phrases")
def no_forbidden_phrases(case: DraftCase, draft: Draft) -> Score | None:
    if not case.expect.forbidden_phrases:
        return None
    text = _text(draft)
    found = [p for p in case.expect.forbidden_phrases if p.lower() in text]
    return Score(not found, f"forbidden: {', '.join(found)}" if found else "")


@scorer("outcome_not_output")
def outcome_not_output(case: DraftCase, draft: Draft) -> Score | None:
    if not case.expect.outcome_not_output:
        return None
    tasks = [f.key_result for f in draft.findings if f.code == "K201"]
    return Score(not tasks, f"Key Results that are tasks: {tasks}" if tasks else "")


@scorer("grounded")
def grounded(case: DraftCase, draft: Draft) -> Score:
    """No number the team did not give (D001 invented baseline, D002, D004)."""
    bad = sorted({f.code for f in draft.findings if f.code in ("D001", "D002", "D004")})
    return Score(not bad, f"ungrounded: {', '.join(bad)}" if bad else "")


@scorer("so_what", task="judge")
def so_what(case: JudgeCase, judged: JudgementBody) -> Score:
    """Each Key Result judged as expected: does hitting it move the objective?"""
    got = {j.index: j.moves_objective for j in judged.key_results}
    wrong = [i for i, want in enumerate(case.expect.moves_objective, start=1)
             if got.get(i) is not want]
    return Score(not wrong, f"Key Results judged differently: {wrong}" if wrong else "")


@scorer("balance", task="judge")
def balance(case: JudgeCase, judged: JudgementBody) -> Score | None:
    """Leading and lagging counts within one of the expected ones."""
    e = case.expect
    if e.leading is None or e.lagging is None:
        return None
    off = abs(judged.balance.leading - e.leading) > 1 or abs(
        judged.balance.lagging - e.lagging) > 1
    return Score(not off, f"leading {judged.balance.leading}/lagging {judged.balance.lagging}, "
                          f"expected {e.leading}/{e.lagging}" if off else "")
