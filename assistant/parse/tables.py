"""Tables of OKRs (Markdown pipes, HTML, CSV): which column holds what, and what each row is.

Teams keep OKRs in spreadsheets and wiki tables in a few shapes: one row per Key Result with
its objective in a column (often left empty below the first row, as merged cells export); a
"type" column telling objective rows from Key Result rows, sometimes with parent ids; a table
of Key Results under an objective heading; a table of objectives with their Key Results in
one cell. Columns are recognised by their header (``ROLES``); a table with neither an
objective nor a Key Result column is not an OKR table and its rows are reported unplaced.
This module is pure: the document readers turn its rows into objectives and Key Results.
"""

from __future__ import annotations

import re

from assistant.parse.lazy import lazy

# Header words for each role, compared after lower-casing and dropping punctuation. Order
# matters only within a header: the first role whose words match a header cell wins.
ROLES: dict[str, frozenset[str]] = {
    "type": frozenset({"type", "kind", "level", "okr type", "item type", "row type"}),
    "objective": frozenset({
        "objective", "objectives", "goal", "goals", "objective title", "objective name", "o",
        "okr", "okrs", "strategic objective", "objective description", "theme", "ziel",
        "objectif", "objectifs", "outcome", "objetivo", "objetivos", "obiettivo",
        "doelstelling", "mål", "objective text"}),
    "key_result": frozenset({
        "key result", "key results", "kr", "krs", "key result kr", "result", "results",
        "measure", "measures", "metric", "metrics", "success metric", "success metrics",
        "success criteria", "success criterion", "measured by", "kpi", "kpis", "indicator",
        "indicators", "key result description", "key result title", "kr description",
        "resultat cle", "résultat clé", "résultats clés", "indicateur", "kennzahl",
        "schlüsselergebnis", "erfolgskriterium", "erfolgskriterien", "measurable outcome",
        "resultado chave", "resultados chave", "resultado clave", "resultados clave",
        "risultato chiave", "nøkkelresultat", "kr title", "kr text", "key result text",
        "resultado-chave", "resultados-chave", "indicador", "indicadores", "indicateurs",
        "indicatori", "métricas", "metricas", "métrica", "kennzahlen", "indikator",
        "indikatoren"}),
    "text": frozenset({"title", "name", "description", "text", "summary", "statement",
                       "item"}),
    "owner": frozenset({"owner", "owners", "lead", "leads", "responsible", "assignee",
                        "assignees", "dri", "owned by", "accountable", "champion", "who",
                        "responsavel", "responsável", "responsable", "verantwortlich",
                        "eigentümer", "ansvarlig"}),
    "status": frozenset({"status", "state", "progress", "grade", "score", "confidence",
                         "rag", "health", "achieved", "done", "outcome status", "result status",
                         "final score", "rating", "completion", "statut", "estado",
                         "confianca", "confiança", "confianza"}),
    "baseline": frozenset({"baseline", "start", "starting value", "start value", "initial",
                           "initial value", "from", "starting point", "before", "baseline value",
                           "base", "valeur initiale", "ausgangswert"}),
    "current": frozenset({"current", "current value", "actual", "now", "latest", "today",
                          "value", "valeur actuelle", "realizado", "atual", "actual value",
                          "istwert"}),
    "target": frozenset({"target", "target value", "to", "goal value", "end value", "cible",
                         "valeur cible", "zielwert", "aim", "meta", "alvo", "objetivo valor",
                         "sollwert"}),
    "id": frozenset({"id", "#", "no", "number", "ref", "key", "okr id", "kr id"}),
    "parent": frozenset({"parent", "parent id", "objective id", "parent objective", "aligns to",
                         "contributes to", "parent okr", "tracks", "supports",
                         "for objective", "linked objective"}),
}
# Columns that name what a row's Key Results are for, read as the objective only when the
# table has a Key Result column and no objective column ("Project | Q2 goals | Lead").
_GROUP_HEADERS = frozenset({"project", "projects", "project name", "team name", "workstream",
                            "work stream", "team", "area",
                            "focus area", "pillar", "bucket", "program", "programme", "product",
                            "squad", "group", "department", "function", "initiative", "epic"})
