"""Shared fixtures: run the real ``okr`` command as a subprocess on real files."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


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
