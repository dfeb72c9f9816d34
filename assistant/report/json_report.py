"""JSON output: every file's parsed OKRs (with each KR's parse), findings and scores.

The shape is pinned by ``tests/test_cli.py`` against ``critique.schema.json``; bump
``SCHEMA_VERSION`` on any change a consumer could notice.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass

from assistant import __version__
from assistant.model import Critique
from assistant.report import Renderer, Totals

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from typing import Any

SCHEMA_VERSION = 1

_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """``dataclasses.asdict`` for the model's classes, several times faster: asdict deep-copies
    every string and number it meets, which made rendering a 10,000-KR file's JSON cost more
    than critiquing it. Dataclasses become dicts, lists stay lists, the rest is kept as is
    (the model holds only strings, numbers, None and these)."""
    cls = value.__class__
    if value is None or cls is str or cls is float or cls is int:
        return value
    if cls is list:
        return [plain(item) for item in value]
    names = _FIELDS.get(cls)
    if names is None:
        if not is_dataclass(cls):
            return value
        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return {name: plain(getattr(value, name)) for name in names}


def critique_to_dict(path: str, c: Critique) -> dict[str, Any]:
    scores = {s.objective: s.score for s in c.objective_scores}
    return {
        "path": path,
        "team": c.okrs.team,
        "cycle": c.okrs.cycle,
        "score": c.score,
        "objectives": [
            {
                "index": o_index,
                "text": o.text,
                "line": o.line,
                "owner": o.owner,
                "score": scores.get(o_index),
                "key_results": [
                    {
                        "index": k_index,
                        "text": kr.text,
                        "line": kr.line,
                        "status": kr.status,
                        "initiatives": kr.initiatives,
                        "parsed": plain(kr.parsed) if kr.parsed else None,
                    }
                    for k_index, kr in enumerate(o.key_results, start=1)
                ],
            }
            for o_index, o in enumerate(c.okrs.objectives, start=1)
        ],
        "unplaced": [plain(u) for u in c.okrs.unplaced],
        "findings": [plain(f) for f in c.findings],
    }


class JsonRenderer(Renderer):
    """Streams one JSON document: the header, each file as it comes, then the summary."""

    def __init__(self) -> None:
        self._first = True

    def start(self) -> str:
        tool = json.dumps({"name": "okr-assistant", "version": __version__})
        return f'{{"version": {SCHEMA_VERSION}, "tool": {tool}, "files": [\n'

    def file(self, path: str, critique: Critique) -> str:
        sep = "" if self._first else ",\n"
        self._first = False
        return sep + json.dumps(critique_to_dict(path, critique), indent=2, ensure_ascii=False)

    def end(self, totals: Totals) -> str:
        summary = {"files": totals.files, "findings": totals.findings, "error": totals.error,
                   "warning": totals.warning, "info": totals.info}
        return f"\n], \"summary\": {json.dumps(summary)}}}\n"
