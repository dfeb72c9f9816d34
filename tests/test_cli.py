"""The real ``okr`` command on real files: exit codes, formats, stdin, config, bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import jsonschema
import pytest

from assistant.parse import parse_text
from assistant.report.json_report import plain
from assistant.rubric import critique
from tests.conftest import ROOT, Run, eval_rows

SCHEMA = json.loads((ROOT / "assistant/report/critique.schema.json").read_text())
Write = Callable[[str, "str | bytes"], Path]

CLEAN = ("# Payments — Q1 2027\n## Objective: Make checkout painless\n"
         "- Raise checkout completion from 61% to 70%\n- Cut payment failures from 4.2% to 2%\n")
WARNS = ("# Payments — Q1 2027\n## Objective: Make checkout painless\n"
         "- Raise checkout completion to 70%\n- Cut payment failures from 4.2% to 2%\n")
ERRORS = ("# Payments — Q1 2027\n## Objective: Make checkout painless\n"
          "- Launch one-click pay\n- Cut payment failures from 4.2% to 2%\n")


def test_clean_file_exits_0(run_okr: Run, write: Write) -> None:
    result = run_okr("critique", str(write("ok.md", CLEAN)))
    assert result.returncode == 0, result.stderr
    assert "No problems found." in result.stdout
    assert "score 100/100" in result.stdout


def test_findings_exit_1_with_file_line_code_and_fix(run_okr: Run, write: Write) -> None:
    path = write("warn.md", WARNS)
    result = run_okr("critique", str(path))
    assert result.returncode == 1
    assert f"{path}:3: K203 warning" in result.stdout
    assert "fix: Write the baseline beside the target" in result.stdout


def test_fail_on_moves_the_bar(run_okr: Run, write: Write) -> None:
    warn, err = write("warn.md", WARNS), write("err.md", ERRORS)
    assert run_okr("critique", "--fail-on", "error", str(warn)).returncode == 0
    assert run_okr("critique", "--fail-on", "error", str(err)).returncode == 1
    assert run_okr("critique", "--fail-on", "info", str(warn)).returncode == 1


def test_stdin(run_okr: Run) -> None:
    result = run_okr("critique", "-", stdin=ERRORS.encode())
    assert result.returncode == 1
    assert "<stdin>:3: K201 error" in result.stdout


def test_json_conversion_is_dataclasses_asdict() -> None:
    # json_report.plain replaces asdict for speed; on every example and eval text, with
    # every kind of parse and finding, it must give the same dicts.
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.md"))]
    rows = eval_rows()
    for start in range(0, len(rows), 200):  # documents of 200 KRs
        texts.append("## Objective: Grow\n" + "\n".join(
            f"- {row['text']}" for row in rows[start:start + 200]
            if isinstance(row.get("text"), str)))
    compared = 0
    for text in texts:
        c = critique(parse_text(text))
        for item in [*c.findings, *c.okrs.unplaced,
                     *(kr.parsed for o in c.okrs.objectives for kr in o.key_results)]:
            assert plain(item) == asdict(item)
            compared += 1
    assert compared > 900


def test_json_output_matches_the_pinned_schema(run_okr: Run, write: Write) -> None:
    result = run_okr("critique", "--format", "json", str(write("a.md", WARNS)),
                     str(ROOT / "examples/team-okrs.md"))
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    first = document["files"][0]
    kr = first["objectives"][0]["key_results"][0]
    assert kr["parsed"]["target"] == {"value": 70.0, "unit": "%", "text": "70%",
                                      "comparator": "=", "per": ""}
    assert first["findings"][0]["code"] == "K203"
    assert document["summary"]["files"] == 2


def test_sarif_output(run_okr: Run, write: Write) -> None:
    result = run_okr("critique", "--format", "sarif", str(write("e.md", ERRORS)))
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    (finding,) = run["results"]
    assert finding["ruleId"] == "K201" and finding["level"] == "error"
    assert finding["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    rule = run["tool"]["driver"]["rules"][finding["ruleIndex"]]
    assert rule["id"] == "K201"


def test_github_output(run_okr: Run, write: Write) -> None:
    path = write("e.md", ERRORS)
    result = run_okr("critique", "--format", "github", str(path))
    assert result.stdout.startswith(f"::error file={path},line=3,title=K201 output-not-outcome::")


def test_markdown_output(run_okr: Run, write: Write) -> None:
    result = run_okr("critique", "--format", "markdown", str(write("e.md", ERRORS)))
    assert "| 3 | K201 output-not-outcome | error |" in result.stdout


UNPLACED = CLEAN + "\n## Risks\n- The payment provider may change its API\n"


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "sarif", "github"])
def test_every_format_lists_the_lines_not_read(run_okr: Run, write: Write, fmt: str) -> None:
    result = run_okr("critique", "--format", fmt, str(write("u.md", UNPLACED)))
    assert result.returncode == 0, result.stderr
    if fmt == "github":  # one notice naming the lines (annotations are few per step)
        assert "title=lines not read as objectives or Key Results::2 lines: 6, 7" in result.stdout
    else:
        assert "The payment provider may change its API" in result.stdout
        assert "Risks" in result.stdout
    if fmt == "sarif":
        results = json.loads(result.stdout)["runs"][0]["results"]
        assert {r["kind"] for r in results} == {"informational"}
        assert [r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in results] == [6, 7]


def test_select_ignore_and_threshold_flags(run_okr: Run, write: Write) -> None:
    path = str(write("warn.md", WARNS))
    assert run_okr("critique", "--ignore", "K203", path).returncode == 0
    assert run_okr("critique", "--select", "K201", path).returncode == 0
    assert run_okr("critique", "--select", "K2", path).returncode == 1
    one_kr = write("one.md", "# T — Q1 2027\n## Objective: Make checkout painless\n"
                             "- Raise completion from 61% to 70%\n")
    assert run_okr("critique", str(one_kr)).returncode == 1  # O102: fewer than 2
    assert run_okr("critique", "--threshold", "O102.min=1", str(one_kr)).returncode == 0


def test_config_file_and_flags_win(run_okr: Run, write: Write, tmp_path: Path) -> None:
    path = str(write("warn.md", WARNS))
    write("pyproject.toml", '[tool.okr]\nignore = ["K203"]\n')
    assert run_okr("critique", path).returncode == 0
    assert run_okr("critique", "--no-config", path).returncode == 1
    write("okr.toml", 'fail-on = "error"\n[severity]\nK203 = "error"\n')
    result = run_okr("critique", path)  # in one folder, okr.toml wins over pyproject.toml
    assert result.returncode == 1 and "K203 error" in result.stdout
    assert run_okr("critique", "--fail-on", "info", "--ignore", "K2", path).returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "Z999"], "unknown rule code or prefix 'Z999'"),
        (["--threshold", "S001.nope=3"], "S001 has no threshold nope"),
        (["--threshold", "S001"], "write CODE.NAME=VALUE"),
    ],
)
def test_bad_options_exit_2(run_okr: Run, write: Write, args: list[str], message: str) -> None:
    result = run_okr("critique", *args, str(write("ok.md", CLEAN)))
    assert result.returncode == 2
    assert message in result.stderr


def test_bad_config_file_exits_2(run_okr: Run, write: Write) -> None:
    write("okr.toml", "select = [\n")
    result = run_okr("critique", str(write("ok.md", CLEAN)))
    assert result.returncode == 2 and "invalid TOML" in result.stderr


def _one_clear_line(result: object) -> None:
    stderr = result.stderr  # type: ignore[attr-defined]
    assert result.returncode == 2, stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert stderr.startswith("okr: error: ")


YAML_BOMB = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n"
              for p, c in zip("abcdefgh", "bcdefghi", strict=True))
)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", b"", "the file is empty"),
        ("blank.md", b"  \n\n\t\n", "the file is empty"),
        ("headings.md", b"# One\n## Two\n### Three\n", "no objectives found"),
        ("latin1.md", "## Objective: Caf\u00e9 d\u00e9j\u00e0\n".encode("latin-1"),
         "not valid UTF-8 (byte 0xe9"),
        ("binary.md", bytes(range(256)) * 4, "looks binary"),
        ("bomb.yaml", YAML_BOMB.encode(), "anchors and aliases"),
        ("shape.json", b'{"objectives": {"a": 1}}', "'objectives' should be a list"),
        ("broken.json", b'{"objectives": [', "invalid JSON"),
        ("long.md", ("## Objective: A\n- " + "Raise NPS " * 500 + "\n").encode(),
         "is 5,002 characters long"),
    ],
)
def test_bad_input_gives_one_clear_line_and_exit_2(run_okr: Run, write: Write, name: str,
                                                   content: bytes, message: str) -> None:
    result = run_okr("critique", str(write(name, content)), timeout=20)
    _one_clear_line(result)
    assert message in result.stderr


def test_huge_file_is_refused_without_reading_it(run_okr: Run, tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # 20 MB (sparse): refused by size, not parsed
    result = run_okr("critique", str(big), timeout=20)
    _one_clear_line(result)
    assert "the file is 20.0 MB; the limit is 5.0 MB" in result.stderr


def test_missing_file_and_directory(run_okr: Run, tmp_path: Path) -> None:
    _one_clear_line(run_okr("critique", str(tmp_path / "nope.md")))
    _one_clear_line(run_okr("critique", str(tmp_path)))


def test_one_bad_file_does_not_hide_the_others(run_okr: Run, write: Write) -> None:
    result = run_okr("critique", str(write("e.md", ERRORS)), str(write("x.md", b"")))
    assert result.returncode == 2
    assert "K201" in result.stdout and "the file is empty" in result.stderr
    assert "1 file could not be read (see above)." in result.stdout
    alone = run_okr("critique", str(write("y.md", b"")))
    assert "No problems found" not in alone.stdout


def test_utf8_bom_and_utf16_are_read(run_okr: Run, write: Write) -> None:
    assert run_okr("critique", str(write("bom.md", b"\xef\xbb\xbf" + CLEAN.encode()))
                   ).returncode == 0
    assert run_okr("critique", str(write("u16.md", CLEAN.encode("utf-16")))).returncode == 0


def test_usage_error_exits_2(run_okr: Run) -> None:
    assert run_okr("critique").returncode == 2
    assert run_okr("critique", "--format", "xml", "x.md").returncode == 2


def test_rules_list_and_explain(run_okr: Run) -> None:
    listing = run_okr("rules")
    assert listing.returncode == 0
    assert "K203  missing-baseline" in listing.stdout
    explained = run_okr("rules", "k203")
    for section in ("What it does", "Why is this bad?", "Example", "Use instead", "Fix"):
        assert section in explained.stdout
    assert "Increase trial-to-paid conversion to 12%" in explained.stdout
    assert run_okr("rules", "Z999").returncode == 2
    as_json = json.loads(run_okr("rules", "--format", "json").stdout)
    assert {r["code"] for r in as_json} >= {"K201", "S003"}


def test_yaml_and_json_files(run_okr: Run, write: Write) -> None:
    yaml_file = write("okrs.yaml", "cycle: 2027-Q1\nobjectives:\n"
                                   "  - objective: Make checkout painless\n"
                                   "    key_results:\n"
                                   "      - Launch one-click pay\n"
                                   "      - Cut payment failures from 4.2% to 2%\n")
    result = run_okr("critique", str(yaml_file))
    assert result.returncode == 1 and f"{yaml_file}:5: K201" in result.stdout


def test_max_bytes(run_okr: Run, write: Write) -> None:
    path = str(write("ok.md", CLEAN))
    assert run_okr("critique", "--max-bytes", "-1", path).returncode == 2
    small = run_okr("critique", "--max-bytes", "50", path)
    assert small.returncode == 2 and "limit" in small.stderr
    assert run_okr("critique", "--max-bytes", "100000", path).returncode == 0
