"""Lists and the labels over them, as real pages write them (issue "Read OKR documents the way
real teams write them"): "Objectives" and "Goals" headings over two-level lists, period
headings with group labels, bold lines as headings, a second list after the KPIs, fields and
remarks beside a Key Result, a template's questions."""

from __future__ import annotations

from assistant.parse import parse_text
from tests.conftest import kr_texts


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
    assert kr_texts(okrs) == ["usage analytics in every SDK",
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
    assert kr_texts(okrs) == ["95% of insights answer in under 3 s"]
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
    assert kr_texts(okrs) == ["Increase the share of kindergartners ready for school",
                          "Increase the number of PreK classrooms", "Reduce chronic absenteeism"]
    assert "Open more early learning classrooms" in {u.text for u in okrs.unplaced}


def test_a_loose_list_under_a_label_stays_one_list() -> None:
    okrs = parse_text(
        "Objective: Grow the community\n\nKey results:\n\n"
        "- 40 new contributors\n\n- 12 meetups held\n\n- 3 new maintainers\n",
        "okrs.md")
    assert len(kr_texts(okrs)) == 3


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
    assert len(kr_texts(okrs)) == 3


def test_bold_prompts_under_a_heading_stay_its_parts() -> None:
    okrs = parse_text(
        "## Strategy 1: Foster the module ecosystem\n\n"
        "**1. Which goals does the strategy look to drive progress in?**\n\n"
        "Foster a vibrant ecosystem (Goal 1)\n\n"
        "**2. Which metrics could initiatives be measured against?**\n\n"
        "- Number of modules built by outside teams\n",
        "sep.md")
    assert [o.text for o in okrs.objectives] == ["Strategy 1: Foster the module ecosystem"]
    assert kr_texts(okrs) == ["Number of modules built by outside teams"]


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
    assert kr_texts(okrs) == ["2 teams building on the SDK",
                          "Stretch: 4 developers building on the SDK"]


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
    assert kr_texts(okrs) == ["40 new publishers"]
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
    assert kr_texts(okrs) == ["Cut downtime logged as unknown by 25%",
                          "Shift leads reach every core KPI without the analyst"]
    assert ("week by week after launch", "continues the item above") in {
        (u.text, u.reason) for u in okrs.unplaced}


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


def test_kpi_lists_are_the_key_results_of_an_objective_that_has_no_other() -> None:
    okrs = parse_text(
        "**Goal:** speed up adoption and grow a self-organising ambassador community.\n\n"
        "We track the program against four KPIs:\n\n"
        "* Reach (# of impressions generated)\n"
        "* Effect on protocol usage (# of tx)\n",
        "proposal.md")
    assert kr_texts(okrs) == ["Reach (# of impressions generated)",
                          "Effect on protocol usage (# of tx)"]
    # beside real Key Results, KPIs stay health metrics
    okrs = parse_text("## Objective: Grow adoption\n- Raise weekly users from 2k to 3k\n\n"
                      "KPIs:\n- Uptime\n", "okrs.md")
    assert kr_texts(okrs) == ["Raise weekly users from 2k to 3k"]


def test_list_items_hard_wrapped_mid_sentence_are_one_statement() -> None:
    # Text wrapped at 72 columns, as e-mails and some editors keep it: an item's line cut
    # mid-sentence goes on on the next, indented or not, whatever its first letter
    okrs = parse_text(
        "## OKR: Be the platform\n\n"
        "- Objective: **Move past ingestion and deliver what the product can do,\n"
        "  how people see it**: users let us run more of their stack.\n"
        "- Key Results:\n"
        "  - 6 widely used wallets make our network a default\n"
        "  by end of year 2\n"
        "  - 3 consumer apps with 1M+ MAU each run transactions on\n"
        "  Arbitrum in the background\n"
        "  - Onboard 2,000 new wallets.\n"
        "  Baseline comes from the Q3 export\n\n"
        "## OKR: Keep the lights on\n\n"
        "- Objective: Pay for what we run\n"
        "- Key Results:\n"
        "  - Donations cover hosting.\n",
        "plan.md")
    assert [o.text for o in okrs.objectives] == [
        "Move past ingestion and deliver what the product can do, how people see it: users "
        "let us run more of their stack.", "Pay for what we run"]
    assert kr_texts(okrs)[:2] == [
        "6 widely used wallets make our network a default by end of year 2",
        "3 consumer apps with 1M+ MAU each run transactions on Arbitrum in the background"]
    # an indented second sentence is the KR's own
    assert kr_texts(okrs)[2:] == ["Onboard 2,000 new wallets. Baseline comes from the Q3 export",
                                  "Donations cover hosting."]


def test_a_heading_that_names_a_period_and_more_heads_its_list() -> None:
    okrs = parse_text(
        "# Update OKR tracking #39\n\n"
        "Five weeks left in the quarter, so let us track these properly.\n\n"
        "# Q4 2020 development milestones:\n"
        "- [ ] First API deployed and live -> #44\n"
        "- [ ] Pre-alpha release out -> #43\n",
        "issue.md")
    assert [o.text for o in okrs.objectives] == ["Q4 2020 development milestones:"]
    assert len(kr_texts(okrs)) == 2
