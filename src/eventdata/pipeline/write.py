"""The validating write: events to Parquet and GeoParquet files and partitioned datasets.

:func:`to_parquet` reads any input, validates it and writes what the ``on_invalid`` policy
keeps, with the rejected rows and their failures beside it. Files hold the canonical
schema (:func:`eventdata.schema.arrow.arrow_schema`), then extra
columns, then the derived ``geometry`` and ``bbox`` columns (GeoParquet 1.1, see
:mod:`eventdata.io.geo`). Key-value metadata ``eventdata`` (JSON) records the eventdata
and schema versions, the source dialect, the row count and the validation summary (see
:mod:`eventdata.io.parquet_meta`); the writers are in :mod:`eventdata.io.writers`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from eventdata._atomic import atomic_path, before_commit
from eventdata.datasets import Dataset, resolve
from eventdata.exceptions import InputError, ValidationFailed
from eventdata.io.parquet_meta import check_version as check_version
from eventdata.io.parquet_meta import file_metadata, merge_metadata
from eventdata.io.parquet_meta import validation_metadata as validation_metadata
from eventdata.io.writers import (
    EventFileWriter,
    failures_path,
    invalid_path,
    write_event_dataset,
    write_event_file,
)
from eventdata.io.writers import output_schema as output_schema
from eventdata.io.writers import remove_stale as remove_stale
from eventdata.io.writers import write_dataset as write_dataset
from eventdata.io.writers import write_side_table as write_side_table
from eventdata.pipeline.inputs import read_input
from eventdata.schema.text import RawTable
from eventdata.validation.engine import check
from eventdata.validation.failures import FAILURE_SCHEMA
from eventdata.validation.parse import parse, typed_table

__all__ = [
    "Checked",
    "EventFileWriter",
    "OnInvalid",
    "WriteResult",
    "failures_path",
    "file_metadata",
    "invalid_path",
    "merge_metadata",
    "check_raw",
    "side_files",
    "to_parquet",
    "write_parquet",
]

from eventdata._warn import outside_stacklevel
from eventdata.pipeline.result import OnInvalid as OnInvalid
from eventdata.pipeline.result import WriteResult as WriteResult

_POLICIES = ("raise", "drop", "keep")


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


def check_raw(
    raw: RawTable, /, *, validate: bool = True, dataset: Dataset | None = None
) -> Checked:
    """Parse a text table as its dataset and, when ``validate``, run every rule over it.

    Args:
        raw: the input as text.
        validate: run the rules (else only parse; a missing column is still refused).
        dataset: the dataset to read it as; recognised from the columns when None.
    """
    parsed = parse(raw, dataset)
    if not validate:
        return Checked(
            table=typed_table(parsed),
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


def policy_error(failed: ValidationFailed | str, where: object, /) -> ValidationFailed:
    """The ValidationFailed of ``on_invalid="raise"``: what failed, that nothing was written.

    The summary and first failures of ``failed`` (when it is a ``ValidationFailed``) are
    kept, so callers such as the CLI show them without parsing the message.
    """
    summary, failures = (
        (failed.summary, failed.failures) if isinstance(failed, ValidationFailed) else ("", ())
    )
    return ValidationFailed(
        f"{failed}\nNothing was written to {where}. Fix the input, or pass "
        "on_invalid='drop' (write the valid rows, save the others beside the output) or "
        "on_invalid='keep' (write every row).",
        summary=summary,
        failures=failures,
    )


_NOT_PARQUET = frozenset({".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".xlsx", ".xls"})


def refuse_output(source: Any, path: Path, /, *, partitioned: bool = False) -> None:
    """Refuse to write Parquet over the input itself or into a file named like another format.

    Raises:
        InputError: naming the output and what to do instead.
    """
    if isinstance(source, (str, os.PathLike)) and Path(source).exists() and path.exists():
        if Path(source).resolve() == path.resolve():
            raise InputError("is both the input and the output; write to another path", path=path)
    if not partitioned and path.suffix.lower() in _NOT_PARQUET:
        raise InputError(
            f"is named like a {path.suffix.lower()} file, but to_parquet writes Parquet; name "
            "it .parquet, or write ACLED CSV with eventdata.write_acled()",
            path=path,
        )


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
    date_format: str | None = None,
    encoding: str | None = None,
    dataset: str | Dataset = "auto",
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
        on_invalid: rows that break an error rule: ``"raise"`` (the default of every
            writer and of ``convert``) :class:`~eventdata.ValidationFailed` and write
            nothing; ``"drop"`` them from
            the output; ``"keep"`` them (values that did not parse are null). Under
            ``drop`` and ``keep`` the invalid rows' original text goes to
            ``NAME.invalid.parquet``, and whenever failures (errors or warnings) are
            found the failure table goes to ``NAME.failures.parquet``, beside the output.
        validate: run the validation rules (``on_invalid`` then applies); the input is
            parsed either way.
        date_format: the style of ``event_date`` in a text input (docs/dialects.md);
            decided from the whole column when None.
        encoding: the text encoding of a CSV input; detected when None.
        dataset: ``"auto"`` (recognised from the columns), a registered name or a
            :class:`~eventdata.Dataset`; an input that is not that dataset is refused.

    Returns:
        A :class:`WriteResult`.

    Raises:
        ValidationFailed: ``on_invalid="raise"`` and a row breaks an error rule.
        InputError: ``data`` is a path that cannot be read, or ``path`` is the input
            itself or is named like another format (``.csv``, ``.json``).
        NotEventDataError: ``data`` is not event data, or not the ``dataset`` named.

    """
    if on_invalid not in _POLICIES:
        raise ValueError(f"on_invalid must be one of {', '.join(_POLICIES)}, got {on_invalid!r}")
    path = Path(path)
    refuse_output(data, path, partitioned=bool(partition_by))
    if isinstance(data, pa.Table):
        _refuse_broken_text(data)
    raw = (
        data
        if isinstance(data, RawTable)
        else read_input(data, date_format=date_format, encoding=encoding)
    )
    checked = check_raw(raw, validate=validate, dataset=resolve(dataset))
    table, result, sides = apply_policy(checked, path, on_invalid=on_invalid)
    meta = file_metadata(
        dialect=checked.dialect,
        rows=table.num_rows,
        validation=validation_metadata(
            checked.summary, on_invalid=on_invalid, rows_dropped=result.rows_dropped
        ),
        partition_by=partition_by,
    )
    schema = output_schema(table.schema, geo=geo, relax=False)
    with side_files(path, sides):
        if partition_by:
            write_event_dataset(
                table,
                path,
                schema,
                partition_by=partition_by,
                geo=geo,
                compression=compression,
                compression_level=compression_level,
                metadata=meta,
            )
        else:
            write_event_file(
                [table],
                path,
                schema,
                geo=geo,
                compression=compression,
                compression_level=compression_level,
                metadata=lambda _rows: meta,
            )
    result.rows_written = table.num_rows
    return result


