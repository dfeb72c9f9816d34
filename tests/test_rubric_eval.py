"""The rubric evaluation set is valid and the rubric does not regress on it.

The floors below are regression gates, set a little under the figures recorded in the README
when they were measured; raise them when the rubric improves, never lower them to get green.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evals.errors import EvalSetError
from assistant.evals.rubric_eval import format_table, score_split
from tests.conftest import ROOT, Run

RUBRIC_SET = ROOT / "evals" / "rubric"


def _count(split: str, name: str) -> int:
    return sum(1 for line in (RUBRIC_SET / split / name).read_text().splitlines() if line)


def test_set_is_as_large_as_promised() -> None:
    krs = _count("tune", "krs.jsonl") + _count("holdout", "krs.jsonl")
    others = sum(_count(s, n) for s in ("tune", "holdout")
                 for n in ("objectives.jsonl", "sets.jsonl"))
    assert krs >= 400 and others >= 80


def test_ids_are_unique_across_splits() -> None:
    ids = [json.loads(line)["id"] for split in ("tune", "holdout")
           for name in ("krs.jsonl", "objectives.jsonl", "sets.jsonl")
           for line in (RUBRIC_SET / split / name).read_text().splitlines() if line]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("split", "floor"), [("tune", 0.95), ("holdout", 0.90)])
def test_exact_match_rate_floor(split: str, floor: float) -> None:
    report = score_split(RUBRIC_SET / split)
    right = sum(o.correct for o in report.outcomes) / len(report.outcomes)
    assert right >= floor, f"{split}: {right:.3f} of items exactly right"


def test_bad_eval_file_is_reported_with_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "tune"
    folder.mkdir()
    (folder / "krs.jsonl").write_text(
        '{"id": "a", "domain": "product", "text": "Raise X from 1 to 2", "expect": []}\n'
        '{"id": "b", "domain": "nowhere", "text": "x", "expect": []}\n')
    with pytest.raises(EvalSetError, match=r"krs.jsonl:2: domain"):
        score_split(folder)


def test_cli_prints_the_table(run_okr: Run, tmp_path: Path) -> None:
    out = tmp_path / "table.md"
    result = run_okr("eval", "rubric", "--dir", str(RUBRIC_SET), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "| K203 |" in result.stdout and "holdout:" in result.stdout
    assert out.read_text() in result.stdout


def test_table_format() -> None:
    table = format_table([score_split(RUBRIC_SET / "tune")])
    assert table.splitlines()[0].startswith("| rule | tune P | R | F1 | n |")
