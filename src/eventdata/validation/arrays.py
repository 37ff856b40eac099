"""Column helpers for the columnar parser: lazy columns, blanks, casts, dates and labels.

Every function takes and returns Arrow arrays (chunked or not) and never raises on bad
values: a value that does not parse becomes null, and the caller reports it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.models.fields import LIST_SEPARATOR
from eventdata.rules.base import to_mask
from eventdata.validation.memo import remembered

__all__ = [
    "ColumnMap",
    "LazyArray",
    "is_blank",
    "blank_to_null",
    "cast_where",
    "fast_number",
    "lookup_labels",
    "split_joined",
]


class LazyArray:
    """A column computed when first used (no rule reads the list columns: split them late)."""

    def __init__(self, compute: Callable[[], pa.Array | pa.ChunkedArray]) -> None:
        self._compute = compute
        self._value: pa.Array | pa.ChunkedArray | None = None

    def get(self) -> pa.Array | pa.ChunkedArray:
        """The computed column."""
        if self._value is None:
            self._value = self._compute()
        return self._value


class ColumnMap(Mapping[str, Any]):
    """Parsed columns by name; lazy columns are computed on first access."""

    def __init__(self, columns: dict[str, Any] | None = None) -> None:
        self._columns: dict[str, Any] = dict(columns or {})

    def __getitem__(self, name: str) -> Any:
        value = self._columns[name]
        return value.get() if isinstance(value, LazyArray) else value

    def __setitem__(self, name: str, value: Any) -> None:
        self._columns[name] = value

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __contains__(self, name: object) -> bool:
        return name in self._columns  # without computing a lazy column

    def with_extra(self, extra: Mapping[str, Any]) -> ColumnMap:
        """A new map holding these columns (still lazy) and ``extra`` ones."""
        return ColumnMap({**self._columns, **extra})


def is_blank(text: pa.Array) -> pa.Array:
    """True where a cell is null or empty text (once per column in a streamed block)."""
    result: pa.Array = remembered(
        "is_blank", text, lambda: pc.or_kleene(pc.is_null(text), pc.equal(text, ""))
    )
    return result


def _per_chunk(
    text: pa.Array | pa.ChunkedArray, convert: Any, out_type: pa.DataType
) -> pa.Array | pa.ChunkedArray:
    if isinstance(text, pa.ChunkedArray):
        return pa.chunked_array([convert(c) for c in text.chunks], type=out_type)
    return convert(text)


def blank_to_null(text: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Blank strings as nulls, sharing the text's buffers (no copy of the data)."""

    def convert(chunk: pa.Array) -> pa.Array:
        blank = to_mask(is_blank(chunk))
        if not blank.any():
            return chunk
        if chunk.offset != 0 or not pa.types.is_string(chunk.type):
            return pc.if_else(blank, pa.scalar(None, chunk.type), chunk)
        validity = pa.array(~blank).buffers()[1]
        buffers = chunk.buffers()
        return pa.Array.from_buffers(
            chunk.type, len(chunk), [validity, buffers[1], buffers[2]], null_count=int(blank.sum())
        )

    return _per_chunk(text, convert, pa.string())


def split_joined(text: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Split '; '-joined cells into lists; blank cells become empty lists."""

    def convert(chunk: pa.Array) -> pa.Array:
        lists = pc.split_pattern(chunk, LIST_SEPARATOR)
        blank = to_mask(is_blank(chunk))
        if not blank.any():
            return lists
        lengths = pc.fill_null(pc.list_value_length(lists), 0).to_numpy(zero_copy_only=False)
        keep = np.repeat(~blank, lengths)
        values = pc.list_flatten(lists).filter(pa.array(keep))
        lengths = np.where(blank, 0, lengths)
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
        return pa.ListArray.from_arrays(pa.array(offsets), values)

    return _per_chunk(text, convert, pa.list_(pa.string()))


def cast_where(text: pa.Array, ok: pa.Array, target: pa.DataType) -> pa.Array:
    """Cast the text where ``ok`` (after trimming signs, ``.0`` and blanks); null elsewhere."""
    cleaned = pc.if_else(ok, text, pa.scalar(None, pa.string()))
    if pa.types.is_integer(target):
        if pc.any(pc.match_substring_regex(cleaned, r"[.+\s]")).as_py():
            cleaned = pc.replace_substring_regex(cleaned, r"^\s*\+?|\.0*\s*$|\s+$", "")
    elif pc.any(pc.match_substring_regex(cleaned, r"\s")).as_py():
        cleaned = pc.utf8_trim_whitespace(cleaned)
    return pc.cast(cleaned, target)


def fast_number(text: pa.Array, target: pa.DataType) -> pa.Array | None:
    """Cast a clean column in one step; None when some value needs the careful path."""
    try:
        return pc.cast(text, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass  # blanks, or values that need the careful path
    try:
        return pc.cast(blank_to_null(text), target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def lookup_labels(
    text: pa.Array, labels: tuple[str, ...], codes: tuple[str, ...]
) -> tuple[pa.Array, pa.Array]:
    """Labels for text that is a label or a numeric code (codes[i] <-> labels[i]).

    Returns the labels (null where the text is neither: the rules skip such rows, and
    ``Parsed.table`` puts the original text back so reading never loses it) and a boolean
    array, True where the text was a label or a code.
    """
    label_array = pa.array(labels)
    index = pc.index_in(text, value_set=label_array)
    if index.null_count == 0:
        return text, pc.is_valid(index)  # every value is a label already
    blanks = pc.sum(pc.equal(text, "")).as_py() or 0
    if codes and index.null_count > blanks + text.null_count:
        by_code = pc.index_in(pc.utf8_trim_whitespace(text), value_set=pa.array(codes))
        index = pc.coalesce(index, by_code)
    return pc.take(label_array, index), pc.is_valid(index)
