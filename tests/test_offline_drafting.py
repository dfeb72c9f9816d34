"""The offline provider on the whole drafting example set (evals/drafting/goals.jsonl).

Every goal whose baselines are given gets a rubric-clean draft (at the case's own bar) that
uses those baselines; no draft, with or without baselines, invents a number.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from assistant.drafts.types import Context, Draft
from assistant.model import SEVERITY_RANK
from assistant.providers.offline import OfflineProvider
from assistant.services.drafting import draft
from tests.conftest import ROOT

CASES = [json.loads(line) for line in
         (ROOT / "evals/drafting/goals.jsonl").read_text(encoding="utf-8").splitlines() if line]
WITH_BASELINES = [c for c in CASES if c.get("context", {}).get("baselines")]
WITHOUT = [c for c in CASES if not c.get("context", {}).get("baselines")]


def _draft(case: dict[str, Any]) -> Draft:
    ctx = case.get("context", {})
    context = Context(team=ctx.get("team"), cycle=ctx.get("cycle"),
                      baselines=ctx.get("baselines", {}), kpis=ctx.get("kpis", []),
                      notes=ctx.get("notes"))
    return asyncio.run(draft(case["goal"], context, OfflineProvider()))


def test_the_set_is_as_large_as_promised() -> None:
    assert len(CASES) >= 80 and len(WITH_BASELINES) >= 60 and len(WITHOUT) >= 10
    assert len({c["domain"] for c in CASES}) == 8


@pytest.mark.parametrize("case", WITH_BASELINES, ids=lambda c: c["id"])
def test_baselines_given_means_a_clean_grounded_draft(case: dict[str, Any]) -> None:
    result = _draft(case)
    expect = case["expect"]
    bar = SEVERITY_RANK[expect["clean_at"]]
    assert [f.code for f in result.findings if SEVERITY_RANK[f.severity] >= bar] == []
    assert expect["min_krs"] <= len(result.key_results) <= expect["max_krs"]
    text = " ".join([result.objective, *(kr.text for kr in result.key_results)]).lower()
    for value in case["context"]["baselines"].values():
        assert value.lower() in text
    for phrase in expect["forbidden_phrases"]:
        assert phrase.lower() not in text
    given = set(case["context"]["baselines"].values())
    for kr in result.key_results:
        assert kr.baseline.source in ("given", "unknown")
        if kr.baseline.source == "given":
            assert kr.baseline.value in given
        else:
            assert kr.baseline.value is None and kr.baseline.how_to_measure
        assert kr.target.source == "proposed" and kr.target.reason


@pytest.mark.parametrize("case", WITHOUT, ids=lambda c: c["id"])
def test_no_baselines_means_no_invented_numbers(case: dict[str, Any]) -> None:
    result = _draft(case)
    assert not {"D001", "D002", "D004"} & {f.code for f in result.findings}
    for kr in result.key_results:
        assert kr.baseline.source == "unknown" and kr.baseline.how_to_measure
        assert kr.parsed is not None and kr.parsed.baseline is None
    if not result.key_results:
        assert result.notes and "could not tell" in result.notes[0]
        assert not result.mapped


def test_the_teams_own_target_is_used_and_marked() -> None:
    context = Context(cycle="2027-Q2", baselines={"win rate": "18%", "qualified pipeline":
                                                  "$2.1M"},
                      targets={"win rate": "24%"})
    result = asyncio.run(draft("Close more of the deals we start", context, OfflineProvider()))
    win = next(kr for kr in result.key_results if kr.metric == "win rate")
    assert win.text == "Raise win rate from 18% to 24% by end of Q2 2027"
    assert win.target.source == "given" and win.target.reason is None
    assert not [f for f in result.findings if f.severity != "info"]
