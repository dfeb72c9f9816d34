"""Headings and label lines: whether one opens an objective, announces Key Results, names a
section or a group, or labels a Key Result whose statement follows.

The Markdown reader (``markdown``) hands every heading here, and every short label line
("Measured by:", "OBJECTIVE", "Risks:"); what they decide lands in the ``Document``'s state.
"""

from __future__ import annotations

from assistant.model import Unplaced
from assistant.parse.document import Document
from assistant.parse.lazy import lazy
from assistant.parse.lines import (
    BARE_KR_LABEL,
    KR_LABEL,
    KR_SECTION,
    OBJECTIVE_LABEL,
    OBJECTIVES_SECTION,
    OUTLINE_NUMBER,
    OWNER_BEFORE_LABEL,
    kr_label_end,
    label_end,
    lower_keeping_length,
    strip_symbols,
)
from assistant.parse.sections import section_key, section_kind
from assistant.parse.shapes import (
    COLUMN_HEADINGS,
    INTERIM_TARGET,
    MEASURE_LABEL,
    NAMED_GOAL_LABEL,
    OKR_LIST_LABEL,
)
from assistant.parse.titles import title_parts

# A label with nothing after it: "OKR#1", "Objective 2", "Goal 3:" (the text is on the next line)
BARE_LABEL = lazy(r"^(?:okr|objective|goal|o)\s?#?\s?(?:\d{1,2}|one|two|three|four|five|six|"
                  r"seven|eight|nine|ten)\s*[:.)]?\s*$")
# "#### P0", "### Must have": a rank over the Key Results that follow, not an objective
PRIORITY_GROUP = lazy(r"^(?:p[0-5]|priority \d|(?:must|should|could|nice to)[- ]haves?|"
                      r"(?:high|medium|low) priority)\s*:?$")
# Words that make a level-1 heading the page's title rather than an objective
OKR_WORDS = lazy(r"\b(?:okrs?|objectives?|goals?|key results?|plan|roadmap|strategy|"
                 r"priorities|targets)\b")


# "Q2 objectives", "2024 objectives", "Our objectives for Q3": a heading over objectives only
OBJECTIVES_FOR = lazy(r"^(?:(?:q[1-4]|h[12]|fy\s?\d{2,4}|20\d{2}|our|the|this quarter's|"
                      r"quarterly|annual|yearly)\s+){1,2}objectives(?: for (?:q[1-4]|h[12]|"
                      r"20\d{2}|this quarter|the quarter|the year)(?: 20\d{2})?)?$")


def is_bare_label(low: str) -> bool:
    """ "Objective", "OKR#1", "1. Objective (qualitative goal)": an objective's label whose
    text is on the next line."""
    if low.rstrip(" :") in ("objective", "goal", "objectif", "objetivo", "o") or \
            BARE_LABEL().match(low):
        return True
    numbered = OUTLINE_NUMBER().match(low)
    bare = low[numbered.end():] if numbered is not None else low
    if bare.endswith(")") and "(" in bare:  # the label glossed in the team's language
        bare = bare[:bare.rindex("(")]
    bare = bare.rstrip(" :")
    return bare != low and (bare in ("objective", "goal") or BARE_LABEL().match(bare) is not None)


def is_named_kr_label(low: str) -> bool:
    """ "kr1 — leading metric", "kr 2: quality": a KR's label with a kind's name, no
    statement (no number, three words at most)."""
    end = kr_label_end(low)
    rest = low[end:].strip() if end > 0 else ""
    return bool(rest) and any(c.isdigit() for c in low[:end]) and \
        len(rest.split()) <= 3 and not any(c.isdigit() for c in rest)



_ONE_MEASURE = frozenset({"measure", "metric", "indicator", "kpi", "performance measure",
                          "success measure", "indicateur", "indicador",
                          "performance indicator"})


