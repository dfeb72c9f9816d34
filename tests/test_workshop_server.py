"""The workshop over real HTTP: kill and restart mid-session, and pages that keep XSS inert."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import free_port, okr_command

XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def _serve(port: int, database: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "OKR_DATABASE": str(database)}
    proc = subprocess.Popen([*okr_command(), "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail("okr serve did not start")


def test_kill_and_restart_loses_nothing(tmp_path: Path) -> None:
    database = tmp_path / "session.sqlite3"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(port, database)
    try:
        w = httpx.post(f"{base}/v1/workshops", json={"team": "Ops", "cycle": "2027-Q2"}).json()
        fac = {"X-Workshop-Token": w["facilitator_token"]}
        tokens = [httpx.post(f"{base}/v1/workshops/join",
                             json={"code": w["join_code"], "name": n}).json()["token"]
                  for n in ("Ana", "Ben")]
        for i, token in enumerate(tokens):
            r = httpx.post(f"{base}/v1/workshops/{w['id']}/proposals",
                           json={"text": f"Make releases calm for team {i}"},
                           headers={"X-Workshop-Token": token})
            assert r.status_code == 201
        httpx.post(f"{base}/v1/workshops/{w['id']}/advance", json={"to": "vote"}, headers=fac)
        cid = httpx.post(f"{base}/v1/workshops/{w['id']}/cluster", headers=fac).json()[0]["id"]
        assert httpx.post(f"{base}/v1/workshops/{w['id']}/votes", json={"cluster_id": cid},
                          headers={"X-Workshop-Token": tokens[0]}).status_code == 201
    finally:
        server.send_signal(signal.SIGKILL)  # no shutdown, no chance to flush anything
        server.wait(timeout=10)

    server = _serve(port, database)
    try:
        state = httpx.get(f"{base}/v1/workshops/{w['id']}", headers=fac).json()
        assert state["step"] == "vote"
        assert len(state["proposals"]) == 2 and state["clusters"][0]["votes"] == 1
        assert state["participants"] == ["Ana", "Ben"]
        # The session continues where it was: the old participant tokens still work.
        assert httpx.post(f"{base}/v1/workshops/{w['id']}/votes", json={"cluster_id": cid},
                          headers={"X-Workshop-Token": tokens[1]}).status_code == 201
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_pages_escape_what_people_typed(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from assistant.api.app import create_app
    from assistant.settings import Settings

    with TestClient(create_app(Settings(database=str(tmp_path / "x.sqlite3")))) as api:
        w = api.post("/v1/workshops", json={"team": XSS, "cycle": "<b>Q1</b>"}).json()
        board = api.get(f"/workshops/{w['id']}/board")
        me = api.get(f"/workshops/{w['id']}/me")
        join = api.get('/join?code="><script>alert(1)</script>')
        for page in (board, me, join):
            assert page.status_code == 200
            assert "<script>window.__xss" not in page.text and "<img src=x" not in page.text
            assert "<script>alert(1)" not in page.text
            assert "script-src 'self'" in page.headers["content-security-policy"]
            # no other site may frame the board or a phone page (clickjacking)
            assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
            assert page.headers["x-frame-options"] == "DENY"
        assert "&lt;img src=x" in board.text
        assert w["facilitator_token"] not in board.text
        # the join code is the facilitator's to hand out: not in a page anyone can open
        assert w["join_code"] not in board.text
        ana = api.post("/v1/workshops/join", json={"code": w["join_code"], "name": "Ana"}
                       ).json()["token"]
        assert "join_code" not in api.get(f"/v1/workshops/{w['id']}",
                                          headers={"X-Workshop-Token": ana}).json()
        assert api.get(f"/v1/workshops/{w['id']}", headers={
            "X-Workshop-Token": w["facilitator_token"]}).json()["join_code"] == w["join_code"]
        assert api.get("/workshops/w-nope/board").status_code == 404

