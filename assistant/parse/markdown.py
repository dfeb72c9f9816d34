"""Markdown and plain-text OKR documents into an ``OKRSet``, keeping source lines.

Real documents are messy, so the reader is a small line-by-line state machine rather than a
grammar:

* an objective is a line labelled "Objective:", "Objective 2 -", "O1:" (heading, bullet or
  plain line), or an unlabelled heading (level 2 and deeper) that has bullets under it;
* a Key Result is a line labelled "KR1:", "Key Result 2 –", or a bullet under an objective;
  bullets nested under a KR are initiatives (work, not results) and are kept apart;
* the first level-1 heading is the title, giving team and cycle ("# Growth — Q3 2027");
* a "Key Results:" line or heading only announces the KRs that follow;
* status notes after a KR ("=> done", "✅", "[x]") are split off into ``status``;
* an inline ``<!-- okr: ignore K203 -->`` suppresses those codes on that line;
* every non-empty line that fits none of this is reported in ``unplaced``, never dropped.
"""

from __future__ import annotations

from assistant.model import KeyResult, Objective, OKRSet, Unplaced
from assistant.parse.errors import InputError
from assistant.parse.lazy import lazy
from assistant.parse.lines import (
    CHECKBOX,
    EMPHASIS,
    FIELD_LINE,
    FIELD_ROLES,
    HTML_COMMENT,
    IGNORE,
    KR_LABEL,
    KR_SECTION,
    MAX_LINE_CHARS,
    OBJECTIVE_LABEL,
    OBJECTIVES_SECTION,
    OKR_LABEL,
    OUTLINE_NUMBER,
    OWNER_BEFORE_LABEL,
    OWNER_LINE,
    STATUS_MARKS,
    bullet_of,
    clean,
    heading_of,
    kr_label_end,
    label_end,
    lower_keeping_length,
    owner_prefix,
    split_status,
    strip_symbols,
    unlabelled,
    without_struck,
    without_tags,
)
from assistant.parse.phrase import fill_numbers, parse_kr
from assistant.parse.sections import section_kind
from assistant.parse.titles import title_parts
from assistant.parse.vocabulary import (
    DECREASE_VERBS,
    IMPROVE_VERBS,
    INCREASE_VERBS,
    MAINTAIN_VERBS,
    REACH_VERBS,
)

# "What we learned: ...", "Team size: 3 FTE": a labelled note, not a Key Result (a value after
# the colon, "Crash-free sessions: 97.2% → 99.5%", is one).
NOTE_LABEL = lazy(r"^[A-Z][\w'’/&()-]*(?: [\w'’/&()-]+){0,4}:\s+(?![\d+−~<>≥≤$€£-])")
TYPE_CHECKING = False
if TYPE_CHECKING:
    from assistant.parse.tables import Row

OKR_WORDS = lazy(r"\b(?:okrs?|objectives?|goals?|key results?|plan|roadmap|strategy|"
                       r"priorities|targets)\b")


