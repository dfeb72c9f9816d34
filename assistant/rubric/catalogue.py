"""The rule catalogue: rules as data, read from ``rubrics/default.toml``.

Parsing TOML costs ``tomllib``'s import and a parse on every start, a third of ``okr
critique``'s budget here; so the parsed table is kept in a ``marshal`` file in the user's
cache folder, keyed by the TOML file's path, size and modification time (the same idea as
Python's own .pyc files). A missing, stale or unreadable cache just means one TOML parse.
"""

from __future__ import annotations

import marshal
import os
import zlib
from dataclasses import dataclass, field
from functools import cache

from assistant.resources import cache_dir, data_dir

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from typing import Any, Literal

    from assistant.types import Severity

    Scope = Literal["set", "objective", "key-result"]

_CACHE_FORMAT = 1
_NO_WORDS: frozenset[str] = frozenset()


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
    # Judges one statement by itself (a Key Result's or an objective's text), so it can give
    # feedback on a single proposal and be scored on single labelled items; False for rules
    # that read a whole objective or set. (``alone`` in the TOML; set rules never are.)
    alone: bool = True

    def word_list(self, key: str) -> frozenset[str]:
        return self.words.get(key, _NO_WORDS)


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
    alone = data.get("alone", data["scope"] != "set")
    if not isinstance(alone, bool) or (alone and data["scope"] == "set"):
        raise CatalogueError(f"rule {code}: 'alone' is true or false, and false for set rules")
    return Rule(code=code, thresholds=thresholds, words=words, hints=hints, alone=alone,
                **{key: str(data[key]).strip() for key in _REQUIRED})


def statement_codes(catalogue: dict[str, Rule], scope: Scope) -> tuple[str, ...]:
    """The codes of the rules that judge one Key Result's (``"key-result"``) or one
    objective's (``"objective"``) text by itself, in code order: what a single proposal
    gets feedback from and what single labelled items are scored on."""
    return tuple(sorted(code for code, rule in catalogue.items()
                        if rule.scope == scope and rule.alone))


def _read_toml(path: str) -> dict[str, Any]:
    import tomllib  # only when the cache cannot answer

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise CatalogueError(f"cannot read rubric {path}: {err}") from None


def cached_toml(path: str) -> dict[str, Any]:
    try:
        stat = os.stat(path)
    except OSError as err:
        raise CatalogueError(f"cannot read rubric {path}: {err.strerror}") from None
    key = (_CACHE_FORMAT, os.path.abspath(path), stat.st_size, stat.st_mtime_ns)
    # str hashes change per process; crc32 names the same file every run
    cache_file = os.path.join(cache_dir(), f"rubric-{zlib.crc32(key[1].encode()):08x}.marshal")
    try:
        with open(cache_file, "rb") as handle:
            stored_key, data = marshal.load(handle)
        if tuple(stored_key) == key:
            return data  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = _read_toml(path)
    try:
        os.makedirs(os.path.dirname(cache_file), exist_ok=True)
        temporary = f"{cache_file}.{os.getpid()}"
        with open(temporary, "wb") as handle:
            marshal.dump((key, data), handle)
        os.replace(temporary, cache_file)  # atomic: a concurrent reader never sees half a file
    except (OSError, ValueError):
        pass  # a read-only home only costs the parse
    return data


def load_catalogue(path: str) -> dict[str, Rule]:
    raw = cached_toml(path)
    rules = raw.get("rules")
    if not isinstance(rules, dict) or not rules:
        raise CatalogueError(f"rubric {path} has no [rules.*] tables")
    return {code: _rule(code, data) for code, data in sorted(rules.items())}


@cache
def default_catalogue() -> dict[str, Rule]:
    return load_catalogue(os.path.join(data_dir("rubrics"), "default.toml"))
