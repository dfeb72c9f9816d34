"""okr eval reader and the real-shaped corpus's scoring: matching, refusals, the halves."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.evals.reader_eval import Counts, match, score_corpus
from assistant.evals.rubric_eval import score_real
from tests.conftest import Run


def _doc(root: Path, half: str, name: str, text: str, expected: dict[str, object]) -> None:
    folder = root / half / "org"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    stem = name.rsplit(".", 1)[0]
    (folder / f"{stem}.expected.json").write_text(json.dumps(expected), encoding="utf-8")


def _kr(text: str, labels: list[str] | None = None) -> dict[str, object]:
    return {"text": text, "labels": labels or [], "has_target": True, "has_baseline": True}


def test_match_pairs_near_texts_one_to_one() -> None:
    found = ["KR1: Raise activation from 30% to 45%", "Cut churn from 4% to 3%", "Notes"]
    expected = ["Raise activation from 30% to 45%", "Cut churn from 4% to 3%.",
                "Grow revenue"]
    assert match(found, expected) == [(1, 1), (0, 0)]
    assert match(["Cut churn"], ["Cut churn", "Cut churn"]) == [(0, 0)]


def test_precision_and_recall_are_not_swapped() -> None:
    counts = Counts(found=4, expected=2, matched=2)  # returned 4, 2 right, of 2 expected
    assert (counts.precision, counts.recall) == (0.5, 1.0)


def test_scores_per_document_and_counts_a_refusal_as_missed(tmp_path: Path) -> None:
    _doc(tmp_path, "dev", "a.md",
         "## Objective: Happy users\n- Raise NPS from 30 to 40\n- Extra line taken too\n",
         {"holds_okrs": True, "objectives": [
             {"text": "Happy users", "key_results": [_kr("Raise NPS from 30 to 40")]}]})
    _doc(tmp_path, "test", "b.md", "Nothing here.\n",
         {"holds_okrs": True, "objectives": [
             {"text": "Faster support", "key_results": [_kr("Cut first reply to 2 h")]}]})
    by_name = {r.name: r for r in score_corpus(tmp_path)}
    a, b = by_name["dev/org/a.md"], by_name["test/org/b.md"]
    assert (a.key_results.found, a.key_results.matched, a.key_results.expected) == (2, 1, 1)
    assert a.extra_krs == ["Extra line taken too"]
    assert b.refused and (b.key_results.matched, b.key_results.expected) == (0, 1)


def test_the_rubric_is_scored_on_the_extractions_labels(tmp_path: Path) -> None:
    _doc(tmp_path, "dev", "a.md", "(unused by this score)\n",
         {"holds_okrs": True, "objectives": [
             {"text": "Launch the Android app", "labels": ["O105"], "key_results": [
                 _kr("Launch one-click pay", ["K201"]),
                 _kr("App Store rating", []) | {"baseline": "4.1", "target": "4.6"}]}]})
    report = score_real(tmp_path, "dev")
    assert report.stats["K201"].tp == 1 and report.stats["O105"].tp == 1
    assert report.stats["K202"].fp == 0  # the baseline and target beside the text count


def test_show_misses_lists_the_dev_half_only(run_okr: Run, tmp_path: Path) -> None:
    for half in ("dev", "test"):
        _doc(tmp_path, half, f"{half}.md", f"## Objective: O {half}\n- Wrong {half} line\n",
             {"holds_okrs": True, "objectives": [
                 {"text": f"O {half}", "key_results": [_kr(f"Right {half} line")]}]})
    result = run_okr("eval", "reader", "--dir", str(tmp_path), "--show-misses")
    assert result.returncode == 0, result.stderr
    assert "| test | 1 | 1 |" in result.stdout and "| dev | 1 | 1 |" in result.stdout
    assert "Right dev line" in result.stdout
    assert "Right test line" not in result.stdout and "Wrong test line" not in result.stdout
