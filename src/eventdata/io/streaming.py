"""Streaming conversion of large CSV / JSON Lines files to (Geo)Parquet, in bounded memory.

CSV is read with ``pyarrow.csv.open_csv`` (1 MiB batches, every column as text) and its
batches are gathered into blocks of about ``block_size`` bytes; the alternative reader
``"ranges"`` cuts the file into byte ranges at record boundaries (a newline outside double
quotes, found by quote parity) and parses each with ``pyarrow.csv.read_csv``. On a 2 GB
file open_csv was the faster of the two (docs/performance-convert.md). Reading, checking
and writing run on three threads connected by one-block queues, so at most a few blocks
are in memory whatever the input size.

Each block is validated with global row numbers; duplicate ``event_id_cnty`` values
across blocks are found with a 64-bit hash of every id seen (8 bytes per row): the later
occurrences are reported (earlier ones were already written).
"""

from __future__ import annotations

import contextlib
import csv
import os
import queue
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from eventdata.exceptions import InputError
from eventdata.io import geo as geo_
from eventdata.io.arrow import arrow_schema
from eventdata.io.atomic import atomic_path
from eventdata.io.parquet import (
    Checked,
    EventFileWriter,
    OnInvalid,
    WriteResult,
    check_raw,
    failures_path,
    file_metadata,
    invalid_path,
    merge_metadata,
    output_schema,
    policy_error,
    rejected_rows,
    remove_stale,
    to_parquet,
    validation_metadata,
    write_dataset,
    write_side_table,
)
from eventdata.io.readers import read_raw
from eventdata.validation.engine import DUPLICATE_RULE
from eventdata.validation.report import FAILURE_SCHEMA

__all__ = ["DEFAULT_BLOCK_SIZE", "Progress", "convert", "iter_text_blocks"]

DEFAULT_BLOCK_SIZE = 64 << 20
"""Bytes per block: ~100k ACLED rows, a good Parquet row group, ~0.5 GiB peak memory."""

DEFAULT_READER = "open_csv"
"""How CSV blocks are read; measured faster than ``"ranges"`` (docs/performance-convert.md)."""

Progress = Callable[[int, int], None]
"""``progress(bytes_done, bytes_total)``, called after each block is written."""

_CSV = frozenset({".csv", ".txt"})
_JSONL = frozenset({".jsonl", ".ndjson"})


@dataclass
class _Header:
    names: list[str]
    data_offset: int
    bom: bool
    preamble: bool
    hxl: bool


def _csv_header(path: Path) -> _Header:
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    bom = head.startswith(b"\xef\xbb\xbf")
    pos = 3 if bom else 0
    preamble = False
    while True:
        end = head.find(b"\n", pos)
        if end < 0:
            raise InputError("has no header line; expected ACLED column names", path=path)
        line = head[pos:end].strip()
        if line and line != b"(Sample)":
            break
        preamble = preamble or line == b"(Sample)"
        pos = end + 1
    names = next(csv.reader([head[pos:end].decode("utf-8").rstrip("\r")]))
    data_offset = end + 1
    nxt = head.find(b"\n", data_offset)
    hxl = head[data_offset:].lstrip().startswith(b"#")
    if hxl:
        data_offset = nxt + 1 if nxt >= 0 else len(head)
    return _Header(_unique(names), data_offset, bom, preamble, hxl)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, -1) + 1
        out.append(f"{name}.{seen[name]}" if seen[name] else name)
    return out


def _record_boundary(buffer: bytearray, end: int, quotes: int, *, quoted: bool) -> int:
    """Index just after the last record-ending newline in ``buffer[:end]``, or -1.

    ``quotes`` is the number of double quotes in ``buffer[:end]``; a newline ends a record
    when an even number of quotes precede it (the buffer starts at a record boundary).
    """
    pos = buffer.rfind(b"\n", 0, end)
    if not quoted:
        return pos + 1 if pos >= 0 else -1
    while pos >= 0:
        if (quotes - buffer.count(b'"', pos, end)) % 2 == 0:
            return pos + 1
        pos = buffer.rfind(b"\n", 0, pos)
    return -1


