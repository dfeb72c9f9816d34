"""JSON and YAML OKR documents into an ``OKRSet``.

Accepted shapes (keys are matched case-insensitively, with "_", "-" and " " alike):

```yaml
team: Growth            # optional
cycle: 2027-Q1          # optional ("quarter", "period" also work)
objectives:             # or the top level is this list itself
  - objective: Make onboarding effortless   # or title / text / name / description
    owner: Dana                             # optional
    key_results:                            # or krs / keyResults / results
      - Raise activation from 40% to 55%    # a string...
      - text: Cut time to first value from 12 to 6 minutes   # ...or a mapping
```

The critique path must stay on the standard library, so the shape is checked here by hand
(pydantic validates the same dataclasses at the API edge). YAML is read with PyYAML, imported
only when a YAML file is given, with anchors and aliases refused (no "billion laughs").
"""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.model import KeyResult, Objective, OKRSet
from assistant.parse.errors import InputError
from assistant.parse.markdown import MAX_LINE_CHARS
from assistant.parse.phrase import parse_kr

_OBJECTIVE_TEXT_KEYS = ("objective", "title", "text", "name", "description", "goal")
_KR_LIST_KEYS = ("keyresults", "krs", "results", "kr")
_KR_TEXT_KEYS = ("text", "keyresult", "kr", "title", "name", "description", "result")
_SET_LIST_KEYS = ("objectives", "okrs", "goals")


def _norm(key: object) -> str:
    return re.sub(r"[\s_\-]", "", str(key)).lower()


def _pick(mapping: dict[str, Any], keys: tuple[str, ...]) -> Any:
    normed = {_norm(k): v for k, v in mapping.items()}
    for key in keys:
        if key in normed:
            return normed[key]
    return None


def _text(value: object, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"{where} should be text, got {type(value).__name__}")
    text = str(value).strip()
    if len(text) > MAX_LINE_CHARS:
        raise InputError(
            f"{where} is {len(text):,} characters long; the limit is {MAX_LINE_CHARS:,}"
        )
    return text


class _LineFinder:
    """Find the source line of a value, searching forward so repeated text maps in order."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.offset = 0

    def line_of(self, text: str) -> int | None:
        if not text:
            return None
        pos = self.source.find(text[:60], self.offset)
        if pos < 0:
            pos = self.source.find(json.dumps(text)[1:61], self.offset)
        if pos < 0:
            return None
        self.offset = pos + 1
        return self.source.count("\n", 0, pos) + 1


def build_okrset(data: Any, source_text: str, source: str | None) -> OKRSet:
    """Turn decoded JSON/YAML into an OKRSet, or raise InputError naming the wrong part."""
    finder = _LineFinder(source_text)
    okrs = OKRSet(source=source)
    if isinstance(data, dict):
        team = _pick(data, ("team", "owner", "group"))
        cycle = _pick(data, ("cycle", "quarter", "period", "timeframe"))
        okrs.team = _text(team, "'team'") if team is not None else None
        okrs.cycle = _text(cycle, "'cycle'") if cycle is not None else None
        items = _pick(data, _SET_LIST_KEYS)
        if items is None:
            if _pick(data, _OBJECTIVE_TEXT_KEYS) is not None:
                items = [data]  # a single objective at the top level
            else:
                raise InputError(
                    "expected a list under 'objectives' (or a list of objectives at the top "
                    f"level); found keys: {', '.join(map(str, list(data)[:8])) or 'none'}"
                )
    elif isinstance(data, list):
        items = data
    else:
        raise InputError(
            f"expected a mapping with 'objectives' or a list of objectives, got "
            f"{type(data).__name__}"
        )
    if not isinstance(items, list):
        raise InputError(f"'objectives' should be a list, got {type(items).__name__}")
    for o_index, item in enumerate(items, start=1):
        okrs.objectives.append(_objective(item, o_index, finder))
    return okrs


def _objective(item: Any, index: int, finder: _LineFinder) -> Objective:
    where = f"objective {index}"
    if isinstance(item, str):
        text = _text(item, where)
        return Objective(text=text, line=finder.line_of(text))
    if not isinstance(item, dict):
        raise InputError(f"{where} should be a mapping or text, got {type(item).__name__}")
    raw_text = _pick(item, _OBJECTIVE_TEXT_KEYS)
    if raw_text is None:
        raise InputError(f"{where} has no text: give it an 'objective' (or 'title') key")
    text = _text(raw_text, f"{where} text")
    owner = _pick(item, ("owner", "lead"))
    objective = Objective(text=text, line=finder.line_of(text),
                          owner=_text(owner, f"{where} owner") if owner is not None else None)
    krs = _pick(item, _KR_LIST_KEYS)
    if krs is None:
        return objective
    if not isinstance(krs, list):
        raise InputError(f"{where}: key results should be a list, got {type(krs).__name__}")
    for k_index, kr in enumerate(krs, start=1):
        objective.key_results.append(_key_result(kr, f"{where}, key result {k_index}", finder))
    return objective


def _key_result(item: Any, where: str, finder: _LineFinder) -> KeyResult:
    if isinstance(item, dict):
        raw = _pick(item, _KR_TEXT_KEYS)
        if raw is None:
            raise InputError(f"{where} has no text: give it a 'text' key")
        text = _text(raw, where)
    else:
        text = _text(item, where)
    return KeyResult(text=text, line=finder.line_of(text), parsed=parse_kr(text))


def load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from None
    except RecursionError:
        raise InputError("JSON nested too deeply") from None


def load_yaml(text: str) -> Any:
    import yaml  # only YAML input pays for PyYAML's import

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise InputError(
                    "YAML anchors and aliases (*name) are not accepted in OKR files; "
                    "write the text out in full"
                )
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "cannot be read"
        raise InputError(f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise InputError("YAML nested too deeply") from None
