"""The streamed CSV / JSON Lines -> (Geo)Parquet write behind ``convert``.

Three threads joined by one-block queues: the reader (:func:`eventdata.io.prefetch.prefetch`
over :func:`~eventdata.io.blocks.iter_text_blocks`), the checker
(:func:`~eventdata.pipeline.checked_blocks.checked_blocks`) and the writer (this
module, on the calling thread: geometry, the cast to the file schema, the Parquet row
group). Arrow releases the GIL while it parses, computes and encodes, so the three
overlap on separate cores. Duplicate groups that span blocks are settled at the end
(:mod:`eventdata.pipeline.late_duplicates`), before the output is committed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import pyarrow as pa

from eventdata._atomic import before_commit
from eventdata.exceptions import InputError
from eventdata.io.parquet_meta import file_metadata, validation_metadata
from eventdata.io.prefetch import Prefetch, prefetch
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
from eventdata.pipeline.id_index import IdIndex
from eventdata.pipeline.late_duplicates import (
    add_late_to_summary,
    drop_ids_from_dataset,
    drop_ids_from_file,
    duplicate_failures,
    rows_as_text,
)
from eventdata.pipeline.write import OnInvalid, WriteResult, policy_error
from eventdata.schema.arrow import arrow_schema

__all__ = ["StreamOptions", "stream_to_parquet"]


@dataclass(frozen=True)
class StreamOptions:
    """How :func:`stream_to_parquet` reads, checks and writes (see ``convert``)."""

    on_invalid: OnInvalid
    partition_by: list[str] | None
    block_size: int
    validate: bool
    reader: str
    geo: bool
    compression: str
    compression_level: int | None
    date_format: str | None
    encoding: str | None
    kind: str


class _Stream:
    """The state of one streamed write: counts, summary, side files, the id index."""

    def __init__(self, src: Path, dst: Path, options: StreamOptions, stack: Any) -> None:
        self.src, self.dst, self.options = src, dst, options
        self.result = WriteResult(path=dst, rows_written=0)
        self.summary: dict[str, Any] | None = None
        self.index = IdIndex()
        self.failures = SideFile(failures_path(dst), stack)
        self.rejected = SideFile(invalid_path(dst), stack)
        self.late_ids: pa.Array | None = None  # ids to move out of the written output
        self.removed = 0  # rows written, then moved out

    def tables(
        self, blocks: Iterator[Block], progress: Callable[[int], None]
    ) -> Iterator[pa.Table]:
        """The tables to write, block by block; the late duplicates settled at the end."""
        drop = self.options.on_invalid == "drop"
        for block in blocks:
            checked = block.checked
            if self.options.on_invalid == "raise" and checked.invalid.any():
                raise policy_error(policy_message(block, self.src), self.dst)
            table = checked.table
            n_invalid = int(checked.invalid.sum())
            if block.rejected is not None:
                self.rejected.write(block.rejected)
                if drop:
                    table = table.filter(pa.array(~checked.invalid))
                    self.result.rows_dropped += n_invalid
            self.result.rows_invalid += n_invalid
            if checked.failures.num_rows:
                self.failures.write(shift_rows(checked.failures, block.offset))
            self.summary = merge_summary(self.summary, checked.summary)
            self.result.rows_written += table.num_rows
            yield table
            progress(block.bytes_done)
        self._settle_late()

    def _settle_late(self) -> None:
        """Report the written rows whose id a later block repeated (only when there are any)."""
        rows, ids, fresh = self.index.late_rows()
        if not len(rows):
            return
        self.failures.write(duplicate_failures(rows, ids))
        options = self.options
        for part in rows_as_text(
            self.src,
            rows[fresh],
            block_size=options.block_size,
            reader=options.reader,
            encoding=options.encoding,
            date_format=options.date_format,
        ):
            self.rejected.write(part)
        newly = int(fresh.sum())
        add_late_to_summary(self.summary or {}, failures=len(rows), newly_invalid=newly)
        self.result.rows_invalid += newly
        if options.on_invalid == "drop" and newly:
            self.late_ids = ids.filter(pa.array(fresh))
            self.removed = newly
            self.result.rows_dropped += newly
            self.result.rows_written -= newly

    def finish(self, temp: Path) -> None:
        """Move the late duplicates out of the written (temporary) output."""
        if self.late_ids is None:
            return
        options = self.options
        if options.partition_by:
            drop_ids_from_dataset(
                temp,
                self.late_ids,
                compression=options.compression,
                compression_level=options.compression_level,
            )
        else:
            drop_ids_from_file(
                temp,
                self.late_ids,
                geo=options.geo,
                compression=options.compression,
                compression_level=options.compression_level,
            )


def stream_to_parquet(
    src: Path,
    dst: Path,
    options: StreamOptions,
    *,
    progress: Callable[[int, int], None] | None = None,
    texts: Prefetch | None = None,
) -> WriteResult:
    """Convert ``src`` block by block (see :func:`~eventdata.pipeline.convert.convert`).

    ``texts`` is the reader of ``src``'s text blocks when the caller started it already.
    """
    total = src.stat().st_size
    relax = options.on_invalid == "keep" or not options.validate
    with contextlib.ExitStack() as stack:
        stream = _Stream(src, dst, options, stack)
        sides = (stream.failures.path, stream.rejected.path)
        stack.enter_context(before_commit(dst, lambda: remove_stale(*sides)))
        checks = checked_blocks(
            src,
            block_size=options.block_size,
            validate=options.validate,
            kind=options.kind,
            reader=options.reader,
            date_format=options.date_format,
            encoding=options.encoding,
            index=stream.index,
            texts=texts,
        )
        blocks = prefetch(checks, name="check")
        stack.callback(blocks.close)
        first = next(blocks, None)
        if first is None:
            raise InputError("has no header or records", path=src)
        base = _stream_schema(first.checked.table.schema)
        schema = output_schema(base, geo=options.geo, relax=relax)
        tables = stream.tables(_chain(first, blocks), lambda done: _report(progress, done, total))
        dialect = first.checked.dialect
        _write(stream, tables, schema, dialect)
        stream.failures.close()
        stream.rejected.close()
        used = {side.path: side.used for side in (stream.failures, stream.rejected)}
    remove_stale(*(p for p, u in used.items() if not u))
    result = stream.result
    result.failures_file = stream.failures.path if stream.failures.used else None
    result.invalid_file = stream.rejected.path if stream.rejected.used else None
    result.summary = stream.summary or {}
    return result


class _Writing(TypedDict):
    """What a streamed write passes to either writer, file or dataset."""

    geo: bool
    compression: str
    compression_level: int | None
    finish: Callable[[Path], None] | None


def _write(stream: _Stream, tables: Iterator[pa.Table], schema: pa.Schema, dialect: str) -> None:
    options = stream.options
    writing = _Writing(
        geo=options.geo,
        compression=options.compression,
        compression_level=options.compression_level,
        finish=stream.finish,
    )
    if options.partition_by:
        meta = file_metadata(
            dialect=dialect, rows=None, validation=None, partition_by=options.partition_by
        )
        write_event_dataset(
            tables, stream.dst, schema, partition_by=options.partition_by, metadata=meta, **writing
        )
        return

    def metadata(rows: int) -> dict[str, str]:
        validation = validation_metadata(
            stream.summary, on_invalid=options.on_invalid, rows_dropped=stream.result.rows_dropped
        )
        return file_metadata(dialect=dialect, rows=rows - stream.removed, validation=validation)

    write_event_file(tables, stream.dst, schema, metadata=metadata, **writing)


def _stream_schema(first: pa.Schema) -> pa.Schema:
    """The canonical schema, a field nullable where the first block's is (as ``conform``).

    A column the input's dialect leaves blank (``disorder_type`` in ACLED v6) is nullable,
    as the whole-file write makes it; extra columns are nullable.
    """
    fields = [
        field.with_nullable(True)
        if field.name in first.names and first.field(field.name).nullable
        else field
        for field in arrow_schema()
    ]
    extras = [f.with_nullable(True) for f in first if f.name not in arrow_schema().names]
    return pa.schema([*fields, *extras])


def _report(progress: Callable[[int, int], None] | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _chain(first: Block, rest: Iterator[Block]) -> Iterator[Block]:
    yield first
    yield from rest
