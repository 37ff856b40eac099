"""Rich records to and from Arrow tables and Parquet, YAML and JSON files.

:func:`read_records` and :func:`write_records` pick the format by suffix: ``.yaml``,
``.yml`` and ``.json`` are the hand-edited records files of :mod:`eventdata.io.records_text`;
anything else is Parquet, described here.

Every record is one row. The table has ``id``, ``record_type`` and ``responds_to``
(``list<string>``), then every field of :class:`~eventdata.models.records.Attack` and
:class:`~eventdata.models.records.Response` (nested models as structs, ``weapons`` as
``list<struct>`` with one ``kind`` column), then the 31 ACLED columns of the row the record
lowers to, null for records that lower to no row. Plain pyarrow, pandas or DuckDB read the
file; :func:`read_records` rebuilds the models.

The Arrow type of each field is derived from its annotation by one mapping table,
:data:`ARROW_TYPES`; an annotation it does not know raises instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import os
import types
import typing
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, ValidationError

from eventdata._atomic import atomic_path
from eventdata.exceptions import InputError
from eventdata.io.records_format import RECORDS_FORMAT, RECORDS_TEXT_SUFFIXES
from eventdata.io.records_text import read_records_text, write_records_text
from eventdata.models.collection import AnyRecord, EventCollection
from eventdata.models.event import ACLED_COLUMNS, Event
from eventdata.models.fields import LIST_SEPARATOR
from eventdata.models.lowering import lower_records
from eventdata.models.record_types import record_models

__all__ = [
    "ARROW_TYPES",
    "RECORDS_FORMAT",
    "read_records",
    "records_schema",
    "records_to_table",
    "table_to_records",
    "write_records",
]


ARROW_TYPES: Mapping[type, pa.DataType] = {
    bool: pa.bool_(),
    int: pa.int64(),
    float: pa.float64(),
    str: pa.string(),
    dt.date: pa.date32(),
    dt.time: pa.time64("us"),
}
"""Python type -> Arrow type. Enums are stored as their values (str or int)."""

_LEADING = ("id", "record_type", "responds_to")


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """``annotation`` without ``Annotated`` and ``| None``, and its members if a union remains."""
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in args if a is not type(None)]
            if len(members) > 1:
                return annotation, members
            annotation = members[0]
        else:
            return annotation, []


def _arrow_type(annotation: Any, where: str) -> pa.DataType:
    annotation, members = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if members:
        if all(isinstance(m, type) and issubclass(m, BaseModel) for m in members):
            return _merged_struct(members, where)
        raise TypeError(f"{where}: no Arrow mapping for union {annotation!r}")
    if origin in (tuple, list):
        return pa.list_(_arrow_type(args[0], where))
    if origin is Literal:
        return pa.string()
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _merged_struct([annotation], where)
        if issubclass(annotation, Enum):
            return pa.int64() if issubclass(annotation, int) else pa.string()
        for python_type, arrow_type in ARROW_TYPES.items():
            if issubclass(annotation, python_type):
                return arrow_type
    raise TypeError(f"{where}: no Arrow mapping for {annotation!r}; add it to ARROW_TYPES")


def _merged_struct(models: list[type[BaseModel]], where: str) -> pa.StructType:
    """One struct holding the fields of all the models (a discriminated union's members)."""
    fields: dict[str, pa.DataType] = {}
    for model in models:
        for name, info in model.model_fields.items():
            arrow_type = _arrow_type(info.annotation, f"{where}.{name}")
            if fields.setdefault(name, arrow_type) != arrow_type:
                raise TypeError(f"{where}.{name}: conflicting Arrow types across {models}")
    return pa.struct([pa.field(n, t) for n, t in fields.items()])


def _acled_fields() -> list[pa.Field]:
    text = pa.string()
    types_: dict[str, pa.DataType] = {"event_date": pa.date32()}
    for name in ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"):
        types_[name] = pa.int64()
    for name in ("latitude", "longitude"):
        types_[name] = pa.float64()
    return [pa.field(name, types_.get(name, text)) for name in ACLED_COLUMNS]


def records_schema() -> pa.Schema:
    """Return the Arrow schema of a records table: record fields, then ACLED columns.

    Raises:
        TypeError: a record field name collides with an ACLED column (a bug).

    """
    record_fields = _merged_struct(list(record_models().values()), "record")
    by_name = {f.name: f for f in record_fields}
    ordered = [by_name[n] for n in _LEADING] + [f for f in record_fields if f.name not in _LEADING]
    clash = {f.name for f in ordered} & set(ACLED_COLUMNS)
    if clash:
        raise TypeError(f"record fields {sorted(clash)} collide with ACLED columns")
    return pa.schema([*ordered, *_acled_fields()], metadata={"eventdata.format": RECORDS_FORMAT})


def _plain(value: Any) -> Any:
    """Convert a model value to data pyarrow takes: enums as values, models as dicts."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def _acled_row(event: Event | None) -> dict[str, Any]:
    if event is None:
        return dict.fromkeys(ACLED_COLUMNS)
    row: dict[str, Any] = {}
    for name in ACLED_COLUMNS:
        value = _plain(getattr(event, name))
        row[name] = LIST_SEPARATOR.join(value) if isinstance(value, list) else value
    row["assoc_actor_1"] = row["assoc_actor_1"] or None
    row["assoc_actor_2"] = row["assoc_actor_2"] or None
    row["tags"] = row["tags"] or None
    return row


def records_to_table(
    records: EventCollection,
    /,
    *,
    prefixes: Mapping[str, str] | None = None,
    start: int | Mapping[str, int] = 1,
    timestamp: int | None = None,
) -> pa.Table:
    """Return a checked collection as an Arrow table, one row per record.

    Args:
        records: the collection.
        prefixes: event-id prefix per country, passed to the lowering.
        start: first event number, passed to the lowering.
        timestamp: ACLED ``timestamp`` of the rows, passed to the lowering.

    Returns:
        The table, with :func:`records_schema`.

    Raises:
        LoweringError: a record cannot be lowered to its ACLED row.

    """
    schema = records_schema()
    # records that give no ACLED row keep null ACLED columns: the table is the report
    lowering = lower_records(records, prefixes=prefixes, start=start, timestamp=timestamp)
    rows = lowering.rows
    data = [{**_plain(r), **_acled_row(rows.get(r.id))} for r in records]
    return pa.Table.from_pylist(data, schema=schema)


def _from_arrow(annotation: Any, value: Any) -> Any:
    """Drop the struct keys a model does not have, choosing union members by ``kind``."""
    if value is None:
        return None
    annotation, members = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if members:
        for member in members:
            if member.model_fields["kind"].default == value.get("kind"):
                return _from_arrow(member, value)
        return value  # unknown kind: let validation name it
    if origin in (tuple, list):
        return [_from_arrow(args[0], v) for v in value]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = annotation.model_fields
        return {n: _from_arrow(fields[n].annotation, v) for n, v in value.items() if n in fields}
    return value


def table_to_records(table: pa.Table, /, *, source: object = "table") -> EventCollection:
    """Rebuild the collection from a records table (the ACLED columns are ignored).

    Args:
        table: a table written by :func:`records_to_table`.
        source: names the input in error messages, e.g. the file path.

    Returns:
        The checked collection.

    Raises:
        InputError: a row has no known ``record_type`` or does not validate.
        IntegrityError: the rebuilt records are inconsistent.

    """
    missing = [n for n in _LEADING if n not in table.column_names]
    if missing:
        raise InputError(
            f"not a records table: columns {missing} are missing; write it with write_records",
            path=source,
        )
    records: list[AnyRecord] = []
    models = record_models()
    for position, row in enumerate(table.to_pylist()):
        model = models.get(str(row.get("record_type")))
        if model is None:
            raise InputError(
                f"row {position} (id {row.get('id')!r}): record_type {row.get('record_type')!r} "
                f"is not one of {sorted(models)}",
                path=source,
            )
        try:
            records.append(model.model_validate(_from_arrow(model, row)))
        except ValidationError as error:
            raise InputError(
                f"row {position} (id {row.get('id')!r}) is not a valid {model.__name__}: {error}",
                path=source,
            ) from None
    return EventCollection(records)


def write_records(
    records: EventCollection,
    path: str | os.PathLike[str],
    /,
    *,
    prefixes: Mapping[str, str] | None = None,
    start: int | Mapping[str, int] = 1,
    timestamp: int | None = None,
    compression: str = "zstd",
    schema: str | None = None,
) -> Path:
    """Write a collection to a Parquet, YAML or JSON file, atomically.

    The file is written to a temporary file in the same directory and moved into place,
    so readers never see half a file. ``.yaml``, ``.yml`` and ``.json`` write a records
    file for people to edit (:func:`~eventdata.io.records_text.write_records_text`); the
    ACLED options then do not apply. Any other suffix writes Parquet: one row per record,
    then the ACLED columns of the row it lowers to.

    Args:
        records: the collection.
        path: the file to write; its directory must exist.
        prefixes: event-id prefix per country for the ACLED columns.
        start: first event number for the ACLED columns.
        timestamp: ACLED ``timestamp`` for the ACLED columns.
        compression: Parquet compression codec.
        schema: for YAML, the editor schema's path or URL for the
            ``# yaml-language-server: $schema=`` first line.

    Returns:
        The path written.

    Raises:
        InputError: the directory does not exist.
        LoweringError: a record cannot be lowered to its ACLED row.

    """
    target = Path(path)
    if target.suffix.lower() in RECORDS_TEXT_SUFFIXES:
        return write_records_text(records, target, schema=schema)
    if not target.parent.is_dir():
        raise InputError("directory does not exist; create it first", path=target.parent)
    table = records_to_table(records, prefixes=prefixes, start=start, timestamp=timestamp)
    with atomic_path(target) as temporary:  # the same permissions as every other output
        pq.write_table(table, temporary, compression=compression)
    return target


def read_records(path: str | os.PathLike[str], /, *, reference: Any = None) -> EventCollection:
    """Read a records file: YAML or JSON by suffix, else Parquet (from :func:`write_records`).

    Args:
        path: the file.
        reference: an ACLED export or store (a path, a table, or a
            :class:`~eventdata.io.reference.NameReference`) to check names against: an
            actor or place name it does not know warns (:class:`~eventdata.NameWarning`)
            with the close matches valid on the record's date, and a YAML or JSON place
            given by its name only gets its country, admin names and coordinates from it.

    Raises:
        InputError: the file is missing, not Parquet, or not a records table.
        RecordsFileError: a YAML or JSON record does not validate (line, column, id, field).
        IntegrityError: the records are inconsistent.

    """
    source = Path(path)
    names = None
    if reference is not None:
        from eventdata.io.reference import NameReference

        names = NameReference.of(reference)
    if source.suffix.lower() in RECORDS_TEXT_SUFFIXES:
        return read_records_text(source, reference=names)
    if not source.is_file():
        raise InputError("no such file", path=source)
    try:
        table = pq.read_table(source)
    except (OSError, pa.ArrowInvalid) as error:
        raise InputError(f"cannot read as Parquet: {error}", path=source) from None
    collection = table_to_records(table, source=source)
    if names is not None:
        names.warn_unknown(collection)
    return collection
