"""Every rule against its own examples, plus the engine's promises (suppressions, scores)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.model import Critique
from assistant.parse import parse_text
from assistant.rubric import critique, default_catalogue, engine
from assistant.rubric.catalogue import Rule
from assistant.rubric.registry import CHECKS
from assistant.rubric.scoring import PENALTY
from tests.conftest import ROOT

CATALOGUE = default_catalogue()


def _document(rule: Rule, example: str) -> str:
    """Turn a rule's example into a whole document that exercises that rule."""
    if example.lstrip().startswith("#"):
        return example
    if example.lstrip().startswith("- "):
        return "# Team — Q3 2027\n## Objective: Make onboarding effortless\n" + example
    if rule.scope == "key-result":
        bullets = "\n".join(f"- {line}" for line in example.splitlines())
        return f"# Team — Q3 2027\n## Objective: Make onboarding effortless\n{bullets}\n"
    return f"# Team — Q3 2027\n## Objective: {example}\n- Raise activation from 3% to 5%\n"


def _codes(text: str) -> set[str]:
    return {f.code for f in critique(parse_text(text)).findings}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_rule_fires_on_its_bad_example(code: str) -> None:
    rule = CATALOGUE[code]
    assert code in _codes(_document(rule, rule.bad)), rule.bad


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_rule_is_quiet_on_its_good_example(code: str) -> None:
    rule = CATALOGUE[code]
    assert code not in _codes(_document(rule, rule.good)), rule.good


def test_every_rule_has_a_check_and_every_check_a_rule() -> None:
    # R100 (unused suppression) is the engine's own: it judges the other rules' findings.
    assert set(CATALOGUE) - {"R100"} == set(CHECKS)


def test_rule_codes_are_stable() -> None:
    # Codes are never renumbered: this list only ever grows.
    assert set(CATALOGUE) >= {
        "S001", "S002", "S003", "O101", "O102", "O103", "O104", "O105",
        "K201", "K202", "K203", "K204", "K205", "K206", "K207", "K208", "R100",
    }


def _critique(text: str) -> Critique:
    return critique(parse_text(text))


def test_findings_carry_location_excerpt_and_suggestion() -> None:
    c = _critique("# T — Q1 2027\n## Objective: Make checkout painless\n"
                  "- Raise checkout completion from 61% to 70%\n- Increase NPS to 50\n")
    (finding,) = c.findings
    assert (finding.code, finding.objective, finding.key_result, finding.line) == (
        "K203", 1, 2, 4)
    assert finding.excerpt == "Increase NPS to 50"
    assert "Increase NPS from <today> to 50" in finding.suggestion


def test_k201_suggests_an_outcome() -> None:
    c = _critique("# T — Q1 2027\n## Objective: Help teams get going\n"
                  "- Publish 12 blog posts\n- Raise activation from 30% to 40%\n")
    finding = next(f for f in c.findings if f.code == "K201")
    assert "organic visits or sign-ups" in finding.suggestion


def test_one_diagnosis_per_kr() -> None:
    # A task with a count is K201 only: not also "no baseline".
    text = ("# T — Q1 2027\n## Objective: Grow readership among data engineers\n"
            "- Publish 12 articles\n- Grow visits from 1k to 2k\n")
    assert _codes(text) == {"K201"}


@pytest.mark.parametrize(("objective", "flagged"), [
    ("Make onboarding effortless for partners (track 2)", False),  # a label, not a metric
    ("Pillar 3: make onboarding effortless for partners", False),
    ("Make onboarding effortless for 3 partner segments", True),
    ("Grow partner revenue to $2M", True),
])
def test_o103_tells_numbered_labels_from_metrics(objective: str, flagged: bool) -> None:
    text = f"# T — Q1 2027\n## Objective: {objective}\n- Raise activation from 3% to 5%\n"
    assert ("O103" in _codes(text)) is flagged


def test_suppression_hides_the_finding_and_unused_ones_are_reported() -> None:
    text = ("# T — Q1 2027\n## Objective: Make checkout painless\n"
            "- Increase NPS to 50 <!-- okr: ignore K203 -->\n"
            "- Raise completion from 61% to 70% <!-- okr: ignore K205 -->\n")
    c = _critique(text)
    assert [(f.code, f.line) for f in c.findings] == [("R100", 4)]


def test_s001_escalates_to_error() -> None:
    many = "# T — Q1 2027\n" + "".join(
        f"## Objective: Goal number {w}\n- Raise x{i} from 1 to 2\n- Cut y{i} from 5 to 3\n"
        for i, w in enumerate(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]))
    finding = next(f for f in _critique(many).findings if f.code == "S001")
    assert finding.severity == "error"
    four = many.split("## Objective: Goal number epsilon")[0]
    finding = next(f for f in _critique(four).findings if f.code == "S001")
    assert finding.severity == "warning"


