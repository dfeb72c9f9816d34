"""Documents in the shapes real teams write, each once misread (issue "Read OKR documents the
way real teams write them"): tables, wiki-style pages, other tools' files, signed numbers,
titles, owners, sections that are not objectives, duplicate keys and non-finite numbers."""

from __future__ import annotations

import json

import pytest

from assistant.model import OKRSet
from assistant.parse import InputError, parse_text
from assistant.rubric import critique
from tests.conftest import kr_texts


def _codes(okrs: OKRSet) -> set[str]:
    return {f.code for f in critique(okrs).findings}


def test_markdown_table_of_objectives_and_key_results() -> None:
    okrs = parse_text(
        "# Mobile — Q3 FY26\n\n"
        "| Objective | Key result | Owner | Baseline | Target | Status |\n"
        "|---|---|---|---|---|---|\n"
        "| **Make the app dependable** | App Store rating | Dana | 4.1 | 4.6 | 🟡 |\n"
        "| | Crash-free sessions | | 97.2% | 99.5% | on track |\n"
        "| Faster checkout | Cut checkout time from 90 s to 40 s | Priya | | | |\n",
        "table.md")
    assert [o.text for o in okrs.objectives] == ["Make the app dependable", "Faster checkout"]
    first, second = okrs.objectives[0].key_results
    assert (first.text, first.owner, first.status) == ("App Store rating", "Dana", "🟡")
    assert first.parsed is not None and first.parsed.direction == "increase"
    assert (first.parsed.baseline.value, first.parsed.target.value) == (4.1, 4.6)  # type: ignore[union-attr]
    assert second.parsed is not None and second.parsed.target is not None
    assert (second.parsed.target.value, second.parsed.target.unit) == (99.5, "%")
    assert (okrs.team, okrs.cycle) == ("Mobile", "Q3 FY26")
    assert "K203" not in _codes(okrs) and "K202" not in _codes(okrs)


NOTION_PAGE = """\
# Data Platform FY27 Q1

Owner: Platform leads

## Objective: Make the mobile app something people rely on
Owner: Dana

**Measured by:**
- App Store rating 4.1 → 4.6
- Crash-free sessions: 97.2% → 99.5%
- Lead time for fixes: 2 days → 4 hours

**Initiatives:**
- Rewrite the offline sync
- Weekly crash triage

### Initiatives
- Hire a second iOS engineer

## Notes
- The Android numbers come from the Play console.
"""


def test_notion_style_page_labels_initiatives_and_notes() -> None:
    okrs = parse_text(NOTION_PAGE, "page.md")
    assert (okrs.team, okrs.cycle) == ("Data Platform", "FY27 Q1")
    assert [o.text for o in okrs.objectives] == ["Make the mobile app something people rely on"]
    objective = okrs.objectives[0]
    assert objective.owner == "Dana"
    assert kr_texts(okrs) == ["App Store rating 4.1 → 4.6", "Crash-free sessions: 97.2% → 99.5%",
                          "Lead time for fixes: 2 days → 4 hours"]
    lead_time = objective.key_results[2].parsed
    assert lead_time is not None and lead_time.direction == "decrease"
    unplaced = {u.text: u.reason for u in okrs.unplaced}
    assert unplaced["Rewrite the offline sync"] == "initiative (work, not a result)"
    assert unplaced["Hire a second iOS engineer"] == "initiative (work, not a result)"
    assert unplaced["Notes"] == "section, not an objective"
    assert "The Android numbers come from the Play console." in unplaced
    assert not {"K201", "K202", "K203"} & _codes(okrs)


