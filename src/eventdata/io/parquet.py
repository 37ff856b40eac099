"""Parquet and GeoParquet files and hive-partitioned datasets of events.

Files hold the canonical schema (:func:`eventdata.io.arrow.arrow_schema`), then extra
columns, then the derived ``geometry`` and ``bbox`` columns (GeoParquet 1.1, see
:mod:`eventdata.io.geo`). Key-value metadata ``eventdata`` (JSON) records the eventdata
and schema versions, the source dialect, the row count and the validation summary.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from eventdata._version import SCHEMA_VERSION, __version__
from eventdata.exceptions import InputError, SchemaVersionError, ValidationFailed
from eventdata.io import geo as geo_
from eventdata.io.arrow import METADATA_KEY, arrow_schema, conform, table_to_pandas
from eventdata.io.atomic import atomic_path
from eventdata.io.readers import RawTable, read_raw
from eventdata.validation.engine import check, parse
from eventdata.validation.report import FAILURE_SCHEMA

__all__ = [
    "Checked",
    "EventFileWriter",
    "OnInvalid",
    "WriteResult",
    "failures_path",
    "file_metadata",
    "invalid_path",
    "merge_metadata",
    "read_parquet",
    "check_raw",
    "to_parquet",
]

OnInvalid = Literal["raise", "drop", "keep"]
_POLICIES = ("raise", "drop", "keep")
_MAX_PARTITIONS = 100_000


@dataclass
class WriteResult:
    """What a Parquet write produced.

    Attributes:
        path: the file or dataset directory written.
        rows_written: rows in the output.
        rows_invalid: rows with at least one error (0 when not validated).
        rows_dropped: invalid rows left out (``on_invalid="drop"``).
        failures_file: the failure table (one row per failure, input row numbers), when
            validation found failures; else None.
        invalid_file: the invalid rows as the input's text with their input ``row``
            number, when any.
        summary: the validation summary (counts per rule and severity, sizes, dialect).
        report: the validation report (in-memory writes only).

    """

    path: Path
    rows_written: int
    rows_invalid: int = 0
    rows_dropped: int = 0
    failures_file: Path | None = None
    invalid_file: Path | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    report: Any = None


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


# --------------------------------------------------------------------------- checking


@dataclass
class Checked:
    """An input parsed (and validated) into canonical columns.

    Attributes:
        table: every input row, canonical (values that did not parse are null).
        raw: the input as text, as read (to save invalid rows without loss).
        invalid: boolean mask of rows with at least one error.
        failures: the failure table (row numbers local to this input).
        summary: the report summary (None when not validated).
        dialect: the dialect name recognised.
        report: the validation report, when validated.

    """

    table: pa.Table
    raw: pa.Table
    invalid: np.ndarray
    failures: pa.Table
    summary: dict[str, Any] | None
    dialect: str
    report: Any = None


def check_raw(raw: RawTable, /, *, validate: bool = True) -> Checked:
    """Parse a text table and, when ``validate``, run every rule over it."""
    parsed = parse(raw)
    if not validate:
        return Checked(
            table=conform(parsed.table()),
            raw=raw.table,
            invalid=np.zeros(raw.n_rows, dtype=bool),
            failures=FAILURE_SCHEMA.empty_table(),
            summary=None,
            dialect=raw.dialect.name,
        )
    report = check(parsed)
    return Checked(
        table=report.canonical_table,
        raw=raw.table,
        invalid=np.asarray(report.invalid_mask, dtype=bool),
        failures=report.failure_table,
        summary=report.summary(),
        dialect=raw.dialect.name,
        report=report,
    )


def rejected_rows(checked: Checked, /, *, row_offset: int = 0) -> pa.Table:
    """The invalid rows as the input's text, with their global ``row`` number first."""
    rows = np.flatnonzero(checked.invalid)
    table = checked.raw.take(pa.array(rows, pa.int64()))
    return table.add_column(0, "row", pa.array(rows + row_offset, pa.int64()))


def policy_error(message: str, where: object, /) -> ValidationFailed:
    """The ValidationFailed of ``on_invalid="raise"``: what failed, that nothing was written."""
    return ValidationFailed(
        f"{message}\nNothing was written to {where}. Fix the input, or pass "
        "on_invalid='drop' (write the valid rows, save the others beside the output) or "
        "on_invalid='keep' (write every row)."
    )


# --------------------------------------------------------------------------- metadata


def file_metadata(
    *,
    dialect: str | None,
    rows: int | None,
    validation: dict[str, Any] | None,
    partition_by: Sequence[str] | None = None,
) -> dict[str, str]:
    """The ``eventdata`` key-value metadata entry (JSON) of a written file."""
    document = {
        "eventdata_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "source_dialect": dialect,
        "rows": rows,
        "partition_by": list(partition_by) if partition_by else None,
        "validation": validation,
    }
    return {METADATA_KEY: json.dumps(document)}


