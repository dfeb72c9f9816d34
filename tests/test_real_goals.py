"""Drafting real teams' goals (issue "Drafts that measure the goal"): each pattern the
offline drafter got wrong, with a goal of that shape, and the scorers of ``okr eval goals``."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from assistant.drafts.offline import deadline_for, draft_offline
from assistant.drafts.types import Context
from assistant.evals.goal_eval import GoalCase, judge
from assistant.providers.offline import OfflineProvider
from assistant.services.drafting import draft


def _krs(goal: str, **context: object) -> list[str]:
    body, _mapped = draft_offline(goal, Context(**context))  # type: ignore[arg-type]
    return [kr.text for kr in body.key_results]


def test_direction_follows_the_goal_and_the_metric() -> None:
    assert _krs("Cut scrap on the assembly line", baselines={"units scrapped": "8%"}) == [
        "Reduce units scrapped from 8% to 5.6% by the end of the quarter"]
    assert _krs("Make the site a pleasure to use",
                baselines={"crash-free sessions": "97%", "open bugs": "23"}, cycle="Q1 2020") == [
        "Raise crash-free sessions from 97% to 98% by end of Q1 2020",
        "Cut open bugs from 23 to 17 by end of Q1 2020"]


def test_a_level_to_keep_is_a_kpi_note_not_a_key_result() -> None:
    body, _mapped = draft_offline("Keep customer data safe",
                                  Context(baselines={"data breaches": "0"}))
    assert body.key_results == []
    assert any("Keep data breaches at 0" in note and "KPI" in note for note in body.notes)
    assert not any("no baselines were given" in note for note in body.notes)


def test_targets_keep_the_baselines_scale_without_notes_hedges_or_fractions() -> None:
    texts = _krs("Grow our audience", cycle="2026", baselines={
        "monthly listeners": "about 2 million per month (all regions)",
        "energy use": "~80K MWh (2023)", "active maintainers": "6"})
    assert texts[0] == ("Grow monthly listeners from about 2 million per month (all regions) "
                        "to 2.5 million per month by end of 2026")
    assert "to 100K MWh by" in texts[1] and "(2023)" not in texts[1].split(" to ")[-1]
    assert texts[2] == "Grow active maintainers from 6 to 8 by end of 2026"
    # an open-ended baseline ("1h+", "more than an hour") gives a target of one number
    first = _krs("Make onboarding faster", baselines={"time to run the tests locally": "1h+"})[0]
    assert first == "Cut time to run the tests locally from 1h+ to 0.7h by the end of the quarter"


def test_the_deadline_is_the_teams_own_cycle() -> None:
    assert deadline_for("2025") == "by end of 2025"
    assert deadline_for("2021 – 2025") == "by end of 2025"
    assert deadline_for("Q3/Q4") == "by end of Q4"
    assert deadline_for("FY24-Q2") == "by end of Q2 FY24"
    assert deadline_for("spring term") == "by the end of spring term"
    assert deadline_for(None, "Cut emissions 42% by 2030") == "by 2030"
    assert deadline_for(None) == "by the end of the quarter"


def test_one_common_word_does_not_pick_a_template() -> None:
    texts = _krs("Grow place-based digital navigation so residents get help close to home")
    assert not any("MRR" in t or "revenue" in t for t in texts)
    assert not any("deploy" in t for t in _krs("Get the pilot-ready testnet dashboard out"))


def _case(**fields: object) -> GoalCase:
    base = {"id": "rg-1", "doc": "dev/x/y.md", "organisation": "x", "goal": "Cut churn",
            "horizon": "year", "context": {"cycle": "2025", "baselines": {"churn": "8%"}},
            "given": [{"metric": "churn", "value": "8%", "direction": "down"}],
            "references": ["Cut monthly churn from 8% to 5%"], "subject_words": ["churn"]}
    return GoalCase.model_validate(base | fields)


def test_the_goal_scorers_judge_relevance_direction_numbers_and_horizon() -> None:
    case = _case()
    result = asyncio.run(draft(case.goal, case.to_context(), OfflineProvider()))
    judged = judge(case, result)
    assert judged.krs and judged.krs[0].relevant and not judged.krs[0].wrong_direction
    assert judged.krs[0].horizon_ok and not judged.krs[0].malformed
    wrong = _case(given=[{"metric": "churn", "value": "8%", "direction": "up"}],
                  context={"cycle": "2025 Q1", "baselines": {"churn": "8%"}})
    judged = judge(wrong, asyncio.run(draft(wrong.goal, wrong.to_context(), OfflineProvider())))
    assert judged.krs[0].wrong_direction and not judged.krs[0].acceptable


def test_okr_eval_goals_never_lists_the_test_half(run_okr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for half in ("dev", "test"):
        row = _case(id=f"rg-{half}", goal=f"Cut churn for {half} accounts",
                    subject_words=["nothing-matches"], references=[])
        (tmp_path / f"{half}.jsonl").write_text(json.dumps(row.model_dump()) + "\n")
    result = run_okr("eval", "goals", "--dir", str(tmp_path), "--show-misses")
    assert result.returncode == 0, result.stderr
    assert "| test | 1 |" in result.stdout and "| dev | 1 |" in result.stdout
    assert "rg-dev" in result.stdout and "rg-test" not in result.stdout


def test_a_less_in_the_goal_is_not_the_metrics_direction() -> None:
    assert _krs("Make support less painful", baselines={"support CSAT": "82%"},
                cycle="2027-Q3")[0] == "Raise support CSAT from 82% to 87% by end of Q3 2027"


def test_the_goals_own_subject_is_measured_when_no_catalogue_domain_fits() -> None:
    assert _krs("Cut scrap on the assembly line") == [
        "Cut scrap on the assembly line by 25% by the end of the quarter"]
    assert _krs("Make joining easier", cycle="2025") == [
        "Cut the time joining takes by 30% by end of 2025",
        "Raise the share of people who find joining easy by 10 percentage points by end of 2025"]
    body, _mapped = draft_offline("Cut scrap on the assembly line", Context())
    kr = body.key_results[0]
    assert kr.baseline.source == "unknown" and kr.baseline.how_to_measure
    assert kr.target.source == "proposed" and kr.target.reason


def test_a_change_the_goal_states_is_the_teams_target() -> None:
    result = asyncio.run(draft("Lower cost per unit of service by 10% a year",
                               Context(cycle="2025"), OfflineProvider()))
    kr = result.key_results[0]
    assert kr.text == "Cut cost per unit of service by 10% by end of 2025"
    assert (kr.target.value, kr.target.source) == ("by 10%", "given")
    assert not [f for f in result.findings if f.code.startswith("D")]


def test_no_catalogue_padding_beside_a_grounded_key_result_and_a_share_stays_under_100() -> None:
    from assistant.drafts.offline import draft_offline
    from assistant.drafts.types import Context

    body, mapped = draft_offline(
        "Make agent runs something teams can leave unattended overnight",
        Context(cycle="2026-Q3",
                baselines={"scheduled runs that finish without a manual restart (%)": "88.5"}))
    assert mapped and len(body.key_results) == 1
    kr = body.key_results[0]
    assert kr.baseline.value == "88.5" and float(kr.target.value) < 100
    assert any("Which number would show it?" in note for note in body.notes)
    body, _ = draft_offline("Spend less time on busywork (Tooling)",
                            Context(cycle="2020-Q2",
                                    baselines={"hours a week on manual releases": "6"}))
    assert [kr.metric for kr in body.key_results] == ["hours a week on manual releases"]


def test_a_list_of_qualities_is_not_a_subject_to_count() -> None:
    from assistant.drafts.subject import subject_krs

    assert subject_krs("Grow a lively, welcoming community that is open by default",
                       "by end of 2024") == []
    assert [k.metric for k in subject_krs("Grow weekly volunteer hours", "in Q3")] == [
        "weekly volunteer hours"]


def test_a_measure_the_goal_states_in_brackets_is_its_key_result() -> None:
    from assistant.drafts.subject import subject_krs

    (kr,) = subject_krs("Clear out all critical security vulnerabilities (100% of critical and "
                        "high vulns closed)", "by end of Q1 2022")
    assert kr.text.startswith("100% of critical and high vulns closed")
    assert (kr.target.value, kr.target.source, kr.baseline.source) == ("100%", "given", "unknown")
    # a level to keep in brackets is a KPI, not a Key Result to move
    assert subject_krs("Manage by KPIs (customer satisfaction holds at 97%)", "in Q1") == []
