"""SARIF 2.1.0, for code-scanning dashboards; rule help comes from the catalogue."""

from __future__ import annotations

import json
from typing import Any

from assistant import __version__
from assistant.model import Critique
from assistant.rubric.catalogue import default_catalogue

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(results: list[tuple[str, Critique]]) -> str:
    catalogue = default_catalogue()
    rules = [
        {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.what},
            "fullDescription": {"text": rule.why},
            "help": {"text": f"{rule.fix}\n\nExample: {rule.bad}\nInstead: {rule.good}"},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
        for code, rule in catalogue.items()
    ]
    index = {code: i for i, code in enumerate(catalogue)}
    sarif_results: list[dict[str, Any]] = []
    for path, c in results:
        for f in c.findings:
            location: dict[str, Any] = {"artifactLocation": {"uri": path}}
            if f.line:
                location["region"] = {"startLine": f.line}
            sarif_results.append({
                "ruleId": f.code,
                "ruleIndex": index.get(f.code, -1),
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.message}. Fix: {f.suggestion}"},
                "locations": [{"physicalLocation": location}],
            })
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "okr-assistant", "version": __version__,
                                "rules": rules}},
            "results": sarif_results,
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