def read_label(reader: Document, kind: str | None, content: str, low: str, number: int,
                indent: int) -> None:
    """A label line: "Measured by:" (its children are KRs), "Initiatives:" or "Risks:" (its
    children are not), or a bare "OBJECTIVE" whose text is on the next line."""
    if kind is None:
        reader.expect_objective = True
        reader.okrs.unplaced.append(Unplaced(number, content, "objective label"))
        return
    if kind == "krs":
        reader.end_section()
        reader.kr = None
        reader.kr_indent = -1
        if indent < 0 and low.rstrip(" :|") in _ONE_MEASURE and reader.objective is not None:
            # "Measure |" over one statement, then its status and a comment (a council's
            # report card): a label for the next line only
            reader.expect_kr = True
            reader.okrs.unplaced.append(Unplaced(number, content, "Key Result label"))
            return
        reader.kr_lines = True
        reader.label_items, reader.label_gap = 0, False
        return
    reader.start_section(kind, content, number, 7, indent)


def read_heading(reader: Document, level: int, content: str, number: int,
                  ignore: list[str]) -> None:
    if content and not content[0].isalnum():
        content = strip_symbols(content)
    if not content:
        return
    if reader.section and level <= reader.section_level:
        reader.end_section()
    if reader.objective_list and level <= reader.objective_list:
        reader.objective_list = 0
    if reader.expect_kr and reader.heading_level < level and not BARE_KR_LABEL.match(
            content.lower()):
        # "## KR1 — Leading metric" over "### ≥ 60% of users repeat the answer": the text
        reader.expect_kr = False
        reader.new_kr(content, number, -1, ignore)
        return
    reader.expect_objective = reader.expect_kr = False
    reader.kr_lines = False
    reader.heading_level, reader.heading_line = level, number
    numbered = OUTLINE_NUMBER().match(content)
    if numbered is not None and OBJECTIVE_LABEL.match(content[numbered.end():].lower()):
        content = content[numbered.end():]  # "2.1 Strategic Objective 1: ..."
    owner = OWNER_BEFORE_LABEL().match(content) if content[:1].isupper() else None
    if owner is not None and owner.group(1).lower() not in ("okr", "key", "objective"):
        content = content[owner.end():]  # "### PSR KR 1.1: ...": a project code or owner
    low = lower_keeping_length(content)
    if is_bare_label(low):
        read_label(reader, None, content, low, number, -1)  # "### Objective", text below
        return
    at = label_end(low, content)
    if at >= 0:
        reader.new_objective(content[at:].strip(), number, -1, ignore, level=level,
                             labelled=True)
        return
    if PRIORITY_GROUP().match(low) and reader.objective is not None:
        reader.kr = None  # "#### P0", "### Must have": the KRs below rank under the objective
        reader.kr_lines = True
        reader.okrs.unplaced.append(Unplaced(number, content, "priority group"))
        return
    if reader.objective is not None and (BARE_KR_LABEL.match(low) or is_named_kr_label(low)):
        reader.expect_kr = True  # "#### O1KR2", "## KR1 — Leading metric": the text is below
        reader.okrs.unplaced.append(Unplaced(number, content, "Key Result label"))
        return
    if OBJECTIVES_SECTION.match(low) or OBJECTIVES_FOR().match(section_key(content)) or \
            section_key(content) in ("goals", "our goals", "goals (v2)", "main goals"):
        # "#### Objectives", "## Q2 objectives" over a list: each top item is an objective,
        # the bullets nested under it its Key Results (the heading above was the page's
        # part, not an objective)
        if "objectives" in low or "goals" in low:  # ("## OKRs" is over anything)
            reader.objective_list = level
            reader.objective = None
            reader.kr = None
        return
    kind = section_kind(content, reader.kpis_are_krs)
    if kind == "okrs" and level > 1:
        return  # "## Objectives and key results": the set follows
    if kind == "krs" or KR_SECTION.match(low):
        reader.kr_section(level)
        return
    label = KR_LABEL.match(low)
    if label and content[label.end():].strip():
        reader.new_kr(content[label.end():].strip(), number, -1, ignore)
        return
    if level == 1 and not reader.seen_title:
        reader.seen_title = True
        reader.okrs.team, reader.okrs.cycle = title_parts(content)
        if reader.okrs.cycle is None and (len(low.split()) >= 5 or not OKR_WORDS().search(low)):
            # "# Make okr2go the easiest tracker to run" with KRs under it: some documents
            # give each objective a level-1 heading. It stays the title if nothing follows.
            reader.new_objective(content, number, -1, ignore, tentative=True, level=1)
            reader.title_objective = reader.objective
        return
    if kind is not None:
        reader.start_section(kind, content, number, level, -1)
        return
    if reader.section:  # a heading inside a section is part of it
        reader.okrs.unplaced.append(Unplaced(number, content, f"under {reader.section_title!r}"))
        return
    if reader.okrs.cycle is None and level <= 2 and not reader.pending:
        team, cycle = title_parts(content)
        if cycle and len(content) < 40 and (team is None or len(team.split()) <= 1):
            # "## Q3 2027", "## Growth Q3" above the objectives ("# Q4 2020 development
            # milestones:" over a list is that list's heading)
            reader.okrs.cycle = cycle
            reader.after_period = True
            return
    numbered = OUTLINE_NUMBER().match(content)
    if numbered is not None and content[numbered.end() - 2:numbered.end()].strip() in ".)":
        content = content[numbered.end():]  # "## 1. Make cred attribution better"
    reader.new_objective(content, number, -1, ignore, tentative=True, level=level)
    team, cycle = title_parts(content)
    if team is None and cycle is not None and len(cycle) + 1 >= len(content):
        reader.period_heading = reader.objective  # "## Q1": groups may name the objectives


