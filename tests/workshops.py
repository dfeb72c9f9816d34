"""Helpers for the workshop tests: a client on a fresh SQLite file, a workshop, a join."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.settings import Settings


def workshop_client(tmp_path: Path) -> Iterator[TestClient]:
    """A client on the app with a fresh SQLite file (each workshop test module's ``api``)."""
    with TestClient(create_app(Settings(database=str(tmp_path / "w.sqlite3")))) as c:
        yield c


def create(api: TestClient, **extra: Any) -> dict[str, Any]:
    r = api.post("/v1/workshops", json={
        "team": "Growth", "cycle": "2027-Q1", "duration_min": 90,
        "context": {"strategy": "Win self-serve teams", "kpis": ["uptime"],
                    "baselines": {"activation rate": "38%",
                                  "median time to first value": "3 days"}}, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def join(api: TestClient, code: str, name: str) -> str:
    r = api.post("/v1/workshops/join", json={"code": code, "name": name})
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


def F(token: str) -> dict[str, str]:  # noqa: N802  (a header for a token)
    return {"X-Workshop-Token": token}
