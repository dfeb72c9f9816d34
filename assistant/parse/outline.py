"""The last reading of a page the line reader found no objectives in: its nested list.

Strategic plans and handbook pages often state no objective as such: a list whose top items
are the aims ("**We will create excellent library experiences:** ...") and whose deepest
items are what will be done or measured, sometimes under a label ("2019-20 Sprints
include:"). When nothing else on the page reads as OKRs, a top item with items under it is
an objective (its bold lead-in, when it has one) and the leaves under it are its Key Results.
"""

from __future__ import annotations

from assistant.model import KeyResult, Objective, OKRSet, Unplaced
from assistant.parse.lines import (
    CHECKBOX,
    EMPHASIS,
    bullet_of,
    heading_of,
    is_thematic_break,
    strip_symbols,
)
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
    for index, (number, indent, text) in enumerate(items):
        has_children = index + 1 < len(items) and items[index + 1][1] > indent
        if indent == top:
            objective = None
            if has_children:
                objective = Objective(_lead(text), number, [])
                out.objectives.append(objective)
            continue
        if objective is None or has_children or text.endswith(":"):
            continue  # a label over its items ("Sprints include:"), or a middle level
        clean = EMPHASIS.sub("", text).strip()
        objective.key_results.append(KeyResult(clean, number, parse_kr(clean), [], None, [],
                                               None))
    out.objectives = [o for o in out.objectives if o.key_results]
    if not out.objectives:
        return None
    kept = _carry_unplaced(out, okrs)
    listed = {u.line for u in okrs.unplaced}
    out.unplaced += [Unplaced(number, text, "label in the outline") for number, _i, text in items
                     if number not in kept and number not in listed]
    out.unplaced.sort(key=lambda u: u.line)
    return out


def _carry_unplaced(out: OKRSet, okrs: OKRSet) -> set[int]:
    """The first reading's unplaced lines that the new reading did not place, into ``out``;
    the lines it placed."""
    kept = {o.line for o in out.objectives} | {kr.line for o in out.objectives
                                               for kr in o.key_results}
    out.unplaced = [u for u in okrs.unplaced if u.line not in kept]
    return kept


def _plain_item(stripped: str) -> str | None:
    """A line under a heading that can be an item: short, one sentence, no label."""
    text = _item_text(stripped)
    if not text or not any(c.isalnum() for c in text) or text.endswith(":") or \
            len(text) > 140 or text.startswith(("|", ">", "<")):
        return None
    if sum(text.count(mark) for mark in (". ", "! ", "? ")) >= 1 and len(text) > 80:
        return None  # two sentences and more: a paragraph, not an item
    return EMPHASIS.sub("", text).strip() or None


def read_sections(lines: list[tuple[int, str]], okrs: OKRSet) -> OKRSet | None:
    """``okrs`` (which found no objective) read as headings over short lines: each heading
    below the title with two or more such lines under it (bulleted or not: a list pasted
    without its bullets) is an objective, the lines its Key Results. None when no heading
    has them. Only a last reading: elsewhere such lines are notes and paragraphs."""
    sections: list[tuple[int, str, list[tuple[int, str]]]] = []
    for number, raw in lines:
        stripped = raw.strip()
        if not stripped:
            continue
        if is_thematic_break(stripped):
            if sections:  # a thematic break: the next post of a thread, past the section
                sections.append((number, "", []))
            continue
        if stripped.startswith("#"):
            level, text = heading_of(stripped)
            if level >= 2 and (title := EMPHASIS.sub("", text).strip()):
                sections.append((number, title, []))
            continue
        if sections:
            bullet = bullet_of(raw, stripped)
            item = _plain_item(bullet[1] if bullet is not None else stripped)
            if item is not None:
                sections[-1][2].append((number, item))
    out = OKRSet(source=okrs.source, team=okrs.team, cycle=okrs.cycle)
    out.objectives = [
        Objective(title, number, [KeyResult(text, line, parse_kr(text), [], None, [], None)
                                  for line, text in items])
        for number, title, items in sections if title and len(items) >= 2]
    measured = sum(1 for o in out.objectives for kr in o.key_results
                   if kr.parsed is not None and kr.parsed.quantities)
    if measured < 2:
        return None  # a page of notes or tasks with no number to hit: not OKRs read loosely
    _carry_unplaced(out, okrs)  # (already in line order)
    return out