def read_label_line(reader: Document, content: str, low: str, number: int) -> bool:
    """A line that is only a label, announcing what follows (an objective's text on the
    next line, a Key Result's, the Key Results or the objectives below) or naming a table's
    columns or a year's step: True when it was one, and the reader's state says so."""
    first = low[:1]
    if first == "o" and COLUMN_HEADINGS().match(low):
        # "Objectives - Media Committee Key Results Evaluation": a table's header row pasted
        # as a line (the rows below it are "objective 1. first KR" and "2. ...")
        reader.okrs.unplaced.append(Unplaced(number, content, "column headings"))
        return True
    if (first in "og" and len(low) < 24 and is_bare_label(low)) or (
            low[-1:] == ":" and len(low) < 48 and NAMED_GOAL_LABEL().match(low)):
        # "OBJECTIVE", "OKR#1", "Student Outcome Goal 1:": the text is on the line below
        read_label(reader, None, content, low, number, -1)
        return True
    if low[-1:] == ":" and len(low) < 64 and reader.objective is not None and \
            MEASURE_LABEL().match(low):
        # "Goal Progress Measure (GPM) 1.1:": a Key Result's label, its statement below
        reader.expect_kr = True
        reader.okrs.unplaced.append(Unplaced(number, content, "Key Result label"))
        return True
    if first.isdigit() and INTERIM_TARGET().match(low):
        # "2019-2020: 61%" under a measure: a year's milestone on the way, not a Key Result
        reader.okrs.unplaced.append(Unplaced(number, content, "interim target"))
        return True
    if len(low) < 24 and low[-1] == ":" and OKR_LIST_LABEL().match(low):
        # "Q1 OKR:", "OKRs:" over a two-level list: its top items are the objectives, the
        # items under them their Key Results (as under an "Objectives" heading)
        reader.objective_list = reader.heading_level + 1
        reader.objective = reader.kr = None
        reader.okrs.unplaced.append(Unplaced(number, content, "OKR list label"))
        return True
    if len(low) < 16 and ((first == "k" and KR_SECTION.match(low))
                          or (first == "o" and OBJECTIVES_SECTION.match(low))):
        reader.end_section()
        reader.kr = None  # its children are KRs, not initiatives of the KR above
        reader.kr_lines = first == "k"  # and so are the plain lines below "Key results"
        return True  # "Key Results:" or "Objectives" announcing what follows
    return False
