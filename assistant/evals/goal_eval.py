"""``okr eval goals``: the drafter on real teams' goals (``evals/real-goals/``).

Each goal of the set is drafted as ``okr draft`` would (the offline provider, the repair loop,
the grounding review), and every drafted Key Result is judged against what the team itself
wrote for that objective:

* **relevant**: its metric is about the goal: it names one of the case's subject words, or
  shares a content word with one of the team's own Key Results;
* **direction**: a metric the team gave moves the way the team moved it (a "keep" metric is
  a health metric, not a Key Result);
* **well-formed**: its numbers are on the baseline's scale and unit, without notes, dates or
  fractions of people copied into the target;
* **grounded**: no number the team did not give is presented as theirs (D001, D002, D004);
* **horizon**: the deadline fits the document's cycle (no quarter forced on a yearly goal).

A Key Result that passes all five is *acceptable*; a goal is served when it gets two. A
decline is right only on a goal that names no measurable change, and it must ask questions.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.drafts.types import Context, Draft, DraftedKR
from assistant.evals.errors import EvalSetError
from assistant.evals.jsonl import read_validated
from assistant.parse.quantities import parse_quantity
from assistant.providers.offline import OfflineProvider
from assistant.services.drafting import draft

Half = Literal["dev", "test"]
Horizon = Literal["quarter", "half", "year", "multi-year", "unknown"]
Move = Literal["up", "down", "keep"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoalContext(_Strict):
    team: str | None = None
    cycle: str | None = None
    baselines: dict[str, str] = Field(default_factory=dict)
    notes: str | None = None


class Given(_Strict):
    metric: str
    value: str
    direction: Move


class GoalCase(_Strict):
    id: str = Field(min_length=1)
    doc: str
    organisation: str
    goal: str = Field(min_length=1, max_length=2000)
    context: GoalContext = Field(default_factory=GoalContext)
    given: list[Given] = Field(default_factory=list)
    goal_target: Given | None = None
    references: list[str] = Field(default_factory=list)
    subject_words: list[str] = Field(default_factory=list)
    measurable: bool = True
    horizon: Horizon = "unknown"
    shape: list[str] = Field(default_factory=list)

    def to_context(self) -> Context:
        return Context(team=self.context.team, cycle=self.context.cycle,
                       baselines=dict(self.context.baselines), notes=self.context.notes)


def load_goals(root: Path, half: Half) -> list[GoalCase]:
    path = root / f"{half}.jsonl"
    cases = [case for _n, case in read_validated(path, GoalCase.model_validate, EvalSetError)]
    if not cases:
        raise EvalSetError(f"{path}: no goals")
    return cases


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
# Words every metric shares: they make no Key Result relevant to a goal on their own.
_GENERIC = frozenset("""rate rates number numbers percent percentage share count total users
user people team teams time times month monthly week weekly year yearly quarter day days per
with from that this into over under more less each every least most than their them they
have make made keep grow raise reduce increase decrease improve improved reach cut lower
higher better new first other about also only just when what which where will would should
could can must been being were while after before through within without across value level
score result results goal goals objective target baseline measure measured""".split())


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def _content(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in _GENERIC}


def relevant(kr: DraftedKR, case: GoalCase) -> bool:
    said = f"{kr.metric} {kr.text}".lower()
    stems = _content(said)
    for phrase in case.subject_words:
        words = [_stem(w) for w in _WORD.findall(phrase.lower())]
        if words and all(w in stems or w in said for w in words):
            return True
    return any(stems & _content(reference) for reference in case.references)


def _given_for(kr: DraftedKR, case: GoalCase) -> Given | None:
    if kr.baseline.source != "given" or kr.baseline.value is None:
        return None
    for given in case.given:
        if given.value == kr.baseline.value or given.metric.lower() == kr.metric.lower():
            return given
    return None


def wrong_direction(kr: DraftedKR, case: GoalCase) -> bool:
    given = _given_for(kr, case)
    if given is None:
        return False
    if given.direction == "keep":
        return True  # a level to hold is a KPI to watch, not a change to make
    return kr.direction != ("increase" if given.direction == "up" else "decrease")


_SCALE_AFTER_BIG = re.compile(r"\d{1,3}(?:,\d{3})+\s*(?:k|m|bn|million|billion|thousand)\b",
                              re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_PEOPLE = re.compile(r"\b(?:people|persons|engineers|hires|members|volunteers|staff|employees|"
                     r"contributors|maintainers|students|teams|projects|events|sessions)\b")


def malformed(kr: DraftedKR) -> bool:
    target = kr.target.value
    if _SCALE_AFTER_BIG.search(target) or "(" in target or target.rstrip().endswith("+"):
        return True  # "2,500,000 million", "~100,000K MWh", a note or "1h+" copied over
    if kr.baseline.value is not None and _YEAR.search(target) and not _YEAR.search(
            kr.baseline.value):
        return True
    start = parse_quantity(kr.baseline.value) if kr.baseline.value else None
    end = parse_quantity(target)
    if start is not None and end is not None and start.unit and end.unit and \
            start.unit != end.unit:
        return True
    if end is not None and end.value > 100 and (end.unit == "%" or "%" in kr.metric) and \
            start is not None and start.value <= 100:
        return True  # a share past 100% ("runs that finish (%)" from 88.5 to 110.6)
    # 2.5 engineers
    return end is not None and end.value != int(end.value) and end.unit in (None, "") and \
        _PEOPLE.search(kr.text.lower()) is not None


def ungrounded(index: int, result: Draft) -> bool:
    return any(f.code in ("D001", "D002", "D004") and f.key_result == index
               for f in result.findings)


_QUARTER = re.compile(r"\b(?:q[1-4]|quarter)\b", re.IGNORECASE)


def horizon_ok(kr: DraftedKR, case: GoalCase) -> bool:
    """No quarter forced on a half-year, yearly or longer goal (the usual mistake); the
    last quarter the team's own cycle names ("Q3/Q4", "Q1 & Q2 2022") is its end."""
    deadline = kr.deadline or kr.text
    quarter = _QUARTER.search(deadline)
    if quarter is None or case.horizon not in ("half", "year", "multi-year"):
        return True
    return quarter.group(0).lower() in (case.context.cycle or "").lower()


