"""Documents in the shapes real teams write, each once misread (issue "Read OKR documents the
way real teams write them"): tables, wiki-style pages, other tools' files, signed numbers,
titles, owners, sections that are not objectives, duplicate keys and non-finite numbers."""

from __future__ import annotations

import json

import pytest

from assistant.model import OKRSet
from assistant.parse import InputError, parse_text
from assistant.rubric import critique


def _krs(okrs: OKRSet) -> list[str]:
    return [kr.text for o in okrs.objectives for kr in o.key_results]


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
    assert _krs(okrs) == ["App Store rating 4.1 → 4.6", "Crash-free sessions: 97.2% → 99.5%",
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
    assert _krs(okrs) == ["Llegar a 150 alumnos activos (hoy 118)"]


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
    assert _krs(okrs) == ["30% of the community take part in an activity each quarter",
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
    assert _krs(okrs) == ["Cut median time to first package from 10 weeks to 4",
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
    assert _krs(okrs) == ["Increase counties sharing taxlot data from 22 to 30.",
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
    assert _krs(okrs) == ["Grow unreverted mobile edits by 8%.",
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
    assert _krs(okrs) == ["Publish at least 1 post a week from June onwards",
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
    assert _krs(okrs) == ["Active volunteers from 120 to 160",
                          "Returning volunteers from 35% to 50%"]


def test_typed_json_tree() -> None:
    doc = {"ciclo": "2026", "nodes": [
        {"tipo": "objetivo", "nome": "Pessoas crescem aqui", "filhos": [
            {"tipo": "kr", "nome": "Promoções internas de 8 para 15"},
            {"tipo": "kpi", "nome": "Turnover mensal"}]}]}
    okrs = parse_text(json.dumps(doc, ensure_ascii=False), "okrs.json")
    assert [o.text for o in okrs.objectives] == ["Pessoas crescem aqui"]
    assert _krs(okrs) == ["Promoções internas de 8 para 15"]


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
    assert _krs(okrs) == ["Downloads of the latest release from 310 to 1,000",
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


def test_unlabelled_headings_are_sections_where_the_document_labels_its_objectives() -> None:
    okrs = parse_text(
        "# Couples app — Q1 2026\n\n"
        "## Where we are\n\n"
        "- Payments: Stripe live\n- Android build not signed\n\n"
        "## O1: Play Store ready\n\n"
        "- Android build installs on 3 devices with zero crashes\n\n"
        "### Store listing\n\n"
        "- 6 screenshots and a privacy policy in the listing\n\n"
        "## O2: Programs that help\n\n"
        "- Program completion from 18% to 35%\n\n"
        "## Bottom line\n\n"
        "- Most of O1 is pure execution\n",
        "plan.md")
    assert [o.text for o in okrs.objectives] == ["Play Store ready", "Programs that help"]
    assert _krs(okrs) == ["Android build installs on 3 devices with zero crashes",
                          "6 screenshots and a privacy policy in the listing",
                          "Program completion from 18% to 35%"]
    unplaced = {u.text for u in okrs.unplaced}
    assert {"Where we are", "Bottom line", "Most of O1 is pure execution"} <= unplaced


def test_key_result_label_headings_and_a_restated_objective() -> None:
    okrs = parse_text(
        "# CY22-Q2 OKRs\n"
        "### O1 Stand up the platform\n"
        "_Objective_: Plan, build and run a data platform people trust\n\n"
        "#### O1KR1\n"
        "_Key Result_: One use case runs end to end on the platform [3/5]\n\n"
        "#### O1KR2\n"
        "Every codebase lives in version control [9/14]\n\n"
        "#### O1KR3\n"
        "_Key Result_:\n"
        "At least 5 analysts merge 2 pull requests each\n",
        "team.md")
    assert [o.text for o in okrs.objectives] == [
        "Plan, build and run a data platform people trust"]
    assert [kr.text.split(" [")[0] for kr in okrs.objectives[0].key_results] == [
        "One use case runs end to end on the platform",
        "Every codebase lives in version control",
        "At least 5 analysts merge 2 pull requests each"]
    assert "Stand up the platform" in {u.text for u in okrs.unplaced}


def test_numbered_glossed_objective_label_and_a_table_of_kr_labels() -> None:
    okrs = parse_text(
        "# Workshop 3: OKRs for the NOW column\n\n"
        "## 1. Objective (Mục tiêu định tính)\n\n"
        "**Help independent travellers turn a vague idea into a trip plan they trust**\n\n"
        "## 2. Key Results (Kết quả then chốt)\n\n"
        "| Key Result | Loại chỉ số | Nội dung |\n|---|---|---|\n"
        "| **KR1** | Leading | At least 100 users finish their first itinerary |\n"
        "| **KR2** | Lagging | 25 qualified leads with dates and budget |\n\n"
        "## 3. Is this set sensible?\n\n"
        "- KR1 tells us whether people get through the main flow\n",
        "lab.md")
    assert [o.text for o in okrs.objectives] == [
        "Help independent travellers turn a vague idea into a trip plan they trust"]
    assert _krs(okrs) == ["At least 100 users finish their first itinerary",
                          "25 qualified leads with dates and budget"]


def test_a_key_result_naming_the_following_list_keeps_it() -> None:
    okrs = parse_text(
        "## Objective: Grow a productive data team\n\n"
        "- Every engineer can build each of the following on their own\n"
        "  - an ingestion connector\n"
        "  - a dbt test\n"
        "- Run a camper trip with:\n"
        "  - a route\n",
        "team.md")
    first, second = okrs.objectives[0].key_results
    assert first.text == ("Every engineer can build each of the following on their own: "
                          "an ingestion connector, a dbt test")
    assert (second.text, second.initiatives) == ("Run a camper trip with:", ["a route"])


def test_fields_under_a_key_result_and_a_glossed_key_results_label() -> None:
    okrs = parse_text(
        "### OKR 1: Yeni arama mimarisi\n\n"
        "*   **Hedef (Objective):** Yeni arama altyapısını sorunsuz biçimde canlıya taşımak\n"
        "*   **Tip:** Takım\n\n"
        "*   **Anahtar Sonuçlar (Key Results):**\n"
        "    1.  **KR 1 (Hız):** Bir değişikliğin canlıya çıkma süresini %25 kısaltmak.\n"
        "        *   **KR Tipi:** Azalan\n"
        "        *   **Hedef:** 25% kısalma\n"
        "    2.  **KR 2 (İstikrar):** P0 hata sayısını 2'nin altında tutmak.\n",
        "okr.md")
    assert [o.text for o in okrs.objectives] == [
        "Yeni arama altyapısını sorunsuz biçimde canlıya taşımak"]
    assert _krs(okrs) == ["Bir değişikliğin canlıya çıkma süresini %25 kısaltmak.",
                          "P0 hata sayısını 2'nin altında tutmak."]
    assert "Tip: Takım" in {u.text for u in okrs.unplaced}


def test_group_names_and_measure_lines_under_key_results() -> None:
    okrs = parse_text(
        "## 1) Be a steady, present parent\n\n"
        "### Key Results\n\n"
        "**Time with the kids**\n"
        "- Do the school pickup and keep the afternoon free\n"
        "- Measure: pickups per month\n\n"
        "**Dutch and school readiness**\n"
        "- Keep average Dutch test results at ≥ 80% of points\n"
        "- Measure: test scores\n\n"
        "## Agent map\n\n"
        "| OKR | Main agent |\n|---|---|\n| 1 — school / Dutch | School agent |\n",
        "personal.md")
    assert len(okrs.objectives) == 1
    assert _krs(okrs) == ["Do the school pickup and keep the afternoon free",
                          "Keep average Dutch test results at ≥ 80% of points"]
    unplaced = {u.text: u.reason for u in okrs.unplaced}
    assert unplaced["Time with the kids"] == "group label"
    assert unplaced["pickups per month"] == "measure of the Key Result above"


def test_a_scoreboard_table_repeats_the_objectives_it_scores() -> None:
    okrs = parse_text(
        "## O1: Play Store ready\n\n- Android build installs on 3 devices\n\n"
        "## O2: Programs that help\n\n- Program completion from 18% to 35%\n\n"
        "## Scoreboard\n\n"
        "| Objective | Done | Total |\n|---|---|---|\n"
        "| O1: Play Store ready | 1 | 4 |\n| O2: Programs | 1 | 4 |\n",
        "plan.md")
    assert [o.text for o in okrs.objectives] == ["Play Store ready", "Programs that help"]


def test_priority_ranked_key_results_with_scores_below() -> None:
    okrs = parse_text(
        "## Objective: Close out the notifications guide\n\n"
        "P0: Lock down the topics for lab result events\n"
        "* Score: 0.7 (the spec keeps moving)\n\n"
        "P2: Write a tutorial on building a robust client,\n"
        "    covering gaps and duplicate deliveries.\n"
        "* Score: 0.4\n",
        "okrs.md")
    assert [(kr.text, kr.status) for kr in okrs.objectives[0].key_results] == [
        ("Lock down the topics for lab result events", "0.7 (the spec keeps moving)"),
        ("Write a tutorial on building a robust client, covering gaps and duplicate "
         "deliveries.", "0.4")]
    okrs = parse_text(
        "## Health apps get notified instead of polling\n"
        "* P0-AR: Backport guide is published\n"
        "    * P0-AR: Publication request signed off\n"
        "* P1-TK: Reference server is current with R5\n",
        "okrs.md")
    assert [(kr.text, kr.owner, kr.initiatives) for kr in okrs.objectives[0].key_results] == [
        ("Backport guide is published", "AR", ["P0-AR: Publication request signed off"]),
        ("Reference server is current with R5", "TK", [])]


def test_objectives_numbered_in_words_and_properties_links_and_placeholders() -> None:
    okrs = parse_text(
        "Objective One:\nBring the community together around one shared vision\n\n"
        "Objective Two: Reach people beyond the desktop\n\n"
        "### OKR: Be the data platform\n\n"
        "- Scope: Company-Wide\n"
        "- Objective: **Let people run more of their data stack on us**\n"
        "- Timeframe: By 2022-07-31\n"
        "- Key Results:\n"
        "  - [KR: Grow usage of orchestrator plugins](https://example.org/issues/220)\n"
        "  - Coming soon, discussion [tracked here](https://example.org/issues/232).\n"
        "  - Talks: TBD\n",
        "plan.md")
    assert [o.text for o in okrs.objectives] == [
        "Bring the community together around one shared vision",
        "Reach people beyond the desktop", "Let people run more of their data stack on us"]
    assert _krs(okrs) == ["Grow usage of orchestrator plugins"]
    reasons = {u.text: u.reason for u in okrs.unplaced}
    assert reasons["Scope: Company-Wide"] == "field"
    assert reasons["Talks: TBD"] == "placeholder"


def test_items_that_talk_about_the_okrs_are_not_key_results() -> None:
    okrs = parse_text(
        "## Objective: Docs people can rely on\n\n"
        "- 90% of pages reviewed in the last year\n"
        "- O3 has 4 KRs and 2 of them are survey response rates\n"
        "- Hitting 70% of a Key Result is a good outcome\n"
        "- Every principle (100%) has at least 4 learning objectives\n",
        "okrs.md")
    assert _krs(okrs) == ["90% of pages reviewed in the last year",
                          "Every principle (100%) has at least 4 learning objectives"]
    assert "about the OKRs, not one" in {u.reason for u in okrs.unplaced}


def test_an_issue_whose_title_is_the_objective_ranks_its_key_results() -> None:
    okrs = parse_text(
        "# Make the scan-to-decision journey help people pick better food #512\n\n"
        "### Who for\n- New users\n\n"
        "### What\n#### P0\n"
        "- [x] Product page opens in under 1.5 s after a scan #520\n"
        "#### P1\n"
        "- [ ] Raise store rating from 3.9 to 4.4 #540\n\n"
        "### Part of\n- https://example.org/issues/20\n",
        "epic.md")
    assert [o.text for o in okrs.objectives] == [
        "Make the scan-to-decision journey help people pick better food #512"]
    assert len(okrs.objectives[0].key_results) == 2


def test_a_priority_column_is_not_the_objective() -> None:
    okrs = parse_text(
        "## Objective: Rust IPLD is a solid, usable stack\n\n"
        "| Key Result | Assignee | Priority | Final Score |\n|---|---|---|---|\n"
        "| Cover what two nodes need from IPLD | @omar-h | ![p0](https://x.org/p0.svg) | .3 |\n",
        "okrs.md")
    assert [o.text for o in okrs.objectives] == ["Rust IPLD is a solid, usable stack"]
    assert _krs(okrs) == ["Cover what two nodes need from IPLD"]


def test_template_prompts_announce_measures_or_work_and_okr_labels_an_objective() -> None:
    okrs = parse_text(
        "### Strategy 1: Token utility\n\n"
        "**1. Which goals does the strategy look to drive progress in?**\n"
        "Tokenize value (Goal 3): the token reflects the ecosystem's value.\n\n"
        "**2. Which metrics and KPIs could initiatives under this strategy be measured "
        "against?**\n"
        "- Participation rate in each token utility\n\n"
        "**4. What are some example initiatives that would fall under this strategy**\n"
        "- Tokenomics research sprints\n",
        "sep.md")
    assert _krs(okrs) == ["Participation rate in each token utility"]
    html = parse_text(
        "<h3><a href='/n'>Navigators in Every Neighborhood</a></h3>\n"
        "<p>OKR: Grow place-based digital navigation so residents get help close to home.</p>\n"
        "<p>Key Result: Certify 30 new Digital Navigators.</p>\n",
        "okrs.html")
    assert [o.text for o in html.objectives] == [
        "Grow place-based digital navigation so residents get help close to home."]
    assert _krs(html) == ["Certify 30 new Digital Navigators."]


def test_a_named_kr_label_heading_over_its_statement_and_an_old_roadmap() -> None:
    okrs = parse_text(
        "## Objective\n\nBe the AI speaking partner that makes students fluent.\n\n"
        "## KR1 — Leading Metric\n\n"
        "### ≥ 60% of users repeat the answer after pronunciation feedback\n\n"
        "- Measures real learning behaviour\n\n"
        "## Old roadmap\n\n- Events show up in the app within 3 seconds p99\n",
        "okr.md")
    assert [o.text for o in okrs.objectives] == [
        "Be the AI speaking partner that makes students fluent."]
    first, = okrs.objectives[0].key_results
    assert first.text == "≥ 60% of users repeat the answer after pronunciation feedback"
    assert first.initiatives == ["Measures real learning behaviour"]


def test_an_issue_export_typed_by_its_labels_column() -> None:
    okrs = parse_text(
        "number,title,labels,state\n"
        '7301,"OKR-O-612 Get the most value out of the spring hackathon","okr-o,Stale",closed\n'
        '7302,"OKR-O-612/OKR-KR-613 Run 6 office-hour sessions for teams","okr-kr",closed\n'
        '7303,"OKR-KR-619 - Raise testnet deploys from 35% to 60%","okr-kr,Stale",open\n',
        "issues.csv")
    assert [o.text for o in okrs.objectives] == ["Get the most value out of the spring hackathon"]
    assert _krs(okrs) == ["Run 6 office-hour sessions for teams",
                          "Raise testnet deploys from 35% to 60%"]


def test_a_plan_whose_goals_list_only_kpis_reads_them_as_key_results() -> None:
    text = ("# The Strategic Plan\n\n## STUDENTS: Growth and achievement for every student\n\n"
            "Key Performance Indicators\n\n"
            "  * Increase the percentage of kindergartners ready for school\n"
            "  * Increase the four-year cohort graduation rate\n")
    okrs = parse_text(text, "plan.md")
    assert _krs(okrs) == ["Increase the percentage of kindergartners ready for school",
                          "Increase the four-year cohort graduation rate"]
    # where the page has Key Results of its own, a KPI list beside them stays context
    okrs = parse_text("## Objective: Grow\n- Raise NPS from 30 to 40\n\n### KPIs\n- Uptime\n",
                      "okrs.md")
    assert _krs(okrs) == ["Raise NPS from 30 to 40"]


def test_numbered_parts_of_a_goal_are_key_results_unless_bullets_follow() -> None:
    okrs = parse_text(
        "## GOAL 2 - High quality workforce\n\n"
        "**2.1 Raise the quality and job satisfaction of our workforce.**\n\n"
        "Strategy 1 - Build a competitive compensation plan.\n\n"
        "**2.2 Increase and sustain high employee retention rates.**\n",
        "goal.md")
    assert _krs(okrs) == ["Raise the quality and job satisfaction of our workforce.",
                          "Increase and sustain high employee retention rates."]
    okrs = parse_text(
        "# Strategic Objective 6: Organizational development\n\n"
        "6.0 OpenMRS runs efficiently for the community and partners\n\n"
        "  • Operational plan for CY16 written and in use\n"
        "  • A budget that matches what we need to fund\n",
        "topic.md")
    part = okrs.objectives[-1]
    assert part.text == "OpenMRS runs efficiently for the community and partners"
    assert len(part.key_results) == 2


def test_key_results_of_an_objective_about_okrs_may_name_them() -> None:
    okrs = parse_text("## Objective: Make OKRs part of how every team works\n"
                      "- 100% of teams publish their OKRs by week 2\n"
                      "- Every team scores its KRs at the end of the quarter\n", "okrs.md")
    assert len(okrs.objectives[0].key_results) == 2