_OBJECTIVE_TYPES = frozenset({"objective", "objectives", "goal", "o", "obj"})
_KR_TYPES = frozenset({"key result", "kr", "key results", "result", "krs", "key_result",
                       "keyresult", "metric"})
_PUNCT = re.compile(r"[^\w#%]+|_")
_BREAK = re.compile(r"\s*(?:</?(?:br|li|ul|ol|p)\b[^>]*>\s*)+", re.IGNORECASE)
_CYCLE_PREFIX = re.compile(r"^(?:q[1-4]|h[12]|fy\s?\d{2,4}|20\d{2})\s+")


def _header_key(cell: str) -> str:
    """A header cell as looked up: "Q2 Key Results" and "key results" alike."""
    return _CYCLE_PREFIX.sub("", _PUNCT.sub(" ", cell.lower()).strip())


_ENTITY_FIELDS = ("id", "owner", "status", "baseline", "current", "target")


def _field_of(key: str) -> str | None:
    """ "Key Result ID", "Key Result Owner", "Objective Progress (%)", "KR Baseline": an
    exporter's "<what> <field>" header is that field's column, whatever it belongs to."""
    words = key.split(" (")[0].split()
    if len(words) < 2:
        return None
    for size in (2, 1):
        tail = " ".join(words[-size:])
        role = next((r for r in _ENTITY_FIELDS if tail in ROLES[r]), None)
        if role is not None and len(words) > size:
            return role
    return None


def column_roles(header: list[str]) -> dict[str, int]:
    """Role -> column index, for the roles this header has (the first column of each)."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if not key:
            continue
        role = next((r for r, words in ROLES.items() if key in words), None)
        if role is None:
            role = _field_of(key)
        if role is None:  # "Key result (Q3)", "Target (end of year)": the head word decides
            head = key.split(" (")[0]
            role = next((r for r, words in ROLES.items()
                         if any(head.startswith(w + " ") for w in words if len(w) > 3)), None)
        if role is None and key.split()[-1] in ("kpi", "kpis", "krs", "metric", "metrics"):
            role = "key_result"  # "Project KPI", "Team metrics": what the row is measured by
        if role is not None and role not in roles:
            roles[role] = index
    if "key_result" not in roles and "objective" not in roles and "text" in roles \
            and "type" not in roles:
        roles["key_result"] = roles.pop("text")
    if "key_result" in roles and "objective" not in roles:
        group = next((i for i, cell in enumerate(header) if _header_key(cell) in _GROUP_HEADERS
                      and i not in roles.values()), None)
        if group is not None:
            roles["objective"] = group
    return roles


def with_list_column(roles: dict[str, int], header: list[str],
                     rows: list[tuple[int, list[str]]]) -> dict[str, int]:
    """``roles`` with "key_result" set to a column whose cells are lists (``<ul><li>``,
    ``<br>``), when the header named none: a wiki table's "Q2 target goals" column."""
    if "key_result" in roles or not rows:
        return roles
    for index in range(len(header)):
        cells = [cells[index] for _, cells in rows if index < len(cells) and cells[index]]
        listed = sum(1 for c in cells if _BREAK.search(c))
        if cells and listed * 2 >= len(cells) and index != roles.get("objective"):
            roles = {role: i for role, i in roles.items() if i != index}
            roles["key_result"] = index
            if "objective" not in roles:
                group = next((i for i, cell in enumerate(header) if i != index and
                              _header_key(cell) in _GROUP_HEADERS | ROLES["objective"]), None)
                if group is not None:
                    roles["objective"] = group
            return roles
    return roles


def with_label_column(roles: dict[str, int], rows: list[tuple[int, list[str]]]
                      ) -> dict[str, int]:
    """``roles`` with "key_result" moved to the column holding the statements when the column
    headed "Key Result" holds only labels ("KR1", "KR2"): the labels become the row's id."""
    from assistant.parse.lines import BARE_KR_LABEL

    index = roles.get("key_result")
    if index is None:
        return roles
    cells = [cells[index] for _, cells in rows if index < len(cells) and cells[index]]
    if not cells or not all(BARE_KR_LABEL.match(c.strip("*_ ").lower()) for c in cells):
        return roles
    width = max(len(cells) for _, cells in rows)
    taken = set(roles.values())
    lengths = {i: sum(len(cells[i]) for _, cells in rows if i < len(cells))
               for i in range(width) if i not in taken}
    if not lengths:
        return roles
    roles = {role: i for role, i in roles.items() if role != "id"}
    roles["id"] = index
    roles["key_result"] = max(lengths, key=lambda i: lengths[i])
    return roles


