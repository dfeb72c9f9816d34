"""Pages pasted or exported from elsewhere (issue "Read OKR documents the way real teams
write them"): HTML lists, CSV cells with several KPIs, tables cut into lines, PDF text with
capitals for headings, a council's report card; and the last readings before the reader
refuses a page (its outline, its headings over short lines)."""

from __future__ import annotations

import pytest

from assistant.parse import parse_text
from assistant.parse.errors import InputError
from tests.conftest import kr_texts


def test_html_list_items_whose_text_is_a_paragraph() -> None:
    okrs = parse_text(
        "<h1>GOAL 2 - A committed workforce</h1>\n"
        "<h2>OBJECTIVES</h2>\n"
        "<p><strong>2.1 Keep more of our staff.</strong></p>\n"
        "<ul>\n<li>\n<p>Strategy 1 - Review the retention incentives.</p>\n</li>\n"
        "<li><p>Strategy 2 - Recognise great employees each year.</p></li>\n</ul>\n",
        "goal.html")
    assert "Keep more of our staff." in [o.text for o in okrs.objectives]
    assert len(kr_texts(okrs)) == 2
    assert all("Strategy" not in u.text for u in okrs.unplaced)


def test_an_html_export_reads_as_the_markdown_it_was_rendered_from() -> None:
    # A page rendered to HTML and saved (an intranet or wiki export): a paragraph's source
    # lines ("OKR#1" over its objective), bold labels, a reply's quote and the rule between
    # posts mean what they mean in Markdown
    okrs = parse_text(
        "<html><body>\n<h1>City plan</h1>\n"
        "<p>OKR#1\nMake City services easier to reach.</p>\n"
        "<ol>\n<li>Positive service ratings from 68% to 78%</li>\n"
        "<li>80% positive ratings on service quality</li>\n</ol>\n"
        "<h2>Objective 2. Grow our brand</h2>\n"
        "<blockquote>\n<p><strong>KR 2.1:</strong> Post once a week from June\n"
        "<strong>KR 2.2:</strong> Newsletter subscribers from 1,100 to 1,600</p>\n"
        "</blockquote>\n<hr>\n"
        "<p><strong>reviewer</strong> replied</p>\n"
        "<p>These look fine to me.</p>\n</body></html>\n",
        "plan.html")
    assert [o.text for o in okrs.objectives] == ["Make City services easier to reach.",
                                                  "Grow our brand"]
    assert kr_texts(okrs) == ["Positive service ratings from 68% to 78%",
                              "80% positive ratings on service quality",
                              "Post once a week from June",
                              "Newsletter subscribers from 1,100 to 1,600"]


