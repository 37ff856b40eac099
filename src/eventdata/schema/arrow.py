"""The canonical Arrow schema, derived from the column specs of :class:`~eventdata.Event`.

Each :class:`~eventdata.schema.columns.FieldSpec` carries its Arrow type, from the mapping
table of :mod:`eventdata.schema.types`.

Three forms of a table meet here:

* *parsed*: what the readers produce: text and labels as ``string``, ``date32`` dates,
  ``int64`` integers, ``float64`` coordinates, ``list<string>`` lists, extra columns as
  ``string`` after the 31 ACLED columns;
* *canonical*: :func:`arrow_schema`, what Parquet files hold (:func:`conform`);
* *pandas*: :func:`table_to_pandas` gives Arrow-backed columns (``pd.ArrowDtype``) and
  pandas ``Categorical`` for the dictionary columns; :func:`pandas_to_table` inverts it
  without loss.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata._version import SCHEMA_VERSION, __version__
from eventdata.exceptions import LossyValuesError
from eventdata.models.event import ACLED_COLUMNS
from eventdata.models.fields import LIST_SEPARATOR
from eventdata.schema.columns import FIELD_SPECS, arrow_fields
from eventdata.schema.types import CATEGORICAL, INT_WIDTHS, TYPE_MAPPING, arrow_type

__all__ = [
    "CATEGORICAL",
    "INT_WIDTHS",
    "METADATA_KEY",
    "TYPE_MAPPING",
    "arrow_schema",
    "arrow_type",
    "conform",
    "pandas_to_table",
    "schema_markdown",
    "table_to_pandas",
    "to_parsed",
]

METADATA_KEY = "eventdata"
"""Key of the JSON document that eventdata writes into schema and Parquet metadata."""


def _metadata_json() -> str:
    return json.dumps({"eventdata_version": __version__, "schema_version": SCHEMA_VERSION})


def arrow_schema() -> pa.Schema:
    """The canonical Arrow schema of an event table: the 31 ACLED columns in file order.

    Field metadata carries each field's description; schema metadata carries
    ``{"eventdata": {"eventdata_version": ..., "schema_version": ...}}`` as JSON.

    Returns:
        The schema; extra columns of a table follow these 31 fields.

    """
    fields = arrow_fields(FIELD_SPECS)
    return pa.schema(fields, metadata={METADATA_KEY: _metadata_json()})


_SCHEMA = arrow_schema()


def _is_list_text(arrow: pa.DataType) -> bool:
    return bool(pa.types.is_string(arrow) or pa.types.is_large_string(arrow))


def _is_joined(arrow: pa.DataType) -> bool:
    """A list of text, which ACLED writes as one ``; ``-joined cell."""
    return pa.types.is_list(arrow) and _is_list_text(arrow.value_type)


def _split_joined(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """ACLED text ``a; b`` to a list; blank and null become the empty list."""
    text = pc.cast(column, pa.string())
    blank = pc.fill_null(pc.equal(text, ""), True)
    split = pc.split_pattern(pc.if_else(blank, "x", text), LIST_SEPARATOR)
    empty = pa.scalar([], type=pa.list_(pa.string()))
    return pc.if_else(blank, empty, split)


def _cast_column(name: str, column: pa.ChunkedArray, target: pa.DataType) -> pa.ChunkedArray:
    if column.type == target:
        return column
    if _is_joined(target) and _is_list_text(column.type):
        return _split_joined(column)
    if pa.types.is_dictionary(target) and pa.types.is_dictionary(column.type):
        column = pc.cast(column, column.type.value_type)
    try:
        return pc.cast(column, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise LossyValuesError(
            f"column {name!r}: cannot convert {column.type} to canonical {target} ({exc}); "
            "values out of range or of the wrong kind must be fixed or dropped first, "
            "e.g. to_parquet(..., on_invalid='drop')",
            column=name,
        ) from None


def conform(
    table: pa.Table, /, *, columns: list[str] | None = None, schema: pa.Schema | None = None
) -> pa.Table:
    """Cast a parsed (or canonical) table to the canonical schema.

    The 31 ACLED columns come first, in order and canonical types; extra columns follow
    unchanged. Joined columns given as ``; ``-joined text are split; null lists become
    empty lists. A required field keeps nullable=True when the data holds nulls (rows
    kept with ``on_invalid="keep"``), so no value is ever lost.

    Args:
        table: parsed or canonical table.
        columns: conform only these columns, in this order (for column subsets read
            from Parquet); missing ACLED columns are then not an error.
        schema: the dataset's schema (a dataset's ``arrow_schema()``); ACLED's canonical
            schema when None.

    Returns:
        The canonical table, with eventdata schema metadata.

    Raises:
        ValueError: a required ACLED column is missing or a column cannot be cast.

    """
    present = table.column_names
    target_schema = _SCHEMA if schema is None else schema
    known = target_schema.names
    if columns is None:
        missing = [c for c in known if c not in present]
        required = [c for c in missing if not target_schema.field(c).nullable]
        if required:
            raise ValueError(
                f"table lacks {'ACLED ' if schema is None else ''}column(s) "
                f"{', '.join(required)}; read files with "
                "eventdata.read_acled (or the dataset's reader), which maps every dialect "
                "to these columns"
            )
        order = [*known, *(c for c in present if c not in known)]
    else:
        order = list(columns)
    arrays: list[pa.ChunkedArray] = []
    fields: list[pa.Field] = []
    for name in order:
        if name in known:
            target = target_schema.field(name)
            if name in present:
                column = _cast_column(name, table.column(name), target.type)
            else:
                column = pa.chunked_array([pa.nulls(len(table), target.type)])
            if _is_joined(target.type) and column.null_count:
                column = pc.fill_null(column, pa.scalar([], type=target.type))
            arrays.append(column)
            fields.append(target.with_nullable(target.nullable or column.null_count > 0))
        else:
            arrays.append(table.column(name))
            fields.append(table.schema.field(name))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=_SCHEMA.metadata))


def to_parsed(table: pa.Table, /) -> pa.Table:
    """Cast canonical columns back to the parsed types the validation engine reads.

    Dictionary columns become ``string``, integers ``int64``; other columns are unchanged.
    """
    arrays = []
    for column in table.columns:
        if pa.types.is_dictionary(column.type):
            column = pc.cast(column, column.type.value_type)
        elif pa.types.is_integer(column.type) and column.type != pa.int64():
            column = pc.cast(column, pa.int64())
        arrays.append(column)
    return pa.Table.from_arrays(arrays, names=table.column_names)


def _types_mapper() -> Callable[[pa.DataType], Any]:
    def mapper(arrow: pa.DataType) -> Any:
        if pa.types.is_dictionary(arrow) or pa.types.is_timestamp(arrow):
            return None  # pandas Categorical, numpy datetime64
        return pd.ArrowDtype(arrow)

    return mapper


@functools.cache
def codebook_categories() -> dict[str, tuple[str, ...]]:
    """The codebook's labels of each categorical column with a fixed vocabulary."""
    from eventdata.vocabulary.codebook import ActorType, DisorderType, EventType, SubEventType

    return {
        "disorder_type": tuple(d.value for d in DisorderType),
        "event_type": tuple(e.value for e in EventType),
        "sub_event_type": tuple(s.value for s in SubEventType),
        "inter1": tuple(a.value for a in ActorType),
        "inter2": tuple(a.value for a in ActorType),
    }


