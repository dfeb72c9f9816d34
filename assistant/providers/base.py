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


class Provider(Protocol):
    name: str
    model: str

    async def draft(self, goal: str, context: Context) -> Reply: ...

    async def repair(self, goal: str, context: Context, body: DraftBody,
                     findings: list[Finding]) -> Reply: ...


class ProviderError(Exception):
    """A model call that failed for good. ``status`` is the HTTP status the API should answer;
    ``retry_after`` the seconds a client should wait, when known; ``raw`` the last reply."""

    def __init__(self, message: str, *, status: int = 502, retry_after: float | None = None,
                 raw: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.raw = raw
