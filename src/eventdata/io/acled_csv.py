"""Writing ACLED CSV: the current dialect, or the pre-2023 one for round trips.

Every column is rendered at once with pyarrow compute and written with
``pyarrow.csv.write_csv``: text and labels quoted, numbers bare, missing values empty,
coordinates as their shortest decimal representation (``35.748``, ``45.798``), lists
``; ``-joined. Extra columns follow the ACLED ones, as text.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from eventdata._atomic import atomic_path
from eventdata.exceptions import InputError, LossyValuesError
from eventdata.io.geo import derived_by_type, strip_geometry
from eventdata.models.event import ACLED_COLUMNS
from eventdata.models.fields import LIST_SEPARATOR
from eventdata.rules.lookups import (
    ACTOR_CODES,
    ACTOR_LABELS,
    INTERACTION_CODES,
    INTERACTION_LABELS,
)
from eventdata.schema.arrow import arrow_schema, conform
from eventdata.schema.columns import FIELD_SPECS
from eventdata.vocabulary.pre2023 import PRE2023_COLUMNS

if TYPE_CHECKING:
    from eventdata.validation.parse import Parsed

__all__ = [
    "DATE_FORMATS",
    "FORMULA_PREFIXES",
    "PRE2023_COLUMNS",
    "acled_text_table",
    "escape_formulas_in",
    "write_acled",
]

FORMULA_PREFIXES = "=+-@\t\r"
"""First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection)."""

_FORMULA = "^[" + "".join(f"\\x{ord(c):02x}" for c in FORMULA_PREFIXES) + "]"


def escape_formulas_in(table: pa.Table, /) -> pa.Table:
    """Text cells starting with ``=``, ``+``, ``-``, ``@``, a tab or CR get a leading ``'``.

    OWASP's defence against CSV injection: Excel and LibreOffice then show the cell as
    text instead of evaluating it. Numeric columns are left alone (a negative longitude
    is a number, not a formula). The ``'`` becomes part of the value for any other reader.
    """
    arrays = []
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.fill_null(pc.match_substring_regex(column, _FORMULA), False)
            column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        arrays.append(column)
    return pa.Table.from_arrays(arrays, names=table.column_names)


Dialect = Literal["current", "pre2023"]

_CURRENT_ONLY = ("disorder_type", "civilian_targeting", "tags")

DATE_FORMATS: dict[str, str] = {"iso": "%Y-%m-%d", "export-tool": "%d %B %Y"}
"""``event_date`` renderings: the API's ``2024-01-01`` and the export tool's ``01 January 2024``."""


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


_ACTOR_TYPE_COLUMNS = frozenset(s.name for s in FIELD_SPECS if s.kind == "actor_type")


def _lost_values(parsed: Parsed) -> list[tuple[str, list[int], list[str]]]:
    """ACLED columns whose non-blank text did not parse (it would be written blank)."""
    raw = parsed.raw.table
    table = parsed.table()
    lost = []
    for name in ACLED_COLUMNS:
        if name not in raw.column_names or name not in table.column_names:
            continue
        text = raw.column(name)
        trimmed = pc.utf8_trim_whitespace(text)
        given = pc.and_(pc.is_valid(text), pc.not_equal(trimmed, ""))
        if name in _ACTOR_TYPE_COLUMNS:  # code 0 is "no actor": blank on purpose
            given = pc.and_(given, pc.not_equal(trimmed, "0"))
        mask = pc.and_(given, pc.is_null(table.column(name)))
        rows = np.flatnonzero(np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool))
        if len(rows):
            values = pc.take(text, pa.array(rows[:3])).to_pylist()
            lost.append((name, rows.tolist(), values))
    return lost


def _lost_message(lost: list[tuple[str, list[int], list[str]]]) -> str:
    parts = []
    for name, rows, values in lost:
        shown = ", ".join(f"row {r} {v!r}" for r, v in zip(rows, values, strict=False))
        more = f" and {len(rows) - len(values)} more" if len(rows) > len(values) else ""
        parts.append(f"  {name}: {shown}{more}")
    return (
        "write_acled: these values do not parse as their ACLED column's type and would be "
        "written blank (rows are 0-based positions in the input):\n"
        + "\n".join(parts)
        + "\nFix the values, or see every failure with eventdata.validate(data) "
        "(eventdata.read_acled(path) reads a file into canonical columns)."
    )


def _canonical(data: Any) -> pa.Table:
    """Canonical columns for any input; text goes through the same parsing as to_parquet.

    Raises:
        LossyValuesError: a value would be lost (does not parse); the message names the
            column, rows and values.
        InputError: a path cannot be read.

    """
    from eventdata.io.readers import read_raw
    from eventdata.schema.text import RawTable
    from eventdata.validation.parse import parse

    if isinstance(data, pd.DataFrame):
        data = pa.Table.from_pandas(data, preserve_index=False)
    if isinstance(data, (str, os.PathLike)) and Path(data).suffix.lower() == ".parquet":
        from eventdata.io.parquet import read_parquet

        data = pa.Table.from_pandas(read_parquet(data), preserve_index=False)
    if isinstance(data, pa.Table):
        data = _strip_derived(data)
        if _is_canonical(data):
            return conform(data)
    raw = data if isinstance(data, RawTable) else read_raw(data)
    parsed = parse(raw)
    lost = _lost_values(parsed)
    if lost:
        raise LossyValuesError(_lost_message(lost), column=lost[0][0], rows=lost[0][1])
    try:
        return conform(parsed.table())
    except LossyValuesError:
        raise
    except ValueError as exc:  # not ACLED rows (a UCDP GED file: ged_to_acled maps it)
        where = data if isinstance(data, (str, os.PathLike)) else None
        raise InputError(f"cannot be written as ACLED CSV: {exc}", path=where) from None


def _blank_to_null(text: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)


def _text(column: pa.ChunkedArray, *, date_format: str) -> pa.ChunkedArray:
    kind = column.type
    if pa.types.is_dictionary(kind):
        return _blank_to_null(pc.cast(column, kind.value_type))
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return _blank_to_null(pc.binary_join(column, LIST_SEPARATOR))
    if pa.types.is_date(kind):
        if date_format == "%Y-%m-%d":
            return pc.cast(column, pa.string())
        return pc.strftime(pc.cast(column, pa.timestamp("s")), format=date_format)
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        return column  # written bare by the CSV writer (shortest decimal for floats)
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return _blank_to_null(pc.cast(column, pa.string()))
    return _blank_to_null(pc.cast(column, pa.string()))


def _column_text(name: str, column: pa.ChunkedArray, pattern: str) -> pa.ChunkedArray:
    """A column as CSV text; a nested column (struct, map) is refused naming it."""
    try:
        return _text(column, date_format=pattern)
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid) as exc:
        raise InputError(
            f"column {name!r} ({column.type}) cannot be written as CSV text ({exc}); "
            "flatten it into columns of text or numbers, or drop it"
        ) from None


def _codes(labels: pa.ChunkedArray, value_set: pa.Array, codes: pa.Array) -> pa.ChunkedArray:
    """Labels to numeric codes as text; labels not in the vocabulary stay as they are."""
    text = pc.cast(labels, pa.string())
    found = pc.take(codes, pc.index_in(text, value_set=value_set))
    return pc.coalesce(pc.cast(found, pa.string()), text)


def _pre2023(table: pa.Table) -> pa.Table:
    lost = []
    if table.column("civilian_targeting").null_count < len(table):
        lost.append("civilian_targeting")
    if pc.any(pc.greater(pc.list_value_length(table.column("tags")), 0)).as_py():
        lost.append("tags")
    if lost:
        warnings.warn(
            f"the pre-2023 dialect has no column(s) {', '.join(lost)}; their values are "
            "not written. Write dialect='current' to keep them.",
            UserWarning,
            stacklevel=3,
        )
    n = len(table)
    inter1 = _codes(table.column("inter1"), ACTOR_LABELS, ACTOR_CODES)
    inter2 = pc.fill_null(_codes(table.column("inter2"), ACTOR_LABELS, ACTOR_CODES), "0")
    interaction = _codes(table.column("interaction"), INTERACTION_LABELS, INTERACTION_CODES)
    replaced = {"inter1": inter1, "inter2": inter2, "interaction": interaction}
    extras = [c for c in table.column_names if c not in ACLED_COLUMNS and c not in PRE2023_COLUMNS]
    names = [*PRE2023_COLUMNS, *extras]
    arrays = []
    for name in names:
        if name in replaced:
            arrays.append(replaced[name])
        elif name in table.column_names:
            arrays.append(table.column(name))
        else:
            arrays.append(pa.chunked_array([pa.nulls(n, pa.string())]))
    return pa.Table.from_arrays(arrays, names=names)


def _date_pattern(date_format: str) -> str:
    """The strftime pattern of ``date_format``, checked to write dates that read back.

    Raises:
        ValueError: neither a documented name nor a pattern that round-trips.
    """
    if date_format in DATE_FORMATS:
        return DATE_FORMATS[date_format]
    samples = (dt.date(2019, 12, 31), dt.date(2024, 1, 5))
    try:
        ok = all(
            dt.datetime.strptime(day.strftime(date_format), date_format).date() == day
            for day in samples
        )
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(
            f"date_format {date_format!r} is neither {', '.join(map(repr, DATE_FORMATS))} nor "
            "a strftime pattern that writes a day, month and year that read back "
            "(e.g. '%d/%m/%Y')"
        )
    return date_format


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
        dialect: ``"current"`` (31 columns, text inter labels) or ``"pre2023"`` (the old
            header with ``data_id``/``event_id_no_cnty``/``iso3`` taken from extra
            columns when present, numeric inter codes and interaction, inter2 ``0``
            for no second actor; ``disorder_type``, ``civilian_targeting`` and ``tags``
            are not part of it).
        date_format: ``"iso"`` (``2024-01-01``), ``"export-tool"`` (``01 January 2024``)
            or a ``strftime`` pattern.
        escape_formulas: prefix text cells that a spreadsheet would evaluate (starting
            with ``=``, ``+``, ``-``, ``@``, a tab or CR) with ``'`` (see
            :func:`escape_formulas_in`).

    Returns:
        Text columns (numbers stay numeric so the CSV writer leaves them unquoted).

    """
    if dialect not in ("current", "pre2023"):
        raise ValueError(f"dialect must be 'current' or 'pre2023', got {dialect!r}")
    pattern = _date_pattern(date_format)
    table = _canonical(data)
    if dialect == "pre2023":
        table = _pre2023(table)
    arrays = [
        _column_text(name, column, pattern)
        for name, column in zip(table.column_names, table.columns, strict=True)
    ]
    text = pa.Table.from_arrays(arrays, names=table.column_names)
    return escape_formulas_in(text) if escape_formulas else text


def write_acled(
    data: Any,
    path: str | os.PathLike[str],
    /,
    *,
    dialect: Dialect = "current",
    date_format: str = "iso",
    escape_formulas: bool = False,
) -> int:
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
        The number of rows written.

    """
    table = acled_text_table(
        data, dialect=dialect, date_format=date_format, escape_formulas=escape_formulas
    )
    options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
    with atomic_path(path) as temp:
        pacsv.write_csv(table, temp, write_options=options)
    return int(table.num_rows)