def test_scores_follow_the_documented_formula() -> None:
    c = _critique("## Objective: Make checkout painless\n"
                  "- Launch one-click pay\n- Raise completion from 61% to 70%\n")
    # K201 (error) on objective 1; S002 (warning, set-level: no cycle anywhere).
    assert {f.code for f in c.findings} == {"K201", "S002"}
    assert c.objective_scores[0].score == 100 - PENALTY["error"]
    assert c.score == 100 - PENALTY["error"] - PENALTY["warning"]


def test_clean_set_scores_100() -> None:
    c = _critique("# Payments — Q1 2027\n## Objective: Make checkout painless\n"
                  "- Raise checkout completion from 61% to 70%\n"
                  "- Cut payment failures from 4.2% to 2%\n")
    assert c.findings == [] and c.score == 100


@pytest.mark.parametrize(
    ("kr", "expected"),
    [
        ("Launch Apple Pay in checkout", "paid with the new method"),  # "app" is not "Apple"
        ("Ship the new mobile apps", "weekly active users on mobile"),
        ("Finish the Postgres migration", "the migration should improve"),
        ("Redesign the settings page", "the result the work should move"),
    ],
)
def test_k201_hint_keywords_match_words_not_fragments(kr: str, expected: str) -> None:
    c = _critique(f"# T — Q1 2027\n## Objective: Make checkout painless\n- {kr}\n"
                  "- Raise completion from 61% to 70%\n")
    finding = next(f for f in c.findings if f.code == "K201")
    assert expected in finding.suggestion


@pytest.mark.parametrize("template", [
    *(t for rule in default_catalogue().values() for t in (rule.message, rule.fix)),
    "100% of {count} teams", "literal {{braces}} and {verb}", "no fields at all",
])
def test_messages_fill_as_str_format_would(template: str) -> None:
    # The engine fills templates with %-formatting (cheaper); the text must be the same.
    values = {name: f"<{name}>" for name in re.findall(r"(?<!\{)\{(\w+)\}", template)}
    values["count"] = 3
    assert engine._percent_form(template) is not None
    assert engine._fill(template, values) == template.format_map(values)


@pytest.mark.parametrize("template", ["{count:,} teams", "{a.b}", "{a[0]}", "{verb!r}", "{"])
def test_templates_beyond_plain_names_keep_str_format(template: str) -> None:
    assert engine._percent_form(template) is None


def test_a_rule_that_judges_one_statement_is_known_everywhere_from_the_catalogue(
        tmp_path: Path) -> None:
    # A rule's "alone" flag, not hand-written lists, decides what single proposals get
    # feedback from and what single labelled items are scored on: a new K209 is seen by the
    # workshop and by `okr eval rubric` with no other edit.
    from assistant.rubric.catalogue import CatalogueError, load_catalogue, statement_codes

    assert statement_codes(CATALOGUE, "objective") == ("O103", "O104", "O105")
    assert "K208" not in statement_codes(CATALOGUE, "objective")  # it reads the whole list
    text = (ROOT / "rubrics" / "default.toml").read_text(encoding="utf-8")
    extra = text + ('\n[rules.K209]\nname = "new-rule"\nscope = "key-result"\n'
                    'severity = "info"\nmessage = "m"\nfix = "f"\nwhat = "w"\nwhy = "y"\n'
                    'bad = "b"\ngood = "g"\n')
    (tmp_path / "x.toml").write_text(extra, encoding="utf-8")
    assert "K209" in statement_codes(load_catalogue(str(tmp_path / "x.toml")), "key-result")
    (tmp_path / "bad.toml").write_text(text.replace(
        'name = "unused-suppression"\nscope = "set"\n',
        'name = "unused-suppression"\nscope = "set"\nalone = true\n'), encoding="utf-8")
    with pytest.raises(CatalogueError, match="alone"):
        load_catalogue(str(tmp_path / "bad.toml"))


def test_critiquing_never_switches_the_garbage_collector_off_for_the_process() -> None:
    # (the library paused it per call: with the API critiquing in four threads, the cyclic
    # collector was off 98% of the time for the whole server; only the CLI pauses it now,
    # per file, at its edge)
    import gc
    import threading

    text = "## Objective: Grow the base\n" + "".join(
        f"- Raise members in area {i} from 10 to 20\n" for i in range(400))
    stop = threading.Event()

    def work() -> None:
        while not stop.is_set():
            critique(parse_text(text))

    worker = threading.Thread(target=work)
    worker.start()
    try:
        samples = []
        for _ in range(200):
            samples.append(gc.isenabled())
            threading.Event().wait(0.002)
    finally:
        stop.set()
        worker.join()
    assert all(samples)
