"""``okr critique`` stays on the standard library (fast start); measured, not assumed."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.conftest import ROOT, okr_command

HEAVY = {"pydantic", "fastapi", "starlette", "openai", "httpx", "jinja2", "typer", "rich",
         "yaml", "jsonschema", "numpy", "onnxruntime", "tokenizers"}


def _import_names(*args: str, cwd: Path) -> set[str]:
    """Every module ``okr ARGS`` imports, by its full name."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    proc = subprocess.run([*okr_command(), *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=60, check=False)
    return set(re.findall(r"\|\s+([\w.]+)\s*$", proc.stderr, re.MULTILINE))


def _imported(*args: str, cwd: Path) -> set[str]:
    """The top-level packages ``okr ARGS`` imports."""
    return {name.split(".")[0] for name in _import_names(*args, cwd=cwd)}


def test_critique_imports_nothing_heavy(tmp_path: Path) -> None:
    modules = _imported("critique", str(ROOT / "examples/team-okrs.md"), cwd=tmp_path)
    assert "assistant" in modules  # the probe really saw our imports
    assert modules & HEAVY == set()


def test_every_output_format_stays_light(tmp_path: Path) -> None:
    for fmt in ("json", "sarif", "github", "markdown"):
        modules = _imported("critique", "--format", fmt, str(ROOT / "examples/team-okrs.md"),
                            cwd=tmp_path)
        assert modules & HEAVY == set(), fmt


def test_yaml_input_imports_yaml_only_then(tmp_path: Path) -> None:
    doc = tmp_path / "okrs.yaml"
    doc.write_text("objectives:\n  - objective: Make checkout painless\n    key_results:\n"
                   "      - Cut payment failures from 4.2% to 2%\n", encoding="utf-8")
    modules = _imported("critique", str(doc), cwd=tmp_path)
    assert "yaml" in modules
    assert modules & (HEAVY - {"yaml"}) == set()


def test_table_html_csv_and_wiki_readers_load_only_for_such_input(tmp_path: Path) -> None:
    readers = {"assistant.parse.tables", "assistant.parse.html", "assistant.parse.delimited",
               "assistant.parse.wikitext", "assistant.parse.structured"}
    plain = _import_names("critique", str(ROOT / "examples/team-okrs.md"), cwd=tmp_path)
    assert "assistant.parse.markdown" in plain and plain & readers == set()
    table = tmp_path / "t.csv"
    table.write_text("Objective,Key Result\nFaster support,Cut first reply from 9 h to 2 h\n",
                     encoding="utf-8")
    assert "assistant.parse.tables" in _import_names("critique", str(table), cwd=tmp_path)
