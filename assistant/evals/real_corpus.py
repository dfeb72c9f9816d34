"""The real-shaped corpus (``evals/real/``): documents, the extraction beside each, the manifest.

The format is described in ``evals/real/README.md``. This module only loads and validates;
scoring the reader against it lives in ``reader_eval``.

``python -m assistant.evals.real_corpus check PATH...`` validates documents and their
extractions (the corpus writers run it on what they write).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.evals.errors import EvalSetError

KR_LABELS = frozenset({"K201", "K202", "K203", "K204", "K205", "K206", "K207"})
DIAGNOSES = frozenset({"K201", "K202", "K203", "K204"})
OBJECTIVE_LABELS = frozenset({"O103", "O104", "O105"})
DOC_SUFFIXES = (".md", ".txt", ".csv", ".html", ".yaml", ".yml", ".json")
Half = Literal["dev", "test"]
OtherKind = Literal["initiative", "owner", "status", "kpi", "narrative", "heading", "question",
                    "todo", "metadata", "table-header"]


def _known(labels: list[str], allowed: frozenset[str], kind: str) -> list[str]:
    unknown = set(labels) - allowed
    if unknown:
        raise ValueError(f"unknown {kind} labels {sorted(unknown)}")
    return labels


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExpectedKR(_Strict):
    text: str = Field(min_length=1)
    line: int | None = Field(default=None, ge=1)
    labels: list[str] = []
    has_target: bool
    has_baseline: bool
    baseline: str | None = None
    target: str | None = None
    current: str | None = None
    status: str | None = None
    owner: str | None = None
    initiatives: list[str] = []

    @field_validator("labels")
    @classmethod
    def _kr_labels(cls, labels: list[str]) -> list[str]:
        _known(labels, KR_LABELS, "Key Result")
        if len(set(labels) & DIAGNOSES) > 1:
            raise ValueError(f"at most one of K201-K204, got {sorted(set(labels) & DIAGNOSES)}")
        return labels


class ExpectedObjective(_Strict):
    text: str = Field(min_length=1)
    line: int | None = Field(default=None, ge=1)
    owner: str | None = None
    labels: list[str] = []
    key_results: list[ExpectedKR] = []

    @field_validator("labels")
    @classmethod
    def _objective_labels(cls, labels: list[str]) -> list[str]:
        return _known(labels, OBJECTIVE_LABELS, "objective")


class Other(_Strict):
    line: int | None = Field(default=None, ge=1)
    kind: OtherKind
    text: str


class Alternative(_Strict):
    note: str
    objectives: list[ExpectedObjective]


class Extraction(_Strict):
    holds_okrs: bool
    team: str | None = None
    cycle: str | None = None
    objectives: list[ExpectedObjective] = []
    other: list[Other] = []
    alternatives: list[Alternative] = []

    def readings(self) -> list[list[ExpectedObjective]]:
        return [self.objectives, *(alt.objectives for alt in self.alternatives)]


class ManifestRow(_Strict):
    doc: str = Field(min_length=1)
    source: str = Field(pattern=r"^https?://")
    organisation: str = Field(min_length=1)
    year: int | None = Field(default=None, ge=1990, le=2100)
    format: str = Field(min_length=1)
    holds_okrs: bool = True


@dataclass(frozen=True, slots=True)
class Document:
    """One corpus document: where it is, its half and organisation folder, its extraction."""

    path: Path
    half: Half
    org: str
    expected: Extraction

    @property
    def name(self) -> str:
        return f"{self.half}/{self.org}/{self.path.name}"


def expected_path(doc: Path) -> Path:
    return doc.with_name(doc.stem + ".expected.json")


def load_extraction(path: Path) -> Extraction:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as err:
        raise EvalSetError(f"{path}: cannot read: {err.strerror or err}") from None
    try:
        return Extraction.model_validate_json(raw)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise EvalSetError(f"{path}: {where}: {first['msg']}") from None


def _documents_under(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in DOC_SUFFIXES and not path.name.endswith(
            ".expected.json"
        ):
            yield path


def load_corpus(root: Path, halves: tuple[Half, ...] = ("dev", "test")) -> list[Document]:
    """Every document of the chosen halves, with its extraction (missing one: an error)."""
    docs: list[Document] = []
    for half in halves:
        base = root / half
        if not base.is_dir():
            continue
        for path in _documents_under(base):
            exp = expected_path(path)
            if not exp.is_file():
                raise EvalSetError(f"{path}: no extraction beside it ({exp.name})")
            org = path.relative_to(base).parts[0]
            docs.append(Document(path, half, org, load_extraction(exp)))
    return docs


def load_manifest(root: Path) -> list[ManifestRow]:
    path = root / "manifest.jsonl"
    rows: list[ManifestRow] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(ManifestRow.model_validate_json(line))
        except ValidationError as err:
            raise EvalSetError(f"{path}:{n}: {err.errors()[0]['msg']}") from None
    return rows


def _check(path: Path) -> list[str]:
    """Problems with one document and its extraction (empty when it is well formed)."""
    problems: list[str] = []
    exp = expected_path(path)
    if not exp.is_file():
        return [f"{path}: no {exp.name} beside it"]
    try:
        extraction = load_extraction(exp)
    except EvalSetError as err:
        return [str(err)]
    lines = path.read_text(encoding="utf-8").splitlines()
    if extraction.holds_okrs and not extraction.objectives:
        problems.append(f"{exp}: holds_okrs is true but no objectives are listed")
    for objective in extraction.objectives:
        items: list[ExpectedObjective | ExpectedKR] = [objective, *objective.key_results]
        for item in items:
            if item.line is not None and item.line > len(lines):
                problems.append(f"{exp}: line {item.line} is past the end ({len(lines)} lines)")
    if path.suffix == ".json":
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError as err:
            problems.append(f"{path}: not valid JSON ({err})")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] != "check":
        print("usage: python -m assistant.evals.real_corpus check PATH...", file=sys.stderr)
        return 2
    problems: list[str] = []
    count = krs = 0
    for arg in argv[1:]:
        target = Path(arg)
        paths = [target] if target.is_file() else list(_documents_under(target))
        for path in paths:
            count += 1
            problems += _check(path)
            exp = expected_path(path)
            if exp.is_file() and not problems:
                krs += sum(len(o.key_results) for o in load_extraction(exp).objectives)
    for problem in problems:
        print(problem)
    print(f"{count} documents checked, {len(problems)} problems, {krs} Key Results")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