def _blocks(
    path: Path, start: int, block_size: int, *, quoted: bool
) -> Iterator[tuple[memoryview, int]]:
    """Blocks of whole records from byte ``start``; yields (block, input bytes consumed).

    One reusable buffer is filled with ``readinto``; a yielded block is valid until the
    next one is requested (the consumer parses it into Arrow arrays first).
    """
    buffer = bytearray(block_size)
    filled = 0  # bytes carried over from the previous block (a partial record)
    carried_quotes = 0
    consumed = start
    with open(path, "rb", buffering=0) as fh:
        fh.seek(start)
        while True:
            if filled == len(buffer):  # one record longer than the buffer: grow it
                buffer = buffer + bytes(len(buffer))  # a new buffer: old views stay valid
            n = fh.readinto(memoryview(buffer)[filled:])
            end = filled + (n or 0)
            if not n:
                if buffer[:end].strip():
                    tail = bytes(buffer[:end]) + (b"" if buffer[:end].endswith(b"\n") else b"\n")
                    yield memoryview(tail), consumed + end
                return
            quotes = carried_quotes + buffer.count(b'"', filled, end)
            cut = _record_boundary(buffer, end, quotes, quoted=quoted)
            if cut <= 0:
                filled, carried_quotes = end, quotes
                continue
            carried_quotes = buffer.count(b'"', cut, end)
            yield memoryview(buffer)[:cut], consumed + cut
            consumed += cut
            buffer[: end - cut] = buffer[cut:end]
            filled = end - cut


_PARSE = pacsv.ParseOptions(newlines_in_values=True)


def _csv_block(data: memoryview | bytes, names: list[str]) -> pa.Table:
    convert = pacsv.ConvertOptions(
        column_types={name: pa.string() for name in names},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    return pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(column_names=names),
        parse_options=_PARSE,
        convert_options=convert,
    )


def _jsonl_block(data: bytes, names: list[str] | None, path: Path) -> pa.Table:
    import json

    from eventdata.io.readers import table_from_records

    records = [json.loads(line) for line in data.splitlines() if line.strip()]
    table = table_from_records(records)
    if names is None:
        return table
    new = [n for n in table.column_names if n not in names]
    if new:
        raise InputError(
            f"column(s) {', '.join(new)} first appear after the first block; convert this "
            "file with to_parquet (not streaming) or put every column in the first records",
            path=path,
        )
    n = table.num_rows
    return pa.table(
        {
            name: table.column(name) if name in table.column_names else pa.nulls(n, pa.string())
            for name in names
        }
    )


