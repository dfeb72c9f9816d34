"""JSON and YAML input: accepted shapes, wrong shapes, and hostile YAML."""

from __future__ import annotations

import json
import time

import pytest

from assistant.parse import InputError, parse_text

YAML_DOC = """\
team: Growth
cycle: 2027-Q1
objectives:
  - objective: Make onboarding effortless
    owner: Dana
    key_results:
      - Raise activation from 40% to 55%
      - text: Cut time to first value from 12 to 6 minutes
"""


def test_yaml_document() -> None:
    okrs = parse_text(YAML_DOC, "okrs.yaml")
    assert (okrs.team, okrs.cycle) == ("Growth", "2027-Q1")
    objective = okrs.objectives[0]
    assert (objective.text, objective.owner, objective.line) == (
        "Make onboarding effortless", "Dana", 4)
    assert [kr.line for kr in objective.key_results] == [7, 8]
    assert objective.key_results[1].parsed.target.value == 6  # type: ignore[union-attr]


def test_json_list_of_objectives_with_key_variants() -> None:
    doc = json.dumps([
        {"title": "Win the mid-market", "keyResults": ["Grow win rate from 18% to 25%"]},
        {"Objective": "Keep customers longer", "KRs": [{"kr": "Cut churn from 3% to 2%"}]},
    ], indent=2)
    okrs = parse_text(doc, "okrs.json")
    assert [o.text for o in okrs.objectives] == ["Win the mid-market", "Keep customers longer"]
    assert okrs.objectives[1].key_results[0].text == "Cut churn from 3% to 2%"
    assert okrs.objectives[1].key_results[0].line == 12


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ('{"objectives": 3}', "'objectives' should be a list"),
        ('{"foo": []}', "expected a list under 'objectives'"),
        ('"just text"', "expected a mapping"),
        ('[{"owner": "x"}]', "objective 1 has no text"),
        ('[{"objective": "A", "key_results": "B"}]', "key results should be a list"),
        ('[{"objective": "A", "key_results": [{"owner": 1}]}]', "key result 1 has no text"),
        ('[{"objective": ["A"]}]', "should be text, got list"),
        ('{"objectives": [', "invalid JSON at line 1"),
        ("[]", "no objectives found"),
    ],
)
def test_wrong_json_shapes(doc: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        parse_text(doc, "okrs.json")


def test_yaml_bomb_is_refused_quickly() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i in range(1, 10):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}]*9\n".replace(
            "]*9", "," + ",".join([f"*{chr(96 + i)}"] * 8) + "]")
    with pytest.raises(InputError, match="anchors and aliases"):
        parse_text(bomb, "bomb.yaml")


def test_malformed_yaml() -> None:
    with pytest.raises(InputError, match="invalid YAML at line 3"):
        parse_text("objectives:\n  - objective: [unclosed\n", "x.yaml")


def test_deeply_nested_json() -> None:
    with pytest.raises(InputError):
        parse_text("[" * 100_000 + "]" * 100_000, "deep.json")


@pytest.mark.parametrize("bomb", [
    "[" * 20_000,  # PyYAML's scanner took 20 s on this, and over a minute at 50 KB
    "{a: " * 5_000,
    "- " * 3_000 + "x",
    "\n".join(" " * i + "a:" for i in range(3_000)),
], ids=["flow brackets", "flow mappings", "dashes on one line", "indented mappings"])
def test_yaml_nested_past_any_okr_file_is_refused_before_parsing(bomb: str) -> None:
    started = time.perf_counter()
    with pytest.raises(InputError, match="nested more than 64 levels deep"):
        parse_text(bomb, "deep.yaml")
    assert time.perf_counter() - started < 1.0


def test_brackets_in_quotes_and_comments_do_not_count_as_nesting() -> None:
    doc = ("objectives:\n  - objective: 'Ship [" + "[" * 80 + "'  # " + "{" * 80 + "\n"
           "    key_results:\n      - \"Raise activation from 40% to 55% [" + "[" * 80 + "\"\n")
    okrs = parse_text(doc, "okrs.yaml")
    assert okrs.objectives[0].key_results[0].text.startswith("Raise activation")


@pytest.mark.parametrize(("doc", "name", "message"), [
    ('{"objectives": [{"text": "Grow", "key_results": [{"text": "Raise x", "target": '
     + "9" * 5000 + "}]}]}", "okrs.json", "a number no OKR can"),
    ("objectives:\n  - objective: Grow\n    key_results:\n      - text: Raise x\n"
     "        target: " + "9" * 5000 + "\n", "okrs.yaml", "a number no OKR can"),
    ('{"objectives": [{"text": "Grow \\ud800", "key_results": ["Raise x from 1 to 2"]}]}',
     "okrs.json", "lone surrogate"),
    ('objectives:\n  - objective: "Grow \\ud800"\n    key_results: ["Raise x from 1 to 2"]\n',
     "okrs.yaml", "lone surrogate"),
    ('{"objectives": [{"text": "Grow", "key_results": [{"text": "Raise x", "target": 1e400}]}]}',
     "okrs.json", "not a number an OKR can hold"),
], ids=["huge JSON integer", "huge YAML integer", "JSON surrogate", "YAML surrogate",
        "JSON infinity"])
def test_values_no_output_could_write_are_input_errors(doc: str, name: str,
                                                       message: str) -> None:
    # (they gave a traceback, or a report that failed to print)
    with pytest.raises(InputError, match=message):
        parse_text(doc, name)


def test_another_tools_json_that_names_them_o_and_kr() -> None:
    doc = json.dumps({"Data": [{"Period": "202301-202303", "OKR": [
        {"O": "Lead the category online", "KR": ["Rank first in the category by sales",
                                                 "Returns no higher than 12%"]},
        {"O": "Make customers happier", "KR": ["Yearly repeat purchase above 55%"]}]}]})
    okrs = parse_text(doc, "okr.json")
    assert [o.text for o in okrs.objectives] == ["Lead the category online",
                                                  "Make customers happier"]
    assert [len(o.key_results) for o in okrs.objectives] == [2, 1]


def test_a_list_of_items_tagged_kr_holds_the_key_results() -> None:
    # another tool's kanban data: an objective's "tasks", each tagged "kr": "KR1", its
    # statement in "name"
    doc = json.dumps([{"id": "o1", "title": "Make AI the default way we work", "tasks": [
        {"id": "t1", "name": "AI in the product pipeline", "kr": "KR1",
         "valueOptions": ["Supplier data linked +40%"]},
        {"id": "t2", "name": "AI in the growth pipeline", "kr": "KR2"}]}])
    okrs = parse_text(doc, "okr.json")
    assert [kr.text for kr in okrs.objectives[0].key_results] == [
        "AI in the product pipeline", "AI in the growth pipeline"]
