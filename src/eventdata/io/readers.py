"""Reading any supported input into an all-text Arrow table and its dialect.

Validation and conversion start from text exactly as the input holds it, so that a value
that does not parse is reported (with its row) rather than lost in a type guess.

A path is read by its row of the table of formats (:mod:`eventdata.io.formats`: CSV in
:mod:`~eventdata.io.csv_input`, JSON in :mod:`~eventdata.io.json_input`, Parquet in
:mod:`~eventdata.io.parquet_input`, ...); every input then goes through
:func:`~eventdata.io.normalize.normalize`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, Literal, TypedDict, TypeVar

import pyarrow as pa
from typing_extensions import Unpack

from eventdata.exceptions import EventdataError, InputError
from eventdata.io.formats import ReadOptions, input_format
from eventdata.io.json_input import table_from_records
from eventdata.io.normalize import normalize
from eventdata.io.read_errors import explain_read_error, first_line
from eventdata.io.table_input import as_text, from_events, from_pandas, from_polars, is_dataframe
from eventdata.models.dates import decision_named
from eventdata.schema.text import Dialect, RawTable, file_stamp

__all__ = [
    "RawTable",
    "ReadKeywords",
    "check_read_options",
    "explain_read_error",
    "read_file",
    "read_raw",
    "table_from_records",
]

PathLike = str | os.PathLike[str]
_T = TypeVar("_T")


class ReadKeywords(TypedDict, total=False):
    """The keyword options of :func:`read_raw` and the readers that hand them on.

    Each is optional; they are the fields of :class:`~eventdata.io.formats.ReadOptions`,
    typed for ``**options``.
    """

    block_size: int | None
    skip: Collection[str]
    encoding: str | None
    sheet: str | int | None
    date_format: str | None
    on_truncated: Literal["raise", "invalid"]


def read_raw(source: Any, /, **options: Unpack[ReadKeywords]) -> RawTable:
    """Read a path, DataFrame or Arrow table into a :class:`RawTable`.

    Args:
        source: a path (``str`` / ``PathLike``) to CSV, JSON, JSON Lines, GeoJSON, Excel or
            Parquet (file or dataset directory; io/formats.py lists them), a pandas or
            polars DataFrame (or LazyFrame), a pyarrow Table, a sequence of ``Event``
            objects, or a ``RawTable`` (returned as it is). A records file
            (``write_records``) is refused: ``eventdata.pipeline.inputs.read_input``
            lowers it, and an ``EventCollection``, to ACLED rows.
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
        InputError: the path is missing, of an unknown format, not parseable, or a
            records file.
        ValueError: ``date_format`` names no date style.
    """
    if isinstance(source, RawTable):
        return source
    try:
        read = ReadOptions(**options)
    except TypeError:
        unknown = sorted(set(options) - set(ReadKeywords.__annotations__))
        raise TypeError(f"read_raw() takes no option {', '.join(unknown)}") from None
    check_read_options(date_format=read.date_format, on_truncated=read.on_truncated)
    raw = _read_any(source, read)
    raw.dialect.date_format = read.date_format
    return raw


def check_read_options(*, date_format: str | None, on_truncated: str) -> None:
    """Refuse an unknown date style or ``on_truncated`` before anything is read.

    Raises:
        ValueError: ``date_format`` names no date style, or ``on_truncated`` is neither
            ``"raise"`` nor ``"invalid"``.
    """
    if date_format is not None:
        decision_named(date_format)
    if on_truncated not in ("raise", "invalid"):
        raise ValueError(f"on_truncated must be 'raise' or 'invalid', not {on_truncated!r}")


def read_file(path: Path, read: Callable[[Path], _T], *, encoding: str | None = None) -> _T:
    """``read(path)``, with a missing path and the reader's surprises said as ``InputError``.

    Args:
        path: the input file or directory.
        read: the reader (a format's, or one reading the file otherwise).
        encoding: the encoding the file was read in, for the message of a decoding error.

    Raises:
        InputError: the path is missing, or the reader failed on the file's content.
    """
    if not path.exists():
        raise InputError("no such file or directory", path=path)
    try:
        return read(path)
    except EventdataError:
        raise
    except (pa.ArrowException, UnicodeDecodeError, OSError, RecursionError) as exc:
        raise InputError(explain_read_error(exc, path, encoding), path=path) from exc
    except (ValueError, TypeError, KeyError) as exc:  # a reader's own surprise
        raise InputError(explain_read_error(exc, path, encoding), path=path) from exc


def _read_any(source: Any, options: ReadOptions) -> RawTable:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        result = read_file(
            path, lambda p: input_format(p).read(p, options), encoding=options.encoding
        )
        if isinstance(result, RawTable):
            return result
        table, dialect = result
        raw = normalize(table, dialect, path)
        raw.stamp = file_stamp(path) if path.is_file() else None
        return raw
    try:
        if isinstance(source, pa.Table):
            return normalize(as_text(source), Dialect(format="table"), None)
        if is_dataframe(source):
            return normalize(as_text(from_pandas(source)), Dialect(format="dataframe"), None)
        polars = from_polars(source)
        if polars is not None:
            return normalize(as_text(polars), Dialect(format="polars"), None)
    except (pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
        raise InputError(
            f"the {type(source).__name__} has a column eventdata cannot read as text "
            f"({first_line(exc)}); flatten nested (struct, map) columns before reading"
        ) from None
    events = from_events(source)
    if events is not None:
        return normalize(events, Dialect(format="events"), None)
    raise InputError(
        f"cannot read {type(source).__name__}; pass a path, a pandas or polars DataFrame, a "
        "pyarrow Table, or Event objects (e.g. from eventdata.lower)"
    )
