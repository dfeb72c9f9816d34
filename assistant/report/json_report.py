"""JSON output: every file's parsed OKRs (with each KR's parse), findings and scores.

The shape is pinned by ``tests/test_json_schema.py`` against ``critique.schema.json``; bump
``SCHEMA_VERSION`` on any change a consumer could notice.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from assistant import __version__
from assistant.model import Critique

SCHEMA_VERSION = 1


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
                        "parsed": asdict(kr.parsed) if kr.parsed else None,
                    }
                    for k_index, kr in enumerate(o.key_results, start=1)
                ],
            }
            for o_index, o in enumerate(c.okrs.objectives, start=1)
        ],
        "unplaced": [asdict(u) for u in c.okrs.unplaced],
        "findings": [asdict(f) for f in c.findings],
    }


def summary(results: list[tuple[str, Critique]]) -> dict[str, int]:
    counts = {"files": len(results), "findings": 0, "error": 0, "warning": 0, "info": 0}
    for _, c in results:
        for f in c.findings:
            counts["findings"] += 1
            counts[f.severity] += 1
    return counts


def render(results: list[tuple[str, Critique]]) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "okr-assistant", "version": __version__},
        "files": [critique_to_dict(path, c) for path, c in results],
        "summary": summary(results),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
