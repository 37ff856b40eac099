"""Write a table as an ACLED CSV, vectorized: :func:`write_csv`.

Each column is turned into CSV fields with Arrow kernels (quoted only where a field holds
a comma, a double quote or a line break, found by a numpy scan of the UTF-8 bytes), the
fields are joined into lines and the line buffer is written as is.
"""

from __future__ import annotations

import os

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.synthetic.arrays import BoolArray

__all__ = ["write_csv"]

_SPECIAL_BYTES = np.zeros(256, dtype=bool)
_SPECIAL_BYTES[[ord(","), ord('"'), ord("\n"), ord("\r")]] = True


def _needs_quotes(values: pa.Array) -> BoolArray | None:
    """Rows whose text holds a comma, a double quote or a line break; None if no row does.

    Scans the array's UTF-8 bytes with numpy (the special characters are ASCII, so they
    never occur inside a multi-byte character) and maps hits back to rows by offsets.
    """
    data_buffer = values.buffers()[2]
    if data_buffer is None or len(values) == 0:
        return None
    offset_type = np.int64 if pa.types.is_large_string(values.type) else np.int32
    offsets = np.frombuffer(values.buffers()[1], dtype=offset_type)
    offsets = offsets[values.offset : values.offset + len(values) + 1].astype(np.int64)
    data = np.frombuffer(data_buffer, dtype=np.uint8)[offsets[0] : offsets[-1]]
    special = _SPECIAL_BYTES[data]
    if not special.any():
        return None
    rows = np.searchsorted(offsets, np.flatnonzero(special) + offsets[0], side="right") - 1
    mask = np.zeros(len(values), dtype=bool)
    mask[rows] = True
    return mask


def _csv_field(values: pa.Array) -> pa.Array:
    """Text of one column as CSV fields: quoted (quotes doubled) only where needed."""
    if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
        values = pc.cast(values, pa.string())
    values = pc.fill_null(values, "")
    needs = _needs_quotes(values)
    if needs is None:
        return values
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(values, '"', '""'), '"', "")
    if needs.all():
        return quoted
    return pc.if_else(pa.array(needs), quoted, values)


def write_csv(
    table: pa.Table, path: str | os.PathLike[str], /, *, batch_rows: int = 1 << 17
) -> None:
    """Write a table as an ACLED CSV: a header line, LF line ends, RFC 4180 quoting.

    Fields are quoted only when they contain a comma, a double quote or a line break,
    as in ACLED's API CSVs; double quotes inside fields are doubled. Nulls are written
    as empty fields and non-string columns as their text.

    Args:
        table: the rows, e.g. from :func:`generate_events`.
        path: the file to write.
        batch_rows: rows formatted at a time (bounds memory).

    """
    header = ",".join(_csv_field(pa.array(table.column_names)).to_pylist()) + "\n"
    with open(path, "wb") as out:
        out.write(header.encode())
        for batch in table.to_batches(max_chunksize=batch_rows):
            if batch.num_rows == 0:
                continue
            fields = [_csv_field(column) for column in batch.columns]
            lines = pc.binary_join_element_wise(*fields, ",")
            lines = pc.binary_join_element_wise(lines, "\n", "")
            offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)
            first, last = offsets[lines.offset], offsets[lines.offset + len(lines)]
            out.write(memoryview(lines.buffers()[2])[first:last])