_NUMBER_CELL = re.compile(r"^[~<>≥≤=+-]?\s*[$€£]?\d[\d.,]*\s*(?:%|/\s?\d+|[kmbx]|pts?)?$",
                          re.IGNORECASE)


def with_number_goals(roles: dict[str, int], rows: list[tuple[int, list[str]]]
                      ) -> dict[str, int]:
    """``roles`` with a "Goal" column that holds only numbers ("8/10", "400", "40%") beside
    the Key Result column read as the target: "Metric | Goal | Q1 | Q2" tracks metrics."""
    index = roles.get("objective")
    if index is None or "key_result" not in roles or "target" in roles:
        return roles
    cells = [cells[index].strip("*_ ") for _, cells in rows if index < len(cells)
             and cells[index].strip("*_ -")]
    if not cells or not all(_NUMBER_CELL.match(c) for c in cells):
        return roles
    roles = {role: i for role, i in roles.items() if role != "objective"}
    roles["target"] = index
    return roles


def with_type_column(roles: dict[str, int], rows: list[tuple[int, list[str]]]
                     ) -> dict[str, int]:
    """``roles`` with "type" set to the column whose values say objective or Key Result
    ("Obj"/"KR", "OKR: Objective"), when the header did not say which one it is (a
    "Category" column; an "OKR Type" column that holds committed/aspirational instead)."""
    if "objective" in roles and "key_result" in roles:
        return roles
    width = max((len(cells) for _, cells in rows), default=0)
    for index in range(width):
        kinds = [_kind(cells[index]) for _, cells in rows if index < len(cells) and
                 cells[index].strip()]
        if kinds and "objective" in kinds and "kr" in kinds and \
                kinds.count("other") <= len(kinds) // 2:
            roles = dict(roles)
            roles["type"] = index
            if "text" not in roles:  # the text is then in the objective or KR column
                for role in ("objective", "key_result"):
                    if role in roles:
                        roles["text"] = roles.pop(role)
                        break
            return roles
    return roles


def is_okr_table(roles: dict[str, int]) -> bool:
    return ("objective" in roles or "key_result" in roles
            or ("type" in roles and "text" in roles))


class Row:
    """One table row read for its OKR parts; empty strings where the row has nothing.

    ``kind`` is "objective" or "kr" when a type column says so, "other" when it names
    something else (a user story, an initiative), "" when the table has no type column."""

    __slots__ = ("baseline", "current", "id", "key_results", "kind", "kr_lines", "line",
                 "objective", "owner", "parent", "status", "target", "type_text")

    def __init__(self, line: int) -> None:
        self.line = line
        self.kind = ""
        self.type_text = ""
        self.id = ""
        self.parent = ""
        self.objective = ""
        self.key_results: list[str] = []
        self.kr_lines: list[int] = []  # the source line of each (a CSV cell spans lines)
        self.owner = ""
        self.status = ""
        self.baseline = ""
        self.current = ""
        self.target = ""


def _cell(cells: list[str], roles: dict[str, int], role: str) -> str:
    index = roles.get(role)
    if index is None or index >= len(cells):
        return ""
    value = cells[index].strip()
    return "" if value in ('"', "〃", "''", "-", "—", "–", "n/a", "N/A") and role != "status" \
        else value


# Tracker labels that type an issue: "okr-o" / "okr-kr" beside other labels ("okr-kr,Stale")
# (a "labels" column becomes the type column through ``with_type_column``, by these values)
_LABEL_TYPES = {"okr-o": "objective", "okr-objective": "objective", "okr-kr": "kr",
                "okr-key-result": "kr", "key-result": "kr"}


