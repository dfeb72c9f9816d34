"""The rule catalogue: rules as data, read from ``rubrics/default.toml`` with ``tomllib``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from assistant.model import Severity
from assistant.resources import data_dir

Scope = Literal["set", "objective", "key-result"]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    scope: Scope
    severity: Severity
    message: str
    fix: str
    what: str
    why: str
    bad: str
    good: str
    thresholds: dict[str, float] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)  # keyword -> suggested outcome (K201)

    def word_list(self, key: str) -> frozenset[str]:
        return self.words.get(key, frozenset())


class CatalogueError(ValueError):
    """A rubric file that is not a valid catalogue."""


_REQUIRED = ("name", "scope", "severity", "message", "fix", "what", "why", "bad", "good")


def _rule(code: str, data: dict[str, Any]) -> Rule:
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise CatalogueError(f"rule {code} lacks {', '.join(missing)}")
    if data["scope"] not in ("set", "objective", "key-result"):
        raise CatalogueError(f"rule {code}: unknown scope {data['scope']!r}")
    if data["severity"] not in ("error", "warning", "info"):
        raise CatalogueError(f"rule {code}: unknown severity {data['severity']!r}")
    # A word list is an array, or one string of words separated by white space.
    words = {
        k: frozenset(w.lower() for w in (v.split() if isinstance(v, str) else map(str, v)))
        for k, v in data.get("words", {}).items()
    }
    thresholds = {k: float(v) for k, v in data.get("thresholds", {}).items()}
    hints = {str(k).lower(): str(v) for k, v in data.get("hints", {}).items()}
    return Rule(code=code, thresholds=thresholds, words=words, hints=hints,
                **{key: str(data[key]).strip() for key in _REQUIRED})


def load_catalogue(path: Path) -> dict[str, Rule]:
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise CatalogueError(f"cannot read rubric {path}: {err}") from None
    rules = raw.get("rules")
    if not isinstance(rules, dict) or not rules:
        raise CatalogueError(f"rubric {path} has no [rules.*] tables")
    return {code: _rule(code, data) for code, data in sorted(rules.items())}


@cache
def default_catalogue() -> dict[str, Rule]:
    return load_catalogue(data_dir("rubrics") / "default.toml")
