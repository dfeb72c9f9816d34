from __future__ import annotations

from fastapi import APIRouter, Request

from assistant.api.deps import SettingsDep
from assistant.api.schemas import DraftIn
from assistant.drafts.types import Draft
from assistant.providers import Provider, get_provider
from assistant.services.drafting import draft

router = APIRouter(prefix="/v1/drafts", tags=["drafts"])


def provider_for(request: Request, name: str) -> Provider:
    """One provider per name for the app's life: the openai client keeps its connections."""
    cache: dict[str, Provider] = request.app.state.providers
    if name not in cache:
        cache[name] = get_provider(request.app.state.settings, name)
    return cache[name]


@router.post("", response_model=Draft, response_model_exclude={"raw"})
async def create_draft(body: DraftIn, request: Request, settings: SettingsDep) -> Draft:
    """Draft an objective with outcome Key Results for a goal, checked by the rubric.

    Every baseline in the answer is one you gave (``source: given``) or marked ``unknown``
    with how to measure it; every target says whether it is yours or a proposal."""
    provider = provider_for(request, body.provider or settings.provider)
    rounds = settings.repair_rounds if body.repair_rounds is None else body.repair_rounds
    return await draft(body.goal, body.context.to_context(), provider, repair_rounds=rounds)
