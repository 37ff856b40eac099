"""CSV files (the ``csv`` row of the table of formats) read whole as all-text tables.

The header is sniffed first (:mod:`eventdata.io.csv_header`: encoding, separator, BOM,
preamble, HXL row); pyarrow's CSV reader then reads every column as text, leaving out the
columns the caller skips for now. The streamed reader of ``convert`` is
:mod:`eventdata.io.blocks`.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Collection
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from eventdata.exceptions import InputError
from eventdata.io.blanks import BLANK_MARKERS, blank_markers_in_text
from eventdata.io.csv_header import PEEK_BYTES, CsvHeader, detect_encoding, sniff_csv_header
from eventdata.io.dialects import hxl_column, known_column_names
from eventdata.io.formats import ReadOptions
from eventdata.io.normalize import markers_note, normalize
from eventdata.io.readers import read_raw
from eventdata.io.truncated import CutRecord, find_cut_record
from eventdata.schema.text import Dialect, RawTable, file_stamp

__all__ = ["CSV_BLOCK_SIZE", "read_csv_file"]

CSV_BLOCK_SIZE = 4 << 20
"""CSV parser block size: small blocks parsed faster here than 16 MiB ones (docs/performance.md)."""


def read_csv_file(path: Path, options: ReadOptions) -> RawTable:
    """A CSV file (the ``csv`` row of the format table)."""
    return _read_csv(
        path,
        block_size=options.block_size,
        skip=options.skip,
        encoding=options.encoding,
        on_truncated=options.on_truncated,
    )


def _read_csv(
    path: Path,
    *,
    block_size: int | None,
    skip: Collection[str] = (),
    encoding: str | None = None,
    on_truncated: Literal["raise", "invalid"] = "raise",
) -> RawTable:
    stamp = file_stamp(path)
    header = sniff_csv_header(path, encoding=encoding)
    cut: CutRecord | None = None
    try:
        table, skipped, cut = _read_complete(path, header, block_size, skip, on_truncated)
    except pa.ArrowInvalid as exc:
        if encoding is not None or header.encoding != "utf-8" or "invalid UTF8" not in str(exc):
            raise
        # the first 64 KiB were UTF-8, a later line is not: a single-byte encoding
        with open(path, "rb") as fh:
            header.encoding = detect_encoding(fh.read(), complete=True)
        table, skipped, cut = _read_complete(path, header, block_size, skip, on_truncated)
    dialect = header.dialect()
    if header.encoding != "utf-8" and encoding is None:
        dialect.notes.append(
            f"read as {header.encoding} text (not UTF-8); pass encoding= to choose another"
        )
    if header.delimiter != ",":
        dialect.notes.append(f"fields separated by {header.delimiter!r}")
    if any(column.null_count for column in table.columns):
        dialect.blank_markers = blank_markers_in_text(
            path, delimiter=header.delimiter, encoding=header.encoding, limit=PEEK_BYTES
        ) or ["NA"]
        marked = [n for n, c in zip(table.column_names, table.columns, strict=True) if c.null_count]
        dialect.notes.append(markers_note(dialect.blank_markers, marked))
        table = pa.Table.from_arrays(  # blank cells, as an empty field is
            [pc.fill_null(c, "") if c.null_count else c for c in table.columns],
            names=table.column_names,
        )
    if cut is not None:
        dialect.notes.append(cut.note())
        dialect.cut_record = cut.describe()
    if header.hxl_tags is not None:
        table = _apply_hxl(table, header.hxl_tags, dialect)
    raw = normalize(table, dialect, path)
    raw.skipped, raw.stamp = skipped, stamp
    raw.reread = functools.partial(read_raw, path, encoding=encoding, on_truncated=on_truncated)
    return raw


def _read_complete(
    path: Path,
    header: CsvHeader,
    block_size: int | None,
    skip: Collection[str],
    on_truncated: str,
) -> tuple[pa.Table, tuple[str, ...], CutRecord | None]:
    """The file's records; a cut-off last record refused or read as an id-only row."""
    try:
        table, skipped = _read_csv_table(path, header, block_size=block_size, skip=skip)
        return table, skipped, None
    except pa.ArrowInvalid as exc:
        if "invalid UTF8" in str(exc):
            raise
        cut = find_cut_record(path, header)
        if cut is None:
            raise
        if on_truncated != "invalid":
            raise InputError(cut.refusal(), path=path) from exc
    with open(path, "rb") as fh:
        complete = fh.read(cut.offset)
    table, skipped = _read_csv_table(path, header, block_size=block_size, skip=skip, data=complete)
    return cut.append_to(table, header.names), skipped, cut


def _read_csv_table(
    path: Path,
    header: CsvHeader,
    *,
    block_size: int | None,
    skip: Collection[str],
    data: bytes | None = None,
) -> tuple[pa.Table, tuple[str, ...]]:
    names = header.names
    read_options = pacsv.ReadOptions(
        skip_rows=header.skip,
        column_names=names,
        skip_rows_after_names=1 + int(header.hxl),
        block_size=block_size or CSV_BLOCK_SIZE,
        encoding=header.encoding,
    )
    # skip_rows counts physical lines before the header; the header itself is skipped as
    # the first "row after names" since explicit column names are given.
    skipped = tuple(n for n in names if n in skip) if header.hxl_tags is None else ()
    convert_options = pacsv.ConvertOptions(
        column_types={name: pa.string() for name in names},
        null_values=list(BLANK_MARKERS),  # unquoted markers only: quoted text is text
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
        check_utf8=header.needs_utf8_check,
    )
    if skipped:
        convert_options.include_columns = [n for n in names if n not in skipped]
    parse_options = pacsv.ParseOptions(newlines_in_values=True, delimiter=header.delimiter)
    if data is None and header.data_offset >= path.stat().st_size:  # a header, no records
        schema = pa.schema([(name, pa.string()) for name in names if name not in skipped])
        return schema.empty_table(), skipped
    with contextlib.ExitStack() as stack:
        source: Any
        if data is not None:
            source = pa.BufferReader(data[3:] if header.bom else data)
        else:
            # Arrow's own file: read on its threads without Python's lock or a copy through it
            source = stack.enter_context(pa.OSFile(str(path)))
            if header.bom:
                source.seek(3)
        table = pacsv.read_csv(
            source,
            read_options=read_options,
            parse_options=parse_options,
            convert_options=convert_options,
        )
    return table, skipped


def _apply_hxl(table: pa.Table, tags: list[str], dialect: Dialect) -> pa.Table:
    """Name columns by their HXL hashtags where the header does not use ACLED's names."""
    known = set(known_column_names().values())
    names = list(table.column_names)
    renamed = []
    padded = (tags + [""] * len(names))[: len(names)]
    for name, tag in zip(names, padded, strict=True):
        column = hxl_column(tag) if tag else None
        if name not in known and column is not None and column not in names:
            renamed.append(f"{name} -> {column} ({tag.strip()})")
            names[names.index(name)] = column
    dialect.notes.append("skipped the HXL hashtag row after the header")
    if renamed:
        dialect.notes.append("named columns by their HXL tags: " + ", ".join(renamed))
    return table.rename_columns(names)
