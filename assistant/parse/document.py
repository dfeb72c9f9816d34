"""The document being read: objectives and Key Results as they are found, and the state that
decides where the next line goes (the current objective and KR, their indentation, the
section the reader is in). The line readers (``markdown``, and through it HTML and wiki
source; ``delimited`` for CSV) call it; it knows nothing of lines' syntax.
"""

from __future__ import annotations

from assistant.model import KeyResult, Objective, OKRSet, Unplaced
from assistant.parse.groups import split_group
from assistant.parse.lines import (
    label_end,
    lower_keeping_length,
    owner_prefix,
    split_status,
    unlabelled,
)
from assistant.parse.phrase import fill_numbers, parse_kr
from assistant.parse.shapes import OKR_TALK

TYPE_CHECKING = False
if TYPE_CHECKING:
    from assistant.parse.tables import Row

class Document:
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
        self.objective_end = 0
        self.listing: KeyResult | None = None  # a KR whose nested list completes its text
        self.numbered_part: KeyResult | None = None  # a "2.1 ..." line read as a KR
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
        self.expect_kr = False  # a bare "KR2" heading: the next line is the Key Result
        self.kpis_are_krs = False  # the second reading of a page with only KPI lists
        # Under an "Objectives" heading, the level of that heading: its top bullets are
        # objectives and their nested bullets the Key Results (0: not in such a list)
        self.objective_list = 0
        # A heading that only names a period ("## Q1", "### 2023") and the label lines under
        # it that name groups ("CMS:", "Front-end"): those labels are the objectives
        self.period_heading: Objective | None = None
        self.group_labels: set[int] = set()  # ids of the objectives such labels opened
        self.after_period = False  # a period's heading read as the set's cycle, nothing since
        self.bold: Objective | None = None  # an objective whose heading was a bold line
        self.blank = False  # a blank line came before the line being read
        self.item_end = 0  # the last line of the latest list item (a bullet and its wrap)
        # The list under a "Key Performance Indicators" label: its top items so far (-1: no
        # such list), their indent, and whether blank lines separate them (a loose list)
        self.label_items = -1
        self.label_indent = 0
        self.label_gap = False
        self.heading_level = 0  # of the last heading read
        self.heading_line = 0
        # id(objective) -> the heading depth of an objective the document labels as one
        # ("## O1: ...", "Objective 2 -"); a labelled line sits just inside its heading
        self.labelled: dict[int, float] = {}

    def new_objective(self, text: str, line: int, indent: int, ignore: list[str],
                      tentative: bool = False, level: int = 0, labelled: bool = False) -> None:
        text, _status = split_status(text)
        owner, text = owner_prefix(text)
        restated = self.objective
        if labelled and not level and restated is not None and not restated.key_results and \
                self.labelled.get(id(restated), 0) >= 1 and restated.line == self.heading_line:
            # "### O1 Stand up the platform" then "_Objective_: Plan, build and run ...":
            # the line states the objective the heading names
            self.okrs.unplaced.append(Unplaced(restated.line or 0, restated.text,
                                               "objective's short name"))
            restated.text, restated.line = text, line
            restated.owner = restated.owner or owner
            self.objective_end = line
            self.end_section()
            return
        # Positional (text, line, key_results, owner, ignore), as KeyResult below.
        self.objective = Objective(text, line, [], owner, ignore)
        self.pending.append((self.objective, tentative))
        if level:
            self.levels[id(self.objective)] = level
        if labelled:
            self.labelled[id(self.objective)] = level or self.heading_level + 0.5
        self.objective_indent = indent
        self.objective_end = line  # its last line, for a wrapped continuation
        self.kr = None
        self.kr_indent = -1
        self.kr_lines = False
        self.after_period = False
        self.label_items = -1
        self.end_section()

    def second_list(self, indent: int) -> bool:
        """A bullet under a Key Results label: True when it starts a second list, after a
        blank line that ends a tight list of two or more (the strategies a plan lists after
        its KPIs); the list and everything up to the next label or heading is then not KRs."""
        if self.label_items == 0:
            self.label_indent = indent
        elif indent > self.label_indent:
            return False
        elif self.blank and self.label_items >= 2 and not self.label_gap:
            self.label_items = -1
            self.section, self.section_title = "other", "a list after the Key Results"
            self.section_level, self.section_indent = 7, -1
            return True
        elif self.blank:
            self.label_gap = True
        self.label_items += 1
        return False

    def in_period(self) -> bool:
        """The current objective is a period's heading with nothing under it yet, or a group
        label under such a heading: a label line that names a group opens an objective."""
        objective = self.objective
        if objective is None:
            return self.after_period
        return id(objective) in self.group_labels or (
            objective is self.period_heading and not objective.key_results)

    def about_okrs(self, number: int, content: str, low: str) -> bool:
        """An unlabelled item that talks about the OKRs ("Hitting 70% of a Key Result is
        good", "O3 has 4 KRs", "each WG presents its OKRs"): a handbook's advice or a
        reviewer's note, not a Key Result. It goes unplaced."""
        if ("okr" not in low and "key result" not in low and "kr" not in low
                and "objective" not in low) or OKR_TALK().search(low) is None:
            return False
        objective = self.objective
        if objective is not None and OKR_TALK().search(objective.text.lower()):
            return False  # "Make OKRs part of how we work": its KRs are about OKRs by right
        self.okrs.unplaced.append(Unplaced(number, content, "about the OKRs, not one"))
        return True

    def start_section(self, kind: str, title: str, line: int, level: int, indent: int) -> None:
        self.kr_lines = False
        self.label_items = -1
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

    def field(self, role: str, value: str, line: int) -> bool:
        """A field line ("Owner: Dana", "Baseline: 31%") for the KR or objective above it;
        False when there is nothing above it to hold the field."""
        kr, objective = self.kr, self.objective
        if role == "owner" and objective is not None and (kr is None or kr.owner):
            objective.owner = value
            return True
        if kr is None:
            return False
        if role == "measure":  # "Measure: sessions per week": how the KR above is counted
            self.okrs.unplaced.append(Unplaced(line, value, "measure of the Key Result above"))
            return True
        if role == "stretch":  # "Stretch goal: 99.9%": a second target, beyond the KR's own
            self.okrs.unplaced.append(Unplaced(line, value, "stretch target of the Key Result"))
            return True
        if role == "owner":
            kr.owner = value
        elif role == "status":
            kr.status = value
        elif kr.parsed is not None:
            fill_numbers(kr.parsed, "" if role == "target" else value,
                         value if role == "target" else "")
        return True

    def regroup_kr(self) -> None:
        """The current KR is a group's name over the KRs nested under it."""
        kr, objective = self.kr, self.objective
        assert kr is not None and objective is not None
        objective.key_results.remove(kr)
        self.okrs.unplaced.append(Unplaced(kr.line or 0, kr.text, "group label"))
        self.kr = None

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
        if status is not None:  # (the note may have been before the text or after it)
            text, low = cut, lower_keeping_length(cut)
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
            with_label_column,
            with_list_column,
            with_number_goals,
            with_type_column,
        )

        header = [c.strip("*_` ") for c in header]  # ("resultado_chave" keeps its "_")
        roles = with_number_goals(with_label_column(with_list_column(
            with_type_column(column_roles(header), rows), header, rows), rows), rows)
        if not is_okr_table(roles):
            self.okrs.unplaced.append(Unplaced(header_line, " | ".join(header),
                                               "table without an objective or Key Result column"))
            self.okrs.unplaced += [Unplaced(n, " | ".join(c for c in cells if c), "table row")
                                   for n, cells in rows if any(cells)]
            return
        table_rows = read_rows(roles, rows)
        before = self.objective  # the rows up to the first objective row belong to it
        if "objective" not in roles:
            for row, (_line, cells) in zip(table_rows, rows, strict=True):
                text = next((c for c in cells if c), "")
                if row.line in heads or (label_end(text.lower(), text) >= 0 and
                                         len([c for c in cells if c]) == 1):
                    row.objective, row.key_results, row.kr_lines = text, [], []  # a heading
        summary = "key_result" not in roles and "type" not in roles and \
            self._refers_back([row.objective for row in table_rows if row.objective])
        by_id: dict[str, Objective] = {}
        # Parent ids link Key Result rows to objective rows, unless every Key Result row
        # names its objective itself (an export that repeats the objective on each row, its
        # "Objective ID" the objective's own id): then rows group by the objective named
        linked = "parent" in roles and "id" in roles and not all(
            row.objective for row in table_rows if row.key_results)
        for row in table_rows:
            if row.objective and (linked or self.objective is None
                                  or unlabelled(row.objective) != self.objective.text):
                self.new_objective(unlabelled(row.objective), row.line, -1, [],
                                   tentative=summary)
                assert self.objective is not None
                if row.owner and not row.key_results:
                    self.objective.owner = row.owner
                if row.id:
                    by_id[row.id] = self.objective
        current = before if not linked else None
        for row in table_rows:
            if row.kind == "other":
                self.okrs.unplaced.append(Unplaced(row.line, " | ".join(
                    x for x in (row.type_text, *row.key_results) if x), "table row, not a KR"))
                continue
            if row.objective:
                current = by_id.get(row.id, current) if linked else self._objective_at(row.line)
            if not row.key_results:
                continue
            owner = (by_id.get(row.parent) or self._objective_named(row.parent)) if linked \
                else current
            if owner is None:
                self.okrs.unplaced.append(Unplaced(
                    row.line, row.key_results[0],
                    f"Key Result whose parent {row.parent!r} is not in the table" if linked
                    else "Key Result before any objective"))
                continue
            for text, line in zip(row.key_results, row.kr_lines, strict=True):
                self.objective = owner
                self.new_kr(unlabelled(text), line, -1, [])
                self._fill_from_columns(row)
        self.kr = None  # a bullet after the table is not an initiative of its last row
        self.kr_indent = -1

    def _refers_back(self, names: list[str]) -> bool:
        """A table with no Key Result column whose rows name objectives by number ("1 —
        school") or repeat the ones already read ("O1: Play Store Ready" in a scoreboard):
        a summary of the OKRs, whose rows are objectives only if Key Results follow."""
        if any(name[:1].isdigit() for name in names):
            return True
        known = [objective.text.lower() for objective, _tentative in self.pending]
        repeated = sum(1 for name in names
                       if any(k.startswith(unlabelled(name).lower()) for k in known))
        return repeated * 2 >= len(names) > 0

    def _objective_named(self, name: str) -> Objective | None:
        """The objective read so far whose text starts with ``name`` ("Product growth" for
        "**1. Product growth** - The Coop cements ..."): a KPI table's "Tracks" column."""
        if not name:
            return None
        for objective, _tentative in self.pending:
            if objective.text.lower().startswith(name):
                return objective
        return None

    def links_to_objectives(self, header: list[str], rows: list[tuple[int, list[str]]]
                            ) -> bool:
        """A table whose parent column ("Tracks", "Aligns to") names the objectives read
        above it: its rows are their Key Results, even under a "KPIs" heading."""
        from assistant.parse.tables import column_roles, ref_key

        index = column_roles([c.strip("*_` ") for c in header]).get("parent")
        if index is None:
            return False
        names = [ref_key(cells[index]) for _n, cells in rows if index < len(cells)]
        return bool(names) and all(self._objective_named(n) for n in names if n)

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

    def _settle_unlabelled(self) -> None:
        """Where a document labels its objectives ("## O1: ...", "Objective 2 -"), a heading
        without the label is not one: deeper than a labelled objective, it names a group of
        that objective's Key Results; anywhere else it is a section of the page ("Where we
        are", "Summary", a review's "KR2" table)."""
        if not self.labelled:
            return
        keep: list[tuple[Objective, bool]] = []
        above: Objective | None = None
        for objective, tentative in self.pending:
            if not tentative:
                keep.append((objective, tentative))
                if id(objective) in self.labelled:
                    above = objective
                continue
            if above is not None and self.levels.get(id(objective), 0) > self.labelled[id(above)]:
                above.key_results += objective.key_results
                self.okrs.unplaced.append(Unplaced(objective.line or 0, objective.text,
                                                   "group heading"))
            elif objective.key_results:
                self.demote(objective, "heading where the document labels its objectives")
        self.pending = keep

    def finish(self) -> OKRSet:
        self._settle_unlabelled()
        self.pending = [pair for objective, tentative in self.pending
                        for pair in ([(objective, tentative)] if id(objective) in self.group_labels
                                     else split_group(objective, tentative,
                                                       self.initiative_lines))]
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
