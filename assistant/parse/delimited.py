"""Spreadsheet exports (CSV, TSV, semicolon-separated) of OKRs, read as one table.

The header is the first row that names an objective or Key Result column (exports often
start with a title row or a blank one); rows above it give the title. Cells may span lines
(quoted), so each row keeps the line it starts on.
"""

from __future__ import annotations

import csv
import io

from assistant.model import OKRSet, Unplaced
from assistant.parse.errors import InputError
from assistant.parse.markdown import read_table
from assistant.parse.tables import column_roles, is_okr_table, with_type_column
from assistant.parse.titles import title_parts


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel


def read_delimited(text: str, source: str | None = None) -> OKRSet:
    reader = csv.reader(io.StringIO(text), _dialect(text))
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as err:
        raise InputError(f"not a readable CSV file at line {reader.line_num}: {err}") from None
    for index, (line, cells) in enumerate(rows):
        if is_okr_table(with_type_column(column_roles(cells), rows[index + 1:index + 40])):
            okrs = read_table(cells, rows[index + 1:], line, source)
            before = [(n, " ".join(c.strip() for c in cs if c.strip())) for n, cs in rows[:index]]
            before = [(n, t) for n, t in before if t]
            if before:
                okrs.team, okrs.cycle = title_parts(before[0][1])
                okrs.unplaced[:0] = [Unplaced(n, t, "above the table's header")
                                     for n, t in before[1:]]
            return okrs
    raise InputError(
        "no column of this table names objectives or Key Results: give the header row an "
        "'Objective' and a 'Key Result' column (or 'Type' and 'Title')"
    )
