"""Eval tasks: how a kind of case is solved, cached and turned back into something to score.

A task is the "solver" of dataset x solver x scorer: ``draft`` runs the drafting service with
its repair loop; ``judge`` asks the LLM critique prompt what rules cannot judge.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pydantic import TypeAdapter

from assistant.drafts.types import Draft
from assistant.evals.datasets import DraftCase, JudgeCase
from assistant.providers.base import JudgementBody, Provider
from assistant.services.drafting import draft

_DRAFT = TypeAdapter(Draft)
_JUDGED = TypeAdapter(JudgementBody)


class DraftTask:
    name = "draft"
    files = ("prompts/draft.md.j2", "prompts/repair.md.j2", "rubrics/default.toml",
             "rubrics/metrics.toml")

    def __init__(self, repair_rounds: int = 2) -> None:
        self.repair_rounds = repair_rounds

    def settings(self) -> dict[str, Any]:
        return {"repair_rounds": self.repair_rounds}

    def input(self, case: DraftCase) -> dict[str, Any]:
        return {"goal": case.goal, "context": case.context.model_dump(mode="json")}

    async def solve(self, case: DraftCase, provider: Provider) -> Draft:
        return await draft(case.goal, case.context.to_context(), provider,
                           repair_rounds=self.repair_rounds)

    def dump(self, output: Draft) -> dict[str, Any]:
        return asdict(output)

    def load(self, data: dict[str, Any]) -> Draft:
        return _DRAFT.validate_python(data)


class JudgeTask:
    name = "judge"
    files = ("prompts/critique.md.j2",)

    def settings(self) -> dict[str, Any]:
        return {}

    def input(self, case: JudgeCase) -> dict[str, Any]:
        return {"objective": case.objective, "key_results": case.key_results}

    async def solve(self, case: JudgeCase, provider: Provider) -> JudgementBody:
        return (await provider.judge(case.objective, case.key_results)).body

    def dump(self, output: JudgementBody) -> dict[str, Any]:
        return asdict(output)

    def load(self, data: dict[str, Any]) -> JudgementBody:
        return _JUDGED.validate_python(data)


Task = DraftTask | JudgeTask
