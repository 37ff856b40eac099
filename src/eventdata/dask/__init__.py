"""Validation and Parquet conversion on a ``dask.distributed`` cluster.

The same rules as :func:`eventdata.validate` and :func:`eventdata.pipeline.write.to_parquet`,
run partition by partition on the workers, for inputs larger than one machine. The
failures equal those of a single-machine run on the same rows, rule for rule and row for
row, with global row numbers; duplicate ids are found across partitions by shuffling the
ids alone (never the rows). Needs the ``dask`` extra: ``pip install 'eventdata[dask]'``.
See docs/dask.md.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow.parquet as pq

from eventdata.exceptions import MissingExtraError, NoClusterError, ValidationFailed

if TYPE_CHECKING:
    from eventdata.pipeline.write import OnInvalid, WriteResult
    from eventdata.rules.base import Rule
    from eventdata.validation.report import ValidationReport

__all__ = ["DEFAULT_BLOCKSIZE", "to_parquet", "validate"]

DEFAULT_BLOCKSIZE = 64 << 20
"""Bytes of CSV per partition when files are given (as for the streamed convert's blocks)."""

_POLICIES = ("raise", "drop", "keep")


def _require() -> Any:
    try:
        import dask.dataframe  # noqa: F401
        import distributed
    except ImportError as exc:
        raise MissingExtraError(
            f"eventdata.dask needs dask and distributed ({exc.name} is not installed); "
            "install them with: pip install 'eventdata[dask]'"
        ) from exc
    return distributed


def _client(client: Any) -> Any:
    distributed = _require()
    if client is not None:
        return client
    try:
        return distributed.get_client()
    except ValueError:
        raise NoClusterError(
            "no dask.distributed client is running; start one first, e.g. "
            "distributed.Client(distributed.LocalCluster(n_workers=2)) or "
            "distributed.Client('tcp://scheduler:8786'), or pass client=..."
        ) from None


def validate(
    data: Any,
    /,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    rules: Iterable[Rule] = (),
    client: Any = None,
    blocksize: int = DEFAULT_BLOCKSIZE,
) -> ValidationReport:
    """Validate ACLED data on a ``dask.distributed`` cluster, as :func:`eventdata.validate`.

    Args:
        data: a ``dask.dataframe.DataFrame``, or a path, glob or list of paths (CSV,
            JSON, JSON Lines, Parquet), read in that order as one input. CSV files are
            cut into byte ranges of about ``blocksize`` bytes; other files are read whole,
            one per worker task. Workers read paths themselves: on a cluster of several
            machines the files must be on a file system they share.
        select: only run rules whose name equals or starts with one of these.
        ignore: skip rules whose name equals or starts with one of these.
        rules: extra :class:`~eventdata.rules.base.Rule` objects (sent to the
            workers, so defined at module level of an importable module).
        client: the ``distributed.Client`` to run on; by default the current one.
        blocksize: bytes of CSV per partition.

    Returns:
        A :class:`~eventdata.validation.report.ValidationReport` whose ``failures``,
        ``summary()``, ``ok`` and ``invalid_mask`` equal single-machine ``validate`` on the
        same rows. It does not hold the rows: ``valid`` and ``invalid`` raise
        :class:`~eventdata.exceptions.RowsNotHeldError` (use :func:`to_parquet`).

    Raises:
        MissingExtraError: dask or distributed is not installed.
        NoClusterError: no client is given and none is running.
        InputError: an input cannot be read.
    """
    client = _client(client)
    from eventdata.dask._check import check_all
    from eventdata.dask._sources import plan
    from eventdata.datasets import skippable

    rules = tuple(rules)
    sources = plan(data, client, blocksize=blocksize)
    skip = () if rules else skippable(None)
    report, _sizes = check_all(
        client, sources, select=select, ignore=ignore, rules=rules, skip=skip
    )
    return report


def to_parquet(
    data: Any,
    path: str | os.PathLike[str],
    /,
    *,
    on_invalid: OnInvalid = "raise",
    partition_by: Sequence[str] | None = None,
    compression: str = "zstd",
    compression_level: int | None = 1,
    geo: bool = True,
    client: Any = None,
    blocksize: int = DEFAULT_BLOCKSIZE,
) -> WriteResult:
    """Validate and write events to a (Geo)Parquet dataset directory on a dask cluster.

    Every worker writes the files of its partitions (``part-00000.parquet``, ... or, with
    ``partition_by``, a hive-partitioned dataset), with the schema, GeoParquet and
    ``eventdata`` metadata of :func:`eventdata.pipeline.write.to_parquet`; the metadata's
    validation summary covers the whole input.

    Args:
        data: as for :func:`validate`.
        path: the output dataset directory, written atomically: the files go to a
            temporary directory beside it, moved into place once every partition is
            written; a failed run leaves no partial output (and an earlier one intact).
        on_invalid: as for :func:`eventdata.pipeline.write.to_parquet`: ``"raise"``
            (nothing is written), ``"drop"`` or ``"keep"``; the side files
            ``NAME.failures.parquet`` and ``NAME.invalid.parquet`` go beside ``path``.
        partition_by: columns of a hive-partitioned dataset.
        compression: Parquet codec.
        compression_level: codec level.
        geo: write GeoParquet ``geometry`` and ``bbox`` columns.
        client: the ``distributed.Client`` to run on; by default the current one.
        blocksize: bytes of CSV per partition.

    Returns:
        A :class:`~eventdata.pipeline.write.WriteResult` (its ``report`` holds the failures).

    Raises:
        ValidationFailed: ``on_invalid="raise"`` and a row breaks an error rule.
        MissingExtraError: dask or distributed is not installed.
        NoClusterError: no client is given and none is running.
        InputError: an input cannot be read.
    """
    if on_invalid not in _POLICIES:
        raise ValueError(f"on_invalid must be one of {', '.join(_POLICIES)}, got {on_invalid!r}")
    client = _client(client)
    from eventdata.dask._check import check_all
    from eventdata.dask._sources import plan
    from eventdata.datasets import skippable
    from eventdata.io.parquet_meta import file_metadata, validation_metadata
    from eventdata.pipeline.write import WriteResult, policy_error

    path = Path(path)
    sources = plan(data, client, blocksize=blocksize)
    report, sizes = check_all(client, sources, skip=skippable(None))
    if on_invalid == "raise" and not report.ok:
        try:
            report.raise_if_failed()
        except ValidationFailed as exc:
            raise policy_error(exc, path) from None
    invalid = report.invalid_mask
    n_invalid = int(invalid.sum())
    dropped = n_invalid if on_invalid == "drop" else 0
    summary = report.summary()
    meta = file_metadata(
        dialect=report.dialect.name,
        rows=report.n_rows - dropped,
        validation=validation_metadata(summary, on_invalid=on_invalid, rows_dropped=dropped),
        partition_by=partition_by,
    )
    result = WriteResult(
        path=path,
        rows_written=report.n_rows - dropped,
        rows_invalid=n_invalid,
        rows_dropped=dropped,
        summary=summary,
        report=report,
    )
    from eventdata.dask._write import Settings

    settings = Settings(
        drop=on_invalid == "drop",
        partition_by=list(partition_by) if partition_by else None,
        geo=geo,
        compression=compression,
        compression_level=compression_level,
        metadata=meta,
        date_format=report.dialect.date_format,
    )
    _write_all(client, sources, sizes, invalid, path, settings, result)
    return result


def _write_all(
    client: Any,
    sources: Any,
    sizes: list[int],
    invalid: np.ndarray,
    path: Path,
    settings: Any,
    result: WriteResult,
) -> None:
    """Write every partition and the side files, atomically; fill in ``result``."""
    from eventdata._atomic import atomic_path
    from eventdata.dask._write import unified_schema, write_partition
    from eventdata.io.writers import failures_path, invalid_path, remove_stale

    report = result.report
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    local = [
        np.flatnonzero(invalid[o : o + n]) for o, n in zip(offsets.tolist(), sizes, strict=True)
    ]
    fail_file, bad_file = failures_path(path), invalid_path(path)
    with contextlib.ExitStack() as sides:
        if report.failure_table.num_rows:
            temp = sides.enter_context(atomic_path(fail_file))
            pq.write_table(report.failure_table, temp, compression="zstd", compression_level=1)
            result.failures_file = fail_file
        bad_temp = sides.enter_context(atomic_path(bad_file)) if result.rows_invalid else None
        with atomic_path(path, directory=True) as temp_dir:
            args = sources.submit_args(client)
            futures = [
                client.submit(write_partition, *job, str(temp_dir), settings, pure=False)
                for job in zip(args, range(len(args)), local, offsets.tolist(), strict=True)
            ]
            written = client.gather(futures)
            schema = unified_schema([w.schema for w in written])
            redo = [i for i, w in enumerate(written) if not w.schema.equals(schema)]
            if redo:  # nulls in a required column of some partitions only (on_invalid="keep")
                again = [
                    client.submit(
                        write_partition,
                        part,
                        i,
                        local[i],
                        int(offsets[i]),
                        str(temp_dir),
                        settings,
                        schema,
                        pure=False,
                    )
                    for i, part in zip(redo, sources.submit_args(client, redo), strict=True)
                ]
                client.gather(again)
            if bad_temp is not None:
                _write_rejected(bad_temp, [w.rejected for w in written])
                result.invalid_file = bad_file
    used = (result.failures_file, result.invalid_file)
    remove_stale(*(p for p in (fail_file, bad_file) if p not in used))


def _write_rejected(path: Path, parts: list[Any]) -> None:
    tables = [t for t in parts if t is not None]
    writer = pq.ParquetWriter(path, tables[0].schema, compression="zstd", compression_level=1)
    try:
        for table in tables:
            writer.write_table(table.cast(tables[0].schema))
    finally:
        writer.close()
