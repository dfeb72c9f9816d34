"""Regexes compiled on first use: compiling costs start-up time, and some patterns are only
needed by a few inputs (status notes, inline suppressions, parenthesised baselines)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache


def lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """``lazy(p)()`` is ``re.compile(p)``, compiled once, the first time it is asked for."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled
