"""How real pages lay their OKRs out, each layout once misread (issue "Read OKR documents the
way real teams write them"): labelled objectives among other headings, Key Result labels with
the statement below or beside them, priorities, fields and placeholders, review fences,
summaries, template prompts and plans that list only KPIs."""

from __future__ import annotations

import pytest

from assistant.model import OKRSet
from assistant.parse import parse_text
from assistant.parse.errors import InputError


def _krs(okrs: OKRSet) -> list[str]:
    return [kr.text for o in okrs.objectives for kr in o.key_results]


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


def test_an_objectives_heading_over_a_two_level_list() -> None:
    okrs = parse_text(
        "# Roadmap 2026\n\n"
        "## 2026: the main lines\n\n"
        "#### Objectives\n\n"
        "- Know our users well enough to decide quickly\n"
        "  - usage analytics in every SDK\n"
        "  - the backlog ranked by what analytics show\n"
        "- Ship a first CMS integration\n\n"
        "#### Hiring\n\n"
        "- [ ] Hire two developers\n",
        "roadmap.md")
    # "#### Hiring" ends the list; a heading over a checklist, it is an objective as before
    assert [o.text for o in okrs.objectives] == [
        "Know our users well enough to decide quickly", "Ship a first CMS integration",
        "Hiring"]
    assert _krs(okrs) == ["usage analytics in every SDK",
                          "the backlog ranked by what analytics show", "Hire two developers"]
    assert "2026: the main lines" in {u.text for u in okrs.unplaced}


def test_group_labels_under_a_period_heading_and_notes_before_an_item() -> None:
    okrs = parse_text(
        "# Integrations roadmap\n\n"
        "## Q1\n\n"
        "CMS:\n"
        "- [x] Finish the Contentful plugin\n"
        "- [ ] _(WIP, moved to Q2)_ Write the Contentful tutorial\n\n"
        "Front-end\n"
        "- [ ] _(If the chance comes up)_ talk at the framework meetup\n\n"
        "Analytics:\n"
        "- [ ] Analytics in the remaining SDKs:\n"
        "  - [ ] JavaScript\n"
        "  - [x] Go\n",
        "roadmap.md")
    assert [o.text for o in okrs.objectives] == ["CMS", "Front-end", "Analytics"]
    cms, front, analytics = okrs.objectives
    assert [(kr.text, kr.status) for kr in cms.key_results] == [
        ("Finish the Contentful plugin", None),
        ("Write the Contentful tutorial", "WIP, moved to Q2")]
    assert [kr.text for kr in front.key_results] == [
        "(If the chance comes up) talk at the framework meetup"]  # a condition, not a note
    assert [kr.text for kr in analytics.key_results] == ["Analytics in the remaining SDKs:"]
    assert analytics.key_results[0].initiatives == ["JavaScript", "Go"]
    assert okrs.cycle == "Q1"  # the first period heading names the set's cycle


def test_html_list_items_whose_text_is_a_paragraph() -> None:
    okrs = parse_text(
        "<h1>GOAL 2 - A committed workforce</h1>\n"
        "<h2>OBJECTIVES</h2>\n"
        "<p><strong>2.1 Keep more of our staff.</strong></p>\n"
        "<ul>\n<li>\n<p>Strategy 1 - Review the retention incentives.</p>\n</li>\n"
        "<li><p>Strategy 2 - Recognise great employees each year.</p></li>\n</ul>\n",
        "goal.html")
    assert "Keep more of our staff." in [o.text for o in okrs.objectives]
    assert len(_krs(okrs)) == 2
    assert all("Strategy" not in u.text for u in okrs.unplaced)


def test_a_metric_table_whose_goal_column_holds_numbers() -> None:
    okrs = parse_text(
        "## 1. Make attribution better\n\n"
        "### Metrics\n\n"
        "| Metric | Goal | Q1 | Q2 |\n|---|---|---|---|\n"
        "| Our own attribution rating | 8/10 | - | |\n"
        "| Partner attribution rating | 6/10 | - | |\n",
        "okrs.md")
    assert [o.text for o in okrs.objectives] == ["Make attribution better"]
    assert _krs(okrs) == ["Our own attribution rating", "Partner attribution rating"]


def test_reasons_beside_objectives_and_ideas_for_how_are_not_key_results() -> None:
    okrs = parse_text(
        "- Objective: Get 70% of B2B customers to track their website too\n"
        "  - Why? More events means more revenue.\n"
        "- Objective: Make data exploration great\n"
        "  - Key results:\n"
        "    - 95% of insights answer in under 3 s\n\n"
        "### Ideas for how\n"
        "- Universal search\n\n"
        "### Later on\n"
        "- Bring the same power to the toolbar\n",
        "proposal.md")
    assert _krs(okrs) == ["95% of insights answer in under 3 s"]
    unplaced = {u.text for u in okrs.unplaced}
    assert {"Why? More events means more revenue.", "Universal search",
            "Bring the same power to the toolbar"} <= unplaced


def test_a_second_list_after_a_labelled_kpi_list_is_the_plan_not_key_results() -> None:
    okrs = parse_text(
        "## Students: growth for every learner\n\n"
        "Key Performance Indicators\n\n"
        "  * Increase the share of kindergartners ready for school\n"
        "  * Increase the number of PreK classrooms\n\n"
        "  * Build a partner network with local child care centres\n"
        "  * Open more early learning classrooms\n\n"
        "Key Performance Indicators\n\n"
        "  * Reduce chronic absenteeism\n",
        "plan.md")
    assert _krs(okrs) == ["Increase the share of kindergartners ready for school",
                          "Increase the number of PreK classrooms", "Reduce chronic absenteeism"]
    assert "Open more early learning classrooms" in {u.text for u in okrs.unplaced}


def test_a_loose_list_under_a_label_stays_one_list() -> None:
    okrs = parse_text(
        "Objective: Grow the community\n\nKey results:\n\n"
        "- 40 new contributors\n\n- 12 meetups held\n\n- 3 new maintainers\n",
        "okrs.md")
    assert len(_krs(okrs)) == 3


def test_bold_lines_over_bullets_are_objectives_where_no_heading_is_above() -> None:
    okrs = parse_text(
        "**ops-dana** commented on 7 May 2018\n\n"
        "Please comment below with the next OKRs.\n\n"
        "**Grow sponsor donations by 15%**\n"
        "- Grow new sponsors by 15%\n"
        "- Sign 3 corporate sponsors (we have 1 today)\n\n"
        "**Keep the platform healthy**\n"
        "- No more than 1 payment incident a month\n",
        "issue.md")
    assert [o.text for o in okrs.objectives] == ["Grow sponsor donations by 15%",
                                                 "Keep the platform healthy"]
    assert len(_krs(okrs)) == 3


def test_bold_prompts_under_a_heading_stay_its_parts() -> None:
    okrs = parse_text(
        "## Strategy 1: Foster the module ecosystem\n\n"
        "**1. Which goals does the strategy look to drive progress in?**\n\n"
        "Foster a vibrant ecosystem (Goal 1)\n\n"
        "**2. Which metrics could initiatives be measured against?**\n\n"
        "- Number of modules built by outside teams\n",
        "sep.md")
    assert [o.text for o in okrs.objectives] == ["Strategy 1: Foster the module ecosystem"]
    assert _krs(okrs) == ["Number of modules built by outside teams"]


def test_field_bullets_under_a_kr_heading_in_portuguese_with_a_stretch_goal() -> None:
    okrs = parse_text(
        "### **Objetivo 1: Colocar a plataforma no ar**\n\n"
        "#### **KR 1.1**: Disponibilidade ≥ 99.7% nos primeiros 45 dias\n"
        "- **Baseline**: 0% (sistema novo)\n"
        "- **Meta**: 99.7%\n"
        "- **Stretch Goal**: 99.9%\n"
        "- **Responsável**: Time de Infra\n",
        "okrs.md")
    assert [o.text for o in okrs.objectives] == ["Colocar a plataforma no ar"]
    kr = okrs.objectives[0].key_results[0]
    assert kr.text == "Disponibilidade ≥ 99.7% nos primeiros 45 dias"
    assert kr.owner == "Time de Infra"
    assert ("99.9%", "stretch target of the Key Result") in {
        (u.text, u.reason) for u in okrs.unplaced}
    # a sibling "Stretch:" bullet is a stretch Key Result, not a field
    okrs = parse_text("## Objective: Grow the SDK's users\n"
                      "- [ ] 2 teams building on the SDK\n"
                      "- [ ] Stretch: 4 developers building on the SDK\n", "issue.md")
    assert _krs(okrs) == ["2 teams building on the SDK",
                          "Stretch: 4 developers building on the SDK"]


def test_a_csv_of_projects_with_several_kpis_in_one_cell() -> None:
    okrs = parse_text(
        'Project Name,Project KPI,Reviewer\n'
        'Website,"Website KPIs/Milestones\nDelivery: number of pages completed\n'
        'Impact: 60% of members rate the new design better",dana\n'
        'Translation Station,Grow translated articles per month from ~12 to 20,priya\n',
        "kpis.csv")
    assert [o.text for o in okrs.objectives] == ["Website", "Translation Station"]
    website = okrs.objectives[0].key_results
    # (the cell's header line is not one; "Delivery:" may read as an owner prefix)
    assert [kr.line for kr in website] == [3, 4]
    assert website[0].text.endswith("number of pages completed")
    assert website[1].text.endswith("60% of members rate the new design better")


def test_numbered_objectives_under_a_cycle_objectives_heading_and_a_kpi_table_tracking_them(
        ) -> None:
    okrs = parse_text(
        "## Q2 objectives\n\n"
        "**1. Product growth** - We become the first index manager in DeFi.\n\n"
        "**2. Community autonomy** - The community runs more of itself.\n\n"
        "## Q2 KPIs\n\n"
        "| # | KPI | Start of Q2 | Q2 target | Tracks |\n|---|---|---|---|---|\n"
        "| 1 | Total value locked | $260M | $600M | Product growth |\n"
        "| 2 | Contributors paid monthly | 140 | 250 | Community autonomy |\n",
        "vision.md")
    assert [o.text.split(" - ")[0] for o in okrs.objectives] == [
        "Product growth", "Community autonomy"]
    assert [[kr.text for kr in o.key_results] for o in okrs.objectives] == [
        ["Total value locked"], ["Contributors paid monthly"]]


def test_a_grant_template_question_ends_the_key_results_above_it() -> None:
    okrs = parse_text(
        "**Objective 1 - Grow the publisher community**\n\n"
        "Key Results:\n\n"
        "* 40 new publishers\n\n"
        "**Which category best describes your project?**\n\n"
        "Outreach / community / spread awareness\n\n"
        "**Funding Requested:** 9,500 OCEAN\n\n"
        "**Team members**\n\n"
        "* Project lead - Dana (product, outreach)\n",
        "proposal.md")
    assert _krs(okrs) == ["40 new publishers"]
    unplaced = {u.text for u in okrs.unplaced}
    assert {"Outreach / community / spread awareness",
            "Project lead - Dana (product, outreach)"} <= unplaced


def test_wrapped_field_bullets_and_bold_kr_lines_that_end_in_kpi() -> None:
    okrs = parse_text(
        "## Objective 1: Make line performance visible\n\n"
        "### Key Results\n\n"
        "**KR2: Cut downtime logged as unknown by 25%**\n"
        "- How to measure: the downtime table, followed\n"
        "  week by week after launch\n"
        "- Note: this depends on operators changing habits, not on the dashboard\n"
        "  being right.\n\n"
        "**KR3: Shift leads reach every core KPI without the analyst**\n"
        "- Baseline: shift leads ask the analyst for extracts\n",
        "okrs.md")
    assert _krs(okrs) == ["Cut downtime logged as unknown by 25%",
                          "Shift leads reach every core KPI without the analyst"]
    assert ("week by week after launch", "continues the item above") in {
        (u.text, u.reason) for u in okrs.unplaced}


