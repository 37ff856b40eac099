"""Duplicate ids a streamed conversion finds late: failure rows and the second pass.

:func:`~eventdata.pipeline.convert.convert` writes each block as soon as it is checked.
When a later block repeats an id, the rows of that block are reported at once, but the
group's first row may already be written as valid. Whole-file writing
(:func:`~eventdata.pipeline.write.to_parquet`) reports every row of a group, so at the end
of the stream such rows are moved out: their failure rows are added, their input text is
read again for ``NAME.invalid.parquet`` (only the blocks that hold them are parsed), and
with ``on_invalid="drop"`` the output, still at its temporary path, is rewritten row group
by row group without them. None of this runs when no group spans blocks.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eventdata.io.blocks import iter_text_blocks
from eventdata.io.readers import read_raw
from eventdata.io.writers import EventFileWriter
from eventdata.validation.engine import DUPLICATE_RULE, table_rules
from eventdata.validation.failures import FAILURE_SCHEMA

__all__ = [
    "add_late_to_summary",
    "drop_ids_from_dataset",
    "drop_ids_from_file",
    "duplicate_failures",
    "rows_as_text",
]


def duplicate_failures(rows: np.ndarray, ids: pa.Array) -> pa.Table:
    """Failure rows of ``duplicate.event_id_cnty``, worded as the whole-input check words them.

    Args:
        rows: the rows (input row numbers, or a block's own).
        ids: their ids, as the input's text.
    """
    expected = next(r.expected for r in table_rules() if r.name == DUPLICATE_RULE)
    n = len(rows)
    shown = pc.binary_join_element_wise("'", ids, "'", "")
    message = pc.binary_join_element_wise(
        "event_id_cnty: ", shown, f" fails {DUPLICATE_RULE}; expected {expected}", ""
    )
    return pa.table(
        [
            pa.array(rows, pa.int64()),
            ids,
            pa.array(["event_id_cnty"] * n, pa.string()),
            pa.array([DUPLICATE_RULE] * n, pa.string()),
            pa.array(["error"] * n, pa.string()),
            ids,
            message,
        ],
        schema=FAILURE_SCHEMA,
    )


def add_late_to_summary(summary: dict[str, Any], *, failures: int, newly_invalid: int) -> None:
    """Count ``failures`` more duplicate errors, ``newly_invalid`` rows of them newly invalid."""
    counts = summary.setdefault("counts", {})
    entry = counts.setdefault(DUPLICATE_RULE, {"severity": "error", "count": 0})
    entry["count"] += failures
    summary["n_errors"] = summary.get("n_errors", 0) + failures
    summary["n_invalid"] = summary.get("n_invalid", 0) + newly_invalid
    summary["n_valid"] = summary.get("n_valid", 0) - newly_invalid
    summary["ok"] = False


def rows_as_text(
    src: Path,
    rows: np.ndarray,
    *,
    block_size: int,
    reader: str,
    encoding: str | None,
    date_format: str | None,
) -> Iterator[pa.Table]:
    """The input text of ``rows`` (sorted input row numbers), with ``row`` first.

    The input is read again in the same blocks as the first pass; only blocks holding
    one of the rows are normalised, exactly as the first pass did it.
    """
    offset = 0
    for text, _done, _flags in iter_text_blocks(
        src, block_size=block_size, reader=reader, encoding=encoding
    ):
        n = text.num_rows
        lo, hi = np.searchsorted(rows, [offset, offset + n])
        if hi > lo:
            local = rows[lo:hi] - offset
            table = read_raw(text, date_format=date_format).table
            part = table.take(pa.array(local, pa.int64()))
            yield part.add_column(0, "row", pa.array(rows[lo:hi], pa.int64()))
        offset += n
        if hi >= len(rows):
            return


def _without(table: pa.Table, ids: pa.Array) -> pa.Table:
    found = pc.fill_null(pc.is_in(table.column("event_id_cnty"), value_set=ids), False)
    return table.filter(pc.invert(found))


def drop_ids_from_file(
    path: Path, ids: pa.Array, *, geo: bool, compression: str, compression_level: int | None
) -> None:
    """Rewrite the (temporary) output ``path`` without the rows whose id is in ``ids``.

    Row group by row group; the footer keeps its metadata, with the bbox recomputed.
    """
    source = pq.ParquetFile(path)
    schema = source.schema_arrow
    drop = {b"geo", b"ARROW:schema"}
    metadata = {k.decode(): v.decode() for k, v in (schema.metadata or {}).items() if k not in drop}
    temp = path.with_name(f"{path.name}.rewrite")
    writer = EventFileWriter(
        temp,
        schema.remove_metadata(),
        geo=geo,
        compression=compression,
        compression_level=compression_level,
    )
    try:
        for i in range(source.num_row_groups):
            writer.write(_without(source.read_row_group(i), ids))
        writer.close(metadata)
    except BaseException:
        writer.abort()
        temp.unlink(missing_ok=True)
        raise
    os.replace(temp, path)


def drop_ids_from_dataset(
    directory: Path, ids: pa.Array, *, compression: str, compression_level: int | None
) -> None:
    """Rewrite the files of a (temporary) dataset ``directory`` that hold an id in ``ids``."""
    for path in sorted(directory.rglob("*.parquet")):
        held = pq.read_table(path, columns=["event_id_cnty"]).column("event_id_cnty")
        if not pc.any(pc.is_in(held, value_set=ids)).as_py():
            continue
        table = _without(pq.read_table(path, partitioning=None), ids)
        if not table.num_rows:
            path.unlink()
            continue
        temp = path.with_name(f"{path.name}.rewrite")
        pq.write_table(table, temp, compression=compression, compression_level=compression_level)
        os.replace(temp, path)
