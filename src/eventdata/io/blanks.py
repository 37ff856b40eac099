"""Blank markers: the words tools write for an empty cell, read as blank.

R's ``write.csv`` writes every blank as ``NA``, pandas ``nan``, database exports
``NULL``, Excel ``#N/A``; some JSON exports write a blank text as the number ``0``
(ACLED's v6 JSON: ``ACTOR2: 0``). ACLED has no such value in any column, so a cell that
is exactly a marker (after trimming white space) is blank; a value that merely contains
one (``NA (Mohammedia)``, an admin3 name of ACLED's v5 files) is kept.

The markers a file uses are decided from its whole columns, vectorised: a CSV file's
parser reads unquoted markers as null as it reads (a quoted ``"NA"`` is text, as R and
pandas quote text), and other inputs are scanned column by column with Arrow kernels.
What was found is reported in :attr:`~eventdata.schema.text.Dialect.blank_markers`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "BLANK_MARKERS",
    "ZERO_BLANK_KINDS",
    "blank_markers_in_text",
    "clear_markers",
    "clear_zero_text",
]

BLANK_MARKERS: tuple[str, ...] = (
    "NA",
    "N/A",
    "n/a",
    "<NA>",
    "nan",
    "NaN",
    "NULL",
    "null",
    "None",
    "#N/A",
)
"""Cells that mean "blank" wherever they stand alone, in every column ACLED defines."""

ZERO_BLANK_KINDS = frozenset({"text", "list", "enum", "civilian_targeting", "source_scale"})
"""Column kinds where ``0`` is a blank (a JSON export's number for "no value"): text."""

_MARKER_SET = pa.array(BLANK_MARKERS, pa.string())
_ONE = pa.scalar(1, pa.int32())


@functools.cache
def _zero_blank_columns() -> frozenset[str]:
    from eventdata.schema.columns import FIELD_SPECS

    return frozenset(
        s.name for s in FIELD_SPECS if s.kind in ZERO_BLANK_KINDS and s.name != "event_id_cnty"
    )


def _unquoted(delimiter: str) -> re.Pattern[str]:
    d = re.escape(delimiter)
    words = "|".join(re.escape(m) for m in BLANK_MARKERS)
    return re.compile(rf"(?:^|{d})({words})(?={d}|\r?$)", re.MULTILINE)


def blank_markers_in_text(path: Path, *, delimiter: str, encoding: str, limit: int) -> list[str]:
    """The markers standing unquoted as whole fields in the first ``limit`` bytes of a file.

    Only names the markers for the dialect; the parser turns them into blanks in the
    whole file whatever this finds.
    """
    with open(path, "rb") as fh:
        head = fh.read(limit).decode(encoding, errors="replace")
    found = {match.group(1) for match in _unquoted(delimiter).finditer(head)}
    return [m for m in BLANK_MARKERS if m in found]


def clear_markers(table: pa.Table) -> tuple[pa.Table, list[str], list[str]]:
    """Marker cells of a table read as blank: the table, the markers found and their columns.

    For inputs whose parser did not already do it (JSON, spreadsheets, DataFrames).
    """
    found: set[str] = set()
    columns: list[str] = []
    arrays = []
    for name, column in zip(table.column_names, table.columns, strict=True):
        if column.null_count == len(column) or not pa.types.is_string(column.type):
            arrays.append(column)
            continue
        trimmed = pc.utf8_trim_whitespace(column)
        marked = pc.is_in(trimmed, value_set=_MARKER_SET)
        if pc.any(marked).as_py():
            found.update(v for v in pc.unique(pc.filter(trimmed, marked)).to_pylist() if v)
            column = pc.if_else(marked, "", column)
            columns.append(name)
        arrays.append(column)
    if not columns:
        return table, [], []
    markers = [m for m in BLANK_MARKERS if m in found]
    return pa.Table.from_arrays(arrays, names=table.column_names), markers, columns


def clear_zero_text(table: pa.Table) -> tuple[pa.Table, list[str]]:
    """``0`` in ACLED's text columns read as blank: the table and the columns where it was."""
    text_columns = _zero_blank_columns()
    changed: list[str] = []
    for index, name in enumerate(table.column_names):
        if name not in text_columns:
            continue
        column = table.column(index)
        if not pa.types.is_string(column.type) or column.null_count == len(column):
            continue
        if not _holds_zero(column):
            continue
        zero = pc.equal(column, "0")
        table = table.set_column(index, name, pc.if_else(zero, "", column))
        changed.append(name)
    return table, changed


def _holds_zero(column: pa.ChunkedArray | pa.Array) -> bool:
    """Whether a ``string`` column holds a cell that is exactly ``0``.

    Read from the offsets (cells one byte long) and those bytes, with no string kernel:
    the check runs on every text column of every input, and almost never finds one. A
    column of many chunks (a whole file's) asks Arrow for one-byte cells first instead,
    a call per column rather than per chunk.
    """
    if isinstance(column, pa.ChunkedArray) and column.num_chunks > 1:
        one_byte = pc.any(pc.equal(pc.binary_length(column), _ONE)).as_py()
        return bool(one_byte) and bool(pc.any(pc.equal(column, "0")).as_py())
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    for chunk in chunks:
        n = len(chunk)
        _, offsets, data = chunk.buffers()
        if not n or offsets is None or data is None or chunk.null_count == n:
            continue
        bounds = np.frombuffer(offsets, np.int32, count=n + 1, offset=chunk.offset * 4)
        single = np.flatnonzero(np.diff(bounds) == 1)
        if not len(single):
            continue
        hit = np.frombuffer(data, np.uint8)[bounds[single]] == ord("0")
        if chunk.null_count and hit.any():  # a null slot's bytes are no cell
            valid = np.asarray(chunk.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
            hit &= valid[single]
        if hit.any():
            return True
    return False
