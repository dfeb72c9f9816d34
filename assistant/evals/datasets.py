"""Evaluation sets, validated with pydantic when loaded (format: evals/drafting/README.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.drafts.types import Context
from assistant.evals.jsonl import read_validated

DraftDomain = Literal["product", "engineering", "marketing", "sales", "support", "people",
                      "finance", "personal"]


class CaseContext(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team: str | None = None
    cycle: str | None = None
    baselines: dict[str, str] = Field(default_factory=dict)
    targets: dict[str, str] = Field(default_factory=dict)
    kpis: list[str] = Field(default_factory=list)
    notes: str | None = None

    def to_context(self) -> Context:
        return Context(team=self.team, cycle=self.cycle, baselines=dict(self.baselines),
                       targets=dict(self.targets), kpis=list(self.kpis), notes=self.notes)


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_krs: int = Field(2, ge=0)
    max_krs: int = Field(5, ge=1)
    clean_at: Literal["error", "warning", "info"] = "error"
    uses_baselines: bool = False
    metric_words_any: list[str] = Field(default_factory=list)
    forbidden_phrases: list[str] = Field(default_factory=list)
    outcome_not_output: bool = True


class DraftCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    domain: DraftDomain
    goal: str = Field(min_length=1, max_length=2000)
    context: CaseContext = Field(default_factory=CaseContext)
    expect: Expect = Field(default_factory=Expect)
    note: str | None = None


class JudgeExpect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    moves_objective: list[bool] = Field(min_length=1)
    leading: int | None = Field(None, ge=0)
    lagging: int | None = Field(None, ge=0)


class JudgeCase(BaseModel):
    """An OKR and the judgement expected from the LLM critique prompt."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(min_length=1)
    domain: DraftDomain
    objective: str = Field(min_length=1, max_length=1000)
    key_results: list[str] = Field(min_length=1, max_length=10)
    expect: JudgeExpect
    note: str | None = None


Case = DraftCase | JudgeCase


class DatasetError(ValueError):
    """An evaluation file that cannot be used; the message names the file and line."""


def load_set(path: Path) -> tuple[str, list[Case]]:
    """Read a JSONL set; its kind ("draft" or "judge") is told by the first case's keys."""
    kinds: list[str] = []

    def validate(data: Any) -> Case:
        if not kinds:
            kinds.append("judge" if isinstance(data, dict) and "key_results" in data
                         else "draft")
        model = JudgeCase if kinds[0] == "judge" else DraftCase
        return model.model_validate(data)

    cases: list[Case] = []
    seen: set[str] = set()
    for number, case in read_validated(path, validate, DatasetError):
        if isinstance(case, JudgeCase) and len(case.expect.moves_objective) != len(
                case.key_results):
            raise DatasetError(f"{path}:{number}: expect.moves_objective needs one value per "
                               "Key Result")
        if case.id in seen:
            raise DatasetError(f"{path}:{number}: duplicate id {case.id!r}")
        seen.add(case.id)
        cases.append(case)
    if not cases:
        raise DatasetError(f"{path}: no cases")
    return kinds[0], cases


def load_drafting(path: Path) -> list[DraftCase]:
    kind, cases = load_set(path)
    if kind != "draft":
        raise DatasetError(f"{path}: not a drafting set")
    return cases  # type: ignore[return-value]
