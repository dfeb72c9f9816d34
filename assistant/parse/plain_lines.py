"""An unbulleted line of a Markdown or plain-text document: where it goes.

Bullets are the common case and ``markdown`` reads them; a line with no bullet is the
continuation of a Key Result, a label, a heading in all but name (a wiki's "[edit]" title, a
PDF's capitals), a table row pasted as a line, a Key Result under "Key results:", or text
the report lists as unplaced. Labelled lines ("KR1: ...", "Objective: ...") never reach here.
"""

from __future__ import annotations

from assistant.model import Unplaced
from assistant.parse.document import Document
from assistant.parse.groups import names_a_group
from assistant.parse.headings import read_heading
from assistant.parse.lines import OWNER_LINE
from assistant.parse.phrase import parse_kr
from assistant.parse.shapes import (
    BOLD_LABEL,
    COLLAPSED_ROW,
    LIST_NUMBER,
    NOTE_LABEL,
    SUB_NUMBER,
)


def read_plain_line(reader: Document, content: str, stripped: str, indent: int, number: int,
                    ignore: list[str], low: str) -> None:
    """``content`` (its marks cleaned; ``stripped`` as written), a line with no bullet."""
    if reader.kr is not None and reader.kr_end == number - 1 and not reader.section and (
            indent > 0 or (reader.kr.text[-1:] not in ".!?:)" and (
                content[0].islower() or (reader.item_end == number - 1 and
                                         content[-1] != ":" and len(content) < 120)))):
        # A line right under a KR's line continues it: indented, or a sentence that runs
        # on (Markdown's lazy continuation, as hard-wrapped text has it: a list item's line
        # cut mid-sentence goes on on the next, whatever its first letter)
        reader.kr.text += " " + content
        reader.kr.parsed = parse_kr(reader.kr.text)
        reader.kr_end = number
        if reader.item_end == number - 1:
            reader.item_end = number  # a list item's text runs on over several lines
        return
    if reader.kr is None and reader.objective is not None and \
            reader.objective_end == reader.item_end == number - 1 and \
            reader.objective.text[-1:] not in ".!?:)" and content[-1] != ":" and \
            len(content) < 120:
        # "- Objective: Move past EL(T) and deliver what" then "the product can do": a list
        # item's objective cut mid-sentence
        reader.objective.text += " " + content
        reader.objective_end = reader.item_end = number
        return
    if len(content) < 40 and reader.in_period() and names_a_group(content.rstrip(" :")):
        # "## Q1" then "CMS:" over a checklist: the group is that period's objective
        reader.new_objective(content.rstrip(" :"), number, -1, ignore, tentative=True)
        reader.group_labels.add(id(reader.objective))
        return
    if OWNER_LINE().match(content):
        reader.okrs.unplaced.append(Unplaced(number, content, "section or owner label"))
        return
    if reader.objective_list and content[:1].isdigit() and \
            (sub := SUB_NUMBER().match(content) or LIST_NUMBER().match(content)):
        # "2.1 Raise ...", "**1. Product growth** - ...": under "OBJECTIVES", a numbered
        # line is an objective, the bullets under it its Key Results
        reader.new_objective(content[sub.end():], number, -1, ignore)
        return
    if reader.objective is not None and content[:1].isdigit() and \
            (sub := SUB_NUMBER().match(content)) and not reader.kr_lines:
        # "2.1 Raise the quality of our workforce." under "Goal 2": a numbered part of
        # the objective above, its Key Result (the lines under it are its strategies)
        reader.new_kr(content[sub.end():], number, -1, ignore)
        reader.kr_unlabelled = True
        reader.numbered_part = reader.kr  # an objective after all if bullets follow it
        return
    if content.endswith("[edit]"):  # a wiki page's section title, pasted as text
        read_heading(reader, 2, content[:-6].strip(), number, ignore)
        return
    if content.isupper() and len(content) < 80 and reader.blank and \
            sum(len(w) >= 3 for w in content.split()) >= 2 and \
            len(content.split()) >= 3 and not any(c.isdigit() for c in content):
        # "CREATE A PLACE PEOPLE LOVE" on a line of its own: a PDF's or a slide's
        # heading, pasted as text
        read_heading(reader, 2, content, number, ignore)
        return
    if " 1. " in content[4:160] and \
            (row := COLLAPSED_ROW().match(content)) is not None:
        # "Deploy the DAO contracts 1. Moloch v3 contracts deployed on testnet" and "2. ..."
        # below: a table's objective cell and its numbered KRs, pasted into lines
        reader.new_objective(row.group(1), number, -1, ignore)
        reader.new_kr(row.group(2), number, 0, ignore)
        reader.kr_numbered = reader.kr_unlabelled = True
        return
    if reader.objective is not None and content.endswith(" Measure") and len(content) < 160:
        # "Welcome more people Visitation to the Museum Measure": a PDF table's row cut
        # into lines; the measure is on the next line
        reader.expect_kr = True
        reader.okrs.unplaced.append(Unplaced(number, content, "activity and measure label"))
        return
    if reader.kr_lines and NOTE_LABEL().match(content):
        reader.kr_lines = False  # "What we learned: ...", "Team size: 3": past the KRs
    if reader.kr_lines and stripped[:2] in ("**", "__") and stripped[-2:] in ("**", "__") \
            and names_a_group(content, max_words=6):
        # "**Time with the kids**" over the bullets that are its KRs: a group's name
        reader.okrs.unplaced.append(Unplaced(number, content, "group label"))
        reader.kr = None
        return
    if reader.kr_lines and stripped[:2] in ("**", "__") and (
            content[-1] == "?" or BOLD_LABEL().match(stripped) is not None):
        # "**Which category best describes your project?**", "**Funding Requested:**
        # 9,500": a template's next question or field, past the Key Results
        reader.kr_lines = False
    if reader.kr_lines and reader.objective is not None and len(content.split()) <= 40 \
            and content[-1] != ":":
        # Under "Key results:", unbulleted lines are the KRs (slides, pasted text); the
        # list a KR line has under it is its detail
        if not reader.about_okrs(number, content, low):
            reader.new_kr(content, number, -1, ignore, low)
            reader.kr_unlabelled = True
        return
    reader.okrs.unplaced.append(Unplaced(number, content, "text outside any list"))
