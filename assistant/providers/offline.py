"""The offline provider: the deterministic drafter behind the provider interface."""

from __future__ import annotations

import json
from dataclasses import asdict

from assistant.drafts.offline import draft_offline
from assistant.drafts.types import Context, DraftBody
from assistant.model import Finding
from assistant.providers.base import Judgement, ProviderError, Reply
from assistant.settings import Settings

VERSION = "offline-1"


class OfflineProvider:
    name = "offline"

    def __init__(self, settings: Settings | None = None) -> None:
        self.model = VERSION

    async def draft(self, goal: str, context: Context) -> Reply:
        body, _mapped = draft_offline(goal, context)
        return Reply(body=body, raw=json.dumps(asdict(body)), model=self.model,
                     prompt_version=VERSION)

    async def judge(self, objective: str, key_results: list[str]) -> Judgement:
        raise ProviderError(
            "the offline provider cannot judge what rules cannot (does each Key Result move "
            "the objective?); use a model: provider 'openai' with OKR_API_KEY or OKR_BASE_URL",
            status=422)

    async def repair(self, goal: str, context: Context, body: DraftBody,
                     findings: list[Finding]) -> Reply:
        """Drop the Key Results the review rejected; it cannot invent better ones."""
        bad = {f.key_result for f in findings if f.severity == "error" and f.key_result}
        kept = [kr for i, kr in enumerate(body.key_results, start=1) if i not in bad]
        repaired = DraftBody(objective=body.objective, key_results=kept, notes=body.notes)
        return Reply(body=repaired, raw=json.dumps(asdict(repaired)), model=self.model,
                     prompt_version=VERSION)
