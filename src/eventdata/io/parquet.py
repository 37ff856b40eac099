"""Reading Parquet and GeoParquet files and hive-partitioned datasets of events.

Files hold the canonical schema (:func:`eventdata.schema.arrow.arrow_schema`), then extra
columns, then the derived ``geometry`` and ``bbox`` columns (GeoParquet 1.1, see
:mod:`eventdata.io.geo`). Key-value metadata ``eventdata`` (JSON) records the eventdata
and schema versions, the source dialect, the row count and the validation summary (see
:mod:`eventdata.io.parquet_meta`). The writers are in :mod:`eventdata.io.writers`; the
validating write, :func:`~eventdata.to_parquet`, in :mod:`eventdata.pipeline.write`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from eventdata.datasets import candidates
from eventdata.exceptions import InputError
from eventdata.io import geo as geo_
from eventdata.io.parquet_meta import check_version
from eventdata.io.writers import partition_value_type
from eventdata.schema.arrow import arrow_schema, conform, table_to_pandas

__all__ = ["check_text", "checked_format", "read_parquet"]


def checked_format() -> ds.ParquetFileFormat:
    """The Parquet format of ``pyarrow.dataset`` with page checksums verified on read.

    eventdata writes a CRC-32 into every page header; a page whose bytes changed on disk
    is then refused instead of read as other values. Pages without a checksum (files of
    other writers) are read as they are.
    """
    return ds.ParquetFileFormat(
        default_fragment_scan_options=ds.ParquetFragmentScanOptions(page_checksum_verification=True)
    )


def check_text(table: pa.Table) -> None:
    """Refuse text columns holding bytes that are not UTF-8 (Parquet does not check them).

    Raises:
        pyarrow.ArrowInvalid: naming the column.
    """
    for name, column in zip(table.column_names, table.columns, strict=True):
        kind = column.type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            try:
                column.validate(full=True)
            except pa.ArrowInvalid as exc:
                raise pa.ArrowInvalid(
                    f"column {name!r} holds text that is not UTF-8 ({_first_line(exc)}); "
                    "repair the file, or write it again from its source"
                ) from None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _dataset_partitioning(path: Path) -> ds.Partitioning | None:
    discovered = ds.dataset(path, format=checked_format(), partitioning="hive")
    part = discovered.partitioning
    if part is None or not len(part.schema):
        return None
    first = next(iter(discovered.get_fragments()), None)
    stored = set(first.physical_schema.names) if first is not None else set()
    keys = [f for f in part.schema if f.name not in stored]  # a flat directory has none
    if not keys:
        return None
    canonical = arrow_schema()
    fields = [
        pa.field(
            f.name,
            partition_value_type(canonical.field(f.name).type)
            if f.name in canonical.names
            else pa.string(),
        )
        for f in keys
    ]
    return ds.partitioning(pa.schema(fields), flavor="hive")


def _first_file(path: Path) -> Path | None:
    if path.is_file():
        return path
    for parent, _dirs, files in sorted(os.walk(path)):
        for name in sorted(files):
            if name.endswith(".parquet") and not name.startswith((".", "_")):
                return Path(parent) / name
    return None


def read_parquet(
    path: str | os.PathLike[str],
    /,
    *,
    columns: Iterable[str] | None = None,
    filters: Any = None,
    geometry: bool = False,
    lists: bool = False,
    as_of: Any = None,
) -> pd.DataFrame:
    """Read an eventdata Parquet file or hive-partitioned dataset directory.

    Args:
        path: a ``.parquet`` file or a dataset directory written with ``partition_by``.
        columns: read only these columns (in this order).
        filters: a pyarrow filter expression or DNF list, e.g.
            ``[("country", "=", "Iraq"), ("year", ">=", 2020)]``.
        geometry: keep the derived ``geometry``/``bbox`` columns (dropped by default).
        lists: give ``source``, ``assoc_actor_*`` and ``tags`` as lists instead of
            ACLED's ``"; "``-joined text.
        as_of: a date (``YYYY-MM-DD``, every update seen that day counts) or datetime: the
            store as it was then, from the history :func:`eventdata.update` keeps
            (``NAME.history.parquet``); not with ``filters`` or ``geometry``.

    Returns:
        A DataFrame in canonical column order and dtypes (see
        :func:`eventdata.schema.arrow.table_to_pandas`); a file of another dataset (UCDP
        GED, GTD) in that dataset's typed columns.

    Raises:
        InputError: the path does not exist or is not Parquet.
        SchemaVersionError: the file was written under a newer major schema version.

    """
    path = Path(path)
    if as_of is not None:
        # a store's history lives in eventdata.sources, a layer above this one
        history = importlib.import_module("eventdata.sources.history")
        options = dict(columns=columns, filters=filters, geometry=geometry, lists=lists)
        frame: pd.DataFrame = history.read_as_of(path, as_of, **options)
        return frame
    if not path.exists():
        raise InputError("no such file or directory", path=path)
    first = _first_file(path)
    if first is None:
        raise InputError("no Parquet files in this directory", path=path)
    try:
        check_version(pq.read_schema(first).metadata, first)
        wanted = list(columns) if columns is not None else None
        if path.is_dir():
            table = pq.read_table(
                path,
                columns=wanted,
                filters=filters,
                partitioning=_dataset_partitioning(path),
                page_checksum_verification=True,
            )
        else:
            table = pq.read_table(
                path, columns=wanted, filters=filters, page_checksum_verification=True
            )
        check_text(table)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"cannot read as Parquet: {_first_line(exc)}", path=path) from None
    if not geometry:
        table = geo_.strip_geometry(table)
    found = candidates(pq.read_schema(first).names)
    schema = found[0].arrow_schema() if found and not found[0].canonical else None
    try:
        conformed = conform(table, columns=wanted if wanted is not None else None, schema=schema)
    except ValueError as exc:  # not an event table: say which file
        raise InputError(f"cannot be read as events: {exc}", path=path) from None
    return table_to_pandas(conformed, lists=lists)
