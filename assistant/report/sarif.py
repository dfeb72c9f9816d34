"""SARIF 2.1.0, for code-scanning dashboards; rule help comes from the catalogue."""

from __future__ import annotations

import json

from assistant import __version__
from assistant.model import Critique
from assistant.report import Renderer, Totals
from assistant.rubric.catalogue import default_catalogue

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from typing import Any

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


class SarifRenderer(Renderer):
    """Streams a SARIF log: the rules up front, each file's results as they come."""

    def __init__(self) -> None:
        self._first = True
        self._index: dict[str, int] = {}

    def start(self) -> str:
        catalogue = default_catalogue()
        self._index = {code: i for i, code in enumerate(catalogue)}
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
        driver = {"name": "okr-assistant", "version": __version__, "rules": rules}
        return ('{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", '
                '"version": "2.1.0", "runs": [{"tool": {"driver": '
                + json.dumps(driver, ensure_ascii=False) + '}, "results": [\n')

    def file(self, path: str, critique: Critique) -> str:
        chunks = []
        for f in critique.findings:
            location: dict[str, Any] = {"artifactLocation": {"uri": path}}
            if f.line:
                location["region"] = {"startLine": f.line}
            result = {
                "ruleId": f.code,
                "ruleIndex": self._index.get(f.code, -1),
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.message}. Fix: {f.suggestion}"},
                "locations": [{"physicalLocation": location}],
            }
            chunks.append(("" if self._first else ",\n") + json.dumps(result, ensure_ascii=False))
            self._first = False
        for u in critique.okrs.unplaced:  # informational: a line the reader could not place
            result = {
                "kind": "informational",
                "level": "none",
                "message": {"text": f"not read as an objective or Key Result ({u.reason}): "
                                    f"{u.text}"},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": path},
                                                    "region": {"startLine": max(u.line, 1)}}}],
            }
            chunks.append(("" if self._first else ",\n") + json.dumps(result, ensure_ascii=False))
            self._first = False
        return "".join(chunks)

    def end(self, totals: Totals) -> str:
        return "\n]}]}\n"