def _pandas_column(name: str, column: pa.ChunkedArray, *, lists: bool) -> pa.ChunkedArray:
    """One column as pandas users work with it (see :func:`table_to_pandas`)."""
    kind = column.type
    if pa.types.is_date(kind):
        return pc.cast(column, pa.timestamp("s"))
    if pa.types.is_dictionary(kind) and name not in codebook_categories():
        return pc.cast(column, kind.value_type)  # open vocabulary: plain text
    if (pa.types.is_list(kind) or pa.types.is_large_list(kind)) and not lists:
        if _is_list_text(kind.value_type):
            joined = pc.binary_join(column, LIST_SEPARATOR)
            empty = pc.equal(pc.list_value_length(column), 0)
            return pc.if_else(pc.fill_null(empty, True), pa.scalar(None, pa.string()), joined)
    return column


def table_to_pandas(table: pa.Table, /, *, lists: bool = False) -> pd.DataFrame:
    """An Arrow table as a pandas DataFrame that ordinary pandas code works with.

    - dates are ``datetime64`` (``.dt``, ``resample``, ``pd.Grouper(freq="MS")`` and
      comparisons with ``"2024-01-01"`` work; Arrow and Parquet keep ``date32``);
    - the codebook's closed vocabularies (``disorder_type``, ``event_type``,
      ``sub_event_type``, ``inter1``, ``inter2``) are pandas ``Categorical`` with the
      codebook's full list of labels (values outside it follow them), so frames read from
      different files concatenate as categoricals;
    - open text (countries, admin names, actors, notes) is ``string[pyarrow]``, with
      ``pd.NA`` for blanks;
    - ``; ``-joined ACLED lists (``source``, ``assoc_actor_*``, ``tags``) are ``; ``-joined
      text as ACLED writes them (``lists=True`` gives ``list<string>`` columns);
    - integers keep nulls (``int8``/``int16``/... ``[pyarrow]``).

    :func:`pandas_to_table` inverts it.
    """
    names = table.column_names
    arrays = [_pandas_column(n, table.column(n), lists=lists) for n in names]
    frame: pd.DataFrame = pa.table(arrays, names=names).to_pandas(
        types_mapper=_types_mapper(), date_as_object=False
    )
    for name, labels in codebook_categories().items():
        if name in frame.columns and isinstance(frame[name].dtype, pd.CategoricalDtype):
            present = [c for c in frame[name].cat.categories if c not in labels]
            frame[name] = frame[name].cat.set_categories([*labels, *sorted(present)])
    return frame


def pandas_to_table(df: pd.DataFrame, /) -> pa.Table:
    """A pandas DataFrame as an Arrow table; canonical when it holds the ACLED columns.

    Args:
        df: e.g. from :func:`table_to_pandas` or ``eventdata.read_acled``; numpy and
            object columns are accepted too (text ``; ``-joined lists are split).

    Returns:
        The canonical table (:func:`conform`) when all required ACLED columns are
        present, else the plain conversion.

    """
    table = pa.Table.from_pandas(df, preserve_index=False)
    if all(c in table.column_names for c in ACLED_COLUMNS if not _SCHEMA.field(c).nullable):
        return conform(table)
    return table


def schema_markdown() -> str:
    """The canonical schema as a Markdown table (for docs/parquet.md)."""
    lines = [
        "| # | column | Arrow type | nullable | description |",
        "|---|---|---|---|---|",
    ]
    for i, field in enumerate(_SCHEMA, start=1):
        meta = field.metadata or {}
        description = meta.get(b"description", b"").decode()
        arrow = str(field.type).replace("<", "&lt;").replace(">", "&gt;")
        nullable = "yes" if field.nullable else "no"
        lines.append(f"| {i} | `{field.name}` | {arrow} | {nullable} | {description} |")
    return "\n".join(lines) + "\n"
