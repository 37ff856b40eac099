"""Work on a column done once per block: results remembered by the column's buffers.

A block of a streamed conversion is checked, then its ids are indexed and its dates kept
for the file's date style; these steps start from the same columns (the same Arrow
buffers). Inside :func:`block_memo`, :func:`remembered` computes a result for a column
once and hands it out again for a column on the same buffers. The columns are held until
the block ends, so equal buffer addresses mean equal values (Arrow buffers are
immutable). Outside it, nothing is remembered.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pyarrow as pa

__all__ = ["block_memo", "remembered"]

T = TypeVar("T")

_Key = tuple[str, str, int, int, tuple[tuple[int, int] | None, ...]]

_MEMO: contextvars.ContextVar[dict[_Key, tuple[pa.Array, Any]] | None] = contextvars.ContextVar(
    "eventdata_block_memo", default=None
)


@contextlib.contextmanager
def block_memo() -> Iterator[None]:
    """Remember per-column results (see :func:`remembered`) until the block ends."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def _one_array(column: pa.Array | pa.ChunkedArray) -> pa.Array | None:
    if isinstance(column, pa.ChunkedArray):
        return column.chunk(0) if column.num_chunks == 1 else None
    return column


def _key(kind: str, array: pa.Array) -> _Key:
    """What identifies a column's values: its type, length, offset and buffers."""
    buffers = tuple(None if b is None else (b.address, b.size) for b in array.buffers())
    return kind, str(array.type), len(array), array.offset, buffers


def remembered(kind: str, column: pa.Array | pa.ChunkedArray, compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for ``kind`` and a column on the same buffers.

    Args:
        kind: what is computed (results of different computations never mix).
        column: the column the result is computed from.
        compute: computes the result; it must depend on the column's values only.
    """
    memo = _MEMO.get()
    array = _one_array(column) if memo is not None else None
    if memo is None or array is None:
        return compute()
    key = _key(kind, array)
    found = memo.get(key)
    if found is not None:
        return found[1]  # type: ignore[no-any-return]
    value = compute()
    memo[key] = (array, value)  # the array held: its buffers stay its own
    return value