def _open_csv_blocks(
    path: Path, header: _Header, block_size: int
) -> Iterator[tuple[pa.Table, int]]:
    """Blocks from ``pyarrow.csv.open_csv``: its 1 MiB batches gathered to ``block_size``."""
    convert = pacsv.ConvertOptions(
        column_types={name: pa.string() for name in header.names},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    if header.data_offset >= _size(path):
        return
    read_block = min(1 << 20, block_size)
    with open(path, "rb") as fh, _explain_straddling(path, read_block):
        fh.seek(header.data_offset)
        reader = pacsv.open_csv(
            fh,
            read_options=pacsv.ReadOptions(column_names=header.names, block_size=read_block),
            parse_options=_PARSE,
            convert_options=convert,
        )
        batches: list[pa.RecordBatch] = []
        size = 0
        for batch in reader:
            batches.append(batch)
            size += batch.nbytes
            if size >= block_size:
                yield pa.Table.from_batches(batches, reader.schema), min(fh.tell(), _size(path))
                batches, size = [], 0
        if batches:
            yield pa.Table.from_batches(batches, reader.schema), _size(path)


@contextlib.contextmanager
def _explain_straddling(path: Path, read_block: int) -> Iterator[None]:
    try:
        yield
    except pa.ArrowInvalid as exc:
        if "straddl" not in str(exc):
            raise
        raise InputError(
            f"a record is longer than the {read_block}-byte read block of open_csv; "
            "convert with a larger block_size or reader='ranges'",
            path=path,
        ) from None


def _size(path: Path) -> int:
    return path.stat().st_size


def iter_text_blocks(
    path: str | os.PathLike[str],
    /,
    *,
    block_size: int = DEFAULT_BLOCK_SIZE,
    reader: str = DEFAULT_READER,
) -> Iterator[tuple[pa.Table, int, dict[str, bool]]]:
    """Blocks of a CSV or JSON Lines file as all-text tables.

    Args:
        path: the input file.
        block_size: about how many bytes of input (``"ranges"``) or of Arrow data
            (``"open_csv"``) make one block.
        reader: ``"open_csv"`` (pyarrow's streaming reader, batches gathered into
            blocks) or ``"ranges"`` (byte ranges cut at record boundaries, each parsed
            with ``pyarrow.csv.read_csv``); both measured in docs/performance-convert.md.

    Yields:
        ``(table, bytes_done, flags)``: the block's columns as ``string`` (``""`` for
        empty cells), the input bytes consumed so far, and what was skipped
        (``bom``, ``preamble``, ``hxl``).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _JSONL:
        names: list[str] | None = None
        for data, done in _blocks(path, 0, block_size, quoted=False):
            table = _jsonl_block(bytes(data), names, path)
            del data
            names = names or table.column_names
            yield table, done, {}
        return
    header = _csv_header(path)
    flags = {"bom": header.bom, "preamble": header.preamble, "hxl": header.hxl}
    empty = True
    if reader == "open_csv":
        for table, done in _open_csv_blocks(path, header, block_size):
            empty = False
            yield table, done, flags
    elif reader == "ranges":
        for data, done in _blocks(path, header.data_offset, block_size, quoted=True):
            empty = False
            table = _csv_block(data, header.names)
            del data
            yield table, done, flags
    else:
        raise ValueError(f"reader must be 'open_csv' or 'ranges', got {reader!r}")
    if empty:
        schema = pa.schema([(name, pa.string()) for name in header.names])
        yield schema.empty_table(), _size(path), flags


def _prefetch(items: Iterator[Any], *, name: str, depth: int = 1) -> Generator[Any, None, None]:
    """Run ``items`` on its own thread, at most ``depth`` items ahead of the consumer."""
    box: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def work() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        box.put(("item", item), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                del item
                if stop.is_set():
                    return
            box.put(("done", None))
        except BaseException as exc:  # handed to the consumer
            box.put(("error", exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=work, daemon=True, name=f"eventdata-{name}")
    thread.start()
    try:
        while True:
            kind, value = box.get()
            if kind == "done":
                return
            if kind == "error":
                raise value
            yield value
            del value
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                box.get_nowait()
        thread.join(timeout=10)


class _SeenIds:
    """64-bit hashes of every event id written so far, as sorted numpy arrays."""

    def __init__(self) -> None:
        self._parts: list[np.ndarray] = []

    @staticmethod
    def hashes(ids: pa.ChunkedArray | pa.Array) -> np.ndarray:
        """A 64-bit hash (SipHash, via pandas) per id."""
        values = pc.fill_null(ids, "").to_numpy(zero_copy_only=False)
        return np.asarray(pd.util.hash_array(np.asarray(values, dtype=object), categorize=False))

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        """True where a hash was added before."""
        order = np.argsort(hashes, kind="stable")
        query = hashes[order]
        hit = np.zeros(len(query), dtype=bool)
        for part in self._parts:
            idx = np.minimum(np.searchsorted(part, query), len(part) - 1)
            hit |= part[idx] == query
        found = np.empty(len(hashes), dtype=bool)
        found[order] = hit
        return found

    def add(self, hashes: np.ndarray) -> None:
        """Remember hashes; sorted runs are merged like a log-structured merge tree."""
        if not len(hashes):
            return
        self._parts.append(np.sort(hashes))
        while len(self._parts) > 1 and len(self._parts[-2]) <= 2 * len(self._parts[-1]):
            newer = self._parts.pop()
            merged = np.concatenate([self._parts.pop(), newer])
            merged.sort(kind="stable")  # two sorted runs: a linear merge
            self._parts.append(merged)


def _cross_block_duplicates(checked: Checked, seen: _SeenIds, offset: int) -> Checked:
    ids = checked.table.column("event_id_cnty")
    hashes = _SeenIds.hashes(ids)
    blank = np.asarray(pc.fill_null(pc.equal(ids, ""), True).to_numpy(zero_copy_only=False))
    repeated = seen.contains(hashes) & ~blank
    seen.add(hashes[~blank])
    if not repeated.any():
        return checked
    flagged = checked.failures.filter(pc.equal(checked.failures["rule"], DUPLICATE_RULE))
    already = np.zeros(len(repeated), dtype=bool)
    already[np.asarray(flagged["row"].to_numpy(zero_copy_only=False), dtype=np.int64)] = True
    rows = np.flatnonzero(repeated & ~already)
    if not len(rows):
        return checked
    values = pc.take(ids, pa.array(rows))
    shown = pc.binary_join_element_wise("'", values, "'", "")
    message = pc.binary_join_element_wise(
        "event_id_cnty: ",
        shown,
        f" fails {DUPLICATE_RULE}; expected an id no other row has (an earlier block of "
        "the input has it)",
        "",
    )
    n = len(rows)
    extra = pa.table(
        [
            pa.array(rows, pa.int64()),
            values,
            pa.array(["event_id_cnty"] * n),
            pa.array([DUPLICATE_RULE] * n),
            pa.array(["error"] * n),
            values,
            message,
        ],
        schema=FAILURE_SCHEMA,
    )
    invalid = checked.invalid.copy()
    invalid[rows] = True
    summary = dict(checked.summary or {})
    counts = {k: dict(v) for k, v in summary.get("counts", {}).items()}
    entry = counts.setdefault(DUPLICATE_RULE, {"severity": "error", "count": 0})
    entry["count"] += n
    summary.update(
        counts=counts,
        ok=False,
        n_errors=summary.get("n_errors", 0) + n,
        n_invalid=int(invalid.sum()),
        n_valid=int((~invalid).sum()),
    )
    return Checked(
        table=checked.table,
        raw=checked.raw,
        invalid=invalid,
        failures=pa.concat_tables([checked.failures, extra]),
        summary=summary,
        dialect=checked.dialect,
    )


def _merge_summary(
    total: dict[str, Any] | None, part: dict[str, Any] | None
) -> dict[str, Any] | None:
    if part is None:
        return total
    if total is None:
        return {**part, "counts": {k: dict(v) for k, v in part.get("counts", {}).items()}}
    for key in ("n_rows", "n_valid", "n_invalid", "n_errors", "n_warnings"):
        total[key] = total.get(key, 0) + part.get(key, 0)
    total["ok"] = bool(total.get("ok")) and bool(part.get("ok"))
    for rule, entry in part.get("counts", {}).items():
        merged = total["counts"].setdefault(rule, {"severity": entry["severity"], "count": 0})
        merged["count"] += entry["count"]
    return total


@dataclass
class _Block:
    checked: Checked
    rejected: pa.Table | None
    offset: int
    bytes_done: int


def _checked_blocks(
    src: Path, *, block_size: int, validate: bool, kind: str, reader: str
) -> Iterator[_Block]:
    seen = _SeenIds()
    offset = 0
    texts = _prefetch(iter_text_blocks(src, block_size=block_size, reader=reader), name="read")
    for text, done, flags in texts:
        raw = read_raw(text)
        del text
        raw.dialect.format = kind
        raw.source = src
        for name, value in flags.items():
            setattr(raw.dialect, name, value)
        checked = check_raw(raw, validate=validate)
        if validate:
            checked = _cross_block_duplicates(checked, seen, offset)
        rejected = rejected_rows(checked, row_offset=offset) if checked.invalid.any() else None
        n_rows = raw.n_rows
        del raw
        checked.raw = _EMPTY  # the text is no longer needed: free it early
        checked.report = None
        yield _Block(checked, rejected, offset, done)
        offset += n_rows


_EMPTY = pa.table({})


class _SideFile:
    """A Parquet file written block by block, created (atomically) on first use."""

    def __init__(self, path: Path, stack: contextlib.ExitStack) -> None:
        self.path = path
        self._stack = stack
        self._writer: Any = None
        self._schema: pa.Schema | None = None
        self.used = False

    def write(self, table: pa.Table) -> None:
        import pyarrow.parquet as pq

        if not self.used:
            self.used = True
            temp = self._stack.enter_context(atomic_path(self.path))
            self._schema = table.schema
            self._writer = pq.ParquetWriter(
                temp, table.schema, compression="zstd", compression_level=1
            )
            self._stack.callback(self.close)
        self._writer.write_table(table.cast(self._schema))

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def _policy_message(block: _Block, src: Path) -> str:
    failures = block.checked.failures
    errors = failures.filter(pc.equal(failures["severity"], "error")).slice(0, 5).to_pylist()
    lines = [
        f"  row {r['row'] + block.offset if r['row'] is not None else '-'} "
        f"({r['event_id_cnty']}): {r['message']}"
        for r in errors
    ]
    return (
        f"{src}: rows break error rules (first failures below; conversion stopped at the "
        f"block starting at row {block.offset}):\n" + "\n".join(lines)
    )


def _shift_rows(failures: pa.Table, offset: int) -> pa.Table:
    if not offset:
        return failures
    return failures.set_column(0, "row", pc.add(failures["row"], offset))


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
) -> WriteResult:
    """Convert a CSV or JSON Lines file to (Geo)Parquet block by block, validating each block.

    Memory stays bounded (about three blocks) whatever the input size. Other inputs (JSON
    documents, Parquet) are read whole and written with
    :func:`~eventdata.io.parquet.to_parquet`; a ``.csv`` destination writes ACLED CSV.

    Args:
        src: the input file (``.csv``, ``.txt``, ``.jsonl``, ``.ndjson``; others are read whole).
        dst: the output ``.parquet`` file, a dataset directory with ``partition_by``, or
            a ``.csv`` file.
        on_invalid: ``"raise"`` (stop at the first block with an error; nothing is
            written), ``"drop"`` or ``"keep"``, as for
            :func:`~eventdata.io.parquet.to_parquet`, including the side files
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

    Returns:
        A :class:`~eventdata.io.parquet.WriteResult` (``report`` is None: the summary
        covers every block; failure rows are global input positions).

    Raises:
        ValidationFailed: ``on_invalid="raise"`` and a row breaks an error rule.
        InputError: the input cannot be read.

    """
    src, dst = Path(src), Path(dst)
    if not src.is_file() and not src.is_dir():
        raise InputError("no such file or directory", path=src)
    if dst.suffix.lower() == ".csv":
        return _to_acled_csv(src, dst, on_invalid=on_invalid, validate=validate)
    suffix = src.suffix.lower()
    if src.is_dir() or suffix not in _CSV | _JSONL:
        return to_parquet(
            src,
            dst,
            partition_by=partition_by,
            compression=compression,
            compression_level=compression_level,
            geo=geo,
            on_invalid=on_invalid,
            validate=validate,
        )
    kind = "jsonl" if suffix in _JSONL else "csv"
    total = src.stat().st_size
    fail_file, bad_file = failures_path(dst), invalid_path(dst)
    result = WriteResult(path=dst, rows_written=0)
    summary: dict[str, Any] | None = None
    relax = on_invalid == "keep" or not validate
    with contextlib.ExitStack() as stack:
        failures = _SideFile(fail_file, stack)
        rejected = _SideFile(bad_file, stack)
        checked_blocks = _checked_blocks(
            src, block_size=block_size, validate=validate, kind=kind, reader=reader
        )
        blocks = _prefetch(checked_blocks, name="check")
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
                    raise policy_error(_policy_message(block, src), dst)
                table = checked.table
                if block.rejected is not None:
                    rejected.write(block.rejected)
                    if on_invalid == "drop":
                        table = table.filter(pa.array(~checked.invalid))
                        result.rows_dropped += int(checked.invalid.sum())
                result.rows_invalid += int(checked.invalid.sum())
                if checked.failures.num_rows:
                    failures.write(_shift_rows(checked.failures, block.offset))
                summary = _merge_summary(summary, checked.summary)
                result.rows_written += table.num_rows
                yield table
                if progress is not None:
                    progress(block.bytes_done, total)

        if partition_by:
            meta = file_metadata(
                dialect=first.checked.dialect,
                rows=None,
                validation=None,
                partition_by=partition_by,
            )
            full = schema.with_metadata(
                merge_metadata(schema.metadata, meta, geo_.geo_metadata() if geo else {})
            )
            batches = (
                batch
                for table in tables()
                for batch in (geo_.add_geometry(table) if geo else table).cast(full).to_batches()
            )
            with atomic_path(dst, directory=True) as temp:
                write_dataset(
                    pa.RecordBatchReader.from_batches(full, batches),
                    temp,
                    partition_by=partition_by,
                    schema=full,
                    compression=compression,
                    compression_level=compression_level,
                )
        else:
            with atomic_path(dst) as temp:
                writer = EventFileWriter(
                    temp,
                    schema,
                    geo=geo,
                    compression=compression,
                    compression_level=compression_level,
                )
                try:
                    for table in tables():
                        writer.write(table)
                except BaseException:
                    writer.abort()
                    raise
                writer.close(
                    file_metadata(
                        dialect=first.checked.dialect,
                        rows=writer.rows,
                        validation=validation_metadata(
                            summary, on_invalid=on_invalid, rows_dropped=result.rows_dropped
                        ),
                    )
                )
        failures.close()
        rejected.close()
        used = {fail_file: failures.used, bad_file: rejected.used}
    remove_stale(*(p for p, u in used.items() if not u))
    result.failures_file = fail_file if used[fail_file] else None
    result.invalid_file = bad_file if used[bad_file] else None
    result.summary = summary or {}
    return result


def _chain(first: _Block, rest: Iterator[_Block]) -> Iterator[_Block]:
    yield first
    yield from rest


def _to_acled_csv(src: Path, dst: Path, *, on_invalid: OnInvalid, validate: bool) -> WriteResult:
    """Any readable input to ACLED CSV (read whole), validating on the way."""
    from eventdata.io.acled_csv import write_acled

    checked = check_raw(read_raw(src), validate=validate)
    report = checked.report
    if report is not None and not report.ok and on_invalid == "raise":
        try:
            report.raise_if_failed()
        except Exception as exc:
            raise policy_error(str(exc), dst) from None
    table = checked.table
    result = WriteResult(path=dst, rows_written=0, report=report, summary=checked.summary or {})
    result.rows_invalid = int(checked.invalid.sum())
    fail_file, bad_file = failures_path(dst), invalid_path(dst)
    if result.rows_invalid:
        write_side_table(rejected_rows(checked), bad_file)
        result.invalid_file = bad_file
        if on_invalid == "drop":
            table = table.filter(pa.array(~checked.invalid))
            result.rows_dropped = result.rows_invalid
    if checked.failures.num_rows:
        write_side_table(checked.failures, fail_file)
        result.failures_file = fail_file
    result.rows_written = write_acled(table, dst)
    return result
