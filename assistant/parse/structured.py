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
        start: 12                           # start/current/target/unit fill the parse
```

Other tools' files have other shapes: when there is no top-level list of objectives, the
objectives are found by shape (a mapping with some text and a list of Key Results, the items
of a list whose key names objectives in one of several languages, or typed tree nodes such as
``{"type": "objetivo", "children": [{"type": "kr"}]}``). A key given twice and a non-finite
number are input errors: neither has a meaning the author could have intended.

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
from assistant.parse.phrase import fill_numbers, parse_kr

# Key names are compared after _norm (lower case, no spaces, "_" or "-"). Other tools and
# other languages name the same things differently; the first key present wins.
_OBJECTIVE_TEXT_KEYS = ("objective", "title", "text", "name", "description", "goal", "statement",
                        "summary", "titulo", "título", "titel", "titre", "nombre", "nome",
                        "texto", "objetivo", "objectif", "ziel", "descripcion", "beschreibung",
                        "o")  # ("O" beside "KR", as some tools name them)
_KR_LIST_KEYS = ("keyresults", "krs", "results", "kr", "keyresult", "resultadosclave",
                 "resultados", "resultatscles", "résultatsclés", "schluesselergebnisse",
                 "schlüsselergebnisse", "ergebnisse", "measures", "metrics")
_KR_TEXT_KEYS = ("text", "keyresult", "kr", "title", "name", "description", "result", "metric",
                 "statement", "label", "texto", "titulo", "título", "titel", "titre", "nombre",
                 "nome", "descripcion", "beschreibung", "indicador", "indicateur", "kennzahl")
_SET_LIST_KEYS = ("objectives", "okrs", "goals", "objetivos", "objectifs", "ziele", "items")
_OBJECTIVE_STEMS = ("objective", "objetivo", "objectif", "obiettivo", "ziel", "goal", "okr")
_START_KEYS = ("start", "baseline", "startvalue", "startingvalue", "initial", "initialvalue",
               "from", "base", "valorinicial", "inicio", "ausgangswert", "startwert",
               "valeurinitiale")
_CURRENT_KEYS = ("current", "currentvalue", "actual", "value", "now", "valoractual", "aktuell",
                 "istwert", "valeuractuelle", "progressvalue")
_TARGET_KEYS = ("target", "targetvalue", "goal", "goalvalue", "to", "end", "endvalue", "meta",
                "valorobjetivo", "zielwert", "cible", "valeurcible")
_UNIT_KEYS = ("unit", "units", "unidad", "einheit", "unité", "unite")
_OWNER_KEYS = ("owner", "lead", "assignee", "responsible", "dri", "responsable", "verantwortlich")


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


def _value(value: object) -> str:
    """A start/current/target field as text: 31, "31%", 0.4 alike; "" when empty."""
    if value is None or isinstance(value, bool | dict | list):
        return ""
    return str(value).strip()


def _number_text(value: object) -> str:
    """A field that holds a number ("31%", 45, "~1.2k"), as text; "" for anything else."""
    text = _value(value)
    return text if any(c.isdigit() for c in text) and len(text) <= 24 else ""


def _with_unit(value: str, unit: str) -> str:
    """ "31" with unit "%" -> "31%"; with "days" -> "31 days"; a value with a unit stays."""
    if not unit or not value[-1:].isdigit():
        return value
    return value + unit if unit in ("%", "pp") else f"{value} {unit}"


class _LineFinder:
    """Find the source line of a value, searching forward so repeated text maps in order."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.offset = 0
        self.line = 1  # the line ``offset`` - 1 is on: newlines are counted once, going on
        self.counted = 0  # (counting from the start each time made 100k items quadratic)

    def line_of(self, text: str) -> int | None:
        if not text:
            return None
        pos = self.source.find(text[:60], self.offset)
        if pos < 0:
            pos = self.source.find(json.dumps(text)[1:61], self.offset)
        if pos < 0:
            return None
        self.offset = pos + 1
        self.line += self.source.count("\n", self.counted, pos)
        self.counted = pos
        return self.line


def _is_kr_list_key(key: str) -> bool:
    return key in _KR_LIST_KEYS or "keyresult" in key or key.startswith("kr")


_KR_TAG = re.compile(r"(?i)\s*(?:kr|key ?result)\s?#?\d{0,3}\s*")


def _is_kr_label(value: object) -> bool:
    """ "KR1", "kr 2", "Key Result": a tag saying what an item is, not its statement."""
    return isinstance(value, str) and _KR_TAG.fullmatch(value) is not None


def _kr_list(item: dict[str, Any]) -> Any:
    for key, value in item.items():
        if _is_kr_list_key(_norm(key)) and isinstance(value, list):
            return value
    listed = _pick(item, _KR_LIST_KEYS)
    if listed is not None:
        return listed
    for value in item.values():
        # "tasks": [{"kr": "KR1", "name": ...}]: a list whose items are tagged as Key Results
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value) and \
                sum(_is_kr_label(_pick(v, ("kr", "keyresult", "type"))) for v in value) * 2 \
                > len(value):
            return value
    return None


_TYPE_KEYS = ("type", "kind", "tipo", "typ", "level", "nivel", "niveau", "nodetype", "category")
_OBJECTIVE_TYPES = ("objective", "objetivo", "objectif", "ziel", "obj", "o", "goal")
_KR_TYPES = ("kr", "keyresult", "resultadochave", "resultadoclave", "resultatcle",
             "schluesselergebnis", "schlüsselergebnis", "result")


def _typed(item: object) -> str:
    """ "objective" or "kr" for a node of a typed tree ({"type": "objetivo", "children":
    [{"type": "kr", ...}]}), "other" for another typed node, "" when it has no type."""
    if not isinstance(item, dict):
        return ""
    kind = _pick(item, _TYPE_KEYS)
    if not isinstance(kind, str):
        return ""
    kind = _norm(kind)
    if kind in _KR_TYPES or kind.startswith("keyresult"):
        return "kr"
    if kind in _OBJECTIVE_TYPES or kind.startswith("objective"):
        return "objective"
    return "other"


def _typed_krs(item: dict[str, Any]) -> list[Any]:
    return [child for value in item.values() if isinstance(value, list)
            for child in value if _typed(child) == "kr"]


def _looks_like_objective(item: object) -> bool:
    if _typed(item) == "objective":
        return True
    return isinstance(item, dict) and isinstance(_kr_list(item), list) and any(
        isinstance(v, str) for v in item.values())


def _objectives_in(data: Any, depth: int = 0) -> list[Any]:
    """Objective-like mappings anywhere in another tool's file, in document order: a mapping
    with some text and a list of Key Results, or the items of a list whose key names
    objectives ("objetivos_q3", "OKR"). The document's own shape is not known in advance."""
    if depth > 12:
        return []
    if isinstance(data, list):
        found = [x for x in data if _looks_like_objective(x)]
        if found:
            return found
        return [o for x in data for o in _objectives_in(x, depth + 1)]
    if not isinstance(data, dict):
        return []
    if _looks_like_objective(data):
        return [data]
    out: list[Any] = []
    for key, value in data.items():
        norm = _norm(key)
        if isinstance(value, list) and any(stem in norm for stem in _OBJECTIVE_STEMS) and \
                not _is_kr_list_key(norm) and all(isinstance(v, dict | str) for v in value):
            out += [v for v in value if isinstance(v, str) or _objective_text(v) is not None]
        else:
            out += _objectives_in(value, depth + 1)
    return out


def _objective_text(item: dict[str, Any]) -> Any:
    text = _pick(item, _OBJECTIVE_TEXT_KEYS)
    if text is None:
        text = next((v for k, v in item.items() if isinstance(v, str) and any(
            stem in _norm(k) for stem in ("objective", "title", "name", "titulo"))), None)
    return text


def build_okrset(data: Any, source_text: str, source: str | None) -> OKRSet:
    """Turn decoded JSON/YAML into an OKRSet, or raise InputError naming the wrong part."""
    finder = _LineFinder(source_text)
    okrs = OKRSet(source=source)
    if isinstance(data, dict):
        team = _pick(data, ("team", "owner", "group"))
        cycle = _pick(data, ("cycle", "quarter", "period", "timeframe"))
        okrs.team = _text(team, "'team'") if isinstance(team, str | int) else None
        okrs.cycle = _text(cycle, "'cycle'") if isinstance(cycle, str | int) else None
        items = _pick(data, _SET_LIST_KEYS)
        if items is None:
            if _objective_text(data) is not None and isinstance(_kr_list(data), list):
                items = [data]  # a single objective at the top level
            else:
                items = _objectives_in(data)
                if not items:
                    raise InputError(
                        "expected a list under 'objectives' (or a list of objectives at the "
                        f"top level); found keys: {', '.join(map(str, list(data)[:8])) or 'none'}"
                    )
    elif isinstance(data, list):
        items = data
        if items and not any(_objective_text(x) is not None for x in items if isinstance(x, dict)) \
                and not any(isinstance(x, str) for x in items):
            items = _objectives_in(data) or items
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
    raw_text = _objective_text(item)
    if raw_text is None:
        raise InputError(f"{where} has no text: give it an 'objective' (or 'title') key")
    text = _text(raw_text, f"{where} text")
    owner = _pick(item, _OWNER_KEYS)
    objective = Objective(text=text, line=finder.line_of(text),
                          owner=_text(owner, f"{where} owner") if isinstance(owner, str) else None)
    krs = _kr_list(item)
    if krs is None and _typed(item) == "objective":
        krs = _typed_krs(item)
    if krs is None:
        return objective
    if not isinstance(krs, list):
        raise InputError(f"{where}: key results should be a list, got {type(krs).__name__}")
    for k_index, kr in enumerate(krs, start=1):
        objective.key_results.append(_key_result(kr, f"{where}, key result {k_index}", finder))
    return objective


def _key_result(item: Any, where: str, finder: _LineFinder) -> KeyResult:
    if not isinstance(item, dict):
        text = _text(item, where)
        return KeyResult(text=text, line=finder.line_of(text), parsed=parse_kr(text))
    raw = _pick(item, _KR_TEXT_KEYS)
    if _is_kr_label(raw):  # {"kr": "KR1", "name": "..."}: the label tags it; the name says it
        raw = _pick({k: v for k, v in item.items() if not _is_kr_label(v)}, _KR_TEXT_KEYS)
    if raw is None or isinstance(raw, dict | list):
        raise InputError(f"{where} has no text: give it a 'text' key")
    text = _text(raw, where)
    kr = KeyResult(text=text, line=finder.line_of(text), parsed=parse_kr(text))
    owner = _pick(item, _OWNER_KEYS)
    kr.owner = owner.strip() if isinstance(owner, str) and owner.strip() else None
    status = _pick(item, ("status", "state", "progress", "score", "estado"))
    kr.status = _value(status) or None
    start = _number_text(_pick(item, _START_KEYS)) or _number_text(_pick(item, _CURRENT_KEYS))
    target = _number_text(_pick(item, _TARGET_KEYS))
    if (start or target) and kr.parsed is not None:  # the numbers in their own fields
        unit = _value(_pick(item, _UNIT_KEYS))
        fill_numbers(kr.parsed, _with_unit(start, unit) if start else "",
                     _with_unit(target, unit) if target else "")
    return kr


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise InputError(
                f"the key {key!r} appears twice in one object; the second would silently "
                "replace the first: merge them or rename one"
            )
        seen[key] = value
    return seen


def _no_constant(name: str) -> float:
    raise InputError(f"{name} is not a number an OKR can hold; write the value or leave it out")


def _check_values(data: Any) -> None:
    """Refuse what no OKR holds and no output can write: NaN and infinities (YAML's .nan,
    JSON's 1e400) and text with a lone surrogate ("\\ud800", which JSON and YAML escapes
    can spell but UTF-8 cannot)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and (item != item or item in (float("inf"), float("-inf"))):
            raise InputError(f"{item} is not a number an OKR can hold; write the value or "
                             "leave it out")
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise InputError(f"the text {item[:40]!r} holds a lone surrogate (an escape "
                                 "such as \\ud800 that is half a character)") from None
        elif isinstance(item, dict):
            stack.extend(item.values())
            stack.extend(item.keys())
        elif isinstance(item, list):
            stack.extend(item)


def load_json(text: str) -> Any:
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys,
                          parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        raise InputError(
            f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from None
    except RecursionError:
        raise InputError("JSON nested too deeply") from None
    except ValueError as err:  # an integer of more than 4,300 digits
        raise InputError(f"JSON holds a number no OKR can: {str(err).split(';')[0]}") from None
    _check_values(data)
    return data


def load_yaml(text: str) -> Any:
    import yaml  # only YAML input pays for PyYAML's import

    from assistant.parse.nesting import check_yaml_depth

    check_yaml_depth(text)
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise InputError(
                    "YAML anchors and aliases (*name) are not accepted in OKR files; "
                    "write the text out in full"
                )
        data = yaml.load(text, Loader=_strict_yaml_loader())
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "cannot be read"
        raise InputError(f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise InputError("YAML nested too deeply") from None
    except ValueError as err:  # an integer of more than 4,300 digits
        raise InputError(f"YAML holds a number no OKR can: {str(err).split(';')[0]}") from None
    _check_values(data)
    return data


def _strict_yaml_loader() -> Any:
    """PyYAML's SafeLoader, except that a key given twice in one mapping is an error (PyYAML
    keeps the last one silently)."""
    import yaml

    class StrictLoader(yaml.SafeLoader):
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen = set()
            for key_node, _value in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    mark = key_node.start_mark
                    raise InputError(
                        f"the key {key!r} appears twice in one mapping (line {mark.line + 1}); "
                        "the second would silently replace the first: merge them or rename one"
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return StrictLoader