def test_tool_yaml_with_title_start_and_target_fields() -> None:
    okrs = parse_text(
        "objectives:\n"
        "  - title: Customers solve problems without waiting for us\n"
        "    key_results:\n"
        "      - title: Self-serve resolution rate\n"
        "        start: 31%\n"
        "        target: 45%\n"
        "      - title: Median first reply\n"
        "        current: 9\n"
        "        target: 4\n"
        "        unit: hours\n", "tool.yaml")
    rate, reply = okrs.objectives[0].key_results
    assert rate.parsed is not None and reply.parsed is not None
    assert (rate.parsed.baseline.value, rate.parsed.target.value) == (31, 45)  # type: ignore[union-attr]
    assert rate.parsed.direction == "increase"
    assert (reply.parsed.target.value, reply.parsed.target.unit) == (4, "h")  # type: ignore[union-attr]
    assert reply.parsed.direction == "decrease"
    assert not {"K202", "K203"} & _codes(okrs)


def test_other_tools_json_found_by_shape_in_another_language() -> None:
    doc = {"fecha": "2026-07-20", "objetivos_q3": [
        {"id": "O1", "titulo": "Volver a llenar salones",
         "krs": [{"id": "KR1.1", "texto": "Llegar a 150 alumnos activos (hoy 118)"}]},
    ]}
    okrs = parse_text(json.dumps(doc, ensure_ascii=False, indent=2), "tablero.json")
    assert [o.text for o in okrs.objectives] == ["Volver a llenar salones"]
    assert kr_texts(okrs) == ["Llegar a 150 alumnos activos (hoy 118)"]


@pytest.mark.parametrize(("text", "baseline", "target"), [
    ("Raise agent eNPS from +5 to +25", 5, 25),
    ("NPS: -12 → +10", -12, 10),
    ("Grow operating margin from −3% to 4%", -3, 4),
])
def test_signed_numbers(text: str, baseline: float, target: float) -> None:
    okrs = parse_text(f"## Objective: Happy customers\n- {text}\n- Keep churn below 2%\n")
    parsed = okrs.objectives[0].key_results[0].parsed
    assert parsed is not None and parsed.baseline is not None and parsed.target is not None
    assert (parsed.baseline.value, parsed.target.value) == (baseline, target)
    assert parsed.direction == "increase"
    codes = {f.code for f in critique(okrs).findings if f.key_result == 1}
    assert not {"K203", "K207"} & codes


@pytest.mark.parametrize(("title", "team", "cycle"), [
    ("Growth Team OKRs – Q3 FY26", "Growth Team", "Q3 FY26"),
    ("Data Platform FY27 Q1", "Data Platform", "FY27 Q1"),
    ("Payments FY27-Q1", "Payments", "FY27-Q1"),
    ("Search — H1 2025", "Search", "H1 2025"),
    ("Wiki team 2024/25", "Wiki team", "2024/25"),
])
def test_team_and_cycle_from_titles(title: str, team: str, cycle: str) -> None:
    okrs = parse_text(f"# {title}\n\n## Objective: Be fast\n- Cut p95 from 900 ms to 300 ms\n")
    assert (okrs.team, okrs.cycle) == (team, cycle)


def test_owner_prefixes_and_fat_arrow_notes() -> None:
    okrs = parse_text(
        "### Objective 1: Deliver incremental ACV to plan.\n"
        "* CRO: Close 12 deals over $100k IACV => 9 closed\n"
        "* VP Product: Ship the features on the direction page => 14 of 18 shipped\n"
        "* App Store rating: 4.1 → 4.6\n")
    first, second, third = okrs.objectives[0].key_results
    assert (first.owner, first.text, first.status) == ("CRO", "Close 12 deals over $100k IACV",
                                                       "9 closed")
    assert (second.owner, second.status) == ("VP Product", "14 of 18 shipped")
    assert (third.owner, third.text) == (None, "App Store rating: 4.1 → 4.6")


