"""Writing the partitions of a distributed run: each worker writes its own files.

The client has the report (every failure, so every row's verdict) before anything is
written. Each worker then reads its partition again, in full, parses it, leaves out the
rows to drop and writes its files into one temporary dataset directory, which the client
moves into place only when every partition is written. The invalid rows' text comes back
to the client, which writes it to ``NAME.invalid.parquet``.
"""

from __future__ import annotations

import glob
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from eventdata.dask._sources import read_partition
from eventdata.io import geo as geo_
from eventdata.io.parquet_meta import merge_metadata
from eventdata.io.writers import EventFileWriter, output_schema, write_dataset
from eventdata.pipeline.write import check_raw, rejected_rows

__all__ = ["Written", "unified_schema", "write_partition"]


@dataclass
class Settings:
    """How every partition is written (the same for all)."""

    drop: bool
    partition_by: Sequence[str] | None
    geo: bool
    compression: str
    compression_level: int | None
    metadata: dict[str, str]
    date_format: str | None = None
    """The date style the whole input's dates decide (``check_all``): every partition's."""


@dataclass
class Written:
    """What a worker wrote: rows, the schema it used and the invalid rows' text."""

    rows: int
    schema: pa.Schema
    rejected: pa.Table | None


def _name(index: int) -> str:
    return f"part-{index:05d}"


def write_partition(
    part: Any,
    index: int,
    invalid: np.ndarray,
    offset: int,
    directory: str,
    settings: Settings,
    schema: pa.Schema | None = None,
) -> Written:
    """Read, parse and write one partition into ``directory`` (a worker task).

    Args:
        part: the partition (see :func:`eventdata.dask._sources.read_partition`).
        index: its position, which names its files.
        invalid: partition-local rows with at least one error.
        offset: the input row of its first row.
        directory: the temporary dataset directory.
        settings: how to write.
        schema: the file schema to use (a rewrite); by default, the partition's own.
    """
    raw = read_partition(part)
    raw.dialect.date_format = settings.date_format
    checked = check_raw(raw, validate=False)
    mask = np.zeros(raw.n_rows, dtype=bool)
    mask[invalid] = True
    checked.invalid = mask
    rejected = rejected_rows(checked, row_offset=offset) if mask.any() else None
    table = checked.table.filter(pa.array(~mask)) if settings.drop else checked.table
    target = schema or output_schema(table.schema, geo=settings.geo, relax=False)
    root = Path(directory)
    for old in glob.glob(str(root / "**" / f"{_name(index)}*.parquet"), recursive=True):
        Path(old).unlink()  # a rewrite replaces this partition's files
    if settings.partition_by:
        extra = geo_.geo_metadata() if settings.geo else {}
        full = target.with_metadata(merge_metadata(target.metadata, settings.metadata, extra))
        data = (geo_.add_geometry(table) if settings.geo else table).cast(full)
        write_dataset(
            data,
            root,
            partition_by=settings.partition_by,
            schema=full,
            compression=settings.compression,
            compression_level=settings.compression_level,
            basename=f"{_name(index)}-{{i}}.parquet",
        )
    else:
        writer = EventFileWriter(
            root / f"{_name(index)}.parquet",
            target,
            geo=settings.geo,
            compression=settings.compression,
            compression_level=settings.compression_level,
        )
        writer.write(table)
        writer.close(settings.metadata)
    return Written(rows=table.num_rows, schema=target, rejected=rejected)


def unified_schema(schemas: Sequence[pa.Schema]) -> pa.Schema:
    """The schema of every file: a field is nullable where any partition holds nulls."""
    base = schemas[0]
    fields = [
        field.with_nullable(any(s.field(field.name).nullable for s in schemas)) for field in base
    ]
    return pa.schema(fields, metadata=base.metadata)