def _major(version: str) -> int:
    try:
        return int(str(version).split(".")[0])
    except ValueError:
        return 0


def check_version(metadata: dict[bytes, bytes] | None, where: object, /) -> None:
    """Raise SchemaVersionError when a file was written under a newer major schema."""
    raw = (metadata or {}).get(METADATA_KEY.encode())
    if raw is None:
        return  # not written by eventdata: read it, conform checks the columns
    try:
        document = json.loads(raw)
    except ValueError:
        raise InputError(
            f"unreadable '{METADATA_KEY}' metadata: {raw[:80]!r}", path=where
        ) from None
    found = str(document.get("schema_version", "0"))
    if _major(found) > _major(SCHEMA_VERSION):
        raise SchemaVersionError(
            f"{where}: written with eventdata schema {found} "
            f"(eventdata {document.get('eventdata_version', '?')}); this eventdata "
            f"{__version__} reads schema {_major(SCHEMA_VERSION)}.x and older. "
            "Upgrade eventdata (pip install -U eventdata) to read it."
        )


# --------------------------------------------------------------------------- writing


def merge_metadata(*parts: dict[Any, Any] | None) -> dict[str, str]:
    """Merge schema metadata dicts (bytes or str keys); later parts win."""
    merged: dict[str, str] = {}
    for part in parts:
        for key, value in (part or {}).items():
            k = key.decode() if isinstance(key, bytes) else str(key)
            merged[k] = value.decode() if isinstance(value, bytes) else str(value)
    return merged


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
        self._writer = pq.ParquetWriter(
            path, schema, compression=compression, compression_level=compression_level
        )

    def write(self, table: pa.Table) -> None:
        """Append a canonical table (geometry added here when ``geo``)."""
        if self.geo:
            self.bbox = geo_.merge_bbox(self.bbox, geo_.bbox_of(table))
            table = geo_.add_geometry(table)
        self._writer.write_table(table.cast(self.schema))
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


