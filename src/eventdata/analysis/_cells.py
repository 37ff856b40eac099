"""Column helpers of :mod:`eventdata.analysis.diff`: aligning, decoding and comparing cells."""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["Selection", "aligned", "comparable", "differs", "plain", "selection", "text"]


def plain(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """A column in a comparable form: dictionaries decoded, lists joined with ``; ``."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
        column = pc.binary_join(pc.cast(column, pa.list_(pa.string())), "; ")
    return column


def text(column: pa.Array) -> pa.Array:
    """A column as ``string`` (cast unless it is one already)."""
    return column if pa.types.is_string(column.type) else pc.cast(column, pa.string())


def differs(old: pa.Array, new: pa.Array) -> np.ndarray:
    """True where two aligned arrays differ (a null differs from a value, not from null)."""
    if old.type != new.type:
        old, new = text(old), text(new)
    unequal = pc.fill_null(pc.not_equal(old, new), False)
    one_null = pc.xor(pc.is_null(old), pc.is_null(new))
    return np.asarray(pc.or_(unequal, one_null), dtype=bool)


def aligned(column: pa.ChunkedArray | pa.Array, rows: Selection) -> pa.Array:
    """One column's values at ``rows`` (see :func:`selection`)."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if rows is None:
        return column
    if isinstance(rows, slice):
        return column.slice(rows.start, rows.stop - rows.start)
    if isinstance(rows, pa.BooleanArray):
        return column.filter(rows)
    return column.take(rows)


def comparable(a: pa.Array, b: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Two aligned arrays in a form ``differs`` compares cheaply and exactly.

    Dictionary columns are compared by their indices into one unified dictionary (no
    strings decoded); lists by their ``; ``-joined text.
    """
    if pa.types.is_dictionary(a.type) and a.type == b.type:
        unified = pa.chunked_array([a, b]).unify_dictionaries()
        return unified.chunk(0).indices, unified.chunk(1).indices
    return plain(a), plain(b)


Selection: TypeAlias = "slice | pa.Array | None"


def selection(rows: np.ndarray, length: int) -> Selection:
    """The cheapest way to pick ``rows`` of a column of ``length`` rows.

    None for every row in order, a slice for a contiguous run, a boolean mask for rows in
    increasing order (a filter copies sequentially), else indices for ``take``.
    """
    if not len(rows):
        return slice(0, 0)
    steps = np.diff(rows)
    if len(rows) == length and rows[0] == 0 and (steps == 1).all():
        return None
    if (steps == 1).all():
        return slice(int(rows[0]), int(rows[-1]) + 1)
    if (steps > 0).all():
        mask = np.zeros(length, dtype=bool)
        mask[rows] = True
        return pa.array(mask)
    return pa.array(rows)
