"""In-memory inputs as all-text Arrow tables: pandas and polars frames, Arrow tables, Events.

Typed columns become the text ACLED writes (ISO dates, ``; ``-joined lists, whole floats
without ``.0``), so an in-memory table is validated exactly as the same rows in a CSV.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import InputError
from eventdata.io.json_input import table_from_records

__all__ = ["as_text", "from_events", "from_pandas", "from_polars", "is_dataframe"]


def from_polars(frame: Any) -> pa.Table | None:
    """A polars DataFrame or LazyFrame as Arrow (zero-copy where polars allows); else None."""
    module = type(frame).__module__
    if not module.startswith("polars"):
        return None
    name = type(frame).__name__
    if name == "LazyFrame":
        frame = frame.collect()
    elif name != "DataFrame":
        return None
    table: pa.Table = frame.to_arrow()
    return table


def from_events(source: Any) -> pa.Table | None:
    """``Event`` rows (a list or a tuple) as text; else None."""
    from eventdata.models.event import Event

    if not isinstance(source, (list, tuple)) or not source:
        return None
    if not all(isinstance(item, Event) for item in source):
        return None
    return table_from_records([event.to_acled() for event in source])


def from_pandas(frame: Any) -> pa.Table:
    """A DataFrame as an Arrow table; a named index (e.g. ``event_id_cnty``) becomes a column."""
    if not frame.columns.is_unique:
        repeated = sorted({str(c) for c in frame.columns[frame.columns.duplicated()]})
        raise InputError(
            f"the DataFrame has repeated column names {repeated}; rename or drop the copies"
        )
    try:
        named = any(name is not None for name in frame.index.names)
        return pa.Table.from_pandas(frame, preserve_index=named)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
        raise InputError(
            f"the DataFrame cannot be read: {_first_line(exc)}; make every column hold text, "
            "numbers or dates (e.g. df.astype(str) for mixed columns)"
        ) from exc


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def is_dataframe(obj: Any) -> bool:
    """Whether ``obj`` is a pandas DataFrame (pandas is not imported to tell)."""
    return type(obj).__module__.startswith("pandas") and type(obj).__name__ == "DataFrame"


def as_text(table: pa.Table) -> pa.Table:
    """Every column as text as ACLED writes it: ISO dates, '; '-joined lists."""
    columns = []
    for column in table.columns:
        if isinstance(column, pa.ChunkedArray):
            column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
        if column.offset:  # a slice: fresh buffers (pyarrow 17 kernels misread offsets)
            column = pa.concat_arrays([column, pa.array([], column.type)])
        columns.append(_column_text(column))
    return pa.Table.from_arrays(columns, names=table.column_names)


def _column_text(column: pa.Array) -> pa.Array:
    kind = column.type
    if pa.types.is_dictionary(kind):
        column = column.dictionary_decode()
        kind = column.type
    if pa.types.is_string(kind):
        return column
    if pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        return pc.cast(column, pa.string())
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return pc.binary_join(pc.cast(column, pa.list_(pa.string())), "; ")
    if pa.types.is_timestamp(kind) or pa.types.is_date(kind):
        return pc.cast(pc.cast(column, pa.date32()), pa.string())
    if pa.types.is_floating(kind):
        nan = pc.is_nan(column)
        column = pc.if_else(nan, pa.scalar(None, kind), column)
        return _float_text(column)
    if pa.types.is_null(kind):
        return pa.nulls(len(column), pa.string())
    return pc.cast(column, pa.string())


def _float_text(column: pa.Array) -> pa.Array:
    # whole-valued floats from pandas (e.g. fatalities read as float because of NaN) must
    # read back as integers: 5.0 -> "5"
    text = pc.cast(column, pa.string())
    return pc.replace_substring_regex(text, r"\.0$", "")
