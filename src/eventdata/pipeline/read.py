"""``read_acled``: any ACLED dialect or format in, canonical columns out."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
from typing_extensions import Unpack

from eventdata._warn import outside_stacklevel
from eventdata.datasets import DATASETS, Dataset
from eventdata.exceptions import CutRecordWarning
from eventdata.io.formats import Errors, ReaderOptions
from eventdata.pipeline.inputs import read_input
from eventdata.schema.text import RawTable
from eventdata.validation.parse import Parsed, parse, refuse_lossy, typed_table

__all__ = [
    "ReaderOptions",
    "check_reader_options",
    "read_acled",
    "read_canonical_table",
    "read_dataset_table",
]


def read_dataset_table(
    source: Any,
    /,
    *,
    dataset: Dataset,
    errors: Errors = "raise",
    **options: Unpack[ReaderOptions],
) -> pa.Table:
    """Read any supported input as ``dataset`` into its typed Arrow table.

    The reader contract: an input that is not ``dataset`` is refused, naming the reader
    that fits; no column comes back all null because the table was another dataset's.

    Args:
        source: a path (CSV, JSON, JSON Lines, Parquet, Excel), a DataFrame, an Arrow
            table, or a text table already read.
        dataset: the dataset to read it as.
        errors: ``"raise"`` refuses values that would be lost because they do not parse
            as their column's type; ``"coerce"`` reads them as missing.
        **options: how the input is read (:class:`ReaderOptions`).

    Raises:
        TypeError: an option the readers do not take (naming the dataset's reader).
        NotEventDataError: the input is not ``dataset``.
        InputError: the input cannot be read, or (``errors="raise"``) holds values that
            do not parse.
    """
    check_reader_options(options, function=dataset.reader, also=("errors",))
    raw = source if isinstance(source, RawTable) else read_input(source, **options)
    _warn_cut(raw)
    parsed = parse(raw, dataset)
    if errors == "raise":
        refuse_lossy(parsed, validator=f"eventdata.validate(..., dataset={dataset.name!r})")
    return typed_table(parsed)


def check_reader_options(
    options: Mapping[str, object], *, function: str, also: Iterable[str] = ()
) -> None:
    """Refuse a keyword a reader does not take, naming the reader and what it takes.

    Args:
        options: the ``**options`` given.
        function: the public reader, as the message names it (``eventdata.read_gtd``).
        also: the reader's own keywords besides :class:`ReaderOptions`' (``errors``).

    Raises:
        TypeError: an option not among :class:`ReaderOptions`' keys.
    """
    unknown = sorted(set(options) - set(ReaderOptions.__annotations__))
    if unknown:
        takes = ", ".join([*also, *ReaderOptions.__annotations__])
        raise TypeError(f"{function}() takes no option {', '.join(unknown)}; it takes {takes}")


def _warn_cut(raw: RawTable) -> None:
    """A cut-off last record read as an id-only row is said, not left to be found."""
    if raw.dialect.cut_record:
        where = f"{raw.source}: " if raw.source is not None else ""
        warnings.warn(
            f"{where}{raw.dialect.cut_record}; read as a row holding only its id "
            "(eventdata.validate() reports it invalid)",
            CutRecordWarning,
            stacklevel=outside_stacklevel(),
        )


def read_canonical_table(
    source: Any,
    /,
    *,
    errors: Errors = "raise",
    date_format: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
    on_truncated: Literal["raise", "invalid"] = "raise",
) -> tuple[pa.Table, Parsed]:
    """Read any supported input into the canonical Arrow table.

    Returns:
        The canonical table and the parse result (dialect, failures found while parsing).
    """
    from eventdata.schema.arrow import conform

    raw = read_input(
        source,
        date_format=date_format,
        encoding=encoding,
        sheet=sheet,
        on_truncated=on_truncated,
    )
    _warn_cut(raw)
    parsed = parse(raw, DATASETS["acled"])
    if errors == "raise":
        refuse_lossy(parsed, validator="eventdata.validate()")
    return conform(parsed.table()), parsed


def read_acled(
    source: Any,
    /,
    *,
    errors: Errors = "raise",
    date_format: str | None = None,
    encoding: str | None = None,
    lists: bool = False,
    sheet: str | int | None = None,
    on_truncated: Literal["raise", "invalid"] = "raise",
    tags: bool = False,
) -> pd.DataFrame:
    """Read ACLED data of any supported dialect and format into canonical columns.

    The result has the 31 current ACLED columns by name and in order (unknown columns kept
    after them), ``inter1``/``inter2``/``interaction`` as text labels whatever the input
    used, ``event_date`` as ``datetime64``, numbers as numbers (keeping nulls), the
    ``"; "``-joined fields as ACLED's text (``lists=True`` for lists), the codebook's closed
    vocabularies as categoricals with every codebook label, open text as
    ``string[pyarrow]`` (see :func:`eventdata.schema.arrow.table_to_pandas`).

    Args:
        source: a path to CSV, JSON, JSON Lines or Parquet, a DataFrame or a pyarrow Table.
        errors: ``"raise"`` (default) refuses values that would be lost because they do not
            parse as their column's type (e.g. ``fatalities="many"``); ``"coerce"`` reads
            them as missing. Vocabulary problems never lose data and do not raise here: use
            :func:`eventdata.validate` to check the codebook.
        date_format: the style of ``event_date`` (``"%d-%m-%y"``, ``"export-tool"``, ...;
            docs/dialects.md lists them); decided from the whole column and ``year`` when
            None, and refused when the column can be read two ways.
        encoding: the text encoding of a CSV file; detected when None (UTF-8, else
            Windows-1252, else Latin-1).
        lists: give ``source``, ``assoc_actor_*`` and ``tags`` as lists.
        sheet: the sheet of a workbook (name or 0-based index); when None, the sheet
            holding the table.
        on_truncated: ``"invalid"`` reads a file whose last record is cut off, the cut
            record as a row holding only its id (``validate`` reports it invalid; a
            :class:`~eventdata.CutRecordWarning` names it); ``"raise"`` (default) refuses
            the file, naming the line.
        tags: add ACLED's tags as typed columns (crowd size text and bounds, one boolean
            per known tag, unknown tags kept; see :func:`eventdata.parse_tags`).

    Raises:
        InputError: the input cannot be read, holds dates that read two ways, or
            (``errors="raise"``) holds unparseable values; a UCDP GED table is refused
            naming ``read_ged``.
        NotEventDataError: the input is not one event per row (an aggregate table).
    """
    from eventdata.schema.arrow import table_to_pandas

    table, parsed = read_canonical_table(
        source,
        errors=errors,
        date_format=date_format,
        encoding=encoding,
        sheet=sheet,
        on_truncated=on_truncated,
    )
    frame = table_to_pandas(table, lists=lists)
    frame.attrs["eventdata.dialect"] = parsed.raw.dialect.name
    frame.attrs["eventdata.date_format"] = parsed.raw.dialect.date_format
    if tags:
        from eventdata.pipeline.tags import parse_tags

        frame = parse_tags(frame)
    return frame
