"""Once through a real uvicorn server on loopback, and ``okr draft`` / ``okr serve`` for real."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.api.app import create_app
from assistant.settings import Settings
from tests.conftest import Run, free_port, okr_command, serve_in_thread


@pytest.fixture
def server() -> Iterator[str]:
    with serve_in_thread(create_app(Settings())) as base:
        yield base


def test_real_http_round_trip(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as http:
        assert http.get("/healthz").json()["status"] == "ok"
        r = http.post("/v1/drafts", json={"goal": "Close more of the deals we start",
                                          "context": {"cycle": "2027-Q2",
                                                      "baselines": {"win rate": "18%"}}})
        assert r.status_code == 200
        assert r.json()["key_results"][0]["baseline"]["value"] == "18%"
        r = http.post("/v1/critiques", json={"text": "## Objective: Grow\n- Launch it\n"})
        assert r.status_code == 200 and {f["code"] for f in r.json()["findings"]} >= {"K201"}
        r = http.post("/v1/critiques", content=b"\xff\xfe not json",
                      headers={"content-type": "application/json"})
        assert r.status_code == 400  # not UTF-8: FastAPI's clear 400, never a 500


def test_okr_draft_cli(run_okr: Run) -> None:
    r = run_okr("draft", "Close more of the deals we start", "--baseline", "win rate=18%",
                "--baseline", "qualified pipeline=$2.1M", "--cycle", "2027-Q2")
    assert r.returncode == 0, r.stderr
    assert "KR1: Raise win rate from 18% to 22% by end of Q2 2027" in r.stdout
    assert "baseline: 18% (given)" in r.stdout and "(proposed:" in r.stdout
    md = run_okr("draft", "Close more of the deals we start", "--baseline", "win rate=18%",
                 "--baseline", "qualified pipeline=$2.1M", "--cycle", "2027-Q2",
                 "--format", "markdown")
    assert md.stdout.startswith("# 2027-Q2\n\n## Objective: ")
    unmapped = run_okr("draft", "Do the thing")
    assert unmapped.returncode == 1 and "could not tell" in unmapped.stdout
    bad = run_okr("draft", "x", "--baseline", "nope")
    assert bad.returncode == 2 and "METRIC=VALUE" in bad.stderr


def test_drafted_markdown_passes_okr_critique(run_okr: Run, tmp_path: Path) -> None:
    md = run_okr("draft", "Make support less painful", "--baseline", "first response time=9 h",
                 "--baseline", "support CSAT=82%", "--cycle", "2027-Q3", "--team", "Support",
                 "--format", "markdown")
    (tmp_path / "draft.md").write_text(md.stdout, encoding="utf-8")
    checked = run_okr("critique", str(tmp_path / "draft.md"))
    assert checked.returncode == 0, checked.stdout


def test_okr_serve_starts_and_answers(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([*okr_command(), "serve", "--port", str(port)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("okr serve did not answer within 20 s")
        assert r.json()["provider"] == "offline"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
