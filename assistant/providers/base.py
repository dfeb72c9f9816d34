"""The provider interface and its errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from assistant.drafts.types import Context, DraftBody
from assistant.model import Finding


@dataclass(slots=True)
class Reply:
    body: DraftBody
    raw: str  # the model's reply as received (JSON text), kept for evals and debugging
    model: str
    prompt_version: str | None = None
    prompt_hash: str | None = None
    usage: dict[str, int] = field(default_factory=dict)  # tokens, when the server reports them
    attempts: int = 1


@dataclass(slots=True)
class KRJudgement:
    index: int  # 1-based Key Result index
    moves_objective: bool  # the "so what?" test: would hitting it move the objective?
    reason: str


@dataclass(slots=True)
class Balance:
    leading: int  # indicators that move early, within the cycle
    lagging: int  # indicators that show up late (revenue, churn)
    comment: str


@dataclass(slots=True)
class JudgementBody:
    """What a model returns for the LLM critique prompt (``prompts/critique.md.j2``)."""

    key_results: list[KRJudgement]
    balance: Balance


@dataclass(slots=True)
class Judgement:
    body: JudgementBody
    raw: str
    model: str
    prompt_version: str | None = None
    prompt_hash: str | None = None


class Provider(Protocol):
    name: str
    model: str

    async def draft(self, goal: str, context: Context) -> Reply: ...

    async def repair(self, goal: str, context: Context, body: DraftBody,
                     findings: list[Finding]) -> Reply: ...

    async def judge(self, objective: str, key_results: list[str]) -> Judgement: ...


class ProviderError(Exception):
    """A model call that failed for good. ``status`` is the HTTP status the API should answer;
    ``retry_after`` the seconds a client should wait, when known; ``raw`` the last reply."""

    def __init__(self, message: str, *, status: int = 502, retry_after: float | None = None,
                 raw: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.raw = raw