def test_a_plan_that_is_one_nested_list_reads_as_a_last_resort() -> None:
    okrs = parse_text(
        "# Strategic Map 2019\n\n"
        "Our vision rests on two pillars.\n\n"
        "- **We will create excellent library experiences:** welcoming spaces, online too.\n"
        "  - 2019-20 Sprints include:\n"
        "    - Draft a facilities master plan by summer 2019\n"
        "    - Extend hours at the main library to 24/5 during finals\n"
        "- **We will invest in our people:** support their growth.\n"
        "  - 2019-20 Sprints include:\n"
        "    - Launch a professional development fund open to all staff\n",
        "map.md")
    assert [o.text for o in okrs.objectives] == [
        "We will create excellent library experiences", "We will invest in our people"]
    assert [len(o.key_results) for o in okrs.objectives] == [2, 1]
    assert "2019-20 Sprints include:" in {u.text for u in okrs.unplaced}
    assert okrs.cycle == "2019"


def test_named_goal_and_measure_labels_with_statements_below_and_yearly_steps() -> None:
    okrs = parse_text(
        "Board Goals and Goal Progress Measures\n\n"
        "  • Student Outcome Goal 1:\n\n"
        "    Kindergarten readiness will increase from 41% to 56% by August 2023.\n\n"
        "    * 2017-2018: 41%\n    * 2018-2019: 44%\n\n"
        "    Goal Progress Measure (GPM) 1.1:\n\n"
        "    Pre-K literacy benchmark attainment will increase from 58% to 70% by May 2023.\n\n"
        "    * 2018-2019: 58%\n    * 2019-2020: 61%\n",
        "goals.txt")
    assert [o.text for o in okrs.objectives] == [
        "Kindergarten readiness will increase from 41% to 56% by August 2023."]
    assert _krs(okrs) == [
        "Pre-K literacy benchmark attainment will increase from 58% to 70% by May 2023."]
    assert ("2019-2020: 61%", "interim target") in {(u.text, u.reason) for u in okrs.unplaced}
    # "Key Results for Objective #1:" is no objective label
    okrs = parse_text("Objective #1: Create the guild handbook\n\nKey Results for Objective #1:\n"
                      "- First draft published by week 3\n", "proposal.md")
    assert _krs(okrs) == ["First draft published by week 3"]


def test_a_report_card_of_broken_one_cell_tables_under_measure_labels() -> None:
    okrs = parse_text(
        "## Objective: Make the borough a great place to visit\n\n"
        "Measure |\n"
        "Support 180 new business starts through the programme. |\n"
        "---|---|\n"
        "Status: Achieved\n"
        "|\n"
        "194 business plans were approved over the year, ahead of the target of 180.\n\n"
        "Measure |\n"
        "Welcome over 95,000 visitors to our attractions. |\n"
        "---|---|\n"
        "Status: Delayed but progressing\n"
        "|\n"
        "98,400 visitors came through our attractions.\n",
        "report.md")
    assert _krs(okrs) == ["Support 180 new business starts through the programme.",
                          "Welcome over 95,000 visitors to our attractions."]
    assert [kr.status for kr in okrs.objectives[0].key_results] == [
        "Achieved", "Delayed but progressing"]


def test_a_plan_pasted_from_a_pdf_with_caps_headings_and_measure_labels() -> None:
    okrs = parse_text(
        "Corporate Plan 2017–18 – Section 6: Performance\n\n"
        "CREATE A PLACE PEOPLE LOVE\n\n"
        "The home on the peninsula should be somewhere people come back to.\n\n"
        "ACTIVITY\n\n"
        "Welcome more people to the site Visitation to the Museum Measure\n"
        "Increase total visitation from 1.02 million to 1.2 million by 2020–21\n\n"
        "Target 2017–18 (PBS)\n1.07 million visits\n\n"
        "Y Y Y\n"
        "Visitor satisfaction Measure\n"
        "Percentage of surveyed visitors rating their visit as good or very good\n\n"
        "Y Y Y\n",
        "plan.txt")
    assert [o.text for o in okrs.objectives] == ["CREATE A PLACE PEOPLE LOVE"]
    assert _krs(okrs) == [
        "Increase total visitation from 1.02 million to 1.2 million by 2020–21",
        "Percentage of surveyed visitors rating their visit as good or very good"]


