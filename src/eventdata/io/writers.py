"""Writing event tables to Parquet: one file in pieces, partitioned datasets, side files.

Every writer is atomic (:func:`eventdata._atomic.atomic_path`) and writes a CRC-32
checksum into every Parquet page header, which the readers verify
(:data:`CHECKSUMS`). The side files of an
output ``NAME.parquet`` are ``NAME.failures.parquet`` (the failure table) and
``NAME.invalid.parquet`` (the invalid rows as the input's text).
"""

from __future__ import annotations

import base64
import contextlib
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from eventdata._atomic import atomic_path
from eventdata.exceptions import InputError
from eventdata.io import geo as geo_
from eventdata.io.parquet_meta import merge_metadata
from eventdata.schema.arrow import arrow_schema

__all__ = [
    "EventFileWriter",
    "SideFile",
    "failures_path",
    "invalid_path",
    "output_schema",
    "partition_value_type",
    "remove_stale",
    "write_dataset",
    "write_event_dataset",
    "write_event_file",
    "write_side_table",
]

_MAX_PARTITIONS = 100_000

CHECKSUMS = True
"""Whether written Parquet pages carry checksums (always; a name for the readers' docs)."""


def _side_path(path: str | os.PathLike[str], kind: str) -> Path:
    path = Path(path)
    stem = path.name[: -len(".parquet")] if path.name.endswith(".parquet") else path.name
    return path.with_name(f"{stem}.{kind}.parquet")


def failures_path(path: str | os.PathLike[str], /) -> Path:
    """Where the failure table of output ``path`` goes: ``NAME.failures.parquet`` beside it."""
    return _side_path(path, "failures")


def invalid_path(path: str | os.PathLike[str], /) -> Path:
    """Where dropped invalid rows of output ``path`` go: ``NAME.invalid.parquet`` beside it."""
    return _side_path(path, "invalid")


_UNIQUE_PER_ROW = frozenset({"event_id_cnty", "notes", geo_.GEOMETRY_COLUMN})
"""Columns whose values (nearly) never repeat: a dictionary would only cost time."""

_NO_STATISTICS = frozenset({"notes", geo_.GEOMETRY_COLUMN})
"""Columns whose min/max no reader filters on (the ``bbox`` column covers geometry)."""


def _leaf_paths(field: pa.Field, prefix: str = "") -> list[str]:
    """The Parquet column paths of an Arrow field (``source.list.element``, ``bbox.xmin``)."""
    name = f"{prefix}{field.name}"
    kind = field.type
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return _leaf_paths(pa.field("element", kind.value_type), f"{name}.list.")
    if pa.types.is_struct(kind):
        return [leaf for child in kind for leaf in _leaf_paths(child, f"{name}.")]
    return [name]


class EventFileWriter:
    """Writes canonical tables to one Parquet file in pieces; metadata goes in at close.

    Args:
        path: the file to write (callers pass a temporary path from ``atomic_path``).
        schema: the schema every piece is cast to (canonical + extras [+ geometry]).
        geo: whether the schema carries geometry (GeoParquet metadata is then written).
        compression: Parquet codec.
        compression_level: codec level.

    """

    def __init__(
        self,
        path: Path,
        schema: pa.Schema,
        *,
        geo: bool,
        compression: str,
        compression_level: int | None,
    ) -> None:
        self.schema = schema
        self.geo = geo
        self.rows = 0
        self.bbox: geo_.BBox | None = None
        leaves = [leaf for field in schema for leaf in _leaf_paths(field)]
        self._writer = pq.ParquetWriter(
            path,
            schema,
            compression=compression,
            compression_level=compression_level,
            use_dictionary=[leaf for leaf in leaves if leaf not in _UNIQUE_PER_ROW],
            write_statistics=[leaf for leaf in leaves if leaf not in _NO_STATISTICS],
            write_page_checksum=True,
        )

    def write(self, table: pa.Table) -> None:
        """Append a canonical table (geometry added here when ``geo``)."""
        if self.geo:
            self.bbox = geo_.merge_bbox(self.bbox, geo_.bbox_of(table))
            table = geo_.add_geometry(table)
        self._writer.write_table(_cast(table, self.schema))
        self.rows += table.num_rows

    def close(self, metadata: dict[str, str]) -> None:
        """Write the footer with ``metadata`` (plus ``geo``) in file and Arrow schema."""
        extra = dict(metadata)
        if self.geo:
            extra.update(geo_.geo_metadata(self.bbox))
        final = self.schema.with_metadata(merge_metadata(self.schema.metadata, extra))
        extra["ARROW:schema"] = base64.b64encode(final.serialize().to_pybytes()).decode()
        self._writer.add_key_value_metadata(extra)
        self._writer.close()

    def abort(self) -> None:
        """Close without caring about the footer (the temporary file is removed anyway)."""
        try:
            self._writer.close()
        except Exception:  # pragma: no cover - best effort
            pass


