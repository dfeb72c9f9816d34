"""Checks are small functions registered by rule code; the rule's text lives in the catalogue."""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from typing import Any

    from assistant.types import Severity


class Hit:
    """One place a check fired; the engine turns it into a ``Finding``.

    (A plain slotted class rather than a dataclass, to keep import time down.)"""

    __slots__ = ("excerpt", "key_result", "line", "objective", "severity", "values")

    def __init__(self, values: dict[str, Any] | None = None, *, objective: int | None = None,
                 key_result: int | None = None, line: int | None = None, excerpt: str = "",
                 severity: Severity | None = None) -> None:
        self.values = values if values is not None else {}  # fills message and fix templates
        self.objective = objective  # 1-based; set by the engine for objective/KR scopes
        self.key_result = key_result
        self.line = line
        self.excerpt = excerpt
        self.severity = severity  # overrides the rule's default (S001 above 5 objectives)


# A check returns None, the values for its message when it fires once where it looked (a dict:
# the common case, no Hit built), one Hit when it must say where or how severe, or several
# Hits (K208 and S003 can fire more than once). Returning rather than yielding spares a
# generator per KR per rule (see benchmarks/).
if TYPE_CHECKING:
    from collections.abc import Iterable

    Values = dict[str, Any]  # what fills a rule's message and fix templates
    CheckResult = Values | Hit | Iterable[Hit] | None
Check = Callable[..., "CheckResult"]
CHECKS: dict[str, Check] = {}
# For KR checks that judge one kind of Key Result (classify.Kind: "task", "kpi", ...): the
# engine classifies each KR once and calls only the check for its kind.
ONLY_FOR_KIND: dict[str, str] = {}


def check(code: str, *, kind: str | None = None) -> Callable[[Check], Check]:
    """Register ``fn`` as the check for ``code``; one check per code."""

    def register(fn: Check) -> Check:
        if code in CHECKS:
            raise ValueError(f"two checks registered for {code}")
        CHECKS[code] = fn
        if kind is not None:
            ONLY_FOR_KIND[code] = kind
        return fn

    return register
