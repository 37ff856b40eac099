"""Excel workbooks (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``) as all-text tables.

Read with python-calamine, an optional extra (``pip install 'eventdata[excel]'``): a Rust
reader that is many times faster than openpyxl and reads every spreadsheet format Excel
and LibreOffice write. Cells become the text ACLED would have written: whole numbers
without ``.0`` (Excel stores every number as a float), dates as ISO days, empty cells
blank. Text cells stay as typed, so a date typed as ``5-Aug-24`` is decided with the rest
of its column like any CSV date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventdata.exceptions import InputError, MissingExtraError
from eventdata.io.csv_header import unique_names
from eventdata.io.dialects import known_column_names
from eventdata.io.formats import ReadOptions
from eventdata.schema.text import Dialect

__all__ = ["EXCEL_SUFFIXES", "read_excel_file", "read_excel_table"]

EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
"""Spreadsheet files eventdata reads (with the ``excel`` extra)."""


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        midnight = value.time() == dt.time(0)
        return value.date().isoformat() if midnight else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_excel_file(path: Path, options: ReadOptions) -> tuple[pa.Table, Dialect]:
    """A workbook (the ``excel`` row of the format table): its table sheet as text."""
    table, notes, chosen = _read_sheet(path, options.sheet)
    dialect = Dialect(format="excel", notes=notes)
    dialect.sheet = chosen
    return table, dialect


_HEADER_ROWS = 30
"""How far down a sheet its header row is looked for (a title or terms may precede it)."""


def _known_count(row: list[Any]) -> int:
    known = known_column_names()
    return sum(1 for cell in row if isinstance(cell, str) and cell.strip().lower() in known)


def _header_index(rows: list[list[Any]]) -> tuple[int, int]:
    """The row naming the most known columns among the first rows, and how many it names."""
    best, index = 0, 0
    for i, row in enumerate(rows[:_HEADER_ROWS]):
        count = _known_count(row)
        if count > best:
            best, index = count, i
    return index, best


def read_excel_table(path: Path, *, sheet: str | int | None = None) -> tuple[pa.Table, list[str]]:
    """The sheet of a workbook holding the table, as an all-text table, and notes.

    Args:
        path: the workbook.
        sheet: the sheet's name or 0-based index; when None, the sheet whose header row
            names the most columns eventdata knows (ACLED's aggregate workbooks open with a
            terms-of-use sheet), else the first.

    Raises:
        MissingExtraError: the ``excel`` extra is not installed.
        InputError: the workbook cannot be read, the sheet does not exist, or it has no
            header row.
    """
    table, notes, _chosen = _read_sheet(path, sheet)
    return table, notes


def _read_sheet(path: Path, sheet: str | int | None) -> tuple[pa.Table, list[str], str]:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise MissingExtraError(
            f"{path}: is a spreadsheet; reading it needs the excel extra: pip install "
            "'eventdata[excel]' (or save the sheet as CSV)"
        ) from None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
        sheets = {
            n: _rows(workbook.get_sheet_by_name(n).to_python(skip_empty_area=True)) for n in names
        }
    except Exception as exc:  # calamine raises its own error types
        raise InputError(f"cannot be read as a spreadsheet: {exc}", path=path) from exc
    chosen, why = _choose_sheet(names, sheets, sheet, path)
    rows = sheets[chosen]
    if not rows:
        raise InputError(f"sheet {chosen!r} is empty; expected a header row", path=path)
    start, _count = _header_index(rows)
    header = [_cell_text(cell).strip() for cell in rows[start]]
    width = len(header)
    columns: list[list[str]] = [[] for _ in range(width)]
    for row in rows[start + 1 :]:
        cells = list(row) + [None] * (width - len(row))
        for index in range(width):
            columns[index].append(_cell_text(cells[index]))
    unique = unique_names(header)
    notes = [f"read sheet {chosen!r} of the workbook{why}"]
    if start:
        notes.append(f"skipped {start} row(s) above the header on sheet {chosen!r}")
    others = [n for n in names if n != chosen]
    if others:
        notes.append("other sheets not read: " + ", ".join(repr(n) for n in others))
    table = pa.table({n: pa.array(c, pa.string()) for n, c in zip(unique, columns, strict=True)})
    return table, notes, chosen


def _rows(rows: list[list[Any]]) -> list[list[Any]]:
    return [row for row in rows if any(cell not in (None, "") for cell in row)]


def _choose_sheet(
    names: list[str], sheets: dict[str, list[list[Any]]], sheet: str | int | None, path: Path
) -> tuple[str, str]:
    """The sheet to read and why (for the note)."""
    if isinstance(sheet, int) or (
        isinstance(sheet, str) and sheet.isdigit() and sheet not in names
    ):
        index = int(sheet)
        if not 0 <= index < len(names):
            raise InputError(
                f"has no sheet {index} (it has {len(names)}: {names}); pass sheet= a name or "
                "0-based index",
                path=path,
            )
        return names[index], " (as asked)"
    if sheet is not None:
        if sheet not in names:
            raise InputError(f"has no sheet {sheet!r}; its sheets are {names}", path=path)
        return sheet, " (as asked)"
    counts = {n: _header_index(rows)[1] for n, rows in sheets.items()}
    best = max(names, key=lambda n: (counts[n], -names.index(n))) if names else None
    if best is None:
        raise InputError("has no sheets", path=path)
    if counts[best] == 0:
        return names[0], " (no sheet names known columns: the first sheet)"
    if best == names[0]:
        return best, ""
    return best, " (the sheet holding the table; pass sheet= to choose another)"