def _cast(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` cast to ``schema``; blanks in a column the schema requires are refused."""
    blank = [
        field.name
        for field in schema
        if not field.nullable
        and field.name in table.column_names
        and table.column(field.name).null_count
    ]
    if blank:
        raise InputError(
            f"column(s) {', '.join(blank)} are blank in rows of a later block but in no row "
            "of the first one, whose schema the output file has; convert with "
            "on_invalid='keep' (every column nullable), or with to_parquet (reads whole)"
        )
    return table.cast(schema)


def output_schema(
    canonical: pa.Schema, *, geo: bool, relax: bool, drop: Sequence[str] = ()
) -> pa.Schema:
    """The schema of written files: every field nullable when ``relax``; derived geo last.

    Raises:
        DerivedColumnClash: ``geo`` and ``canonical`` has a column named ``geometry`` or
            ``bbox`` (checked before anything is written).

    """
    if geo:
        geo_.check_no_clash([name for name in canonical.names if name not in drop])
    fields = [f.with_nullable(True) if relax else f for f in canonical if f.name not in drop]
    if geo:
        fields += [
            pa.field(geo_.GEOMETRY_COLUMN, pa.binary()),
            pa.field(geo_.BBOX_COLUMN, geo_.BBOX_TYPE),
        ]
    return pa.schema(fields, metadata=arrow_schema().metadata)


def write_dataset(
    batches: pa.Table | pa.RecordBatchReader,
    directory: Path,
    *,
    partition_by: Sequence[str],
    schema: pa.Schema,
    compression: str,
    compression_level: int | None,
    basename: str = "part-{i}.parquet",
) -> None:
    """Write a hive-partitioned dataset (values percent-encoded in directory names)."""
    missing = [c for c in partition_by if c not in schema.names]
    if missing:
        raise ValueError(
            f"partition_by names unknown column(s) {', '.join(missing)}; "
            f"choose from {', '.join(schema.names)}"
        )
    part_schema = pa.schema(
        [pa.field(c, partition_value_type(schema.field(c).type)) for c in partition_by]
    )
    options = ds.ParquetFileFormat().make_write_options(
        compression=compression, compression_level=compression_level, write_page_checksum=True
    )
    ds.write_dataset(
        batches,
        directory,
        format="parquet",
        partitioning=ds.partitioning(part_schema, flavor="hive"),
        file_options=options,
        basename_template=basename,
        existing_data_behavior="overwrite_or_ignore",
        max_partitions=_MAX_PARTITIONS,
    )


def partition_value_type(arrow: pa.DataType) -> pa.DataType:
    """The type of a partition column's values: a dictionary's value type."""
    return arrow.value_type if pa.types.is_dictionary(arrow) else arrow


def write_side_table(table: pa.Table, path: Path, /) -> None:
    """Write a small table (failures, rejected rows) atomically, zstd-compressed."""
    with atomic_path(path) as temp:
        pq.write_table(
            table, temp, compression="zstd", compression_level=1, write_page_checksum=True
        )


def remove_stale(*paths: Path) -> None:
    """Remove side files left by an earlier write of the same output."""
    for path in paths:
        if path.is_file():
            path.unlink()


class SideFile:
    """A Parquet file written block by block, created (atomically) on first use.

    Args:
        path: the file to write.
        stack: where the atomic write is entered, so that it is committed (or, on an
            error, removed) when the stack closes.

    """

    def __init__(self, path: Path, stack: contextlib.ExitStack) -> None:
        self.path = path
        self._stack = stack
        self._writer: Any = None
        self._schema: pa.Schema | None = None
        self.used = False

    def write(self, table: pa.Table) -> None:
        """Append ``table`` (cast to the schema of the first table written)."""
        if not self.used:
            self.used = True
            temp = self._stack.enter_context(atomic_path(self.path))
            self._schema = table.schema
            self._writer = pq.ParquetWriter(
                temp,
                table.schema,
                compression="zstd",
                compression_level=1,
                write_page_checksum=True,
            )
            self._stack.callback(self.close)
        self._writer.write_table(table.cast(self._schema))

    def close(self) -> None:
        """Finish the file (it is moved into place when the stack closes)."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def write_event_file(
    tables: Iterable[pa.Table],
    path: Path,
    schema: pa.Schema,
    *,
    geo: bool,
    compression: str,
    compression_level: int | None,
    metadata: Callable[[int], dict[str, str]],
    finish: Callable[[Path], None] | None = None,
) -> int:
    """Write canonical tables to one (Geo)Parquet file, atomically; one row group each.

    Args:
        tables: the pieces, consumed once.
        path: the output file.
        schema: the file schema (see :func:`output_schema`).
        geo: add the geometry and bbox columns and ``geo`` metadata.
        compression: Parquet codec.
        compression_level: codec level.
        metadata: called with the number of rows written, after the last piece; gives
            the key-value metadata of the footer.
        finish: called with the complete temporary file before it is moved into place
            (e.g. to rewrite it); an exception leaves nothing behind.

    Returns:
        The number of rows written.

    """
    with atomic_path(path) as temp:
        writer = EventFileWriter(
            temp, schema, geo=geo, compression=compression, compression_level=compression_level
        )
        try:
            for table in tables:
                writer.write(table)
        except BaseException:
            writer.abort()
            raise
        writer.close(metadata(writer.rows))
        if finish is not None:
            finish(temp)
    return writer.rows


def write_event_dataset(
    data: pa.Table | Iterable[pa.Table],
    path: Path,
    schema: pa.Schema,
    *,
    partition_by: Sequence[str],
    geo: bool,
    compression: str,
    compression_level: int | None,
    metadata: dict[str, str],
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Write canonical tables to a hive-partitioned dataset directory, atomically.

    Args:
        data: one table (written in one go) or pieces (streamed, consumed once).
        path: the dataset directory.
        schema: the file schema (see :func:`output_schema`).
        partition_by: the partition columns.
        geo: add the geometry and bbox columns and ``geo`` metadata.
        compression: Parquet codec.
        compression_level: codec level.
        metadata: key-value metadata of every file.
        finish: called with the complete temporary directory before it is moved into
            place.

    """
    full = schema.with_metadata(
        merge_metadata(schema.metadata, metadata, geo_.geo_metadata() if geo else {})
    )
    source: pa.Table | pa.RecordBatchReader
    if isinstance(data, pa.Table):
        source = (geo_.add_geometry(data) if geo else data).cast(full)
    else:
        batches = (
            batch
            for table in data
            for batch in (geo_.add_geometry(table) if geo else table).cast(full).to_batches()
        )
        source = pa.RecordBatchReader.from_batches(full, batches)
    with atomic_path(path, directory=True) as temp:
        write_dataset(
            source,
            temp,
            partition_by=partition_by,
            schema=full,
            compression=compression,
            compression_level=compression_level,
        )
        if finish is not None:
            finish(temp)
