"""Markdown and plain-text documents, including the messy shapes real teams write."""

from __future__ import annotations

import random
import re

import pytest

from assistant.parse import InputError, lines, parse_text


def test_headings_bullets_and_title() -> None:
    okrs = parse_text(
        "# Growth team — Q3 2027\n\n"
        "## Objective: Make onboarding effortless\n"
        "- Raise activation from 40% to 55%\n"
        "- Cut time to first value from 12 to 6 minutes\n\n"
        "## Objective 2 - Turn trials into customers\n"
        "1. Raise trial-to-paid from 8% to 12%\n"
        "2) Grow self-serve MRR from $80k to $120k\n"
    )
    assert (okrs.team, okrs.cycle) == ("Growth team", "Q3 2027")
    assert [o.text for o in okrs.objectives] == ["Make onboarding effortless",
                                                 "Turn trials into customers"]
    assert [o.line for o in okrs.objectives] == [3, 7]
    assert [len(o.key_results) for o in okrs.objectives] == [2, 2]
    assert okrs.objectives[1].key_results[1].line == 9


@pytest.mark.parametrize(
    "label",
    ["KR1: ", "KR 2 - ", "Key Result 2 – ", "key result: ", "**KR3:** ", "KR1.2) ", "KR 104: "],
)
def test_kr_labels(label: str) -> None:
    okrs = parse_text(f"Objective: Delight new users\n{label}Raise NPS from 31 to 45\n")
    assert okrs.objectives[0].key_results[0].text == "Raise NPS from 31 to 45"


@pytest.mark.parametrize(
    "line",
    ["Objective: Delight new users", "**Objective 1:** Delight new users",
     "O1 - Delight new users", "### O2: Delight new users", "- Objective: Delight new users",
     "## Objective 101: Delight new users"],  # big generated files number past 99
)
def test_objective_labels(line: str) -> None:
    okrs = parse_text(f"{line}\n  - KR1: Raise NPS from 31 to 45\n")
    assert okrs.objectives[0].text == "Delight new users"
    assert len(okrs.objectives[0].key_results) == 1


def test_initiatives_status_and_checkboxes() -> None:
    okrs = parse_text(
        "## Objective: Make support effortless\n"
        "- [x] Cut first response from 9 h to 2 h => done\n"
        "  - hire two weekend agents\n"
        "  - macros for the top 20 questions\n"
        "- Raise CSAT from 82% to 90% ✅\n"
    )
    first, second = okrs.objectives[0].key_results
    assert first.text == "Cut first response from 9 h to 2 h"
    assert first.status == "done"
    assert first.initiatives == ["hire two weekend agents", "macros for the top 20 questions"]
    assert second.text == "Raise CSAT from 82% to 90%"
    assert second.status == "✅"


def test_unplaced_lines_are_reported_not_dropped() -> None:
    okrs = parse_text(
        "# Platform — Q1 2027\n"
        "Some context about the quarter.\n"
        "## Objective: Make deploys boring\n"
        "- Cut failed deploys from 9% to 3%\n"
        "## Notes\n"
    )
    reasons = {(u.line, u.reason) for u in okrs.unplaced}
    assert (2, "text outside any list") in reasons
    assert (5, "section, not an objective") in reasons
    assert [o.text for o in okrs.objectives] == ["Make deploys boring"]


def test_unlabelled_headings_with_bullets_are_objectives() -> None:
    okrs = parse_text("# Sales H2 2027\n## Win the mid-market\n- Grow win rate from 18% to 25%\n")
    assert okrs.objectives[0].text == "Win the mid-market"
    assert okrs.cycle == "H2 2027"


def test_inline_suppression_is_read() -> None:
    okrs = parse_text("## Objective: X\n- Raise NPS to 45 <!-- okr: ignore K203, K205 -->\n")
    kr = okrs.objectives[0].key_results[0]
    assert kr.text == "Raise NPS to 45"
    assert kr.ignore == ["K203", "K205"]


def test_code_fences_are_skipped() -> None:
    okrs = parse_text("## Objective: A\n- Raise X from 1 to 2\n```\n- not a KR\n```\n")
    assert len(okrs.objectives[0].key_results) == 1


def test_only_headings_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no objectives found"):
        parse_text("# Title\n## Section\n### Another\n")


def test_overlong_line_is_an_input_error() -> None:
    with pytest.raises(InputError, match="line 2 is 5,000 characters"):
        parse_text("## Objective: A\n- " + "x" * 4998 + "\n")


@pytest.mark.parametrize("line", [
    "# T", "## Objective 1: Make work effortless", "##Objective", "### Title ###", "#",
    "######", "####### seven", "#hashtag", "## a # #", "## a##  ", "## \u00a0spaced\u00a0 ##",
    "# Growth — Q3 2027 #  ", "##\t\tTabbed", "## C# and F#", "## # ",
])
def test_headings_read_as_the_heading_pattern_reads_them(line: str) -> None:
    # lines.heading_of writes out ^(#{1,6})\s*(.*?)\s*#*\s*$ for speed; it must not differ.
    m = re.match(r"^(#{1,6})\s*(.*?)\s*#*\s*$", line)
    assert m is not None
    assert lines.heading_of(line) == (len(m.group(1)), m.group(2))


def test_headings_agree_with_the_pattern_on_random_lines() -> None:
    rng = random.Random(3)
    for _ in range(5000):
        line = "#" + "".join(rng.choice("#  a\t\u00a0.") for _ in range(rng.randint(0, 12)))
        m = re.match(r"^(#{1,6})\s*(.*?)\s*#*\s*$", line)
        assert m is not None
        assert lines.heading_of(line) == (len(m.group(1)), m.group(2)), repr(line)
