"""``write_acled``: any input as an ACLED CSV file (rendered by :mod:`eventdata.io.acled_csv`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from eventdata.datasets import DATASETS
from eventdata.exceptions import InputError, LossyValuesError
from eventdata.io.acled_csv import Dialect, render_acled_text, write_csv_text
from eventdata.io.geo import derived_by_type, strip_geometry
from eventdata.pipeline.inputs import read_input
from eventdata.pipeline.result import WriteResult
from eventdata.schema.arrow import arrow_schema, conform
from eventdata.schema.text import RawTable
from eventdata.validation.parse import parse, refuse_lossy

__all__ = ["acled_text_table", "canonical_events", "write_acled"]


def _logical(kind: pa.DataType) -> pa.DataType:
    """A type with storage details removed: dictionaries by value, large/view strings."""
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        return pa.string()
    if pa.types.is_large_list(kind) or pa.types.is_list_view(kind):
        return pa.list_(_logical(kind.value_type))
    if pa.types.is_list(kind):
        return pa.list_(_logical(kind.value_type))
    return kind


def _is_canonical(table: pa.Table) -> bool:
    """Every required ACLED column present, and every ACLED column in its canonical type.

    Storage details do not count (dictionary index width, ``large_string`` from pandas
    3); an all-null column of type ``null`` fits any nullable column. Anything else, e.g.
    ``pd.read_csv`` frames (``year`` int64, an all-blank ``admin3`` read as float), is
    text to parse.
    """
    schema = arrow_schema()
    for target in schema:
        if target.name not in table.column_names:
            if not target.nullable:
                return False
            continue
        kind = table.schema.field(target.name).type
        if pa.types.is_dictionary(kind) and pa.types.is_null(kind.value_type):
            kind = pa.null()
        if pa.types.is_null(kind) and target.nullable:
            continue
        if _logical(kind) != _logical(target.type):
            return False
    return True


def _strip_derived(table: pa.Table) -> pa.Table:
    """Drop derived geometry: as the ``geo`` metadata declares, or as read_parquet gives it.

    A DataFrame from ``read_parquet(..., geometry=True)`` has lost the metadata; its
    ``geometry`` (WKB, binary) and ``bbox`` (the covering struct) are recognised by type.
    Columns of those names with other types are the input's own and are kept.
    """
    table = strip_geometry(table)
    derived = derived_by_type(table.schema)
    return table.drop_columns(derived) if derived else table


def canonical_events(data: Any, /) -> pa.Table:
    """Canonical ACLED columns for any input; text is parsed as ``to_parquet`` parses it.

    Raises:
        LossyValuesError: a value would be lost (does not parse); the message names the
            column, rows and values.
        InputError: a path cannot be read.

    """
    if isinstance(data, pd.DataFrame):
        data = pa.Table.from_pandas(data, preserve_index=False)
    if isinstance(data, (str, os.PathLike)) and Path(data).suffix.lower() == ".parquet":
        from eventdata.io.parquet import read_parquet

        data = pa.Table.from_pandas(read_parquet(data), preserve_index=False)
    if isinstance(data, pa.Table):
        data = _strip_derived(data)
        if _is_canonical(data):
            return conform(data)
    raw = data if isinstance(data, RawTable) else read_input(data)
    parsed = parse(raw, DATASETS["acled"])
    refuse_lossy(parsed, validator="eventdata.validate(data)", action="writing them as ACLED CSV")
    try:
        return conform(parsed.table())
    except LossyValuesError:
        raise
    except ValueError as exc:  # not ACLED rows (a UCDP GED file: ged_to_acled maps it)
        where = data if isinstance(data, (str, os.PathLike)) else None
        raise InputError(f"cannot be written as ACLED CSV: {exc}", path=where) from None


def acled_text_table(
    data: Any,
    /,
    *,
    dialect: Dialect = "current",
    date_format: str = "iso",
    escape_formulas: bool = False,
) -> pa.Table:
    """The table ACLED would publish: columns in dialect order, rendered as ACLED writes them.

    Args:
        data: DataFrame, pyarrow Table (text, parsed or canonical) or a readable path.
        dialect: ``"current"`` or ``"pre2023"`` (see
            :func:`eventdata.io.acled_csv.render_acled_text`).
        date_format: ``"iso"``, ``"export-tool"`` or a ``strftime`` pattern.
        escape_formulas: prefix text cells a spreadsheet would evaluate with ``'``.

    Raises:
        LossyValuesError: a value does not parse as its column's type (it would be lost).
        InputError: ``data`` cannot be read, or holds no ACLED rows.
    """
    return render_acled_text(
        canonical_events(data),
        dialect=dialect,
        date_format=date_format,
        escape_formulas=escape_formulas,
    )


def write_acled(
    data: Any,
    path: str | os.PathLike[str],
    /,
    *,
    dialect: Dialect = "current",
    date_format: str = "iso",
    escape_formulas: bool = False,
) -> WriteResult:
    """Write events as an ACLED CSV file, atomically.

    Args:
        data: DataFrame, pyarrow Table (text, parsed or canonical), or a path eventdata
            reads (CSV, JSON, Parquet file or dataset).
        path: the CSV file to write.
        dialect: ``"current"`` (default) or ``"pre2023"``; see :func:`acled_text_table`.
        date_format: ``"iso"`` (default, as the API writes), ``"export-tool"`` or a
            ``strftime`` pattern.
        escape_formulas: prefix text cells a spreadsheet would evaluate as a formula
            (starting with ``=``, ``+``, ``-``, ``@``, a tab or CR) with ``'``, as OWASP
            advises for CSV files opened in Excel; the ``'`` is then part of the value.

    Returns:
        A :class:`~eventdata.WriteResult` (``rows_written``: the rows in the file), as
        every writer returns.

    Raises:
        LossyValuesError: a value does not parse as its column's type (it would be lost).
        InputError: ``data`` cannot be read, or holds no ACLED rows.
    """
    table = acled_text_table(
        data, dialect=dialect, date_format=date_format, escape_formulas=escape_formulas
    )
    rows = write_csv_text(table, path)
    return WriteResult(path=Path(path), rows_written=rows)