class _Reader:
    """Line-by-line state: the objective and KR being filled, and their indentation."""

    def __init__(self, source: str | None) -> None:
        self.okrs = OKRSet(source=source)
        self.objective: Objective | None = None
        self.objective_indent = -1  # indent of a bullet objective; -1 for heading/plain
        self.kr: KeyResult | None = None
        self.kr_indent = -1
        self.kr_numbered = False  # the KR was an item of a numbered list ("1.", "2)")
        self.kr_unlabelled = False  # the KR was a bullet without a "KR" label
        self.kr_end = 0
        self.initiative_lines: dict[int, list[int]] = {}  # id(KR) -> its initiatives' lines
        self.kr_lines = False  # after "Key results:": plain lines are KRs too
        self.pending: list[tuple[Objective, bool]] = []  # (objective, from unlabelled heading)
        self.levels: dict[int, int] = {}  # id(objective) -> level of its heading
        self.seen_title = False
        self.title_objective: Objective | None = None  # a first "# heading" that may be one
        # A section that holds no OKRs ("## Risks", "Initiatives:"): what it is, the heading
        # level that ends it (7 for a label line: the next heading does), and for a bulleted
        # label the indent its children are deeper than.
        self.section = ""  # "" | "other" | "initiatives"
        self.section_title = ""
        self.section_level = 0
        self.section_indent = -1
        self.expect_objective = False  # a bare "OBJECTIVE" line: the next line is its text

    def new_objective(self, text: str, line: int, indent: int, ignore: list[str],
                      tentative: bool = False, level: int = 0) -> None:
        text, _status = split_status(text)
        owner, text = owner_prefix(text)
        # Positional (text, line, key_results, owner, ignore), as KeyResult below.
        self.objective = Objective(text, line, [], owner, ignore)
        self.pending.append((self.objective, tentative))
        if level:
            self.levels[id(self.objective)] = level
        self.objective_indent = indent
        self.kr = None
        self.kr_indent = -1
        self.kr_lines = False
        self.end_section()

    def start_section(self, kind: str, title: str, line: int, level: int, indent: int) -> None:
        self.kr_lines = False
        self.section, self.section_title = kind, title
        self.section_level, self.section_indent = level, indent
        self.kr = None
        self.okrs.unplaced.append(Unplaced(line, title, "section, not an objective"
                                           if kind == "other" else "initiatives label"))

    def end_section(self) -> None:
        self.section = ""
        self.section_indent = -1

    def kr_section(self, level: int) -> None:
        """A "Key results" heading at ``level``: its bullets belong to the objective whose
        heading is above it, and sibling headings met since ("What we want to do") were
        sections of that objective, not objectives of their own."""
        self.end_section()
        target = self.objective
        for objective, _tentative in reversed(self.pending):
            if self.levels.get(id(objective), 0) < level:
                target = objective
                break
        if target is not None and target is not self.objective:
            at = next(i for i, (o, _t) in enumerate(self.pending) if o is target)
            keep = self.pending[:at + 1]
            for objective, tentative in self.pending[at + 1:]:
                if tentative and self.levels.get(id(objective), 0) >= level:
                    self.demote(objective, f"a section of {target.text[:40]!r}")
                else:
                    keep.append((objective, tentative))
            self.pending = keep
        self.kr_lines = True
        self.objective = target
        self.objective_indent = -1
        self.kr = None
        self.kr_indent = -1

    def field(self, role: str, value: str) -> bool:
        """A field line ("Owner: Dana", "Baseline: 31%") for the KR or objective above it;
        False when there is nothing above it to hold the field."""
        kr, objective = self.kr, self.objective
        if role == "owner" and objective is not None and (kr is None or kr.owner):
            objective.owner = value
            return True
        if kr is None:
            return False
        if role == "owner":
            kr.owner = value
        elif role == "status":
            kr.status = value
        elif kr.parsed is not None:
            fill_numbers(kr.parsed, "" if role == "target" else value,
                         value if role == "target" else "")
        return True

    def promote_kr(self) -> None:
        """The current KR is really an objective (labelled KRs are nested under it)."""
        kr, objective = self.kr, self.objective
        assert kr is not None and objective is not None
        objective.key_results.remove(kr)
        indent = self.kr_indent
        self.new_objective(kr.text, kr.line or 0, indent, kr.ignore)
        assert self.objective is not None
        self.objective.owner = kr.owner
        self.okrs.unplaced += [Unplaced(kr.line or 0, text, "under an objective bullet")
                               for text in kr.initiatives]

    def demote(self, objective: Objective, why: str) -> None:
        """An objective that turned out to be a section: its heading and lines go unplaced."""
        self.okrs.unplaced.append(Unplaced(objective.line or 0, objective.text, why))
        self.okrs.unplaced += [Unplaced(kr.line or 0, kr.text, f"under {objective.text[:40]!r}")
                               for kr in objective.key_results]

    def new_kr(self, text: str, line: int, indent: int, ignore: list[str],
               low: str | None = None) -> None:
        if self.objective is None:
            self.okrs.unplaced.append(Unplaced(line, text, "Key Result before any objective"))
            return
        low = low if low is not None else lower_keeping_length(text)
        cut, status = split_status(text, low)
        if status is not None:
            text, low = cut, low[:len(cut)]
        owner, rest = owner_prefix(text)
        if owner is not None:
            text, low = rest, low[len(low) - len(rest):]
        # Positional (text, line, parsed, initiatives, status, ignore, owner): keyword
        # arguments make a dataclass __init__ about twice as slow, and this runs for every KR.
        kr = KeyResult(text, line, parse_kr(text, low), [], status, ignore, owner)
        self.objective.key_results.append(kr)
        self.kr = kr
        self.kr_indent = indent
        self.kr_end = line  # the KR's last line, for a wrapped continuation

    def read_table(self, header: list[str], rows: list[tuple[int, list[str]]],
                   header_line: int, heads: set[int] | frozenset[int] = frozenset()) -> None:
        """Rows of a table: objectives and Key Results by column (``tables``), the rest
        unplaced. Key Results that name a parent id go under that objective, wherever the
        objective's row is; otherwise a row belongs to the objective above it."""
        from assistant.parse.tables import (
            column_roles,
            is_okr_table,
            read_rows,
            with_list_column,
            with_type_column,
        )

        header = [clean(c) for c in header]
        roles = with_list_column(with_type_column(column_roles(header), rows), header, rows)
        if not is_okr_table(roles):
            self.okrs.unplaced.append(Unplaced(header_line, " | ".join(header),
                                               "table without an objective or Key Result column"))
            self.okrs.unplaced += [Unplaced(n, " | ".join(c for c in cells if c), "table row")
                                   for n, cells in rows if any(cells)]
            return
        table_rows = read_rows(roles, rows)
        if "objective" not in roles:
            for row, (_line, cells) in zip(table_rows, rows, strict=True):
                text = next((c for c in cells if c), "")
                if row.line in heads or (label_end(text.lower(), text) >= 0 and
                                         len([c for c in cells if c]) == 1):
                    row.objective, row.key_results = text, []  # a heading row
        by_id: dict[str, Objective] = {}
        linked = "parent" in roles and "id" in roles
        for row in table_rows:
            if row.objective and (linked or self.objective is None
                                  or unlabelled(row.objective) != self.objective.text):
                self.new_objective(unlabelled(row.objective), row.line, -1, [])
                assert self.objective is not None
                if row.owner and not row.key_results:
                    self.objective.owner = row.owner
                if row.id:
                    by_id[row.id] = self.objective
        current = self.objective if not linked else None
        for row in table_rows:
            if row.kind == "other":
                self.okrs.unplaced.append(Unplaced(row.line, " | ".join(
                    x for x in (row.type_text, *row.key_results) if x), "table row, not a KR"))
                continue
            if row.objective:
                current = by_id.get(row.id, current) if linked else self._objective_at(row.line)
            if not row.key_results:
                continue
            owner = by_id.get(row.parent) if linked else current
            if owner is None:
                self.okrs.unplaced.append(Unplaced(
                    row.line, row.key_results[0],
                    f"Key Result whose parent {row.parent!r} is not in the table" if linked
                    else "Key Result before any objective"))
                continue
            for text in row.key_results:
                self.objective = owner
                self.new_kr(unlabelled(text), row.line, -1, [])
                self._fill_from_columns(row)
        self.kr = None  # a bullet after the table is not an initiative of its last row
        self.kr_indent = -1

    def _objective_at(self, line: int) -> Objective | None:
        for objective, _tentative in reversed(self.pending):
            if objective.line == line:
                return objective
        return self.objective

    def _fill_from_columns(self, row: Row) -> None:  # (Row: tables.Row)
        kr = self.kr
        if kr is None:
            return
        if row.status and kr.status is None:
            kr.status = row.status
        if row.owner and kr.owner is None:
            kr.owner = row.owner
        if kr.parsed is not None:  # the numbers in their own columns
            fill_numbers(kr.parsed, row.baseline or row.current, row.target)

    def finish(self) -> OKRSet:
        self.pending = [pair for objective, tentative in self.pending
                        for pair in _split_group(objective, tentative, self.initiative_lines)]
        for objective, tentative in self.pending:
            if objective is self.title_objective:
                if not objective.key_results:
                    continue  # the title, and only the title
                self.okrs.team = None  # it was an objective, not a team's name
            # An unlabelled heading with nothing under it is a section, not an objective.
            if tentative and not objective.key_results:
                self.okrs.unplaced.append(
                    Unplaced(objective.line or 0, objective.text, "heading with no Key Results")
                )
                continue
            self.okrs.objectives.append(objective)
        self.okrs.unplaced.sort(key=lambda u: u.line)
        return self.okrs


