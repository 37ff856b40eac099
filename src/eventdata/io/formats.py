"""The table of file formats: how a path is recognised, and which module reads and writes it.

Every entry point (the readers, ``convert``, the command line) chooses a format here, by
suffix and, where the suffix does not settle it, by the first bytes of the file. A new
format is one module in ``io/`` plus one row of :data:`FORMATS` (docs/architecture.md).

Readers and writers are named as ``"module:function"`` and imported when first used, so
that reading a CSV file never imports the spreadsheet or GeoJSON modules.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypedDict

from eventdata.exceptions import InputError

__all__ = [
    "FORMATS",
    "FileFormat",
    "ReadOptions",
    "ReaderOptions",
    "Errors",
    "format_named",
    "input_format",
    "output_format",
    "suffixes_of",
]

SNIFF_BYTES = 4096
"""How much of a file content sniffing looks at."""


Errors = Literal["raise", "coerce"]
"""What a reader does with values that do not parse: refuse them, or read them as missing."""


class ReaderOptions(TypedDict, total=False):
    """How every reader reads its input, each option optional: the public read options.

    Every dataset's reader and mapping takes them (``read_gtd(path, encoding="cp1252")``),
    as ``read_acled``, ``validate``, ``convert`` and ``report`` do, and the command line's
    ``--date-format``, ``--encoding``, ``--sheet`` and ``--on-truncated`` are them.

    Attributes:
        date_format: the style of the date columns (docs/dialects.md); decided from the
            whole column when None.
        encoding: the text encoding of a CSV file; detected when None.
        sheet: the sheet of a workbook (name or 0-based index); found when None.
        on_truncated: ``"invalid"`` reads a file whose last record is cut off, the cut
            record a row holding only its id (a :class:`~eventdata.CutRecordWarning` names
            it); ``"raise"`` (default) refuses it, naming the line.
    """

    date_format: str | None
    encoding: str | None
    sheet: str | int | None
    on_truncated: Literal["raise", "invalid"]


@dataclass(frozen=True)
class ReadOptions:
    """How an input file is read (the keyword options of ``read_raw``).

    Attributes:
        block_size: CSV reader block size in bytes (tuning only).
        skip: columns a CSV file need not be read for now.
        encoding: the text encoding of a CSV file; detected when None.
        sheet: the workbook sheet to read (name or 0-based index); found when None.
        date_format: the style of the date columns; decided from the whole column when
            None (set on the dialect: the formats' readers read dates as text).
        on_truncated: ``"raise"`` refuses a file whose last record is cut off;
            ``"invalid"`` reads the complete records and the cut one as an invalid row.
    """

    block_size: int | None = None
    skip: Collection[str] = ()
    encoding: str | None = None
    sheet: str | int | None = None
    date_format: str | None = None
    on_truncated: Literal["raise", "invalid"] = "raise"


@dataclass(frozen=True)
class FileFormat:
    """One file format eventdata reads (and perhaps writes).

    Attributes:
        name: the format's name, as :class:`~eventdata.schema.text.Dialect` ``format``
            reports it (``csv``, ``json``, ``geojson``, ...).
        suffixes: file name endings that mean this format (lower case, with the dot).
        reader: ``"module:function"`` taking ``(path, options)`` and returning a
            :class:`~eventdata.schema.text.RawTable` or ``(table, dialect)``.
        writer: ``"module:function"`` writing this format, or None when eventdata does
            not write it.
        sniff: recognises the format from the first bytes of a file, for files whose
            suffix names another format or none (a ``.json`` holding GeoJSON).
        streamed: ``convert`` reads it block by block in bounded memory.
        header: ``"module:function"`` giving a file's column names from its first lines
            (a streamed format's: ``convert`` decides from them whether to stream).
        directory: a directory is an input of this format (a Parquet dataset).
    """

    name: str
    suffixes: frozenset[str]
    reader: str
    writer: str | None = None
    sniff: Callable[[bytes], bool] | None = field(default=None, compare=False)
    streamed: bool = False
    header: str | None = None
    directory: bool = False

    def read(self, path: Path, options: ReadOptions) -> Any:
        """Read ``path`` with this format's reader."""
        return _resolve(self.reader)(path, options)

    def names(self, path: Path) -> list[str]:
        """The column names of ``path`` from its first lines (none when not known so)."""
        if self.header is None:
            return []
        names: list[str] = _resolve(self.header)(path)
        return names

    def write_function(self) -> Callable[..., Any]:
        """This format's writer.

        Raises:
            InputError: eventdata does not write this format.
        """
        if self.writer is None:
            writable = ", ".join(sorted(s for f in FORMATS if f.writer for s in f.suffixes))
            raise InputError(f"eventdata reads {self.name} but does not write it; write {writable}")
        return _resolve(self.writer)


def _resolve(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


def _is_geojson(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"{") and b'"FeatureCollection"' in text.replace(b" ", b"")


def _is_json(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf").lstrip().startswith((b"{", b"["))


def _is_parquet(head: bytes) -> bool:
    return head.startswith(b"PAR1")


def _is_workbook(head: bytes) -> bool:
    # xlsx/xlsm/ods are zip files; .xls is an OLE2 compound document
    return head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))


def _is_records(head: bytes) -> bool:
    from eventdata.io.records_format import RECORDS_FORMAT

    return b'"record_type"' in head or f'"{RECORDS_FORMAT}"'.encode() in head


FORMATS: tuple[FileFormat, ...] = (
    FileFormat(
        "records",
        frozenset({".yaml", ".yml"}),
        "eventdata.io.records_format:records_not_events",
        writer="eventdata.io.records:write_records",
        sniff=_is_records,
    ),
    FileFormat(
        "csv",
        frozenset({".csv", ".tsv", ".txt"}),
        "eventdata.io.csv_input:read_csv_file",
        writer="eventdata.io.acled_csv:write_csv_text",
        streamed=True,
        header="eventdata.io.heads:csv_names",
    ),
    FileFormat(
        "geojson",
        frozenset({".geojson"}),
        "eventdata.io.geojson:read_geojson",
        sniff=_is_geojson,
    ),
    FileFormat(
        "json",
        frozenset({".json"}),
        "eventdata.io.json_input:read_json_file",
        sniff=_is_json,
    ),
    FileFormat(
        "jsonl",
        frozenset({".jsonl", ".ndjson"}),
        "eventdata.io.json_input:read_json_file",
        streamed=True,
        header="eventdata.io.heads:jsonl_names",
    ),
    FileFormat(
        "parquet",
        frozenset({".parquet", ".pq", ".geoparquet"}),
        "eventdata.io.parquet_input:read_parquet_file",
        writer="eventdata.io.writers:write_event_file",
        sniff=_is_parquet,
        directory=True,
    ),
    FileFormat(
        "excel",
        frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}),
        "eventdata.io.excel:read_excel_file",
        sniff=_is_workbook,
    ),
)
"""Every format, in the order content sniffing tries them (records and GeoJSON before JSON)."""

_BY_SUFFIX = {suffix: f for f in FORMATS for suffix in f.suffixes}


def format_named(name: str) -> FileFormat:
    """The format called ``name`` (``csv``, ``geojson``, ...).

    Raises:
        ValueError: no format has that name.
    """
    for candidate in FORMATS:
        if candidate.name == name:
            return candidate
    raise ValueError(f"unknown format {name!r}; use one of {[f.name for f in FORMATS]}")


def suffixes_of(*names: str) -> frozenset[str]:
    """The file suffixes of the formats named."""
    return frozenset(s for name in names for s in format_named(name).suffixes)


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except OSError:
        return b""


def input_format(path: str | os.PathLike[str]) -> FileFormat:
    """The format of an input file or directory: by suffix, then by content.

    A ``.json`` file holding a GeoJSON FeatureCollection is GeoJSON; a file without a
    suffix is recognised by its first bytes (Parquet, a workbook, JSON), else read as CSV.

    Raises:
        InputError: the suffix names no format eventdata reads.
    """
    path = Path(path)
    if path.is_dir():
        return next(f for f in FORMATS if f.directory)
    suffix = path.suffix.lower()
    named = _BY_SUFFIX.get(suffix)
    if named is not None and named.sniff is None:
        return named
    head = _head(path)
    if named is not None:  # a suffix whose content may say more (.json holding GeoJSON)
        for candidate in FORMATS:
            if candidate.sniff is not None and candidate.sniff(head):
                if candidate.name in ("records", "geojson", named.name):
                    return candidate
        return named
    if suffix == "":
        for candidate in FORMATS:
            if candidate.sniff is not None and candidate.sniff(head):
                return candidate
        return format_named("csv")
    known = ", ".join(sorted(_BY_SUFFIX))
    raise InputError(f"unknown file type {suffix!r}; expected one of {known}", path=path)


def output_format(path: str | os.PathLike[str]) -> FileFormat | None:
    """The format an output path names by its suffix, when eventdata writes it; else None."""
    found = _BY_SUFFIX.get(Path(path).suffix.lower())
    return found if found is not None and found.writer is not None else None