def test_labelled_krs_under_a_bullet_make_it_an_objective() -> None:
    okrs = parse_text(
        "### Active OKRs FY24-Q2\n\n"
        "1. CTO: Cut churn among existing customers\n"
        "    1. CTO KR: Every GA service above 99.95% availability each month\n"
        "    1. CTO KR: Finish the migration of 480 dropdowns\n"
        "1. CTO: Make us easier to buy from\n"
        "    1. CTO KR: Fewer than 40 approved licensing exceptions a quarter\n")
    assert [(o.owner, o.text) for o in okrs.objectives] == [
        ("CTO", "Cut churn among existing customers"), ("CTO", "Make us easier to buy from")]
    assert [len(o.key_results) for o in okrs.objectives] == [2, 1]
    assert okrs.objectives[0].key_results[0].owner == "CTO"


def test_key_results_heading_turns_sibling_headings_into_sections() -> None:
    okrs = parse_text(
        "## Grow our reach across the community\n\n"
        "### What we want to do\n- stay in touch with core members\n\n"
        "### Key results\n- 30% of the community take part in an activity each quarter\n"
        "- at least 2 first-time contributors every quarter\n")
    assert [o.text for o in okrs.objectives] == ["Grow our reach across the community"]
    assert kr_texts(okrs) == ["30% of the community take part in an activity each quarter",
                          "at least 2 first-time contributors every quarter"]
    assert "stay in touch with core members" in {u.text for u in okrs.unplaced}


def test_csv_export_with_type_and_parent_columns() -> None:
    okrs = parse_text(
        "Title,Number,Type,Parent issue,Status\n"
        '"KR: Cut median time to first package from 10 weeks to 4",118,OKR: Key result,#165,Todo\n'
        '"US: Write the packaging guide",119,User story,#118,Done\n'
        '"O: Package every eligible project",165,OKR: Objective,,In progress\n'
        '"KR: 90% of packages have a passing test",120,OKR: Key result,#165,Doing\n',
        "board.csv")
    assert [o.text for o in okrs.objectives] == ["Package every eligible project"]
    assert kr_texts(okrs) == ["Cut median time to first package from 10 weeks to 4",
                          "90% of packages have a passing test"]
    assert okrs.objectives[0].key_results[0].line == 2
    assert {u.reason for u in okrs.unplaced} == {"table row, not a KR"}


def test_html_page_with_headings_lists_and_a_table() -> None:
    okrs = parse_text(
        "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav>\n"
        "<h1>Council OKRs 2022 H1</h1>\n"
        "<h2>Objective A: Improve data sharing</h2>\n<h3>Key Results</h3>\n<ol>\n"
        "<li>Increase counties sharing taxlot data from 22 to 30.</li>\n"
        "<li>Grow open web services from 14 to 20.</li>\n</ol>\n"
        "<table><tr><th>Key result</th><th>Target</th></tr>\n"
        "<tr><td>Datasets with a named steward</td><td>12</td></tr></table>\n"
        "</body></html>\n", "page.html")
    assert [o.text for o in okrs.objectives] == ["Improve data sharing"]
    assert kr_texts(okrs) == ["Increase counties sharing taxlot data from 22 to 30.",
                          "Grow open web services from 14 to 20.",
                          "Datasets with a named steward"]
    assert [kr.line for kr in okrs.objectives[0].key_results] == [6, 7, 10]


def test_wikitext_table_source() -> None:
    okrs = parse_text(
        "{| class=\"wikitable\"\n! Objective !! Key result\n|-\n"
        "| rowspan=\"2\" |\n=== WE1: Contributor experience ===\n"
        "| 1. Grow unreverted mobile edits by 8%.\n| Why: mobile editing is the future.\n|-\n"
        "| 2. <s>Cut IP blocks</s> Cut wrongly blocked newcomers by 20%.\n|}\n", "plan.txt")
    assert [o.text for o in okrs.objectives] == ["Contributor experience"]
    assert kr_texts(okrs) == ["Grow unreverted mobile edits by 8%.",
                          "Cut wrongly blocked newcomers by 20%."]


