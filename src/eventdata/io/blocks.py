"""Reading CSV and JSON Lines files in blocks of whole records, as all-text Arrow tables.

CSV is read with ``pyarrow.csv.open_csv`` (1 MiB batches, every column as text) and its
batches are gathered into blocks of about ``block_size`` bytes; the alternative reader
``"ranges"`` cuts the file into byte ranges at record boundaries (a newline outside double
quotes, found by quote parity) and parses each with ``pyarrow.csv.read_csv``. On a 2 GB
file open_csv was the faster of the two (docs/performance.md). :func:`read_ahead` runs the
blocks on their own thread (:mod:`eventdata.io.prefetch`), a block ahead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from eventdata.exceptions import InputError
from eventdata.io.blanks import BLANK_MARKERS
from eventdata.io.csv_header import CsvHeader, sniff_csv_header
from eventdata.io.json_input import json_lines, table_from_records
from eventdata.io.prefetch import Prefetch, prefetch
from eventdata.io.read_errors import explain_read_error
from eventdata.io.truncated import find_cut_record

__all__ = [
    "DEFAULT_BLOCK_SIZE",
    "DEFAULT_READER",
    "csv_records",
    "iter_text_blocks",
    "read_ahead",
]

DEFAULT_BLOCK_SIZE = 64 << 20
"""Bytes per block: ~100k ACLED rows, a good Parquet row group, ~0.5 GiB peak memory."""

DEFAULT_READER = "open_csv"
"""How CSV blocks are read; measured faster than ``"ranges"`` (docs/performance.md)."""

CSV_SUFFIXES = frozenset({".csv", ".txt"})
"""Inputs read as CSV blocks."""

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
"""Inputs read as JSON Lines blocks."""


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


def _parse_options(header: CsvHeader) -> pacsv.ParseOptions:
    return pacsv.ParseOptions(newlines_in_values=True, delimiter=header.delimiter)


def _text_start(header: CsvHeader) -> int:
    """Where the text after the file's BOM starts: reading begins there, as it does whole.

    pyarrow drops a BOM at the start of what it reads; starting at the data would drop
    one that an appended export left on the first record (it is data, and reported).
    """
    return len(b"\xef\xbb\xbf") if header.bom else 0


def _header_rows(header: CsvHeader) -> dict[str, int]:
    """The read options that skip the lines before the data, as the whole-file reader."""
    return {"skip_rows": header.skip, "skip_rows_after_names": 1 + int(header.hxl)}


def csv_records(
    data: memoryview | bytes,
    header: CsvHeader,
    *,
    first: bool = False,
    include: list[str] | None = None,
) -> pa.Table:
    """Whole CSV records of a file with ``header`` as an all-text table, as blocks are read.

    The file's delimiter and encoding, unquoted blank markers as nulls (as the whole-file
    reader has them), ``first``: ``data`` starts at the file's start (lines before the
    records are skipped). ``include`` keeps only those columns.
    """
    skips = _header_rows(header) if first else {}
    return pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(
            column_names=header.names, encoding=header.encoding, **skips
        ),
        parse_options=_parse_options(header),
        convert_options=_as_text(header, include),
    )


def _as_text(header: CsvHeader, include: list[str] | None = None) -> pacsv.ConvertOptions:
    """Every column as ``string``, empty cells as ``""``, unquoted blank markers null.

    The text is checked to be UTF-8 unless the scan of the whole file found it so.
    """
    return pacsv.ConvertOptions(
        column_types={name: pa.string() for name in header.names},
        null_values=list(BLANK_MARKERS),  # as the whole-file reader (io/blanks.py)
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
        include_columns=include or [],
        check_utf8=header.needs_utf8_check,
    )


def _jsonl_block(data: bytes, names: list[str] | None, path: Path, first_line: int) -> pa.Table:
    records = json_lines(data, path=path, first_line=first_line)
    n = len(records)
    if names is not None and not any(records):  # only {} records: rows of blanks
        return pa.table({name: pa.nulls(n, pa.string()) for name in names})
    table = table_from_records(records, path=path)
    if names is None:
        return table
    new = [name for name in table.column_names if name not in names]
    if new:
        raise InputError(
            f"column(s) {', '.join(new)} first appear after the first block; convert this "
            "file with to_parquet (not streaming) or put every column in the first records",
            path=path,
        )
    return pa.table(
        {
            name: table.column(name)
            if name in table.column_names
            else pa.nulls(table.num_rows, pa.string())
            for name in names
        }
    )


def _open_csv_blocks(
    path: Path, header: CsvHeader, block_size: int
) -> Iterator[tuple[pa.Table, int]]:
    """Blocks from ``pyarrow.csv.open_csv``: its 1 MiB batches gathered to ``block_size``.

    Each block's columns are made contiguous here, on the reader's thread, which allocated
    the batches: freed by the thread that allocated it, their memory is reused for the
    next batches. Gathered on the checker's thread instead, the reader kept taking fresh
    pages from the system, which zeroes them (a tenth of the conversion's CPU time).

    open_csv needs every record to fit in its read block: when one does not (a field over
    1 MiB), reading starts again with a read block four times larger, skipping the
    records already handed out, so a file reads as it does whole.
    """
    if header.data_offset >= _size(path):
        return
    read_block = min(1 << 20, block_size)
    done_rows = 0
    while True:
        try:
            for table, done in _open_csv_batches(path, header, block_size, read_block, done_rows):
                done_rows += table.num_rows
                yield table, done
            return
        except pa.ArrowInvalid as exc:
            if "straddl" not in str(exc) or read_block >= _size(path):
                raise
            read_block = min(read_block * 4, max(_size(path), 1 << 20))


def _open_csv_batches(
    path: Path, header: CsvHeader, block_size: int, read_block: int, skip: int
) -> Iterator[tuple[pa.Table, int]]:
    skips = _header_rows(header)
    with pa.OSFile(str(path)) as fh:  # read without Python's lock, as the whole-file reader
        fh.seek(_text_start(header))
        reader = pacsv.open_csv(
            fh,
            read_options=pacsv.ReadOptions(
                column_names=header.names,
                block_size=read_block,
                encoding=header.encoding,
                skip_rows=skips["skip_rows"],
                skip_rows_after_names=skips["skip_rows_after_names"] + skip,
            ),
            parse_options=_parse_options(header),
            convert_options=_as_text(header),
        )
        batches: list[pa.RecordBatch] = []
        size = 0
        target = max(read_block, block_size // 4)  # a small first block starts the pipeline
        for batch in reader:
            batches.append(batch)
            size += batch.nbytes
            if size >= target:
                done = min(fh.tell(), _size(path))
                yield _contiguous(batches, reader.schema), done
                batches, size, target = [], 0, block_size
        if batches:
            yield _contiguous(batches, reader.schema), _size(path)


def _contiguous(batches: list[pa.RecordBatch], schema: pa.Schema) -> pa.Table:
    """Batches as one table of one chunk per column (the batches' memory freed here)."""
    table = pa.Table.from_batches(batches, schema).combine_chunks()
    batches.clear()
    return table


def _size(path: Path) -> int:
    return path.stat().st_size


def iter_text_blocks(
    path: str | os.PathLike[str],
    /,
    *,
    block_size: int = DEFAULT_BLOCK_SIZE,
    reader: str = DEFAULT_READER,
    encoding: str | None = None,
) -> Iterator[tuple[pa.Table, int, dict[str, Any]]]:
    """Blocks of a CSV or JSON Lines file as all-text tables.

    Args:
        path: the input file.
        block_size: about how many bytes of input (``"ranges"``) or of Arrow data
            (``"open_csv"``) make one block.
        reader: ``"open_csv"`` (pyarrow's streaming reader, batches gathered into
            blocks) or ``"ranges"`` (byte ranges cut at record boundaries, each parsed
            with ``pyarrow.csv.read_csv``); both measured in docs/performance.md.
        encoding: the text encoding; detected from the first 64 KiB when None.

    Yields:
        ``(table, bytes_done, flags)``: the block's columns as ``string`` (``""`` for
        empty cells), the input bytes consumed so far, and what was skipped
        (``bom``, ``preamble``, ``hxl``).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        names: list[str] | None = None
        line = 1
        for data, done in _blocks(path, 0, block_size, quoted=False):
            text = bytes(data)
            del data
            table = _jsonl_block(text, names, path, line)
            line += text.count(b"\n")
            del text
            names = names or table.column_names
            yield table, done, {}
        return
    header = sniff_csv_header(path, encoding=encoding)
    try:
        yield from _csv_blocks(path, header, block_size=block_size, reader=reader)
    except pa.ArrowInvalid as exc:
        cut = None if "invalid UTF8" in str(exc) else find_cut_record(path, header)
        if cut is not None:  # as the whole-file reader says it
            raise InputError(cut.refusal(), path=path) from None
        raise InputError(explain_read_error(exc, path, header.encoding), path=path) from None


def _csv_blocks(
    path: Path, header: CsvHeader, *, block_size: int, reader: str
) -> Iterator[tuple[pa.Table, int, dict[str, Any]]]:
    flags: dict[str, Any] = {
        "bom": header.bom,
        "preamble": header.preamble,
        "hxl": header.hxl,
        "encoding": header.encoding,
        "delimiter": header.delimiter,
    }
    empty = True
    if reader == "open_csv":
        for table, done in _open_csv_blocks(path, header, block_size):
            empty = False
            yield table, done, flags
    elif reader == "ranges":
        first = True
        for data, done in _blocks(path, _text_start(header), block_size, quoted=True):
            table = csv_records(data, header, first=first).combine_chunks()  # as open_csv's
            del data
            first = False
            if table.num_rows:
                empty = False
                yield table, done, flags
    else:
        raise ValueError(f"reader must be 'open_csv' or 'ranges', got {reader!r}")
    if empty:
        schema = pa.schema([(name, pa.string()) for name in header.names])
        yield schema.empty_table(), _size(path), flags


def read_ahead(
    path: Path,
    *,
    block_size: int = DEFAULT_BLOCK_SIZE,
    reader: str = DEFAULT_READER,
    encoding: str | None = None,
) -> Prefetch:
    """Start reading the text blocks of ``path`` on their own thread, a block ahead.

    The items are those of :func:`iter_text_blocks`.
    """
    return prefetch(
        iter_text_blocks(path, block_size=block_size, reader=reader, encoding=encoding),
        name="read",
    )
