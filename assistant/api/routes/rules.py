from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException

from assistant.rubric import default_catalogue
from assistant.rubric.catalogue import Rule

router = APIRouter(prefix="/v1/rules", tags=["rules"])


def _public(rule: Rule) -> dict[str, Any]:
    data = asdict(rule)
    data["words"] = {k: sorted(v) for k, v in rule.words.items()}
    return data


@router.get("")
def list_rules() -> list[dict[str, Any]]:
    """Every rule of the rubric: code, name, scope, severity, explanation, examples."""
    return [_public(rule) for rule in default_catalogue().values()]


@router.get("/{code}")
def get_rule(code: str) -> dict[str, Any]:
    rule = default_catalogue().get(code.upper())
    if rule is None:
        raise HTTPException(404, detail=f"no rule {code!r}")
    return _public(rule)
