"""The input path shared by the analysis functions: anything ``read_acled`` accepts."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa

from eventdata.exceptions import InputError

__all__ = ["DIALECT_ATTR", "arrow_array", "as_events", "require_columns"]

DIALECT_ATTR = "eventdata.dialect"
"""Key of ``DataFrame.attrs`` that :func:`eventdata.read_acled` sets on its result."""


def as_events(data: Any) -> pd.DataFrame:
    """Events in canonical columns: a frame ``read_acled`` returned, or ``read_acled(data)``.

    A DataFrame that ``read_acled`` produced (it carries ``attrs["eventdata.dialect"]``
    and a date-typed ``event_date``) is used as it is, so that reading once and then
    aggregating many times costs one parse.
    """
    if isinstance(data, pd.DataFrame) and DIALECT_ATTR in data.attrs and _dated(data):
        return data
    from eventdata.pipeline.read import read_acled

    return read_acled(data)


def _dated(frame: pd.DataFrame) -> bool:
    if "event_date" not in frame.columns:
        return False
    dtype = frame["event_date"].dtype
    if pd.api.types.is_datetime64_dtype(dtype):  # as read_acled gives
        return True
    return isinstance(dtype, pd.ArrowDtype) and str(dtype.pyarrow_dtype).startswith("date")


def require_columns(frame: pd.DataFrame, columns: tuple[str, ...], *, needed_for: str) -> None:
    """Raise :class:`~eventdata.InputError` naming the columns ``needed_for`` lacks.

    Raises:
        InputError: some of ``columns`` are not in ``frame``.

    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            f"{needed_for} needs the column(s) {', '.join(missing)}, which the input lacks "
            f"(it has {', '.join(map(str, frame.columns[:12]))}"
            f"{', ...' if len(frame.columns) > 12 else ''}); pass ACLED data that carries them"
        )


def arrow_array(series: pd.Series, *, decode: bool = True) -> pa.Array:
    """One Arrow array of a column (chunks combined), dictionaries decoded unless not asked."""
    array = pa.array(series, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks else pa.array([], array.type)
    if decode and pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    return array
