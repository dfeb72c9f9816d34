"""The README's evaluation tables are what `make eval` prints today: a rule or reader change
that moves a figure must update the README in the same commit."""

from __future__ import annotations

from assistant.evals.reader_eval import format_summary, score_corpus
from assistant.evals.rubric_eval import all_reports, format_table
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _between(name: str) -> str:
    start, end = f"<!-- {name} -->\n", f"<!-- /{name} -->"
    assert start in README and end in README, f"README has no {name!r} block"
    return README.split(start, 1)[1].split(end, 1)[0]


def test_reader_table_is_what_okr_eval_reader_prints() -> None:
    assert _between("okr eval reader") == format_summary(score_corpus(ROOT / "evals/real"))


def test_rubric_table_is_what_okr_eval_rubric_prints() -> None:
    table = format_table(all_reports(ROOT / "evals/rubric", ROOT / "evals/real"))
    assert _between("okr eval rubric") == table


def test_goals_table_is_what_okr_eval_goals_prints() -> None:
    from assistant.evals.goal_eval import format_summary as goals_summary
    from assistant.evals.goal_eval import score_goals

    assert _between("okr eval goals") == goals_summary(score_goals(ROOT / "evals/real-goals"))


def test_duplicates_table_is_what_okr_eval_duplicates_meaning_prints() -> None:
    from assistant.evals.duplicates_eval import format_table, read_pairs
    from assistant.evals.meaning import load_model

    pairs = ROOT / "evals" / "rubric" / "duplicates"
    table = format_table({half: read_pairs(pairs / f"{half}.jsonl") for half in ("dev", "test")},
                         load_model(), ROOT / "evals" / "real")
    assert _between("okr eval duplicates --meaning") == table + "\n"


def test_variants_table_is_what_okr_eval_reader_variants_prints() -> None:
    from assistant.evals.variants import format_variants, score_variants

    assert _between("okr eval reader --variants") == format_variants(
        score_variants(ROOT / "evals/real"))
