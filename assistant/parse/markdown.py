"""Markdown and plain-text OKR documents into an ``OKRSet``, keeping source lines.

Real documents are messy, so the reader is a line-by-line state machine rather than a
grammar (``document.Document`` holds the state; ``headings`` decides what a heading or a
label line opens); HTML pages and wiki source reach it as Markdown lines (``html``,
``wikitext``):

* an objective is a line labelled "Objective:", "Objective 2 -", "O1:", "Strategic Objective
  1:" (heading, bullet or plain line), or an unlabelled heading that has bullets under it;
* a Key Result is a line labelled "KR1:", "Key Result 2 –", "O1KR2", or a bullet under an
  objective; bullets nested under a KR are initiatives (work, not results) and kept apart;
* the first level-1 heading is the title, giving team and cycle ("# Growth — Q3 2027"),
  unless KRs follow it directly: then it is an objective;
* headings and labels that are sections ("## Notes", "Risks:") hold no OKRs; "Key Results:",
  "Measured by:" and the like announce the KRs below, even unbulleted ones;
* tables (pipes, or tab-separated rows) go through ``tables``; owner prefixes, field lines
  ("Owner: Dana", "Baseline: 31%") and status notes ("=> done", "✅") go to their KR;
* an inline ``<!-- okr: ignore K203 -->`` suppresses those codes on that line;
* every non-empty line that fits none of this is reported in ``unplaced``, never dropped.
"""
from __future__ import annotations

from assistant.model import OKRSet, Unplaced
from assistant.parse.document import Document
from assistant.parse.errors import InputError
from assistant.parse.groups import names_a_group
from assistant.parse.headings import read_heading, read_label, read_label_line
from assistant.parse.lines import (
    BARE_KR_LABEL,
    CHECKBOX,
    EMPHASIS,
    FIELD_LINE,
    FIELD_ROLES,
    HTML_COMMENT,
    IGNORE,
    MAX_LINE_CHARS,
    OKR_LABEL,
    OWNER_BEFORE_LABEL,
    STATUS_MARKS,
    bullet_of,
    clean,
    heading_of,
    is_thematic_break,
    kr_label_end,
    label_end,
    lower_keeping_length,
    strip_symbols,
    unfenced,
    without_struck,
    without_tags,
)
from assistant.parse.phrase import parse_kr
from assistant.parse.plain_lines import read_plain_line
from assistant.parse.sections import is_primer, prompt_kind, section_kind
from assistant.parse.shapes import (
    FULL_WIDTH_LABEL,
    INLINE_LINK,
    PLACEHOLDER_LINE,
    PRIORITY_LABEL,
    PROPERTY_LINE,
    QUESTION,
    SHORT_FIELD,
    STRETCH_FIELD,
    WHOLE_LINK,
    WHY_NOTE,
)


def _is_separator(line: str) -> bool:
    from assistant.parse.tables import is_separator

    return is_separator(line)


def parse_markdown(text: str, source: str | None = None, kpis_are_krs: bool = False) -> OKRSet:
    """Read Markdown or plain text. Raises ``InputError`` only for input no reader could use."""
    return read_lines(list(enumerate(text.splitlines(), start=1)), source, kpis_are_krs)