@pytest.mark.parametrize(("doc", "name", "message"), [
    ('{"objectives": [{"objective": "A"}], "objectives": []}', "x.json", "appears twice"),
    ('[{"objective": NaN}]', "x.json", "NaN is not a number"),
    ('[{"objective": "A", "key_results": [{"text": "B", "target": Infinity}]}]', "x.json",
     "Infinity is not a number"),
    ("objectives:\n  - objective: A\n    objective: B\n", "x.yaml", "appears twice"),
    ("objectives:\n  - objective: A\n    key_results: [{text: B, target: .inf}]\n", "x.yaml",
     "inf is not a number"),
])
def test_duplicate_keys_and_non_finite_numbers_are_input_errors(doc: str, name: str,
                                                                  message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_text(doc, name)


def test_quoted_and_hard_wrapped_key_results() -> None:
    okrs = parse_text(
        "## Objective 1. Grow the Academy's reach\n"
        "> **KR 1.1:** Publish at least 1 post a week _from June onwards_\n"
        "> **KR 1.2:** Bring back the podcast with 1 episode a month\n\n"
        "### Goal #2: Ship the metrics\n"
        "* We are aiming to have metrics ready in at least 2 focus areas\n"
        "for the February conference.\n")
    assert kr_texts(okrs) == ["Publish at least 1 post a week from June onwards",
                          "Bring back the podcast with 1 episode a month",
                          "We are aiming to have metrics ready in at least 2 focus areas "
                          "for the February conference."]


def test_status_marks_spans_and_notes() -> None:
    okrs = parse_text(
        "## Goal 1: Make releases boring\n"
        "- 🟢 KR1: Cut failed releases from 6 to 2 a quarter\n"
        "- KR2: Publish release notes within a day of each release ⚪\n"
        '- <span class="label label-success">Achieved</span> Grow beta testers from 40 to 90\n'
        "- speed up load times worldwide >needs baseline and targets\n")
    statuses = [(kr.text, kr.status) for kr in okrs.objectives[0].key_results]
    assert statuses == [("Cut failed releases from 6 to 2 a quarter", "🟢"),
                        ("Publish release notes within a day of each release", "⚪"),
                        ("Grow beta testers from 40 to 90", "achieved"),
                        ("speed up load times worldwide", "needs baseline and targets")]


def test_html_rowspan_keeps_columns_aligned() -> None:
    okrs = parse_text(
        "<table><tr><th>Objective</th><th>Indicator</th></tr>\n"
        '<tr><td rowspan="2">More people edit</td><td>Editors from 10 to 20</td></tr>\n'
        "<tr><td>Edits from 500 to 900 a month</td></tr>\n"
        "<tr><td>Better tools</td><td>Tool users from 3 to 9</td></tr></table>\n", "p.html")
    assert [(o.text, [kr.text for kr in o.key_results]) for o in okrs.objectives] == [
        ("More people edit", ["Editors from 10 to 20", "Edits from 500 to 900 a month"]),
        ("Better tools", ["Tool users from 3 to 9"])]


def test_tab_separated_rows_in_pasted_text() -> None:
    okrs = parse_text(
        "Plan 2021\n\nGoal\tIndicator\tOwner\n"
        "More volunteers stay\tActive volunteers from 120 to 160\tCommunity\n"
        "\tReturning volunteers from 35% to 50%\t\n", "plan.txt")
    assert [o.text for o in okrs.objectives] == ["More volunteers stay"]
    assert kr_texts(okrs) == ["Active volunteers from 120 to 160",
                          "Returning volunteers from 35% to 50%"]


def test_typed_json_tree() -> None:
    doc = {"ciclo": "2026", "nodes": [
        {"tipo": "objetivo", "nome": "Pessoas crescem aqui", "filhos": [
            {"tipo": "kr", "nome": "Promoções internas de 8 para 15"},
            {"tipo": "kpi", "nome": "Turnover mensal"}]}]}
    okrs = parse_text(json.dumps(doc, ensure_ascii=False), "okrs.json")
    assert [o.text for o in okrs.objectives] == ["Pessoas crescem aqui"]
    assert kr_texts(okrs) == ["Promoções internas de 8 para 15"]


def test_team_heading_over_a_two_level_list() -> None:
    okrs = parse_text(
        "# Company goals FY21-Q1\n\n## Engineering\n"
        "1. Customers trust our uptime\n"
        "    1. Availability from 99.5% to 99.9%\n"
        "    2. Pages per week from 12 to 4\n"
        "2. Developers ship without waiting\n"
        "    1. CI time from 30 to 12 minutes\n")
    assert [(o.text, o.owner, len(o.key_results)) for o in okrs.objectives] == [
        ("Customers trust our uptime", "Engineering", 2),
        ("Developers ship without waiting", "Engineering", 1)]
    assert [kr.line for kr in okrs.objectives[0].key_results] == [5, 6]


def test_okr_label_with_key_results_under_it_is_an_objective() -> None:
    okrs = parse_text(
        "Rough first go:\n\n"
        "* OKR1: Any organisation can see where its maturity stands\n"
        "  * KR: Number of organisations that have self-assessed\n"
        "  * KR: Organisations that have gone up a level\n")
    assert [o.text for o in okrs.objectives] == [
        "Any organisation can see where its maturity stands"]
    assert len(okrs.objectives[0].key_results) == 2


def test_unbulleted_lines_under_key_results_and_a_first_heading_objective() -> None:
    okrs = parse_text(
        "# Make the tracker the easiest one to run locally\n\n"
        "Key results\n"
        "Downloads of the latest release from 310 to 1,000\n"
        "Minutes from download to first board from 15 to 5\n"
        "---\n"
        "Questions? Ask in the forum.\n")
    assert [o.text for o in okrs.objectives] == [
        "Make the tracker the easiest one to run locally"]
    assert kr_texts(okrs) == ["Downloads of the latest release from 310 to 1,000",
                          "Minutes from download to first board from 15 to 5"]
    assert okrs.team is None


def test_numbered_headings_prose_and_bold_table_rows() -> None:
    okrs = parse_text(
        "## 2. Strategic Objectives\n"
        "### 2.1 Strategic Objective 1: Clear governance\n"
        "Objective 1 has no baseline yet, so we start by measuring.\n"
        "#### 2.1.2 Detailed Success Criteria\n"
        "| Key result | Status |\n|---|---|\n"
        "| Decision time from 10 to 6 days | on track |\n"
        "| **Objective 2: Automated compliance** | |\n"
        "| Automated checks from 20% to 65% | at risk |\n")
    assert [(o.text, [kr.text for kr in o.key_results]) for o in okrs.objectives] == [
        ("Clear governance", ["Decision time from 10 to 6 days"]),
        ("Automated compliance", ["Automated checks from 20% to 65%"])]


def test_field_lines_under_a_key_result() -> None:
    okrs = parse_text(
        "## Objective: Customers help themselves\n"
        "- Raise self-serve resolution to 45%\n"
        "  Baseline: 31%\n"
        "  Owner: Support ops\n"
        "  Status: on track\n")
    kr = okrs.objectives[0].key_results[0]
    assert kr.parsed is not None and kr.parsed.baseline is not None
    assert (kr.parsed.baseline.value, kr.owner, kr.status) == (31, "Support ops", "on track")
    assert "K203" not in _codes(okrs)


def test_no_okrs_is_told_apart_from_okrs_that_could_not_be_placed() -> None:
    with pytest.raises(InputError, match=r"holds no 'Objective: \.\.\.' lines"):
        parse_text("# About OKRs\n\nWe set OKRs every quarter in a spreadsheet.\n")
    with pytest.raises(InputError, match="lines 1, 2 look like Key Results"):
        parse_text("- Raise activation from 30% to 45%\n- Cut churn from 4% to 3%\n")
