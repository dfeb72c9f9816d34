from __future__ import annotations

import asyncio
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from assistant.api.deps import SettingsDep
from assistant.api.routes.drafts import provider_for
from assistant.api.schemas import CritiqueIn
from assistant.model import KeyResult, Objective, OKRSet
from assistant.parse import parse_kr, parse_text
from assistant.report.json_report import critique_to_dict
from assistant.rubric import critique, default_catalogue
from assistant.rubric.config import Config, ConfigError, effective_rules

router = APIRouter(prefix="/v1/critiques", tags=["critiques"])


def _okrs(body: CritiqueIn) -> OKRSet:
    if (body.text is None) == (body.okrs is None):
        raise HTTPException(422, detail="give exactly one of 'text' or 'okrs'")
    if body.text is not None:
        return parse_text(body.text, source="<request>", fmt=body.format)
    assert body.okrs is not None
    return OKRSet(team=body.okrs.team, cycle=body.okrs.cycle, source="<request>", objectives=[
        Objective(text=o.text, key_results=[KeyResult(text=k.text, parsed=parse_kr(k.text))
                                            for k in o.key_results])
        for o in body.okrs.objectives
    ])


MAX_REVIEWED = 20  # objectives one llm_review request may send to the model (a call each)
REVIEW_CONCURRENCY = 4  # model calls in flight for one request


@router.post("")
async def create_critique(body: CritiqueIn, request: Request,
                          settings: SettingsDep) -> dict[str, Any]:
    """Critique OKRs given as a document (``text``) or as structure (``okrs``).

    The answer has every objective and Key Result (with the phrase parser's reading), the
    findings with rule codes, messages and fixes, and the 0-100 scores. With ``llm_review``,
    ``llm_review`` holds the model's judgement per objective of what rules cannot check."""
    # The rubric is CPU work: a thread keeps the event loop free for other requests.
    result = await run_in_threadpool(_critique, body)
    if body.llm_review:
        if len(result["objectives"]) > MAX_REVIEWED:
            raise HTTPException(422, detail=(
                f"llm_review judges at most {MAX_REVIEWED} objectives a request (one model "
                f"call each); this document has {len(result['objectives'])}: send it in parts"))
        provider = provider_for(request, body.provider or settings.provider)
        gate = asyncio.Semaphore(REVIEW_CONCURRENCY)

        async def judge(objective: dict[str, Any]) -> dict[str, Any]:
            async with gate:
                judgement = await provider.judge(
                    objective["text"], [kr["text"] for kr in objective["key_results"]])
            return {"objective": objective["index"], **asdict(judgement.body),
                    "model": judgement.model, "prompt_version": judgement.prompt_version,
                    "prompt_hash": judgement.prompt_hash}

        result["llm_review"] = list(await asyncio.gather(
            *(judge(o) for o in result["objectives"])))
    return result


def _critique(body: CritiqueIn) -> dict[str, Any]:
    config = Config()
    config.select = [c.upper() for c in body.select or []]
    config.ignore = [c.upper() for c in body.ignore or []]
    try:
        rules = effective_rules(default_catalogue(), config)
    except ConfigError as err:
        raise HTTPException(422, detail=str(err)) from None
    return critique_to_dict("<request>", critique(_okrs(body), rules))