def read_lines(lines: list[tuple[int, str]], source: str | None = None,
               kpis_are_krs: bool = False) -> OKRSet:
    """Read (line number, text) pairs as Markdown; the HTML reader hands its lines here too.
    ``kpis_are_krs``: the second reading of a page whose only measures are KPI lists."""
    reader = Document(source)
    reader.kpis_are_krs = kpis_are_krs
    if "```" in "".join(text[:3] for _n, text in lines):
        lines = unfenced(lines)
    if not any(text.lstrip().startswith("#") for _n, text in lines):
        from assistant.parse.unmarked import mark_headings  # only pasted text pays for it

        lines = mark_headings(lines)
    in_fence = False
    index, count = 0, len(lines)
    while index < count:
        number, raw = lines[index]
        index += 1
        if len(raw) > MAX_LINE_CHARS:
            raise InputError(
                f"line {number} is {len(raw):,} characters long; a Key Result or objective "
                f"is at most {MAX_LINE_CHARS:,}. Split it or shorten it."
            )
        stripped = raw.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence or not stripped:
            reader.blank = not in_fence
            continue
        if "](" in raw:  # a link reads as its words: the address is not the statement's
            raw = INLINE_LINK().sub(r"\1", raw)
            stripped = raw.strip()
        if "：" in raw:  # "O1：", "KR2：", "Q1 OKR：": a label with a full-width colon
            raw = FULL_WIDTH_LABEL().sub(r"\1: ", raw, count=1)
            stripped = raw.strip()
        if "|" in stripped and not stripped.strip("|-: "):
            continue  # "---|---|", "|": a broken table's markup, no text
        if stripped[-1] == "|" and stripped.count("|") == 1 and len(stripped) > 2:
            raw = stripped = stripped[:-1].rstrip()  # "Measure |": a row cut from its table
        if is_thematic_break(stripped):
            reader.kr_lines = False  # a thematic break ("---"): the next post or part
            reader.kr = None
            reader.end_section()
            continue
        if stripped[0] == ">" and stripped[1:2].isalpha():  # ">needs baseline": a note
            reader.okrs.unplaced.append(Unplaced(number, stripped[1:], "note"))
            continue
        if stripped[0] == ">" and stripped[1:2] in (" ", ">", ""):
            raw = stripped.lstrip("> ")  # a blockquote: "> **KR 1.1:** ...", a quoted reply
            stripped = raw.strip()
            if not stripped:
                continue
        if "|" in stripped and index < count and "|" in lines[index][1] and (
                stripped[0] == "|" or stripped.count("|") >= 2) and \
                _is_separator(lines[index][1]):
            end = index + 1  # a pipe table (outer pipes optional): header, separator, rows
            while end < count and "|" in lines[end][1] and lines[end][1].strip():
                end += 1
            from assistant.parse.tables import split_pipes  # only tables pay for tables.py

            rows = [(n, split_pipes(text)) for n, text in lines[index + 1:end]]
            # A row with one bold cell ("| **Objective 2: ...** | | |") heads the rows below
            heads = {n for n, cells in rows if len([c for c in cells if c]) == 1 and (
                next(c for c in cells if c).startswith(("**", "__")))}
            if reader.section and not reader.links_to_objectives(split_pipes(stripped), rows):
                # a table under "KPIs" or "Risks": context, not OKRs
                reader.okrs.unplaced += [
                    Unplaced(n, text.strip(), f"table under {reader.section_title!r}")
                    for n, text in lines[index - 1:end]]
            else:
                reader.read_table(split_pipes(stripped),
                                  [(n, [clean(c) for c in cells]) for n, cells in rows],
                                  number, heads)
            index = end
            continue
        if "\t" in stripped and index < count and "\t" in lines[index][1] and \
                len([c for c in stripped.split("\t") if c.strip()]) >= 2 and \
                bullet_of(stripped, stripped) is None:  # ("1.\tText" is a list item)
            end = index  # tab-separated rows pasted from a spreadsheet: a table
            while end < count and "\t" in lines[end][1]:
                end += 1
            reader.read_table([clean(c) for c in stripped.split("\t")],
                              [(n, [clean(c) for c in text.rstrip().split("\t")])
                               for n, text in lines[index:end]], number)
            index = end
            continue
        ignore: list[str] = []
        line = raw
        lead_status = None
        if "~" in raw or "<" in raw:
            line, struck = without_struck(raw)
            if struck and not any(c.isalnum() for c in line):
                reader.okrs.unplaced.append(Unplaced(number, stripped, "struck out"))
                continue
            if "<" in line and "<!--" not in line:
                line, lead_status = without_tags(line)
                if not line.strip():
                    continue
            stripped = line.strip()
        if "<!--" in line:
            ignore = [c.strip().upper() for m in IGNORE().finditer(line)
                      for c in m.group(1).split(",") if c.strip()]
            line = HTML_COMMENT().sub("", line).rstrip()
            if not line.strip():
                continue
            stripped = line.strip()
        kr = reader.kr
        _read_line(reader, line, stripped, number, ignore)
        reader.blank = False
        if lead_status and reader.kr is not kr and reader.kr is not None:
            reader.kr.status = reader.kr.status or lead_status
    return reader.finish()


