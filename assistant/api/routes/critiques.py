from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

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


@router.post("")
def create_critique(body: CritiqueIn) -> dict[str, Any]:
    """Critique OKRs given as a document (``text``) or as structure (``okrs``).

    The answer has every objective and Key Result (with the phrase parser's reading), the
    findings with rule codes, messages and fixes, and the 0-100 scores."""
    config = Config()
    config.select = [c.upper() for c in body.select or []]
    config.ignore = [c.upper() for c in body.ignore or []]
    try:
        rules = effective_rules(default_catalogue(), config)
    except ConfigError as err:
        raise HTTPException(422, detail=str(err)) from None
    return critique_to_dict("<request>", critique(_okrs(body), rules))
