"""How real pages lay their OKRs out, each layout once misread (issue "Read OKR documents the
way real teams write them"): labelled objectives among other headings, Key Result labels with
the statement below or beside them, priorities, fields and placeholders, review fences,
summaries, template prompts and plans that list only KPIs. Lists and labels:
``test_real_lists``; pages pasted or exported from elsewhere: ``test_real_exports``."""

from __future__ import annotations

from assistant.parse import parse_text
from tests.conftest import kr_texts


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
    assert kr_texts(okrs) == ["Android build installs on 3 devices with zero crashes",
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
    assert kr_texts(okrs) == ["At least 100 users finish their first itinerary",
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
    assert kr_texts(okrs) == ["Bir değişikliğin canlıya çıkma süresini %25 kısaltmak.",
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
    assert kr_texts(okrs) == ["Do the school pickup and keep the afternoon free",
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
    assert kr_texts(okrs) == ["Grow usage of orchestrator plugins"]
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
    assert kr_texts(okrs) == ["90% of pages reviewed in the last year",
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
    assert kr_texts(okrs) == ["Cover what two nodes need from IPLD"]


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
    assert kr_texts(okrs) == ["Participation rate in each token utility"]
    html = parse_text(
        "<h3><a href='/n'>Navigators in Every Neighborhood</a></h3>\n"
        "<p>OKR: Grow place-based digital navigation so residents get help close to home.</p>\n"
        "<p>Key Result: Certify 30 new Digital Navigators.</p>\n",
        "okrs.html")
    assert [o.text for o in html.objectives] == [
        "Grow place-based digital navigation so residents get help close to home."]
    assert kr_texts(html) == ["Certify 30 new Digital Navigators."]


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
    assert kr_texts(okrs) == ["Run 6 office-hour sessions for teams",
                          "Raise testnet deploys from 35% to 60%"]


def test_a_plan_whose_goals_list_only_kpis_reads_them_as_key_results() -> None:
    text = ("# The Strategic Plan\n\n## STUDENTS: Growth and achievement for every student\n\n"
            "Key Performance Indicators\n\n"
            "  * Increase the percentage of kindergartners ready for school\n"
            "  * Increase the four-year cohort graduation rate\n")
    okrs = parse_text(text, "plan.md")
    assert kr_texts(okrs) == ["Increase the percentage of kindergartners ready for school",
                          "Increase the four-year cohort graduation rate"]
    # where the page has Key Results of its own, a KPI list beside them stays context
    okrs = parse_text("## Objective: Grow\n- Raise NPS from 30 to 40\n\n### KPIs\n- Uptime\n",
                      "okrs.md")
    assert kr_texts(okrs) == ["Raise NPS from 30 to 40"]


def test_numbered_parts_of_a_goal_are_key_results_unless_bullets_follow() -> None:
    okrs = parse_text(
        "## GOAL 2 - High quality workforce\n\n"
        "**2.1 Raise the quality and job satisfaction of our workforce.**\n\n"
        "Strategy 1 - Build a competitive compensation plan.\n\n"
        "**2.2 Increase and sustain high employee retention rates.**\n",
        "goal.md")
    assert kr_texts(okrs) == ["Raise the quality and job satisfaction of our workforce.",
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


def test_a_link_in_a_statement_reads_as_its_words() -> None:
    okrs = parse_text(
        "## Core components\n\n"
        "- Ship v5 stable before the end of the year\n"
        "- Execute on all the items of the [public roadmap](https://example.org/projects/25)\n",
        "roadmap.md")
    kr = okrs.objectives[0].key_results[1]
    assert kr.text == "Execute on all the items of the public roadmap"
    assert kr.parsed is not None and kr.parsed.target is None  # not "25" from the address


def test_a_primer_and_the_pages_own_lists_are_not_the_set() -> None:
    okrs = parse_text(
        "# Project OKRs\n\n"
        "## What are OKRs?\n\n"
        "- **Objective**: where we want to go, in words that excite the team\n"
        "- **Key Results**: measurable results that show we are getting there\n\n"
        "## Maintainers\n\n- @dana-k\n- @priya-s\n\n"
        "## Objective 1: Become the service people trust\n\n"
        "- KR1: Satisfaction after a repair from 81% to 92%\n\n"
        "## Metric sources\n\n- [Analytics](https://example.org/dash)\n\n"
        "## Self-evaluation\n\n- Every KR has a formula and a target number\n\n"
        "## What OKRs are not\n\n- Tied to your salary. Missing one is fine.\n"
        "- A way to micromanage.\n\n"
        "## OKR lifecycle\n\n- Proposed in a discussion\n- Graded every quarter\n\n"
        "## A good key result is\n\n- Measurable -- a number, not a feeling\n"
        "- Owned -- one person answers for it\n",
        "okr.md")
    assert [o.text for o in okrs.objectives] == ["Become the service people trust"]
    assert kr_texts(okrs) == ["Satisfaction after a repair from 81% to 92%"]


def test_labels_in_the_teams_language_on_their_own_lines() -> None:
    # A budget annex pasted from PDF: "OBJECTIF" and "INDICATEUR" alone, the statement after
    # a blank line; a flattened table's years one a line are not period headings
    okrs = parse_text(
        "OBJECTIF\n\n1 – Faire naître des services numériques utiles\n\n"
        "INDICATEUR\n\n1.1 – Nombre de services publics numériques nationaux\n\n"
        "Unité\n\n2022\n\n2023\n\n2024\n\nNb\n\n5\n\n7\n\n8\n",
        "pap.txt")
    assert len(okrs.objectives) == 1 and okrs.objectives[0].text.endswith("numériques utiles")
    assert len(kr_texts(okrs)) == 1 and kr_texts(okrs)[0].endswith("numériques nationaux")
    spanish = parse_text("## Objetivo\nTener el MVP funcionando.\n\n## Resultados Clave\n"
                         "- KR1: MVP listo en 5 semanas\n- KR2: 2 pilotos activos\n", "okr.md")
    assert [o.text for o in spanish.objectives] == ["Tener el MVP funcionando."]
    assert kr_texts(spanish) == ["MVP listo en 5 semanas", "2 pilotos activos"]


def test_a_table_of_objectives_whose_cell_runs_coded_indicators_together() -> None:
    okrs = parse_text(
        "# Caderno de indicadores\n\n## SUMÁRIO\n\n- Apresentação\n- Anexos\n\n"
        "## Matriz de objetivos e indicadores\n\n"
        "| OE | Objetivo Estratégico | Indicadores Propostos |\n|---|---|---|\n"
        "| **OE.01** | Reforçar a prevenção de incêndios | IE-01.01: Percentual de normas "
        "revisadas;  IE-01.02: Vistorias represadas; **IT-01.03: Entrega do manual** |\n",
        "caderno.md")
    assert [o.text for o in okrs.objectives] == ["Reforçar a prevenção de incêndios"]
    assert kr_texts(okrs) == ["Percentual de normas revisadas", "Vistorias represadas",
                              "Entrega do manual"]


def test_labels_with_a_full_width_colon_and_bare_o_and_kr_headings() -> None:
    chinese = parse_text(
        "### 第一季度\n\nQ1 OKR：\n\n"
        "- [x] 拉起官网的核心维护小组\n  - [x] 写出小组的运作方案\n  - [x] 至少两位长期维护的伙伴\n"
        "- [ ] 让需求从社区里长出来\n  - [ ] 开一个功能许愿分区\n\n"
        "O2：把小册子升级成正式产品\nKR1：付费读者从 40 到 120\n",
        "okr.md")
    assert [o.text for o in chinese.objectives] == [
        "拉起官网的核心维护小组", "让需求从社区里长出来", "把小册子升级成正式产品"]
    assert kr_texts(chinese)[-1] == "付费读者从 40 到 120"
    japanese = parse_text("# 2023 3月 OKR\n\n## 目的\n- スキルを見える化する\n\n"
                          "## O\n- Webアプリの基礎を身につける\n## KR\n- 週3本の技術メモを公開\n"
                          "- 個人開発のWebアプリを1つ公開\n", "okr.md")
    assert [o.text for o in japanese.objectives] == ["Webアプリの基礎を身につける"]
    assert kr_texts(japanese) == ["週3本の技術メモを公開", "個人開発のWebアプリを1つ公開"]
