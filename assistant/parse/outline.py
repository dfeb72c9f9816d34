"""The last reading of a page the line reader found no objectives in: its nested list.

Strategic plans and handbook pages often state no objective as such: a list whose top items
are the aims ("**We will create excellent library experiences:** ...") and whose deepest
items are what will be done or measured, sometimes under a label ("2019-20 Sprints
include:"). When nothing else on the page reads as OKRs, a top item with items under it is
an objective (its bold lead-in, when it has one) and the leaves under it are its Key Results.
"""

from __future__ import annotations

from assistant.model import KeyResult, Objective, OKRSet, Unplaced
from assistant.parse.lines import CHECKBOX, EMPHASIS, bullet_of, strip_symbols
from assistant.parse.phrase import parse_kr


def _item_text(content: str) -> str:
    if content.startswith("["):
        content = CHECKBOX().sub("", content)
    if content and not content[0].isalnum() and content[0] not in "*_":
        content = strip_symbols(content)
    return content


def _lead(content: str) -> str:
    """ "**We will create X:** We will offer ..." -> "We will create X"; else the text."""
    for mark in ("**", "__"):
        if content.startswith(mark):
            end = content.find(mark, 2)
            if end > 2:
                lead = content[2:end].strip().rstrip(":").strip()
                if len(lead.split()) >= 2:
                    return lead
    return EMPHASIS.sub("", content).strip()


def read_outline(lines: list[tuple[int, str]], okrs: OKRSet) -> OKRSet | None:
    """``okrs`` (the first reading, which found no objective) read again from its nested
    list, or None when the page has no list two levels deep."""
    items: list[tuple[int, int, str]] = []  # (line, indent, text)
    for number, raw in lines:
        stripped = raw.strip()
        if not stripped:
            continue
        bullet = bullet_of(raw, stripped)
        if bullet is not None and (text := _item_text(bullet[1])):
            items.append((number, bullet[0], text))
    if not items:
        return None
    top = min(indent for _n, indent, _t in items)
    out = OKRSet(source=okrs.source, team=okrs.team, cycle=okrs.cycle)
    objective: Objective | None = None
    placed: set[int] = set()
    for index, (number, indent, text) in enumerate(items):
        has_children = index + 1 < len(items) and items[index + 1][1] > indent
        if indent == top:
            objective = None
            if has_children:
                objective = Objective(_lead(text), number, [])
                out.objectives.append(objective)
                placed.add(number)
            continue
        if objective is None or has_children or text.endswith(":"):
            continue  # a label over its items ("Sprints include:"), or a middle level
        clean = EMPHASIS.sub("", text).strip()
        objective.key_results.append(KeyResult(clean, number, parse_kr(clean), [], None, [],
                                               None))
        placed.add(number)
    out.objectives = [o for o in out.objectives if o.key_results]
    if not out.objectives:
        return None
    kept = {o.line for o in out.objectives} | {kr.line for o in out.objectives
                                               for kr in o.key_results}
    out.unplaced = [u for u in okrs.unplaced if u.line not in kept] + [
        Unplaced(number, text, "label in the outline") for number, _i, text in items
        if number not in kept and number not in {u.line for u in okrs.unplaced}]
    out.unplaced.sort(key=lambda u: u.line)
    return out
