"""The sentence model ``okr eval duplicates --meaning`` measures (``evals/meaning.py``): the
real model from its pinned files, refused when they differ, and the evaluation itself."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from assistant.evals import meaning as meaning_module
from assistant.evals.duplicates_eval import Pair, judge
from assistant.evals.meaning import MeaningError, SentenceModel, load_model
from tests.conftest import ROOT, okr_command


@pytest.fixture(scope="module")
def model() -> SentenceModel:
    return load_model()


def test_a_paraphrase_is_closer_than_an_unrelated_goal(model: SentenceModel) -> None:
    sims = model.similarities(["Make inviting teammates effortless",
                               "Remove the friction from bringing colleagues in",
                               "Cut monthly cloud spend by a quarter"])
    assert sims[0][0] == pytest.approx(1.0, abs=1e-5)
    assert sims[0][1] > sims[0][2] + 0.2


def test_a_swapped_slot_is_a_contrast_and_a_paraphrase_is_not(model: SentenceModel) -> None:
    swapped, paraphrase = judge([
        Pair(id="a", kind="objective", a="Get new customers fully set up in under a week",
             b="Get new hires fully set up in under a week", duplicate=False),
        Pair(id="b", kind="objective", a="Make inviting teammates effortless",
             b="Remove the friction from bringing colleagues in", duplicate=True),
    ], model)
    assert swapped.swapped and not swapped.with_meaning(0.3)  # (and S003 leaves it too)
    assert not paraphrase.words and paraphrase.with_meaning(0.3)


def test_a_file_that_is_not_the_pinned_one_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meaning_module, "MODEL_SHA256", "0" * 64)
    with pytest.raises(MeaningError, match="not the pinned file"):
        SentenceModel()


def test_a_missing_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(meaning_module, "_MODEL_PACKAGE", "no_such_model_package")
    with pytest.raises(MeaningError, match="make meaning"):
        SentenceModel()


def test_okr_eval_duplicates_scores_both_halves_with_and_without_meaning(
        tmp_path: Path) -> None:
    pairs = ROOT / "evals" / "rubric" / "duplicates"
    plain = subprocess.run([*okr_command(), "eval", "duplicates", "--dir", str(pairs)],
                           capture_output=True, text=True, timeout=120, check=False)
    assert plain.returncode == 0, plain.stderr
    assert [line.split(" | ")[:2] for line in plain.stdout.splitlines()[2:]] == [
        ["| dev", "S003"], ["| dev", "K208"], ["| test", "S003"], ["| test", "K208"]]
    meant = subprocess.run([*okr_command(), "eval", "duplicates", "--half", "dev", "--meaning",
                            "--dir", str(pairs)],
                           capture_output=True, text=True, timeout=300, check=False)
    assert meant.returncode == 0, meant.stderr
    assert "meaning at" in meant.stdout and "objective pairs duplicates" in meant.stdout


def test_a_bad_pairs_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "dev.jsonl").write_text('{"id": "x", "kind": "goal", "a": "A", "b": "B", '
                                        '"duplicate": true}\n', encoding="utf-8")
    (tmp_path / "test.jsonl").write_text("", encoding="utf-8")
    proc = subprocess.run([*okr_command(), "eval", "duplicates", "--dir", str(tmp_path)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2 and "dev.jsonl:1: kind" in proc.stderr
    assert "Traceback" not in proc.stderr