def output_schema(
    canonical: pa.Schema, *, geo: bool, relax: bool, drop: Sequence[str] = ()
) -> pa.Schema:
    """The schema of written files: every field nullable when ``relax``; derived geo last."""
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
    part_schema = pa.schema([pa.field(c, _value_type(schema.field(c).type)) for c in partition_by])
    options = ds.ParquetFileFormat().make_write_options(
        compression=compression, compression_level=compression_level
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


def _value_type(arrow: pa.DataType) -> pa.DataType:
    return arrow.value_type if pa.types.is_dictionary(arrow) else arrow


def write_side_table(table: pa.Table, path: Path, /) -> None:
    """Write a small table (failures, rejected rows) atomically, zstd-compressed."""
    with atomic_path(path) as temp:
        pq.write_table(table, temp, compression="zstd", compression_level=1)


def remove_stale(*paths: Path) -> None:
    """Remove side files left by an earlier write of the same output."""
    for path in paths:
        if path.is_file():
            path.unlink()


def validation_metadata(
    summary: dict[str, Any] | None, *, on_invalid: str, rows_dropped: int
) -> dict[str, Any] | None:
    """The ``validation`` entry of the ``eventdata`` metadata."""
    if summary is None:
        return None
    return {
        "on_invalid": on_invalid,
        "ok": summary.get("ok"),
        "n_rows": summary.get("n_rows"),
        "n_invalid": summary.get("n_invalid"),
        "n_errors": summary.get("n_errors"),
        "n_warnings": summary.get("n_warnings"),
        "rows_dropped": rows_dropped,
        "counts": summary.get("counts", {}),
    }


def to_parquet(
    data: pd.DataFrame | pa.Table | RawTable | str | os.PathLike[str],
    path: str | os.PathLike[str],
    /,
    *,
    partition_by: Sequence[str] | None = None,
    compression: str = "zstd",
    compression_level: int | None = 1,
    geo: bool = True,
    on_invalid: OnInvalid = "raise",
    validate: bool = True,
) -> WriteResult:
    """Write events to a (Geo)Parquet file, or a hive-partitioned dataset directory.

    Args:
        data: DataFrame or pyarrow Table (text, parsed or canonical: it is parsed and
            conformed), or the path of any input eventdata reads (CSV, JSON, Parquet).
        path: the output file, or the dataset directory when ``partition_by`` is given.
            Written atomically: on failure no partial output exists.
        partition_by: columns to partition by, e.g. ``["year", "country"]``; values
            are percent-encoded in directory names (``country=Cote%20d%27Ivoire``).
        compression: Parquet codec.
        compression_level: codec level (zstd 1 is fast and small for ACLED text).
        geo: write GeoParquet 1.1 ``geometry`` and ``bbox`` columns and ``geo`` metadata.
        on_invalid: rows that break an error rule: ``"raise"``
            :class:`~eventdata.ValidationFailed` and write nothing; ``"drop"`` them from
            the output; ``"keep"`` them (values that did not parse are null). Under
            ``drop`` and ``keep`` the invalid rows' original text goes to
            ``NAME.invalid.parquet``, and whenever failures (errors or warnings) are
            found the failure table goes to ``NAME.failures.parquet``, beside the output.
        validate: run the validation rules (``on_invalid`` then applies); the input is
            parsed either way.

    Returns:
        A :class:`WriteResult`.

    Raises:
        ValidationFailed: ``on_invalid="raise"`` and a row breaks an error rule.
        InputError: ``data`` is a path that cannot be read.

    """
    if on_invalid not in _POLICIES:
        raise ValueError(f"on_invalid must be one of {', '.join(_POLICIES)}, got {on_invalid!r}")
    path = Path(path)
    raw = data if isinstance(data, RawTable) else read_raw(data)
    checked = check_raw(raw, validate=validate)
    report = checked.report
    if report is not None and not report.ok and on_invalid == "raise":
        try:
            report.raise_if_failed()
        except ValidationFailed as exc:
            raise policy_error(str(exc), path) from None
    fail_file, bad_file = failures_path(path), invalid_path(path)
    result = WriteResult(path=path, rows_written=0, report=report, summary=checked.summary or {})
    table = checked.table
    n_invalid = int(checked.invalid.sum())
    result.rows_invalid = n_invalid
    if n_invalid:
        write_side_table(rejected_rows(checked), bad_file)
        result.invalid_file = bad_file
        if on_invalid == "drop":
            table = table.filter(pa.array(~checked.invalid))
            result.rows_dropped = n_invalid
    if checked.failures.num_rows:
        write_side_table(checked.failures, fail_file)
        result.failures_file = fail_file
    meta = file_metadata(
        dialect=checked.dialect,
        rows=table.num_rows,
        validation=validation_metadata(
            checked.summary, on_invalid=on_invalid, rows_dropped=result.rows_dropped
        ),
        partition_by=partition_by,
    )
    schema = output_schema(table.schema, geo=geo, relax=False)
    if partition_by:
        if geo:
            table = geo_.add_geometry(table)
        full = schema.with_metadata(
            merge_metadata(schema.metadata, meta, geo_.geo_metadata() if geo else {})
        )
        with atomic_path(path, directory=True) as temp:
            write_dataset(
                table.cast(full),
                temp,
                partition_by=partition_by,
                schema=full,
                compression=compression,
                compression_level=compression_level,
            )
    else:
        with atomic_path(path) as temp:
            writer = EventFileWriter(
                temp, schema, geo=geo, compression=compression, compression_level=compression_level
            )
            try:
                writer.write(table)
            except BaseException:
                writer.abort()
                raise
            writer.close(meta)
    result.rows_written = table.num_rows
    remove_stale(
        *(p for p in (fail_file, bad_file) if p not in (result.failures_file, result.invalid_file))
    )
    return result


# --------------------------------------------------------------------------- reading


def _dataset_partitioning(path: Path) -> ds.Partitioning | None:
    discovered = ds.dataset(path, format="parquet", partitioning="hive")
    part = discovered.partitioning
    if part is None or not len(part.schema):
        return None
    canonical = arrow_schema()
    fields = [
        pa.field(
            f.name,
            _value_type(canonical.field(f.name).type) if f.name in canonical.names else pa.string(),
        )
        for f in part.schema
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
) -> pd.DataFrame:
    """Read an eventdata Parquet file or hive-partitioned dataset directory.

    Args:
        path: a ``.parquet`` file or a dataset directory written with ``partition_by``.
        columns: read only these columns (in this order).
        filters: a pyarrow filter expression or DNF list, e.g.
            ``[("country", "=", "Iraq"), ("year", ">=", 2020)]``.
        geometry: keep the derived ``geometry``/``bbox`` columns (dropped by default).

    Returns:
        A DataFrame in canonical column order and dtypes (see
        :func:`eventdata.io.arrow.table_to_pandas`).

    Raises:
        InputError: the path does not exist or is not Parquet.
        SchemaVersionError: the file was written under a newer major schema version.

    """
    path = Path(path)
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
                path, columns=wanted, filters=filters, partitioning=_dataset_partitioning(path)
            )
        else:
            table = pq.read_table(path, columns=wanted, filters=filters)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"cannot read as Parquet: {exc}", path=path) from None
    if not geometry:
        table = geo_.strip_geometry(table)
    conformed = conform(table, columns=wanted if wanted is not None else None)
    return table_to_pandas(conformed)