def test_a_metric_table_whose_goal_column_holds_numbers() -> None:
    okrs = parse_text(
        "## 1. Make attribution better\n\n"
        "### Metrics\n\n"
        "| Metric | Goal | Q1 | Q2 |\n|---|---|---|---|\n"
        "| Our own attribution rating | 8/10 | - | |\n"
        "| Partner attribution rating | 6/10 | - | |\n",
        "okrs.md")
    assert [o.text for o in okrs.objectives] == ["Make attribution better"]
    assert kr_texts(okrs) == ["Our own attribution rating", "Partner attribution rating"]


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
    assert kr_texts(okrs) == [
        "Pre-K literacy benchmark attainment will increase from 58% to 70% by May 2023."]
    assert ("2019-2020: 61%", "interim target") in {(u.text, u.reason) for u in okrs.unplaced}
    # "Key Results for Objective #1:" is no objective label
    okrs = parse_text("Objective #1: Create the guild handbook\n\nKey Results for Objective #1:\n"
                      "- First draft published by week 3\n", "proposal.md")
    assert kr_texts(okrs) == ["First draft published by week 3"]


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
    assert kr_texts(okrs) == ["Support 180 new business starts through the programme.",
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
    assert kr_texts(okrs) == [
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


def test_a_page_pasted_as_plain_text_keeps_its_headings_without_their_marks() -> None:
    # Copied out of a word processor: the bullets survive, the heading marks do not. A short
    # line after a blank line with a list under it heads that list; a period's name alone
    # on its line is the cycle; a numbered item over a bulleted list heads the list
    okrs = parse_text(
        "Community plan\n\n"
        "We agreed these at the spring call, comments welcome below:\n\n"
        "2027\n\n"
        "Grow the contributor base\n\n"
        "- Monthly active contributors from 60 to 90\n"
        "- Publish a newcomer guide\n\n"
        "Make releases boring\n"
        "- Release-day incidents from 3 to 0\n\n"
        "3. Keep the lights on\n\n"
        "* Donations cover 100% of hosting\n",
        "plan.txt")
    assert okrs.cycle == "2027"
    assert [o.text for o in okrs.objectives] == [
        "Grow the contributor base", "Make releases boring", "Keep the lights on"]
    assert kr_texts(okrs) == ["Monthly active contributors from 60 to 90",
                              "Publish a newcomer guide", "Release-day incidents from 3 to 0",
                              "Donations cover 100% of hosting"]
    assert "We agreed these at the spring call, comments welcome below:" in {
        u.text for u in okrs.unplaced}


def test_unmarked_lines_stay_text_where_the_page_marks_its_headings() -> None:
    okrs = parse_text(
        "# Plan\n\n## Grow the base\n\n- Members from 40 to 60\n\n"
        "A note the author left\n- Ask the board about dues\n",
        "plan.md")
    assert [o.text for o in okrs.objectives] == ["Grow the base"]


def test_a_word_processor_paste_with_its_own_bullet_marks() -> None:
    # Google Docs and Word export lists with "●", "○" and "■" by level, indented by four
    okrs = parse_text(
        "Team OKRs Q3\n\n"
        "Grow the contributor base\n\n"
        "● Monthly active contributors from 60 to 90\n"
        "    ○ Run two onboarding calls a month\n"
        "● Median time to first review from 6 days to 2\n",
        "okrs.txt")
    assert [o.text for o in okrs.objectives] == ["Grow the contributor base"]
    assert kr_texts(okrs) == ["Monthly active contributors from 60 to 90",
                              "Median time to first review from 6 days to 2"]
    assert okrs.objectives[0].key_results[0].initiatives == ["Run two onboarding calls a month"]


def test_an_okr_tool_export_that_repeats_the_objective_on_every_row() -> None:
    # "<what> <field>" headers: the Key Result's ID, owner and numbers are not its text, and
    # an "Objective ID" beside the objective's own title is its id, not a link to another row
    okrs = parse_text(
        "Period Name,Objective ID,Objective Title,Objective Owner,Key Result ID,"
        "Key Result Title,Key Result Owner,Key Result Baseline,Key Result Target,"
        "Key Result Current,Key Result Progress (%)\n"
        "2026 P2,O1,Make new sites deploy themselves,Marek,KR1,Cut setup from 12 days to 3,"
        "Tech,12,3,9,25\n"
        "2026 P2,O1,Make new sites deploy themselves,Marek,KR2,Reach 90% right pipeline "
        "choices,Tech,,90,,0\n"
        "2026 P2,O2,Trust the audience numbers,Ana,KR1,Error under 5% on the benchmark,Tech,"
        "14%,5%,,0\n",
        "export.csv")
    assert [o.text for o in okrs.objectives] == ["Make new sites deploy themselves",
                                                  "Trust the audience numbers"]
    assert kr_texts(okrs) == ["Cut setup from 12 days to 3", "Reach 90% right pipeline choices",
                              "Error under 5% on the benchmark"]
    third = okrs.objectives[1].key_results[0]
    assert third.parsed is not None and third.parsed.baseline is not None
    assert third.parsed.baseline.value == 14
