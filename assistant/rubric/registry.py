"""Checks are small functions registered by rule code; the rule's text lives in the catalogue."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from assistant.model import Severity


@dataclass(slots=True)
class Hit:
    """One place a check fired; the engine turns it into a ``Finding``."""

    values: dict[str, Any] = field(default_factory=dict)  # fills message and fix templates
    objective: int | None = None  # 1-based; set by the engine for objective/KR scopes
    key_result: int | None = None
    line: int | None = None
    excerpt: str = ""
    severity: Severity | None = None  # overrides the rule's default (S001 above 5 objectives)


Check = Callable[..., Iterable[Hit]]
CHECKS: dict[str, Check] = {}


def check(code: str) -> Callable[[Check], Check]:
    """Register ``fn`` as the check for ``code``; one check per code."""

    def register(fn: Check) -> Check:
        if code in CHECKS:
            raise ValueError(f"two checks registered for {code}")
        CHECKS[code] = fn
        return fn

    return register
