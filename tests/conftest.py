"""Shared fixtures: run the real ``okr`` command as a subprocess on real files."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from assistant.model import OKRSet

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """The tests keep their caches to themselves: the rule catalogue's marshal cache goes to
    a folder of this run (the okr commands the tests start inherit it), not the user's
    ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="okr-tests-cache-")


def kr_texts(okrs: OKRSet) -> list[str]:
    """Every Key Result's text, in document order: what the reader tests compare."""
    return [kr.text for o in okrs.objectives for kr in o.key_results]


def eval_rows() -> list[dict[str, Any]]:
    """Every row of every evaluation set (``evals/**/*.jsonl``), file by file."""
    return [json.loads(line) for path in sorted((ROOT / "evals").rglob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]


def okr_command() -> list[str]:
    script = Path(sys.executable).parent / "okr"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli.main"]


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(autouse=True)
def _own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own SQLite file: nothing lands in the repository's data/."""
    monkeypatch.setenv("OKR_DATABASE", str(tmp_path / "okr.sqlite3"))


@pytest.fixture
def run_okr(tmp_path: Path) -> Run:
    """Run ``okr ARGS`` in ``tmp_path`` (so no project config leaks in) with a timeout."""

    def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NO_COLOR": "1"}
        proc = subprocess.run(
            [*okr_command(), *args], input=stdin, capture_output=True, cwd=cwd or tmp_path,
            timeout=timeout, env=env, check=False,
        )
        return subprocess.CompletedProcess(proc.args, proc.returncode,
                                           proc.stdout.decode("utf-8", "replace"),
                                           proc.stderr.decode("utf-8", "replace"))

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    def write_file(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write_file


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    """A real uvicorn server for ``app`` on a free loopback port; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
