"""Reading any supported input into an all-text Arrow table and its dialect.

Validation and conversion start from text exactly as the input holds it, so that a value
that does not parse is reported (with its row) rather than lost in a type guess.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from eventdata.exceptions import EventdataError, InputError
from eventdata.io.blanks import (
    BLANK_MARKERS,
    blank_markers_in_text,
    clear_markers,
    clear_zero_text,
)
from eventdata.io.csv_header import PEEK_BYTES, CsvHeader, detect_encoding, sniff_csv_header
from eventdata.io.dialects import detect_dialect, hxl_column, known_column_names
from eventdata.io.formats import ReadOptions, input_format, suffixes_of
from eventdata.io.headers import (
    decimal_commas,
    fold_header,
    is_row_names,
    refuse_headerless,
)
from eventdata.io.json_input import read_json_table, table_from_records
from eventdata.io.table_input import as_text, from_events, from_pandas, from_polars, is_dataframe
from eventdata.io.truncated import CutRecord, find_cut_record
from eventdata.models.dates import decision_named
from eventdata.schema.text import PANDAS_INDEX_NAMES, Dialect, RawTable, file_stamp
from eventdata.vocabulary.legacy import LEGACY_RENAMES

__all__ = ["RawTable", "read_raw", "table_from_records"]

PathLike = str | os.PathLike[str]
CSV_SUFFIXES = suffixes_of("csv")
CSV_BLOCK_SIZE = 4 << 20
"""CSV parser block size: small blocks parsed faster here than 16 MiB ones (docs/performance.md)."""


def read_raw(
    source: Any,
    /,
    *,
    block_size: int | None = None,
    skip: Collection[str] = (),
    encoding: str | None = None,
    date_format: str | None = None,
    sheet: str | int | None = None,
    on_truncated: Literal["raise", "invalid"] = "raise",
) -> RawTable:
    """Read a path, DataFrame or Arrow table into a :class:`RawTable`.

    Args:
        source: a path (``str`` / ``PathLike``) to CSV, JSON, JSON Lines, GeoJSON, Excel or
            Parquet (file or dataset directory; io/formats.py lists them), a pandas or
            polars DataFrame (or LazyFrame), a pyarrow Table, a sequence of ``Event``
            objects (or an ``EventCollection``, lowered), or a ``RawTable`` (returned as
            it is).
        block_size: CSV reader block size in bytes (tuning only).
        skip: columns a CSV file need not be read for now (validation skips free text no
            rule reads: about half the bytes of an export are ``notes``); they are read
            when :meth:`RawTable.complete` is called. Ignored for other inputs.
        encoding: the text encoding of a CSV file (e.g. ``"cp1252"``); detected when None:
            UTF-8, else Windows-1252, else Latin-1 (the dialect says which).
        date_format: the style of ``event_date`` (``"%d-%m-%y"``, ``"export-tool"``, ...,
            see docs/dialects.md); decided from the whole column when None.
        sheet: the sheet of a workbook to read (its name or 0-based index); when None,
            the sheet whose header names the most known columns (the notes say which).
        on_truncated: what to do with a CSV or JSON Lines file whose last record is cut
            off (a broken download): ``"raise"`` refuses it naming the line;
            ``"invalid"`` reads the complete records and the cut record as a row with
            only its id, which validation reports invalid.

    Raises:
        InputError: the path is missing, of an unknown format, or not parseable.
        ValueError: ``date_format`` names no date style.
    """
    if isinstance(source, RawTable):
        return source
    if date_format is not None:
        decision_named(date_format)  # refuse an unknown style before reading anything
    if on_truncated not in ("raise", "invalid"):
        raise ValueError(f"on_truncated must be 'raise' or 'invalid', not {on_truncated!r}")
    options = ReadOptions(
        block_size=block_size,
        skip=skip,
        encoding=encoding,
        sheet=sheet,
        on_truncated=on_truncated,
    )
    raw = _read_any(source, options)
    raw.dialect.date_format = date_format
    return raw


def _read_any(source: Any, options: ReadOptions) -> RawTable:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise InputError("no such file or directory", path=path)
        fmt = input_format(path)
        try:
            result = fmt.read(path, options)
        except EventdataError:
            raise
        except (pa.ArrowException, UnicodeDecodeError, OSError, RecursionError) as exc:
            raise InputError(explain_read_error(exc, path, options.encoding), path=path) from exc
        except (ValueError, TypeError, KeyError) as exc:  # a reader's own surprise
            raise InputError(explain_read_error(exc, path, options.encoding), path=path) from exc
        if isinstance(result, RawTable):
            return result
        table, dialect = result
        raw = _normalize(table, dialect, path)
        raw.stamp = file_stamp(path) if path.is_file() else None
        return raw
    try:
        if isinstance(source, pa.Table):
            return _normalize(as_text(source), Dialect(format="table"), None)
        if is_dataframe(source):
            return _normalize(as_text(from_pandas(source)), Dialect(format="dataframe"), None)
        polars = from_polars(source)
        if polars is not None:
            return _normalize(as_text(polars), Dialect(format="polars"), None)
    except (pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
        raise InputError(
            f"the {type(source).__name__} has a column eventdata cannot read as text "
            f"({_first_line(exc)}); flatten nested (struct, map) columns before reading"
        ) from None
    events = from_events(source)
    if events is not None:
        return _normalize(events, Dialect(format="events"), None)
    raise InputError(
        f"cannot read {type(source).__name__}; pass a path, a pandas or polars DataFrame, a "
        "pyarrow Table, or Event objects (e.g. from eventdata.lower)"
    )


def read_json_file(path: Path, options: ReadOptions) -> tuple[pa.Table, Dialect]:
    """A JSON or JSON Lines file (the ``json`` and ``jsonl`` rows of the format table).

    Raises:
        InputError: the file ends inside its last record (a cut-off download), unless
            ``on_truncated="invalid"`` reads a JSON Lines file's complete records.
    """
    try:
        return read_json_table(path)
    except (json.JSONDecodeError, InputError) as exc:
        data = path.read_bytes()
        lines = data.split(b"\n")
        line = len(lines)
        if not _cut_json(data, lines, lines_format=input_format(path).name == "jsonl"):
            raise
        cause = (
            f"the last record (line {line}) is incomplete: the file ends inside it "
            "(a cut-off download?)"
        )
        if input_format(path).name != "jsonl":
            raise InputError(
                f"the file ends inside its JSON document (line {line}; a cut-off "
                "download?); download the file again",
                path=path,
            ) from exc
        if options.on_truncated != "invalid":
            raise InputError(
                f"{cause}; download the file again, or read the complete records with "
                "on_truncated='invalid' (--on-truncated invalid), which reports the cut "
                "record as an invalid row",
                path=path,
            ) from exc
    records = [json.loads(text) for text in lines[:-1] if text.strip()]
    found = re.search(rb'"event_id_cnty"\s*:\s*"([^"]*)"', lines[-1], re.IGNORECASE)
    records.append({"event_id_cnty": found.group(1).decode() if found else None})
    dialect = Dialect(format="jsonl")
    dialect.notes.append(
        f"{cause}; read the complete records and the cut one as a row with only its id, "
        "reported invalid"
    )
    return table_from_records(records), dialect


def _cut_json(data: bytes, lines: list[bytes], *, lines_format: bool) -> bool:
    """Whether a JSON (Lines) file that failed to read ends inside its last record."""
    if data.endswith(b"\n"):
        return False
    try:
        json.loads(lines[-1] if lines_format else data)
    except json.JSONDecodeError as exc:
        # one document: cut when its parse fails at its very end
        return lines_format or exc.pos >= len(data.rstrip()) - 1
    return False


def read_csv_file(path: Path, options: ReadOptions) -> RawTable:
    """A CSV file (the ``csv`` row of the format table)."""
    return _read_csv(
        path,
        block_size=options.block_size,
        skip=options.skip,
        encoding=options.encoding,
        on_truncated=options.on_truncated,
    )


def read_records_file(path: Path, options: ReadOptions) -> RawTable:
    """A YAML or JSON records file (the ``records`` row of the format table)."""
    return _read_records(path)


def read_parquet_file(path: Path, options: ReadOptions) -> RawTable:
    """A Parquet file or dataset directory (the ``parquet`` row of the format table)."""
    return _read_parquet(path)


def explain_read_error(exc: BaseException, path: Path, encoding: str | None = None) -> str:
    """A reader error in words that say where and how to fix it."""
    message = _first_line(exc)
    if "Expected" in message and "columns, got" in message:
        return (
            f"a record has a different number of fields than the header ({message}); "
            "quote values that contain commas or line breaks"
        )
    if "invalid UTF8" in message:
        match = re.search(r"column #(\d+)", message)
        where = ""
        if match:
            names = sniff_csv_header(path).names
            index = int(match.group(1))
            where = f" in column {names[index]!r}" if index < len(names) else ""
        return (
            f"is not {encoding or 'UTF-8'} text{where}; pass the file's encoding "
            "(encoding='cp1252' in Python, --encoding cp1252 on the command line), or leave "
            "it out to have it detected"
        )
    if isinstance(exc, json.JSONDecodeError) and "Extra data" in message:
        return (
            f"is not one JSON document ({message}); if it holds one JSON object per line, "
            "name it .jsonl"
        )
    if isinstance(exc, (pa.ArrowNotImplementedError, pa.ArrowTypeError)):
        return (
            f"has a column eventdata cannot read as text ({message}); event data holds "
            "flat columns: flatten nested (struct, map) columns before reading"
        )
    if isinstance(exc, RecursionError):
        return "nests values deeper than the reader allows; event records are flat"
    return f"cannot be read: {message}"


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# -- CSV ---------------------------------------------------------------------------------


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
    dialect = Dialect(
        format="csv",
        bom=header.bom,
        preamble=header.preamble,
        hxl=header.hxl,
        encoding=header.encoding,
        delimiter=header.delimiter,
    )
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
        dialect.notes.append(_markers_note(dialect.blank_markers, marked))
        table = pa.Table.from_arrays(  # blank cells, as an empty field is
            [pc.fill_null(c, "") if c.null_count else c for c in table.columns],
            names=table.column_names,
        )
    if cut is not None:
        dialect.notes.append(cut.note())
    if header.hxl_tags is not None:
        table = _apply_hxl(table, header.hxl_tags, dialect)
    raw = _normalize(table, dialect, path)
    raw.skipped, raw.stamp = skipped, stamp
    raw.reread = functools.partial(read_raw, path, encoding=encoding, on_truncated=on_truncated)
    return raw


def _markers_note(markers: list[str], columns: list[str]) -> str:
    shown = ", ".join(columns[:4]) + (f" and {len(columns) - 4} more" if len(columns) > 4 else "")
    return f"read {'/'.join(markers)} as blank (in {shown})"


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
    )
    if skipped:
        convert_options.include_columns = [n for n in names if n not in skipped]
    parse_options = pacsv.ParseOptions(newlines_in_values=True, delimiter=header.delimiter)
    if data is not None:
        source: Any = pa.BufferReader(data[3:] if header.bom else data)
        table = pacsv.read_csv(
            source,
            read_options=read_options,
            parse_options=parse_options,
            convert_options=convert_options,
        )
        return table, skipped
    if header.data_offset >= path.stat().st_size:  # a header and nothing after it
        schema = pa.schema([(name, pa.string()) for name in names if name not in skipped])
        return schema.empty_table(), skipped
    with open(path, "rb") as fh:
        if header.bom:
            fh.seek(3)
        table = pacsv.read_csv(
            fh,
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


# -- JSON --------------------------------------------------------------------------------


# -- Parquet ------------------------------------------------------------------------------


def _read_parquet(path: Path) -> RawTable:
    import pyarrow.dataset as ds

    from eventdata.io.geo import derived_by_type, derived_columns

    if path.is_dir() and not any(
        name.endswith(".parquet") and not name.startswith((".", "_"))
        for _parent, _dirs, files in os.walk(path)
        for name in files
    ):
        texts = sorted(p.name for p in path.iterdir() if p.suffix.lower() in CSV_SUFFIXES)
        hint = (
            f" It holds {len(texts)} CSV file(s) ({', '.join(texts[:3])}"
            f"{', ...' if len(texts) > 3 else ''}): pass them one by one, e.g. "
            f"'eventdata validate {path}/*.csv'."
            if texts
            else ""
        )
        raise InputError(
            "no Parquet files in this directory; pass a CSV, JSON or Parquet file, or a "
            "dataset directory written by eventdata (to_parquet(..., partition_by=...) or "
            f"'eventdata convert --partition-by').{hint}",
            path=path,
        )
    from eventdata.io.parquet import check_text, checked_format

    dataset = ds.dataset(path, format=checked_format(), partitioning="hive")
    if _is_records(dataset.schema):  # rich records: read as the ACLED rows they lower to
        return _read_records(path)
    table = dataset.to_table()
    check_text(table)
    # the columns the file's GeoParquet metadata declares as derived geometry, or, in a
    # file re-saved without that metadata (pandas), the two derived columns by type; a
    # column of the input that happens to be called geometry or bbox is data
    derived = derived_columns(dataset.schema) or derived_by_type(dataset.schema)
    if derived:
        table = table.drop_columns(derived)
    dialect = Dialect(format="parquet")
    if derived:
        dialect.notes.append(f"ignored derived column(s) {', '.join(derived)}")
    return _normalize(as_text(table), dialect, path)


def _read_records(path: Path) -> RawTable:
    """Rich records (Parquet, YAML or JSON records files) as the ACLED rows they lower to."""
    from eventdata.io.records import read_records
    from eventdata.models.lowering import lower_records

    collection = read_records(path)
    lowering = lower_records(collection)
    events = from_events(lowering.events)
    dialect = Dialect(format="records")
    dialect.notes.append(
        f"lowered {len(collection.records)} rich records (write_records) to their "
        f"{len(lowering.rows)} ACLED rows"
    )
    dialect.notes += [
        f"record {u.record_id!r} gives no row of its own: {u.reason}"
        + (f" (coded in {u.coded_in!r})" if u.coded_in else "")
        for u in lowering.unlowered
    ]
    return _normalize(events if events is not None else pa.table({}), dialect, path)


def _is_records(schema: pa.Schema) -> bool:
    """Whether a Parquet schema is a rich-records table written by ``write_records``."""
    return bool(schema.metadata) and b"eventdata.format" in schema.metadata


# -- normalization ----------------------------------------------------------------------


def _sample(table: pa.Table, name: str, n: int = 50) -> list[str]:
    if name not in table.column_names:
        return []
    return [v for v in table.column(name).slice(0, n).to_pylist() if v]


_SCANNED_FORMATS = frozenset({"json", "jsonl", "geojson", "excel", "dataframe", "polars"})
"""Inputs whose blank markers are found by scanning (a CSV parser finds its own)."""


def _normalize(table: pa.Table, dialect: Dialect, path: Path | None) -> RawTable:
    table = fold_header(table, dialect)
    names = list(table.column_names)
    if names and names[0] in PANDAS_INDEX_NAMES and is_row_names(table, names):
        dialect.notes.append(
            f"dropped the pandas index column {names[0]!r} (a row number; R's write.csv "
            "row names look the same)"
        )
        table = table.drop_columns([names[0]])
        names = names[1:]
    refuse_headerless(names, path)
    if dialect.format in _SCANNED_FORMATS:
        table, markers, marked = clear_markers(table)
        if markers:
            dialect.blank_markers = markers
            dialect.notes.append(_markers_note(markers, marked))
    if dialect.delimiter != ",":  # a European file: ';' between fields, ',' in numbers
        table = decimal_commas(table, dialect)
    table, zeros = clear_zero_text(table)
    if zeros:
        dialect.blank_markers = [*dialect.blank_markers, "0"]
        dialect.notes.append(_markers_note(["0"], zeros) + ": text columns where 0 means none")
    dialect.name = detect_dialect(
        names,
        inter_sample=_sample(table, "inter1"),
        event_type_sample=_sample(table, "event_type"),
    )
    if dialect.name == "legacy":
        renamed = [LEGACY_RENAMES.get(n, n) for n in names]
        for old, new in LEGACY_RENAMES.items():
            if old in names:
                dialect.notes.append(f"mapped {old} -> {new}")
        table = table.rename_columns(renamed)
        dialect.notes.append(
            "legacy (ACLED v6/v7) event types are kept as they are; sub_event_type and "
            "disorder_type stay blank (they did not exist)"
        )
        if "gwno" in names and "iso" not in names:
            dialect.notes.append(
                "gwno (Gleditsch-Ward code) kept as an extra column; iso stays blank"
            )
    return RawTable(table=table, dialect=dialect, source=path)
