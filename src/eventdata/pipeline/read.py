"""``read_acled``: any ACLED dialect or format in, canonical columns out."""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd
import pyarrow as pa

from eventdata.io.readers import read_raw
from eventdata.validation.parse import Parsed, parse, refuse_lossy

__all__ = ["read_acled", "read_canonical_table"]


def read_canonical_table(
    source: Any,
    /,
    *,
    errors: Literal["raise", "coerce"] = "raise",
    date_format: str | None = None,
    encoding: str | None = None,
) -> tuple[pa.Table, Parsed]:
    """Read any supported input into the canonical Arrow table.

    Returns:
        The canonical table and the parse result (dialect, failures found while parsing).
    """
    from eventdata.schema.arrow import conform

    parsed = parse(read_raw(source, date_format=date_format, encoding=encoding))
    if errors == "raise":
        refuse_lossy(parsed, validator="eventdata.validate")
    return conform(parsed.table()), parsed


def read_acled(
    source: Any,
    /,
    *,
    errors: Literal["raise", "coerce"] = "raise",
    date_format: str | None = None,
    encoding: str | None = None,
    lists: bool = False,
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

    Raises:
        InputError: the input cannot be read, holds dates that read two ways, or
            (``errors="raise"``) holds unparseable values; a UCDP GED table is refused
            naming ``read_ged``.
        NotEventDataError: the input is not one event per row (an aggregate table).
    """
    from eventdata.schema.arrow import table_to_pandas

    table, parsed = read_canonical_table(
        source, errors=errors, date_format=date_format, encoding=encoding
    )
    frame = table_to_pandas(table, lists=lists)
    frame.attrs["eventdata.dialect"] = parsed.raw.dialect.name
    frame.attrs["eventdata.date_format"] = parsed.raw.dialect.date_format
    return frame
