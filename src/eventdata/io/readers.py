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
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from eventdata.exceptions import EventdataError, InputError
from eventdata.io.csv_header import CsvHeader, detect_encoding, sniff_csv_header
from eventdata.io.dialects import detect_dialect, hxl_column, known_column_names
from eventdata.io.excel import EXCEL_SUFFIXES, read_excel_table
from eventdata.io.json_input import read_json_table, table_from_records
from eventdata.io.records_format import is_records_document
from eventdata.io.table_input import as_text, from_events, from_pandas, from_polars, is_dataframe
from eventdata.models.dates import decision_named
from eventdata.schema.text import PANDAS_INDEX_NAMES, Dialect, RawTable, file_stamp
from eventdata.vocabulary.legacy import LEGACY_RENAMES

__all__ = ["RawTable", "read_raw", "table_from_records"]

PathLike = str | os.PathLike[str]
CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
PARQUET_SUFFIXES = frozenset({".parquet", ".pq", ".geoparquet"})
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
) -> RawTable:
    """Read a path, DataFrame or Arrow table into a :class:`RawTable`.

    Args:
        source: a path (``str`` / ``PathLike``) to CSV, JSON, JSON Lines, Excel or Parquet
            (file or dataset directory), a pandas or polars DataFrame (or LazyFrame), a
            pyarrow Table, or a sequence of ``Event`` objects (or an ``EventCollection``,
            lowered).
        block_size: CSV reader block size in bytes (tuning only).
        skip: columns a CSV file need not be read for now (validation skips free text no
            rule reads: about half the bytes of an export are ``notes``); they are read
            when :meth:`RawTable.complete` is called. Ignored for other inputs.
        encoding: the text encoding of a CSV file (e.g. ``"cp1252"``); detected when None:
            UTF-8, else Windows-1252, else Latin-1 (the dialect says which).
        date_format: the style of ``event_date`` (``"%d-%m-%y"``, ``"export-tool"``, ...,
            see docs/dialects.md); decided from the whole column when None.

    Raises:
        InputError: the path is missing, of an unknown format, or not parseable.
        ValueError: ``date_format`` names no date style.
    """
    if date_format is not None:
        decision_named(date_format)  # refuse an unknown style before reading anything
    raw = _read_any(source, block_size=block_size, skip=skip, encoding=encoding)
    raw.dialect.date_format = date_format
    return raw


def _read_any(
    source: Any, *, block_size: int | None, skip: Collection[str], encoding: str | None
) -> RawTable:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise InputError("no such file or directory", path=path)
        suffix = path.suffix.lower()
        try:
            if path.is_file() and is_records_document(path):  # YAML or JSON rich records
                return _read_records(path)
            if path.is_dir() or suffix in PARQUET_SUFFIXES:
                return _read_parquet(path)
            if suffix in JSON_SUFFIXES | JSONL_SUFFIXES:
                table, dialect = read_json_table(path)
                return _normalize(table, dialect, path)
            if suffix in EXCEL_SUFFIXES:
                table, notes = read_excel_table(path)
                raw = _normalize(table, Dialect(format="excel", notes=notes), path)
                raw.stamp = file_stamp(path)
                return raw
            if suffix in CSV_SUFFIXES or suffix == "":
                return _read_csv(path, block_size=block_size, skip=skip, encoding=encoding)
        except EventdataError:
            raise
        except (pa.ArrowException, UnicodeDecodeError, OSError, RecursionError) as exc:
            raise InputError(explain_read_error(exc, path, encoding), path=path) from exc
        except (ValueError, TypeError, KeyError) as exc:  # a reader's own surprise
            raise InputError(explain_read_error(exc, path, encoding), path=path) from exc
        raise InputError(
            f"unknown file type {suffix!r}; expected .csv, .json, .jsonl, .parquet, .xlsx, "
            "or a .yaml records file",
            path=path,
        )
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
) -> RawTable:
    stamp = file_stamp(path)
    header = sniff_csv_header(path, encoding=encoding)
    try:
        table, skipped = _read_csv_table(path, header, block_size=block_size, skip=skip)
    except pa.ArrowInvalid as exc:
        if encoding is not None or header.encoding != "utf-8" or "invalid UTF8" not in str(exc):
            raise
        # the first 64 KiB were UTF-8, a later line is not: a single-byte encoding
        with open(path, "rb") as fh:
            header.encoding = detect_encoding(fh.read(), complete=True)
        table, skipped = _read_csv_table(path, header, block_size=block_size, skip=skip)
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
    if header.hxl_tags is not None:
        table = _apply_hxl(table, header.hxl_tags, dialect)
    raw = _normalize(table, dialect, path)
    raw.skipped, raw.stamp = skipped, stamp
    raw.reread = functools.partial(read_raw, path, encoding=encoding)
    return raw


def _read_csv_table(
    path: Path, header: CsvHeader, *, block_size: int | None, skip: Collection[str]
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
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    if skipped:
        convert_options.include_columns = [n for n in names if n not in skipped]
    parse_options = pacsv.ParseOptions(newlines_in_values=True, delimiter=header.delimiter)
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


_UNNAMED = re.compile(r"^(|\.\d+|Unnamed: \d+(_level_\d+)?)$")


def _fold_header(table: pa.Table, dialect: Dialect) -> pa.Table:
    """Known column names matched case-insensitively; unnamed empty columns dropped."""
    known = known_column_names()
    names = list(table.column_names)
    folded = [known.get(n.strip().lower(), n) if n not in known.values() else n for n in names]
    if folded != names and len(set(folded)) == len(folded):
        changed = [f"{a} -> {b}" for a, b in zip(names, folded, strict=True) if a != b]
        shown = ", ".join(changed[:3]) + (
            f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        )
        dialect.notes.append(f"matched column names case-insensitively ({shown})")
        table = table.rename_columns(folded)
    empty = [
        name
        for index, name in enumerate(table.column_names)
        if _UNNAMED.match(name)
        and index > 0
        and pc.all(is_blank_text(table.column(name))).as_py() is not False
    ]
    if empty:
        dialect.notes.append(f"dropped {len(empty)} unnamed empty column(s)")
        table = table.drop_columns(empty)
    return table


def is_blank_text(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """True where a text cell is null or white space only."""
    return pc.fill_null(pc.equal(pc.utf8_trim_whitespace(column), ""), True)


def _normalize(table: pa.Table, dialect: Dialect, path: Path | None) -> RawTable:
    table = _fold_header(table, dialect)
    names = list(table.column_names)
    if names and names[0] in PANDAS_INDEX_NAMES and "event_id_cnty" in names:
        dialect.notes.append(f"dropped the pandas index column {names[0]!r} (a row number)")
        table = table.drop_columns([names[0]])
        names = names[1:]
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
