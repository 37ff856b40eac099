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

__all__ = ["EXCEL_SUFFIXES", "read_excel_table"]

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


def read_excel_table(path: Path) -> tuple[pa.Table, list[str]]:
    """The first sheet of a workbook as an all-text table, and notes on what was read.

    Raises:
        MissingExtraError: the ``excel`` extra is not installed.
        InputError: the workbook cannot be read or has no header row.
    """
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise MissingExtraError(
            f"{path}: is a spreadsheet; reading it needs the excel extra: pip install "
            "'eventdata[excel]' (or save the sheet as CSV)"
        ) from None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=True)
    except Exception as exc:  # calamine raises its own error types
        raise InputError(f"cannot be read as a spreadsheet: {exc}", path=path) from exc
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise InputError("has an empty first sheet; expected a header row", path=path)
    header = [_cell_text(cell).strip() for cell in rows[0]]
    width = len(header)
    columns: list[list[str]] = [[] for _ in range(width)]
    for row in rows[1:]:
        cells = list(row) + [None] * (width - len(row))
        for index in range(width):
            columns[index].append(_cell_text(cells[index]))
    names = unique_names(header)
    notes = [f"read sheet {workbook.sheet_names[0]!r} of the workbook"]
    if len(workbook.sheet_names) > 1:
        others = ", ".join(repr(n) for n in workbook.sheet_names[1:])
        notes.append(f"other sheets not read: {others}")
    table = pa.table({n: pa.array(c, pa.string()) for n, c in zip(names, columns, strict=True)})
    return table, notes