def read_table(header: list[str], rows: list[tuple[int, list[str]]], header_line: int,
               source: str | None = None) -> OKRSet:
    """A document that is one table (a CSV export): the rows read as in a Markdown table."""
    reader = Document(source)
    reader.read_table(header, rows, header_line)
    return reader.finish()


def _read_line(reader: Document, line: str, stripped: str, number: int,
               ignore: list[str]) -> None:
    if line[0] == "#":
        level, text = heading_of(line)
        read_heading(reader, level, clean(text), number, ignore)
        return
    bullet = bullet_of(line, stripped)
    if bullet:
        indent, content = bullet  # stripped already
        if content.startswith("["):
            content = CHECKBOX().sub("", content)
        if "*" in content or "_" in content or "`" in content:  # clean, inlined: every line
            content = EMPHASIS.sub("", content).strip()
    else:
        indent = len(line) - len(line.lstrip())
        content = clean(line)
    mark = None
    if content and not content[0].isalnum():
        mark = content[0] if content[0] in STATUS_MARKS else None  # "🟢 KR1: ..."
        content = strip_symbols(content)
    if not content:
        return
    kr_before = reader.kr
    if bullet is None and indent > 0 and reader.item_end == number - 1 and \
            (reader.kr is None or reader.kr_end != number - 1):
        # "  week by week after launch" right under "- How to measure: ...": the item above
        # wrapped onto an indented line (a KR's own wrap is joined to it in _read_content)
        if reader.objective is not None and reader.objective_end == number - 1:
            reader.objective.text += " " + content  # the objective's own statement wrapped
            reader.objective_end = number
        else:
            reader.okrs.unplaced.append(Unplaced(number, content, "continues the item above"))
        reader.item_end = number
        return
    if bullet is not None:
        reader.item_end = number
    _read_content(reader, content, line, stripped, bullet, indent, number, ignore)
    if mark and reader.kr is not kr_before and reader.kr is not None:
        reader.kr.status = reader.kr.status or mark