def _refuse_broken_text(table: pa.Table) -> None:
    """Refuse text columns holding bytes that are not UTF-8 instead of writing them on."""
    from eventdata.io.parquet import check_text

    try:
        check_text(table)
    except pa.ArrowInvalid as exc:
        raise InputError(f"the table cannot be written: {exc}") from None


@contextlib.contextmanager
def side_files(path: Path, sides: dict[Path, pa.Table], /) -> Iterator[None]:
    """Write the side files of output ``path`` so that they appear only with it.

    The side tables are written to temporary files first; the body writes (and commits)
    the main output, and just before its rename the side files of an earlier write are
    removed; only then are the new side files moved into place. A crash therefore never
    leaves an earlier write's side files beside a new output (at worst an output without
    its side files). When the body raises before that, the temporary files are removed and
    the earlier output and side files stay as they were.

    Args:
        path: the main output.
        sides: side file path -> table (see :func:`apply_policy`).

    """
    with contextlib.ExitStack() as stack:
        for side, table in sides.items():
            temp = stack.enter_context(atomic_path(side))
            pq.write_table(
                table, temp, compression="zstd", compression_level=1, write_page_checksum=True
            )
        stack.enter_context(before_commit(path, lambda: remove_stale(*side_paths(path))))
        yield
    remove_stale(*(p for p in side_paths(path) if p not in sides))


def side_paths(path: Path, /) -> tuple[Path, Path]:
    """The side files an output ``path`` may have: failures, invalid rows."""
    return failures_path(path), invalid_path(path)


def apply_policy(
    checked: Checked, path: Path, /, *, on_invalid: OnInvalid
) -> tuple[pa.Table, WriteResult, dict[Path, pa.Table]]:
    """Apply ``on_invalid`` to a checked input before it is written to ``path``.

    Nothing is written here: the side tables are returned, to be written with
    :func:`side_files` around the write of the main output.

    Args:
        checked: the whole input, checked.
        path: the output (side files go beside it).
        on_invalid: as for :func:`to_parquet`.

    Returns:
        The rows to write; a :class:`WriteResult` with the invalid and dropped row
        counts and the side files to write (``rows_written`` is left to the caller);
        and the side tables by path.

    Raises:
        ValidationFailed: ``on_invalid="raise"`` and a row breaks an error rule.

    """
    report = checked.report
    if report is not None and not report.ok and on_invalid == "raise":
        try:
            report.raise_if_failed()
        except ValidationFailed as exc:
            raise policy_error(exc, path) from None
    fail_file, bad_file = failures_path(path), invalid_path(path)
    result = WriteResult(path=path, rows_written=0, report=report, summary=checked.summary or {})
    table = checked.table
    sides: dict[Path, pa.Table] = {}
    n_invalid = int(checked.invalid.sum())
    result.rows_invalid = n_invalid
    if n_invalid:
        sides[bad_file] = rejected_rows(checked)
        result.invalid_file = bad_file
        if on_invalid == "drop":
            table = table.filter(pa.array(~checked.invalid))
            result.rows_dropped = n_invalid
    if checked.failures.num_rows:
        sides[fail_file] = checked.failures
        result.failures_file = fail_file
    return table, result, sides


# --------------------------------------------------------------------------- reading


def write_parquet(*args: Any, **kwargs: Any) -> WriteResult:
    """Deprecated: the old name of :func:`to_parquet`; it goes in the next release.

    Raises:
        ValidationFailed: as :func:`to_parquet`.
    """
    import warnings

    warnings.warn(
        "eventdata.write_parquet is eventdata.to_parquet under an older name; call "
        "to_parquet (write_parquet goes in the next release)",
        DeprecationWarning,
        stacklevel=outside_stacklevel(),
    )
    return to_parquet(*args, **kwargs)
