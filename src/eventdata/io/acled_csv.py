"""Rendering ACLED CSV: the current dialect, or the pre-2023 one for round trips.

Format only: a canonical table in, ACLED's text out (:func:`render_acled_text`), written
with :func:`write_csv_text`; turning any input into canonical events is the pipeline's
(:func:`eventdata.write_acled`). Every column is rendered at once with pyarrow compute
and written with ``pyarrow.csv.write_csv``: text and labels quoted, numbers bare, missing
values empty, coordinates as their shortest decimal representation (``35.748``), lists
``; ``-joined. Extra columns follow the ACLED ones, as text.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from typing import Literal

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from eventdata._atomic import atomic_path
from eventdata._warn import outside_stacklevel
from eventdata.exceptions import InputError
from eventdata.models.event import ACLED_COLUMNS
from eventdata.models.fields import LIST_SEPARATOR
from eventdata.rules.lookups import (
    ACTOR_CODES,
    ACTOR_LABELS,
    INTERACTION_CODES,
    INTERACTION_LABELS,
)
from eventdata.vocabulary.pre2023 import PRE2023_COLUMNS

__all__ = [
    "DATE_FORMATS",
    "FORMULA_PREFIXES",
    "PRE2023_COLUMNS",
    "escape_formulas_in",
    "render_acled_text",
    "write_csv_text",
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
            stacklevel=outside_stacklevel(),
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


def render_acled_text(
    table: pa.Table,
    /,
    *,
    dialect: Dialect = "current",
    date_format: str = "iso",
    escape_formulas: bool = False,
) -> pa.Table:
    """A canonical table as ACLED would publish it: dialect order, ACLED's text.

    Args:
        table: canonical events (:func:`eventdata.schema.arrow.conform`).
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
    if dialect == "pre2023":
        table = _pre2023(table)
    arrays = [
        _column_text(name, column, pattern)
        for name, column in zip(table.column_names, table.columns, strict=True)
    ]
    text = pa.Table.from_arrays(arrays, names=table.column_names)
    return escape_formulas_in(text) if escape_formulas else text


def write_csv_text(table: pa.Table, path: str | os.PathLike[str], /) -> int:
    """Write a text table (:func:`render_acled_text`) as CSV, atomically; the rows written."""
    options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
    with atomic_path(path) as temp:
        pacsv.write_csv(table, temp, write_options=options)
    return int(table.num_rows)