@dataclass(slots=True)
class KRJudged:
    text: str
    relevant: bool
    wrong_direction: bool
    malformed: bool
    ungrounded: bool
    horizon_ok: bool

    @property
    def acceptable(self) -> bool:
        return self.relevant and not self.wrong_direction and not self.malformed and \
            not self.ungrounded and self.horizon_ok


@dataclass(slots=True)
class GoalResult:
    case: GoalCase
    declined: bool
    asked: bool  # a decline that asks the team questions
    krs: list[KRJudged] = field(default_factory=list)

    @property
    def served(self) -> bool:
        return sum(1 for k in self.krs if k.acceptable) >= 2


def judge(case: GoalCase, result: Draft) -> GoalResult:
    declined = not result.key_results
    asked = declined and any("?" in note for note in result.notes)
    krs = [KRJudged(kr.text, relevant(kr, case), wrong_direction(kr, case), malformed(kr),
                    ungrounded(i, result), horizon_ok(kr, case))
           for i, kr in enumerate(result.key_results, start=1)]
    return GoalResult(case, declined, asked, krs)


async def _draft_all(cases: list[GoalCase]) -> list[Draft]:
    provider = OfflineProvider()
    return [await draft(case.goal, case.to_context(), provider) for case in cases]


def score_goals(root: Path, halves: tuple[Half, ...] = ("dev", "test")
                ) -> dict[Half, list[GoalResult]]:
    out: dict[Half, list[GoalResult]] = {}
    for half in halves:
        cases = load_goals(root, half)
        drafts = asyncio.run(_draft_all(cases))
        out[half] = [judge(case, result) for case, result in zip(cases, drafts, strict=True)]
    return out


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def format_summary(results: dict[Half, list[GoalResult]]) -> str:
    rows = ["| half | goals | KRs drafted | relevant | wrong direction | malformed | "
            "ungrounded | quarter forced | goals with 2 acceptable | declined (measurable) "
            "| declines asking |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for half in ("test", "dev"):
        part = results.get(half)  # type: ignore[call-overload]
        if not part:
            continue
        krs = [k for r in part for k in r.krs]
        declined = [r for r in part if r.declined]
        wrongly = sum(1 for r in declined if r.case.measurable)
        rows.append(
            f"| {half} | {len(part)} | {len(krs)} | {_pct(sum(k.relevant for k in krs), len(krs))} "
            f"| {sum(k.wrong_direction for k in krs)} | {sum(k.malformed for k in krs)} "
            f"| {sum(k.ungrounded for k in krs)} | {sum(not k.horizon_ok for k in krs)} "
            f"| {_pct(sum(r.served for r in part), len(part))} | {len(declined)} ({wrongly}) "
            f"| {sum(r.asked for r in declined)} of {len(declined)} |")
    return "\n".join(rows) + "\n"


def misses(results: list[GoalResult]) -> list[str]:
    lines = []
    for r in results:
        bad = [k for k in r.krs if not k.acceptable]
        if not bad and not (r.declined and r.case.measurable) and r.served:
            continue
        lines.append(f"{r.case.id} ({r.case.organisation}): {r.case.goal[:100]}")
        if r.declined:
            lines.append("  declined" + ("" if r.case.measurable else " (right: not measurable)"))
        for k in r.krs:
            why = [name for name, bad_flag in (
                ("off-topic", not k.relevant), ("wrong direction", k.wrong_direction),
                ("malformed", k.malformed), ("ungrounded", k.ungrounded),
                ("quarter forced", not k.horizon_ok)) if bad_flag]
            lines.append(f"  {'ok ' if not why else '-- '}{k.text[:110]}"
                         + (f"  [{', '.join(why)}]" if why else ""))
    return lines