def test_table_rows_pasted_as_lines_with_the_first_kr_beside_the_objective() -> None:
    okrs = parse_text(
        "Objectives - DAO contracts Key Results Evaluation\n"
        "Deploy the DAO contracts 1. Moloch v3 contracts deployed on testnet\n"
        "2. Treasury multisig set up with 4 of 7 signers\n"
        "Objectives - Media Committee Key Results Evaluation\n"
        "Grow reach before the round 1. Newsletter page on the wiki: up and running\n"
        "2. Mastodon account >1k followers\n",
        "post.txt")
    assert [o.text for o in okrs.objectives] == ["Deploy the DAO contracts",
                                                 "Grow reach before the round"]
    assert [len(o.key_results) for o in okrs.objectives] == [2, 2]
    assert okrs.objectives[1].key_results[0].text == "Newsletter page on the wiki: up and running"


def test_a_goals_heading_over_numbered_bold_goals_with_bullets() -> None:
    okrs = parse_text(
        "# RRC-27: Trial run a Governance Working Group\n\n"
        "### Goals\n\n"
        "1. **Governance Participation**\n"
        "   - Bring in and hold on to 30 active voting delegates\n"
        "2. **Governance Operations**\n"
        "   - Onboarding post published and pinned by week 4\n"
        "   - Moderate the forum and resolve disputes within 7 days\n\n"
        "### Timeline\n\nMonths 1-3 after approval.\n",
        "rrc.md")
    assert [o.text for o in okrs.objectives] == ["Governance Participation",
                                                 "Governance Operations"]
    assert [len(o.key_results) for o in okrs.objectives] == [1, 2]


def test_headings_over_unbulleted_lines_read_as_a_last_resort() -> None:
    text = ("# Q2 - Priorities #1850\n\n**ops** commented on 24 Mar 2019\n\n"
            "### Open Collective Pro (top tier)\n\n"
            "Pro is a paid tier for individual users. First features:\n\n"
            "Invoices generated on demand\nInvoices sent by email\n"
            "Reach 150 Pro subscribers by end of June\n\n"
            "### Helping collectives with outreach\n\n"
            "outreach tooling (webhooks / zapier)\n"
            "Double the collectives showing the GitHub badge (about 400 today)\n\n"
            "---\n\n**tomas** commented on 26 Mar 2019\n\nI can take the page.\nWill share soon.\n")
    okrs = parse_text(text, "issue.md")
    assert [o.text for o in okrs.objectives] == ["Open Collective Pro (top tier)",
                                                 "Helping collectives with outreach"]
    assert [len(o.key_results) for o in okrs.objectives] == [3, 2]
    # the same layout with no number to hit anywhere stays "no objectives found"
    with pytest.raises(InputError, match="no objectives found"):
        parse_text("# Tracking\n\n### Steps\n\nReview the OKRs\nShare them\n\n"
                   "### Later\n\nAsk the team\nWrite it up\n", "notes.md")


def test_kpi_lists_are_the_key_results_of_an_objective_that_has_no_other() -> None:
    okrs = parse_text(
        "**Goal:** speed up adoption and grow a self-organising ambassador community.\n\n"
        "We track the program against four KPIs:\n\n"
        "* Reach (# of impressions generated)\n"
        "* Effect on protocol usage (# of tx)\n",
        "proposal.md")
    assert _krs(okrs) == ["Reach (# of impressions generated)",
                          "Effect on protocol usage (# of tx)"]
    # beside real Key Results, KPIs stay health metrics
    okrs = parse_text("## Objective: Grow adoption\n- Raise weekly users from 2k to 3k\n\n"
                      "KPIs:\n- Uptime\n", "okrs.md")
    assert _krs(okrs) == ["Raise weekly users from 2k to 3k"]