_OBJECTIVE_VERBS = frozenset("""make be become build get keep help create establish develop
deliver ensure enable provide support win drive bring turn give let set go launch ship run hire
expand scale strengthen empower foster optimize optimise""".split()) | INCREASE_VERBS | \
    DECREASE_VERBS | IMPROVE_VERBS | REACH_VERBS | MAINTAIN_VERBS


def _is_group_heading(text: str) -> bool:
    """ "Engineering", "Sales & Marketing", "Platform team OKRs": a heading that names who the
    list below belongs to, not what should change."""
    words = text.lower().replace("&", " ").split()
    return 0 < len(words) <= 4 and words[0] not in _OBJECTIVE_VERBS and not any(
        c.isdigit() for c in text) and parse_kr(text).verb is None


def _split_group(objective: Objective, tentative: bool, lines: dict[int, list[int]]
                 ) -> list[tuple[Objective, bool]]:
    """Under a heading that names a team ("## Engineering"), a two-level list is objectives
    with their KRs nested; read that way, each top bullet becomes an objective."""
    krs = objective.key_results
    nested = sum(1 for kr in krs if kr.initiatives)
    measured = sum(1 for kr in krs if kr.parsed and kr.parsed.quantities)
    if not tentative or not krs or nested * 2 < len(krs) or measured * 2 > len(krs) or \
            not _is_group_heading(objective.text):
        return [(objective, tentative)]  # (top bullets with numbers are KRs, not objectives)
    split = []
    for kr in krs:
        owner = kr.owner or objective.owner or objective.text
        child = Objective(kr.text, kr.line, [], owner, kr.ignore)
        at = lines.get(id(kr), [])
        child.key_results = [
            KeyResult(text, at[i] if i < len(at) else kr.line, parse_kr(text), [], None, [], None)
            for i, text in enumerate(kr.initiatives)]
        split.append((child, False))
    return split