def _read_content(reader: Document, content: str, line: str, stripped: str,
                  bullet: tuple[int, str] | None, indent: int, number: int,
                  ignore: list[str]) -> None:
    if content[0] == "[" and content[-1] == ")" and (link := WHOLE_LINK().match(content)):
        content = link.group(1).strip()  # "[KR: Grow usage](https://...)": the link's words
        if not content:
            return
    owner = None
    if content[:1].isupper() and (" KR" in content[:40] or " Objective" in content[:40]
                                  or " Key" in content[:40] or " OKR" in content[:40]):
        before = OWNER_BEFORE_LABEL().match(content)
        if before is not None and before.group(1).lower() not in ("okr", "key", "objective"):
            owner, content = before.group(1), content[before.end():]
    low = content.lower()
    if len(low) != len(content):
        low = lower_keeping_length(content)
    first = low[:1]
    if reader.expect_kr:  # the text under a "#### O1KR2" heading
        if BARE_KR_LABEL.match(low) or low.rstrip(" :") in ("key result", "kr"):
            return  # "_Key Result_:" with the text on the line below
        reader.expect_kr = False
        if kr_label_end(low) < 0:
            reader.new_kr(content, number, -1, ignore, low)
            return
    if read_label_line(reader, content, low, number):
        return  # "Key Results:", "OBJECTIVE", "Q1 OKR:": a label over what follows
    if first == "s" and reader.kr is not None and low.startswith("stretch") and \
            (bullet is None or indent > reader.kr_indent) and \
            (field := STRETCH_FIELD().match(low)) is not None:
        # "Stretch Goal: 99.9%" under a KR is its second target (a sibling "- Stretch: 4
        # developers building on the SDK" is a stretch KR, a "Stretch goal:" line an objective)
        reader.field("stretch", content[field.end():].strip(), number)
        return
    at = label_end(low, content)
    end = kr_label_end(low)
    if end < 0 and first == "p" and reader.objective is not None and not reader.section and (
            bullet is None or reader.kr is None or indent <= reader.kr_indent):
        priority = PRIORITY_LABEL().match(low)  # "P0: ...", "P1-LM: ...": a ranked KR
        if priority is not None and content[priority.end():].strip():
            if priority.group(1):
                owner = owner or content[priority.start(1):priority.end(1)]
            end = priority.end()
    if (at >= 0 or end >= 0) and reader.section == "other" and is_primer(reader.section_title):
        # "- **Objective**: where we want to go" under "What are OKRs?": the method's terms
        # defined, not the set
        reader.okrs.unplaced.append(Unplaced(number, content, "definition"))
        return
    if at >= 0 and end < 0 and (rest := content[at:].strip()):
        reader.new_objective(rest, number, indent if bullet else -1, ignore, labelled=True)
        if owner and reader.objective is not None:
            reader.objective.owner = owner
        return
    if reader.expect_objective:
        reader.expect_objective = False
        reader.new_objective(content, number, -1, ignore, labelled=True)
        return
    if ":" in low[:20] or "=" in low[:20]:
        field = FIELD_LINE().match(low)
        if field is not None and reader.field(FIELD_ROLES[field.group(1)],
                                              content[field.start(2):].strip(), number):
            return
    if ":" in low[:24] and PROPERTY_LINE().match(low):
        reader.okrs.unplaced.append(Unplaced(number, content, "field"))
        return
    if bullet is not None and ":" in low[:24] and SHORT_FIELD().match(content) and \
            reader.kr is None and not reader.kr_lines:
        reader.okrs.unplaced.append(Unplaced(number, content, "field"))
        return
    if low[-1:] == "?" and bullet is not None and QUESTION().match(low) and \
            not reader.kr_lines and reader.kr is not None and reader.kr.text[-1:] != "?":
        # "How do we onboard partners?" among the Key Results: a question for the team, not
        # a result (a list that is all questions, a first draft's, stays as written)
        reader.okrs.unplaced.append(Unplaced(number, content, "question"))
        return
    if first in "wrbn" and WHY_NOTE().match(low):
        reader.okrs.unplaced.append(Unplaced(number, content, "note"))
        if bullet is None:
            reader.kr_lines = False  # a remark under the Key Results ends them
        return
    if (low.strip("?!. ") == "" or PLACEHOLDER_LINE().match(low)) and len(low) < 100:
        # "??", "TBD", "M8: TBD", "Coming soon, discussion tracked here": a placeholder
        reader.okrs.unplaced.append(Unplaced(number, content, "placeholder"))
        return
    if len(low) < 60 and (bullet is None or low[-1:] in ":?"):  # "Risks:", "- Why?"
        kind = section_kind(content, reader.kpis_are_krs)
        if kind == "okrs":
            return  # "Objectives and Key Results:" announcing the set
        if kind is not None:
            read_label(reader, kind, content, low, number, indent if bullet else -1)
            return
    if bullet is None and end < 0 and len(low) >= 24 and stripped[:2] in ("**", "__") and \
            stripped[-2:] in ("**", "__") and reader.objective is not None and \
            (kind := prompt_kind(content)) is not None:
        read_label(reader, kind, content, low, number, -1)  # a template's bold prompt
        return
    if bullet is None and not reader.kr_lines and stripped[:2] in ("**", "__") and \
            stripped.rstrip(":")[-2:] in ("**", "__") and len(content.split()) >= 2 and \
            content[-1] != "?" and (reader.objective is None or reader.objective is reader.bold) \
            and not (reader.objective_list and content[:1].isdigit()):
        # "**Keep the platform healthy**" on a line of its own over bullets, where the page
        # has no heading over it: a heading in all but name (pasted from a doc or an issue),
        # read as the deepest one. (Under a heading, bold lines are its parts or prompts;
        # "**2.1 Raise ...**" under "OBJECTIVES" is a numbered objective, as unbolded.)
        read_heading(reader, 6, content, number, ignore)
        reader.bold = reader.objective
        return
    if reader.section:
        if reader.section_indent < 0 or (bullet is not None and indent > reader.section_indent):
            reader.okrs.unplaced.append(Unplaced(number, content, (
                f"under {reader.section_title!r}" if reader.section == "other"
                else "initiative (work, not a result)")))
            return
        reader.end_section()
    okr_label = first == "o" and end < 0 and OKR_LABEL().match(low)  # "OKR1: ...": either
    if okr_label:
        end = okr_label.end()
    if okr_label and reader.objective is None and (rest := content[end:].strip()):
        reader.new_objective(rest, number, indent if bullet else -1, ignore,  # can only be one
                             labelled=True)
        return
    if end >= 0 and (rest := content[end:].strip()):
        if bullet is not None and reader.kr is not None and indent > reader.kr_indent \
                and reader.kr_unlabelled and not okr_label:
            reader.promote_kr()  # labelled KRs under a bullet: that bullet is an objective
        # the lowering keeps offsets, so the lowered rest is a slice of ``low``; a KR on a
        # line of its own (not a bullet) has the list under it as its detail
        reader.new_kr(rest, number, indent if bullet else -1, ignore, low[end:].strip())
        reader.kr_unlabelled = bool(okr_label)  # an objective if KRs turn up under it
        if owner and reader.kr is not None:
            reader.kr.owner = owner
        return
    if bullet is None:
        read_plain_line(reader, content, stripped, indent, number, ignore, low)
        return
    if reader.label_items >= 0 and reader.second_list(indent):
        reader.okrs.unplaced.append(Unplaced(number, content, "list after the Key Results"))
        return
    if reader.objective_list and content[-1] != "?" and (
            reader.objective is None or indent <= reader.objective_indent):
        reader.new_objective(content, number, indent, ignore)  # a top bullet under "Objectives"
        return
    if reader.objective is None:
        reader.okrs.unplaced.append(Unplaced(number, content, "bullet before any objective"))
        return
    if reader.objective_indent >= 0 and indent <= reader.objective_indent:
        # A sibling of a bullet objective with no label: a new unlabelled objective only if
        # the document uses that shape; otherwise keep it as a KR of the current one.
        if reader.about_okrs(number, content, low):
            return
        reader.new_kr(content, number, indent, ignore)
        reader.kr_numbered = stripped[0].isdigit()
        reader.kr_unlabelled = True
        return
    if reader.kr is not None and reader.kr is reader.numbered_part:
        # "6.0 OpenMRS shall ensure ..." with bullets under it: the numbered line is an
        # objective and the bullets its Key Results
        reader.promote_kr()
        reader.numbered_part = None
        reader.new_kr(content, number, indent, ignore, low)
        reader.kr_unlabelled = True
        return
    numbered = stripped[0].isdigit()  # "1. text"
    if reader.kr is not None and (indent > reader.kr_indent or (
            indent == reader.kr_indent and reader.kr_numbered and not numbered
            and stripped[0] in "•▪◦‣*-")):
        # deeper than the KR, or a "•" item under a numbered KR: work, not a result; unless
        # the "KR" is only a group's name ("- Robustness" over its KRs): then these are KRs
        if indent > reader.kr_indent and not reader.kr.initiatives and \
                reader.kr_unlabelled and names_a_group(reader.kr.text, max_words=3):
            reader.regroup_kr()
            reader.new_kr(content, number, indent, ignore, low)
            reader.kr_unlabelled = True
            return
        kr = reader.kr
        if not kr.initiatives and (reader.listing is kr
                                   or "the following" in kr.text[-48:].lower()):
            # "... each of the following on their own" and the list it names: one KR (a KR
            # ending in a colon is not enough: "Run a camper trip with:" lists its work)
            joiner = ", " if reader.listing is kr else ": "
            kr.text = kr.text.rstrip(" :") + joiner + content
            kr.parsed = parse_kr(kr.text)
            reader.listing = kr
            reader.kr_end = number
            return
        kr.initiatives.append(content)
        reader.initiative_lines.setdefault(id(kr), []).append(number)
        return
    if reader.about_okrs(number, content, low):
        return
    reader.new_kr(content, number, indent, ignore, low)
    reader.kr_numbered = stripped[0].isdigit()
    reader.kr_unlabelled = True

