"""Writing ACLED CSV: the current dialect, or the pre-2023 one for round trips.

Every column is rendered at once with pyarrow compute and written with
``pyarrow.csv.write_csv``: text and labels quoted, numbers bare, missing values empty,
coordinates as their shortest decimal representation (``35.748``, ``45.798``), lists
``; ``-joined. Extra columns follow the ACLED ones, as text.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from eventdata.io.arrow import conform
from eventdata.io.atomic import atomic_path
from eventdata.io.geo import strip_geometry
from eventdata.models.event import ACLED_COLUMNS
from eventdata.models.fields import LIST_SEPARATOR
from eventdata.vocabulary.codebook import INTERACTIONS, ActorType

__all__ = ["DATE_FORMATS", "PRE2023_COLUMNS", "acled_text_table", "write_acled"]

Dialect = Literal["current", "pre2023"]

PRE2023_COLUMNS: tuple[str, ...] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "timestamp", "iso3",
)  # fmt: skip
"""The header of ACLED exports before 20 March 2023, in order."""

_CURRENT_ONLY = ("disorder_type", "civilian_targeting", "tags")

DATE_FORMATS: dict[str, str] = {"iso": "%Y-%m-%d", "export-tool": "%d %B %Y"}
"""``event_date`` renderings: the API's ``2024-01-01`` and the export tool's ``01 January 2024``."""

_ACTOR_LABELS = pa.array([m.value for m in ActorType])
_ACTOR_CODES = pa.array([m.code for m in ActorType], pa.int64())
_INTERACTION_LABELS = pa.array(list(INTERACTIONS.values()))
_INTERACTION_CODES = pa.array(list(INTERACTIONS), pa.int64())


def _is_typed(table: pa.Table) -> bool:
    probes = [c for c in ("event_date", "year", "latitude") if c in table.column_names]
    return any(not pa.types.is_string(table.schema.field(c).type) for c in probes)


def _canonical(data: Any) -> pa.Table:
    if isinstance(data, pd.DataFrame):
        data = pa.Table.from_pandas(data, preserve_index=False)
    if isinstance(data, pa.Table) and _is_typed(data):
        return conform(strip_geometry(data))
    if isinstance(data, (str, os.PathLike)) and Path(data).suffix.lower() == ".parquet":
        from eventdata.io.parquet import read_parquet

        return conform(pa.Table.from_pandas(read_parquet(data), preserve_index=False))
    from eventdata.io.readers import RawTable, read_raw
    from eventdata.validation.engine import parse

    raw = data if isinstance(data, RawTable) else read_raw(data)
    return conform(parse(raw).table())


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
    inter1 = _codes(table.column("inter1"), _ACTOR_LABELS, _ACTOR_CODES)
    inter2 = pc.fill_null(_codes(table.column("inter2"), _ACTOR_LABELS, _ACTOR_CODES), "0")
    interaction = _codes(table.column("interaction"), _INTERACTION_LABELS, _INTERACTION_CODES)
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


def acled_text_table(
    data: Any, /, *, dialect: Dialect = "current", date_format: str = "iso"
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

    Returns:
        Text columns (numbers stay numeric so the CSV writer leaves them unquoted).

    """
    if dialect not in ("current", "pre2023"):
        raise ValueError(f"dialect must be 'current' or 'pre2023', got {dialect!r}")
    pattern = DATE_FORMATS.get(date_format, date_format)
    table = _canonical(data)
    if dialect == "pre2023":
        table = _pre2023(table)
    arrays = [_text(column, date_format=pattern) for column in table.columns]
    return pa.Table.from_arrays(arrays, names=table.column_names)


def write_acled(
    data: Any,
    path: str | os.PathLike[str],
    /,
    *,
    dialect: Dialect = "current",
    date_format: str = "iso",
) -> int:
    """Write events as an ACLED CSV file, atomically.

    Args:
        data: DataFrame, pyarrow Table (text, parsed or canonical), or a path eventdata
            reads (CSV, JSON, Parquet file or dataset).
        path: the CSV file to write.
        dialect: ``"current"`` (default) or ``"pre2023"``; see :func:`acled_text_table`.
        date_format: ``"iso"`` (default, as the API writes), ``"export-tool"`` or a
            ``strftime`` pattern.

    Returns:
        The number of rows written.

    """
    table = acled_text_table(data, dialect=dialect, date_format=date_format)
    options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
    with atomic_path(path) as temp:
        pacsv.write_csv(table, temp, write_options=options)
    return int(table.num_rows)