def _kind(type_text: str) -> str:
    key = _header_key(type_text)
    if not key:
        return ""
    if key in _KR_TYPES or "key result" in key or key.startswith("kr"):
        return "kr"
    if key in _OBJECTIVE_TYPES or "objective" in key or key.startswith("obj"):
        return "objective"
    if "," in type_text or "-" in type_text:  # a labels cell: "okr-kr,Stale"
        for label in type_text.lower().replace(";", ",").split(","):
            kind = _LABEL_TYPES.get(label.strip())
            if kind is not None:
                return kind
    return "other"


def ref_key(value: str) -> str:
    """An id or a parent reference as comparable text: "#165", "165 " and "165" alike."""
    return value.strip().lstrip("#").strip().lower()


def read_rows(roles: dict[str, int], rows: list[tuple[int, list[str]]]) -> list[Row]:
    """Each table row as objective text (empty: the one above), Key Results and their columns.

    A row whose objective cell is empty belongs to the objective above it (merged cells);
    a "type" column decides whether the row's text is an objective or a Key Result."""
    out: list[Row] = []
    for line, cells in rows:
        row = Row(line)
        row.type_text = _cell(cells, roles, "type")
        row.kind = _kind(row.type_text)
        text = _cell(cells, roles, "text")
        if row.kind == "objective":
            row.objective = text
        elif row.kind == "kr" and text:
            row.key_results = [text]
        row.objective = row.objective or _cell(cells, roles, "objective")
        kr_cell = _cell(cells, roles, "key_result")
        items = _cell_items(kr_cell) if kr_cell and row.kind != "objective" else []
        row.kr_lines = [line] * len(row.key_results) + (
            [line + offset for offset in _offsets(kr_cell, items)] if "\n" in kr_cell
            else [line] * len(items))
        row.key_results += items
        row.id = ref_key(_cell(cells, roles, "id"))
        row.parent = ref_key(_cell(cells, roles, "parent"))
        row.owner = _cell(cells, roles, "owner")
        row.status = _cell(cells, roles, "status")
        row.baseline = _cell(cells, roles, "baseline")
        row.current = _cell(cells, roles, "current")
        row.target = _cell(cells, roles, "target")
        out.append(row)
    return out


# "IE-01.01:", "KPI 3 -", "M2:": an item's code before its statement
_ITEM_CODE = lazy(r"^(?:\*\*)?[A-Z]{1,4}[- ]?\d{1,3}(?:\.\d{1,3})*\s*[:–-]\s*")


def _cell_items(cell: str) -> list[str]:
    """The Key Results in one cell: split at list breaks (``<br>``, ``<li>``) and, in a CSV
    cell, at line ends, without the cell's own header line ("Website KPIs/Milestones",
    "KPIs:")."""
    parts = [p.strip() for chunk in _BREAK.split(cell) for p in chunk.split("\n")]
    parts = [p for p in parts if p]
    if len(parts) > 1 and (parts[0].endswith(":") or _header_key(parts[0]).split()[-1:] in (
            ["kpis"], ["milestones"], ["metrics"])):
        parts = parts[1:]
    if len(parts) == 1 and ";" in parts[0]:
        # "IE-01.01: Share of codes revised; IE-01.02: Inspections pending": coded items
        # run together in one cell, each its own Key Result, without its code
        coded = [p.strip() for p in parts[0].split(";") if p.strip()]
        if len(coded) > 1 and sum(bool(_ITEM_CODE().match(p)) for p in coded) * 2 > len(coded):
            parts = [_ITEM_CODE().sub("", p, count=1) for p in coded]
    return parts


def _offsets(cell: str, items: list[str]) -> list[int]:
    """How many lines into ``cell`` each of its ``items`` starts."""
    offsets, at = [], 0
    for item in items:
        found = cell.find(item, at)
        if found < 0:
            offsets.append(cell.count("\n", 0, at))
            continue
        offsets.append(cell.count("\n", 0, found))
        at = found + len(item)
    return offsets


def split_pipes(line: str) -> list[str]:
    """The cells of a Markdown table line: "| a | b \\| c |" -> ["a", "b | c"]."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [c.replace("\\|", "|").strip() for c in cells]


_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def is_separator(line: str) -> bool:
    return _SEPARATOR.match(line.strip()) is not None