def _is_separator(line: str) -> bool:
    from assistant.parse.tables import is_separator

    return is_separator(line)


def parse_markdown(text: str, source: str | None = None) -> OKRSet:
    """Read Markdown or plain text. Raises ``InputError`` only for input no reader could use."""
    return read_lines(list(enumerate(text.splitlines(), start=1)), source)


def read_lines(lines: list[tuple[int, str]], source: str | None = None) -> OKRSet:
    """Read (line number, text) pairs as Markdown; the HTML reader hands its lines here too."""
    reader = _Reader(source)
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
            continue
        if stripped[0] in "-*_" and len(stripped) >= 3 and not stripped.strip(stripped[0] + " "):
            reader.kr_lines = False  # a thematic break ("---"): the next post or part
            reader.kr = None
            continue
        if stripped[0] == ">" and stripped[1:2].isalpha():  # ">needs baseline": a note
            reader.okrs.unplaced.append(Unplaced(number, stripped[1:], "note"))
            continue
        if stripped[0] == ">" and stripped[1:2] in (" ", ">", ""):
            raw = stripped.lstrip("> ")  # a blockquote: "> **KR 1.1:** ...", a quoted reply
            stripped = raw.strip()
            if not stripped:
                continue
        if stripped[0] == "|" and index < count and "-" in lines[index][1] and \
                _is_separator(lines[index][1]):
            end = index + 1  # a pipe table: its header, the separator, then rows
            while end < count and lines[end][1].strip().startswith("|"):
                end += 1
            from assistant.parse.tables import split_pipes  # only tables pay for tables.py

            rows = [(n, split_pipes(text)) for n, text in lines[index + 1:end]]
            # A row with one bold cell ("| **Objective 2: ...** | | |") heads the rows below
            heads = {n for n, cells in rows if len([c for c in cells if c]) == 1 and (
                next(c for c in cells if c).startswith(("**", "__")))}
            reader.read_table(split_pipes(stripped),
                              [(n, [clean(c) for c in cells]) for n, cells in rows], number,
                              heads)
            index = end
            continue
        if "\t" in stripped and index < count and "\t" in lines[index][1] and \
                len([c for c in stripped.split("\t") if c.strip()]) >= 2 and \
                bullet_of(stripped, stripped) is None:  # ("1.\tText" is a list item)
            end = index  # tab-separated rows pasted from a spreadsheet: a table
            while end < count and "\t" in lines[end][1]:
                end += 1
            reader.read_table([clean(c) for c in stripped.split("\t")],
                              [(n, [clean(c) for c in text.strip().split("\t")])
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
        if lead_status and reader.kr is not kr and reader.kr is not None:
            reader.kr.status = reader.kr.status or lead_status
    return reader.finish()


def read_table(header: list[str], rows: list[tuple[int, list[str]]], header_line: int,
               source: str | None = None) -> OKRSet:
    """A document that is one table (a CSV export): the rows read as in a Markdown table."""
    reader = _Reader(source)
    reader.read_table(header, rows, header_line)
    return reader.finish()


def _read_line(reader: _Reader, line: str, stripped: str, number: int,
               ignore: list[str]) -> None:
    if line[0] == "#":
        level, text = heading_of(line)
        _read_heading(reader, level, clean(text), number, ignore)
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
    _read_content(reader, content, line, stripped, bullet, indent, number, ignore)
    if mark and reader.kr is not kr_before and reader.kr is not None:
        reader.kr.status = reader.kr.status or mark


def _read_content(reader: _Reader, content: str, line: str, stripped: str,
                  bullet: tuple[int, str] | None, indent: int, number: int,
                  ignore: list[str]) -> None:
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
    if low.rstrip(" :") in ("objective", "goal"):
        _read_label(reader, None, content, low, number, -1)  # "OBJECTIVE", text below
        return
    if len(low) < 16 and ((first == "k" and KR_SECTION.match(low))
                          or (first == "o" and OBJECTIVES_SECTION.match(low))):
        reader.end_section()
        reader.kr = None  # its children are KRs, not initiatives of the KR above
        return  # "Key Results:" or "Objectives" announcing what follows
    at = label_end(low, content)
    end = kr_label_end(low) if first in "ko" else -1
    if at >= 0 and end < 0 and (rest := content[at:].strip()):
        reader.new_objective(rest, number, indent if bullet else -1, ignore)
        if owner and reader.objective is not None:
            reader.objective.owner = owner
        return
    if reader.expect_objective:
        reader.expect_objective = False
        reader.new_objective(content, number, -1, ignore)
        return
    if ":" in low[:20] or "=" in low[:20]:
        field = FIELD_LINE().match(low)
        if field is not None and reader.field(FIELD_ROLES[field.group(1)],
                                              content[field.start(2):].strip()):
            return
    if len(low) < 60 and (bullet is None or low[-1:] == ":"):
        kind = section_kind(content)
        if kind is not None:
            _read_label(reader, kind, content, low, number, indent if bullet else -1)
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
        if reader.kr is not None and reader.kr_end == number - 1 and not reader.section and (
                indent > 0 or (content[0].islower() and reader.kr.text[-1:] not in ".!?:)")):
            # A line right under a KR's line continues it: indented, or a sentence that runs
            # on (Markdown's lazy continuation, as hard-wrapped text has it)
            reader.kr.text += " " + content
            reader.kr.parsed = parse_kr(reader.kr.text)
            reader.kr_end = number
            return
        if OWNER_LINE().match(content):
            reader.okrs.unplaced.append(Unplaced(number, content, "section or owner label"))
            return
        if content.endswith("[edit]"):  # a wiki page's section title, pasted as text
            _read_heading(reader, 2, content[:-6].strip(), number, ignore)
            return
        if reader.kr_lines and NOTE_LABEL().match(content):
            reader.kr_lines = False  # "What we learned: ...", "Team size: 3": past the KRs
        if reader.kr_lines and reader.objective is not None and len(content.split()) <= 40 \
                and content[-1] != ":":
            # Under "Key results:", unbulleted lines are the KRs (slides, pasted text); the
            # list a KR line has under it is its detail
            reader.new_kr(content, number, -1, ignore, low)
            reader.kr_unlabelled = True
            return
        reader.okrs.unplaced.append(Unplaced(number, content, "text outside any list"))
        return
    if reader.objective is None:
        reader.okrs.unplaced.append(Unplaced(number, content, "bullet before any objective"))
        return
    if reader.objective_indent >= 0 and indent <= reader.objective_indent:
        # A sibling of a bullet objective with no label: a new unlabelled objective only if
        # the document uses that shape; otherwise keep it as a KR of the current one.
        reader.new_kr(content, number, indent, ignore)
        reader.kr_numbered = stripped[0].isdigit()
        reader.kr_unlabelled = True
        return
    numbered = stripped[0].isdigit()  # "1. text"
    if reader.kr is not None and (indent > reader.kr_indent or (
            indent == reader.kr_indent and reader.kr_numbered and not numbered
            and stripped[0] in "•▪◦‣*-")):
        # deeper than the KR, or a "•" item under a numbered KR: work, not a result
        reader.kr.initiatives.append(content)
        reader.initiative_lines.setdefault(id(reader.kr), []).append(number)
        return
    reader.new_kr(content, number, indent, ignore, low)
    reader.kr_numbered = stripped[0].isdigit()
    reader.kr_unlabelled = True


def _read_label(reader: _Reader, kind: str | None, content: str, low: str, number: int,
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
        reader.kr_lines = True
        return
    reader.start_section(kind, content, number, 7, indent)


def _read_heading(reader: _Reader, level: int, content: str, number: int,
                  ignore: list[str]) -> None:
    if content and not content[0].isalnum():
        content = strip_symbols(content)
    if not content:
        return
    if reader.section and level <= reader.section_level:
        reader.end_section()
    reader.expect_objective = False
    reader.kr_lines = False
    numbered = OUTLINE_NUMBER().match(content)
    if numbered is not None and OBJECTIVE_LABEL.match(content[numbered.end():].lower()):
        content = content[numbered.end():]  # "2.1 Strategic Objective 1: ..."
    low = lower_keeping_length(content)
    at = label_end(low, content)
    if at >= 0:
        reader.new_objective(content[at:].strip(), number, -1, ignore, level=level)
        return
    if OBJECTIVES_SECTION.match(low):
        return
    kind = section_kind(content)
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
        _team, cycle = title_parts(content)
        if cycle and len(content) < 40:  # "## Q3 2027" above the objectives
            reader.okrs.cycle = cycle
            return
    reader.new_objective(content, number, -1, ignore, tentative=True, level=level)
