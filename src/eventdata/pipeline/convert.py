"""Streaming conversion of large CSV / JSON Lines files to (Geo)Parquet, in bounded memory.

The input is read in blocks of whole records (:mod:`eventdata.io.blocks`: pyarrow's
``open_csv`` by default, or byte ranges cut at record boundaries), each block is checked
with global row numbers and duplicates across blocks (:mod:`eventdata.pipeline.checked_blocks`),
and written as one Parquet row group (:mod:`eventdata.io.writers`). Reading, checking and
writing run on three threads connected by one-block queues, so at most a few blocks are in
memory whatever the input size.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventdata.exceptions import InputError
from eventdata.io.blocks import CSV_SUFFIXES, JSONL_SUFFIXES, prefetch
from eventdata.io.blocks import DEFAULT_BLOCK_SIZE as DEFAULT_BLOCK_SIZE
from eventdata.io.blocks import DEFAULT_READER as DEFAULT_READER
from eventdata.io.blocks import iter_text_blocks as iter_text_blocks
from eventdata.io.csv_header import sniff_csv_header
from eventdata.io.parquet_meta import file_metadata, validation_metadata
from eventdata.io.readers import read_raw
from eventdata.io.writers import (
    SideFile,
    failures_path,
    invalid_path,
    output_schema,
    remove_stale,
    write_event_dataset,
    write_event_file,
)
from eventdata.pipeline.checked_blocks import (
    Block,
    checked_blocks,
    merge_summary,
    policy_message,
    shift_rows,
)
from eventdata.pipeline.write import (
    OnInvalid,
    WriteResult,
    apply_policy,
    check_raw,
    policy_error,
    side_files,
    to_parquet,
)
from eventdata.schema.arrow import arrow_schema
from eventdata.schema.datasets import detect_dataset

__all__ = ["DEFAULT_BLOCK_SIZE", "Progress", "convert", "iter_text_blocks"]

Progress = Callable[[int, int], None]
"""``progress(bytes_done, bytes_total)``, called after each block is written."""


def convert(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    /,
    *,
    on_invalid: OnInvalid = "raise",
    partition_by: list[str] | None = None,
    block_size: int = DEFAULT_BLOCK_SIZE,
    progress: Progress | None = None,
    validate: bool = True,
    reader: str = DEFAULT_READER,
    geo: bool = True,
    compression: str = "zstd",
    compression_level: int | None = 1,
    date_format: str | None = None,
    encoding: str | None = None,
) -> WriteResult:
    """Convert a CSV or JSON Lines file to (Geo)Parquet block by block, validating each block.

    Memory stays bounded (about three blocks) whatever the input size. Other inputs (JSON
    documents, Parquet) are read whole and written with
    :func:`~eventdata.pipeline.write.to_parquet`; a ``.csv`` destination writes ACLED CSV.

    Args:
        src: the input file (``.csv``, ``.txt``, ``.jsonl``, ``.ndjson``; others are read whole).
        dst: the output ``.parquet`` file, a dataset directory with ``partition_by``, or
            a ``.csv`` file.
        on_invalid: ``"raise"`` (stop at the first block with an error; nothing is
            written), ``"drop"`` or ``"keep"``, as for
            :func:`~eventdata.pipeline.write.to_parquet`, including the side files
            ``NAME.failures.parquet`` and ``NAME.invalid.parquet``.
        partition_by: columns of a hive-partitioned output dataset.
        block_size: bytes per block (tuning; each block is one Parquet row group).
        reader: how CSV blocks are read, ``"open_csv"`` or ``"ranges"`` (see
            :func:`iter_text_blocks`).
        progress: called with ``(bytes_done, bytes_total)`` after each block.
        validate: run the validation rules.
        geo: write GeoParquet geometry and bbox columns.
        compression: Parquet codec.
        compression_level: codec level.
        date_format: the style of ``event_date`` (docs/dialects.md); decided from the first
            block's whole column when None and then kept for every block.
        encoding: the text encoding of a CSV input; detected when None.

    Duplicate ids differ from :func:`~eventdata.pipeline.write.to_parquet`, which flags every
    row of a duplicate group: here, within one block every row of a group is flagged, but
    across blocks only the rows whose id an *earlier* block has (found through a 64-bit
    hash of every id seen) are; the earlier rows are already written and stay valid. So
    ``"drop"`` keeps the first block's occurrence of an id repeated in a later block (see
    docs/parquet.md, "Duplicate ids").

    Side files are written to temporary files and moved into place only after the output
    is committed; a conversion that fails leaves the previous output and side files as
    they were.

    Returns:
        A :class:`~eventdata.pipeline.write.WriteResult` (``report`` is None: the summary
        covers every block; failure rows are global input positions).

    Raises:
        ValidationFailed: ``on_invalid="raise"`` and a row breaks an error rule.
        InputError: the input cannot be read.

    """
    src, dst = Path(src), Path(dst)
    if not src.is_file() and not src.is_dir():
        raise InputError("no such file or directory", path=src)
    options: dict[str, Any] = {"date_format": date_format, "encoding": encoding}
    if dst.exists() and src.resolve() == dst.resolve():
        raise InputError("is both the input and the output; write to another path", path=dst)
    if dst.suffix.lower() == ".csv":
        return _to_acled_csv(src, dst, on_invalid=on_invalid, validate=validate, **options)
    suffix = src.suffix.lower()
    if src.is_dir() or suffix not in CSV_SUFFIXES | JSONL_SUFFIXES or _is_ged(src):
        return to_parquet(
            src,
            dst,
            partition_by=partition_by,
            compression=compression,
            compression_level=compression_level,
            geo=geo,
            on_invalid=on_invalid,
            validate=validate,
            **options,
        )
    kind = "jsonl" if suffix in JSONL_SUFFIXES else "csv"
    total = src.stat().st_size
    fail_file, bad_file = failures_path(dst), invalid_path(dst)
    result = WriteResult(path=dst, rows_written=0)
    summary: dict[str, Any] | None = None
    relax = on_invalid == "keep" or not validate
    with contextlib.ExitStack() as stack:
        failures = SideFile(fail_file, stack)
        rejected = SideFile(bad_file, stack)
        checks = checked_blocks(
            src, block_size=block_size, validate=validate, kind=kind, reader=reader, **options
        )
        blocks = prefetch(checks, name="check")
        stack.callback(blocks.close)
        first = next(blocks, None)
        if first is None:
            raise InputError("has no header or records", path=src)
        extras = [f for f in first.checked.table.schema if f.name not in arrow_schema().names]
        base = pa.schema([*arrow_schema(), *(f.with_nullable(True) for f in extras)])
        schema = output_schema(base, geo=geo, relax=relax)

        def tables() -> Iterator[pa.Table]:
            nonlocal summary
            for block in _chain(first, blocks):
                checked = block.checked
                if on_invalid == "raise" and checked.invalid.any():
                    raise policy_error(policy_message(block, src), dst)
                table = checked.table
                if block.rejected is not None:
                    rejected.write(block.rejected)
                    if on_invalid == "drop":
                        table = table.filter(pa.array(~checked.invalid))
                        result.rows_dropped += int(checked.invalid.sum())
                result.rows_invalid += int(checked.invalid.sum())
                if checked.failures.num_rows:
                    failures.write(shift_rows(checked.failures, block.offset))
                summary = merge_summary(summary, checked.summary)
                result.rows_written += table.num_rows
                yield table
                if progress is not None:
                    progress(block.bytes_done, total)

        if partition_by:
            write_event_dataset(
                tables(),
                dst,
                schema,
                partition_by=partition_by,
                geo=geo,
                compression=compression,
                compression_level=compression_level,
                metadata=file_metadata(
                    dialect=first.checked.dialect,
                    rows=None,
                    validation=None,
                    partition_by=partition_by,
                ),
            )
        else:
            write_event_file(
                tables(),
                dst,
                schema,
                geo=geo,
                compression=compression,
                compression_level=compression_level,
                metadata=lambda rows: file_metadata(
                    dialect=first.checked.dialect,
                    rows=rows,
                    validation=validation_metadata(
                        summary, on_invalid=on_invalid, rows_dropped=result.rows_dropped
                    ),
                ),
            )
        failures.close()
        rejected.close()
        used = {fail_file: failures.used, bad_file: rejected.used}
    remove_stale(*(p for p, u in used.items() if not u))
    result.failures_file = fail_file if used[fail_file] else None
    result.invalid_file = bad_file if used[bad_file] else None
    result.summary = summary or {}
    return result


def _is_ged(src: Path) -> bool:
    """A UCDP GED CSV (read whole: its typed columns are not ACLED's streamed schema)."""
    if src.suffix.lower() not in CSV_SUFFIXES:
        return False
    names = sniff_csv_header(src).names
    return detect_dataset([n.lower() for n in names], source=src) == "ucdp"


def _chain(first: Block, rest: Iterator[Block]) -> Iterator[Block]:
    yield first
    yield from rest


def _to_acled_csv(
    src: Path,
    dst: Path,
    *,
    on_invalid: OnInvalid,
    validate: bool,
    date_format: str | None,
    encoding: str | None,
) -> WriteResult:
    """Any readable input to ACLED CSV (read whole), validating on the way."""
    from eventdata.io.acled_csv import write_acled

    raw = read_raw(src, date_format=date_format, encoding=encoding)
    checked = check_raw(raw, validate=validate)
    table, result, sides = apply_policy(checked, dst, on_invalid=on_invalid)
    with side_files(dst, sides):
        result.rows_written = write_acled(table, dst)
    return result
