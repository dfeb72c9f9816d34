"""``okr eval rubric``: precision, recall and F1 of every rule on the labelled rubric set.

Each item lists every code that must fire within its scope (see evals/rubric/README.md), so
a code that fires and is not listed is a false positive, and a listed code that does not fire
is a false negative. The ``tune`` and ``holdout`` splits are scored apart: the holdout number
is the honest one, because the rules were never adjusted to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from assistant.evals.errors import EvalSetError
from assistant.evals.jsonl import read_validated
from assistant.evals.real_corpus import ExpectedKR, Half, load_corpus
from assistant.model import KeyResult, Objective, OKRSet
from assistant.parse import InputError, parse_kr, parse_text
from assistant.parse.phrase import fill_numbers
from assistant.rubric import critique
from assistant.rubric.catalogue import default_catalogue, statement_codes

# Scored per item: the rules that judge one statement alone (``alone`` in the catalogue);
# the rest are scored on whole sets. A new rule is scored here without a change to this file.
_CATALOGUE = default_catalogue()
KR_CODES = statement_codes(_CATALOGUE, "key-result")
OBJECTIVE_CODES = statement_codes(_CATALOGUE, "objective")
SET_CODES = tuple(sorted(c for c in _CATALOGUE if c not in KR_CODES + OBJECTIVE_CODES))
T = TypeVar("T", bound="_Item")
Domain = Literal["product", "engineering", "marketing", "sales", "support", "hr", "finance",
                 "personal", "operations"]


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    domain: Domain
    expect: list[str]
    note: str | None = None


class KRItem(_Item):
    text: str = Field(min_length=1, max_length=1000)


class ObjectiveItem(_Item):
    text: str = Field(min_length=1, max_length=1000)


class SetItem(_Item):
    document: str = Field(min_length=1)


@dataclass(slots=True)
class Outcome:
    """One scored item: what was expected, what fired, within the codes scored for it."""

    id: str
    kind: str
    text: str
    expected: frozenset[str]
    fired: frozenset[str]

    @property
    def correct(self) -> bool:
        return self.expected == self.fired


@dataclass(slots=True)
class RuleStats:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    support: int = 0  # items labelled with the code

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return 0.0 if (p is not None or r is not None) else None
        return 2 * p * r / (p + r)


@dataclass(slots=True)
class SplitReport:
    split: str
    outcomes: list[Outcome] = field(default_factory=list)
    stats: dict[str, RuleStats] = field(default_factory=dict)


def read_items(path: Path, model: type[T], allowed: Iterable[str]) -> list[T]:
    """The items of a labelled JSONL file (tune/holdout), each expecting only ``allowed``
    codes."""
    allowed_set = set(allowed)
    items: list[T] = []
    for number, item in read_validated(path, model.model_validate, EvalSetError):
        unknown = set(item.expect) - allowed_set
        if unknown:
            raise EvalSetError(f"{path}:{number}: codes {sorted(unknown)} are not scored here")
        items.append(item)
    return items


def _fired(okrs: OKRSet, codes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f.code for f in critique(okrs).findings if f.code in codes)


def score_split(folder: Path) -> SplitReport:
    report = SplitReport(split=folder.name)
    for item in read_items(folder / "krs.jsonl", KRItem, KR_CODES):
        kr = KeyResult(text=item.text, line=1, parsed=parse_kr(item.text))
        okrs = OKRSet(objectives=[Objective(text="(evaluation)", key_results=[kr])])
        report.outcomes.append(Outcome(item.id, "kr", item.text, frozenset(item.expect),
                                       _fired(okrs, KR_CODES)))
    for obj in read_items(folder / "objectives.jsonl", ObjectiveItem, OBJECTIVE_CODES):
        okrs = OKRSet(objectives=[Objective(text=obj.text, line=1)])
        report.outcomes.append(Outcome(obj.id, "objective", obj.text, frozenset(obj.expect),
                                       _fired(okrs, OBJECTIVE_CODES)))
    for doc in read_items(folder / "sets.jsonl", SetItem, SET_CODES):
        try:
            okrs = parse_text(doc.document, source=doc.id, fmt="markdown")
        except InputError as err:
            raise EvalSetError(f"{folder / 'sets.jsonl'}: {doc.id}: {err}") from None
        report.outcomes.append(Outcome(doc.id, "set", doc.document, frozenset(doc.expect),
                                       _fired(okrs, SET_CODES)))
    _tally(report, (*SET_CODES, *OBJECTIVE_CODES, *KR_CODES))
    return report


def real_key_result(item: ExpectedKR) -> KeyResult:
    """A Key Result of the corpus's extraction as the rules see it: its text, and the numbers
    the document gives beside it (a table's columns, a YAML field) in its parse, as the
    reader puts them there."""
    parsed = parse_kr(item.text)
    # a "current" counts as the start only where the labeller read it so (a table's current
    # column); "=> 52 hired" at the quarter's end is progress
    start = item.baseline or (item.current if item.has_baseline else None)
    fill_numbers(parsed, start or "", item.target or "")
    return KeyResult(text=item.text, line=1, parsed=parsed)


def score_real(root: Path, half: Half) -> SplitReport:
    """The rules on the Key Results and objectives of the real-shaped corpus, as its
    extraction gives them (so a reader's miss does not count against a rule); numbers the
    document gives beside a KR (a table's columns, a YAML field) go into its parse, as the
    reader puts them there."""
    report = SplitReport(split=f"real {half}")
    for doc in load_corpus(root, (half,)):
        for o_index, objective in enumerate(doc.expected.objectives, 1):
            where = f"{doc.name}#O{o_index}"
            okrs = OKRSet(objectives=[Objective(text=objective.text, line=1)])
            report.outcomes.append(Outcome(where, "objective", objective.text,
                                           frozenset(objective.labels),
                                           _fired(okrs, OBJECTIVE_CODES)))
            for k_index, item in enumerate(objective.key_results, 1):
                kr = real_key_result(item)
                okrs = OKRSet(objectives=[Objective(text="(evaluation)", key_results=[kr])])
                report.outcomes.append(Outcome(f"{where}KR{k_index}", "kr", item.text,
                                               frozenset(item.labels), _fired(okrs, KR_CODES)))
    _tally(report, (*OBJECTIVE_CODES, *KR_CODES))
    return report


def all_reports(rubric_root: Path, real_root: Path | None) -> list[SplitReport]:
    """What ``okr eval rubric`` prints, in its order: the real-shaped test half first, then
    the team's holdout, the real dev half and the tune split (the sets a rule was adjusted
    on last)."""
    splits = [rubric_root / name for name in ("tune", "holdout") if (rubric_root / name).is_dir()]
    reports = [score_split(folder) for folder in splits]
    if real_root is None or not real_root.is_dir():
        return reports
    tune = [r for r in reports if r.split == "tune"]
    holdout = [r for r in reports if r.split != "tune"]
    return [score_real(real_root, "test"), *holdout, score_real(real_root, "dev"), *tune]


def _tally(report: SplitReport, codes: tuple[str, ...]) -> None:
    for code in codes:
        report.stats[code] = RuleStats()
    for outcome in report.outcomes:
        for code in outcome.expected | outcome.fired:
            stats = report.stats[code]
            if code in outcome.expected:
                stats.support += 1
                if code in outcome.fired:
                    stats.tp += 1
                else:
                    stats.fn += 1
            else:
                stats.fp += 1


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def format_table(reports: list[SplitReport]) -> str:
    """A Markdown table: one row per rule, precision/recall/F1 per split."""
    head = "| rule |" + "".join(f" {r.split} P | R | F1 | n |" for r in reports)
    sep = "|---|" + "---|---|---|---|" * len(reports)
    rows = [head, sep]
    # (a rule no split labels and none saw fire, such as R100 on suppressions, has no row)
    codes = sorted({code for r in reports for code, stats in r.stats.items()
                    if stats.support or stats.fp})
    for code in codes:
        cells = "".join(
            f" {_pct(r.stats[code].precision)} | {_pct(r.stats[code].recall)} | "
            f"{_pct(r.stats[code].f1)} | {r.stats[code].support} |" if code in r.stats
            else " | | | |" for r in reports  # a code this split does not label
        )
        rows.append(f"| {code} |{cells}")
    totals = []
    for r in reports:
        right = sum(o.correct for o in r.outcomes)
        totals.append(f"{r.split}: {right}/{len(r.outcomes)} items exactly right")
    return "\n".join(rows) + "\n\n" + "; ".join(totals) + "\n"


def mistakes(report: SplitReport) -> list[str]:
    lines = []
    for o in report.outcomes:
        if not o.correct:
            missed = sorted(o.expected - o.fired)
            extra = sorted(o.fired - o.expected)
            text = o.text if o.kind != "set" else o.text.splitlines()[0]
            lines.append(f"{o.id}: missed {missed} extra {extra}: {text[:110]}")
    return lines
