"""Provenance is what the grounding checks find, never what a model claims (issue "Hostile
input, faulty models and open doors", item 6): a real ``okr draft`` against a real model
stub on loopback that invents a baseline and calls its own target the team's."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.conftest import Run, serve_in_thread

INVENTED = {
    "objective": "Get new teams to value in their first week",
    "notes": [],
    "key_results": [{
        "text": "Raise activation rate from 47% to 60% by end of Q1 2027",
        "metric": "activation rate", "direction": "increase",
        "baseline": {"value": "47%", "source": "given", "how_to_measure": None},
        "target": {"value": "60%", "source": "given", "reason": None},
        "deadline": "by end of Q1 2027"}],
}


@pytest.fixture(scope="module")
def inventing_model() -> Iterator[str]:
    async def chat(request: Request) -> Response:
        await request.body()
        return JSONResponse({"id": "s", "object": "chat.completion", "created": 0,
                             "model": "inventor", "choices": [{
                                 "index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant",
                                             "content": json.dumps(INVENTED)}}]})

    app = Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])
    with serve_in_thread(app) as base:
        yield f"{base}/v1"


def _draft(run_okr: Run, base: str, fmt: str):  # type: ignore[no-untyped-def]
    return run_okr("draft", "Get new teams to value faster", "--provider", "openai",
                   "--base-url", base, "--model", "inventor", "--cycle", "2027-Q1",
                   "--baseline", "signups=1,200", "--format", fmt, timeout=60)


def test_an_invented_baseline_is_never_printed_as_given(run_okr: Run, inventing_model: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OKR_API_KEY", "sk-test")
    monkeypatch.setenv("OKR_REPAIR_ROUNDS", "0")
    text = _draft(run_okr, inventing_model, "text")
    assert "(given)" not in text.stdout
    assert "baseline: unknown. the draft says 47%" in text.stdout
    assert "target: 60% (proposed: not a target you gave" in text.stdout
    assert "D001 error" in text.stdout and "D002 error" in text.stdout
    assert text.returncode == 3, text.stderr  # errors remain after repair: documented code

    body = json.loads((result := _draft(run_okr, inventing_model, "json")).stdout)
    kr = body["key_results"][0]
    assert kr["baseline"] == {"value": None, "source": "unknown", "how_to_measure": (
        "the draft says 47%, which is not in what you gave: measure it before relying on it")}
    assert kr["target"]["source"] == "proposed"
    assert {"D001", "D002"} <= {f["code"] for f in body["findings"]}
    assert result.returncode == 3 and "okr: D001 error" in result.stderr

    markdown = _draft(run_okr, inventing_model, "markdown")
    assert "<!-- D001 error: baseline 47% is not one you gave (KR1) -->" in markdown.stdout
    assert markdown.returncode == 3 and "okr: D002 error" in markdown.stderr
