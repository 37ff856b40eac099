"""``read_acled``: any ACLED dialect or format in, canonical columns out."""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd
import pyarrow as pa

from eventdata.io.readers import read_raw
from eventdata.validation.engine import Parsed, parse, refuse_lossy

__all__ = ["read_acled", "read_canonical_table"]


def read_canonical_table(
    source: Any, /, *, errors: Literal["raise", "coerce"] = "raise"
) -> tuple[pa.Table, Parsed]:
    """Read any supported input into the canonical Arrow table.

    Returns:
        The canonical table and the parse result (dialect, failures found while parsing).
    """
    from eventdata.io.arrow import conform

    parsed = parse(read_raw(source))
    if errors == "raise":
        refuse_lossy(parsed, validator="eventdata.validate")
    return conform(parsed.table()), parsed


def read_acled(source: Any, /, *, errors: Literal["raise", "coerce"] = "raise") -> pd.DataFrame:
    """Read ACLED data of any supported dialect and format into canonical columns.

    The result has the 31 current ACLED columns by name and in order (unknown columns kept
    after them), ``inter1``/``inter2``/``interaction`` as text labels whatever the input
    used, ``event_date`` as dates, numbers as numbers and the ``; ``-joined fields as
    lists. Columns use Arrow-backed pandas dtypes.

    Args:
        source: a path to CSV, JSON, JSON Lines or Parquet, a DataFrame or a pyarrow Table.
        errors: ``"raise"`` (default) refuses values that would be lost because they do not
            parse as their column's type (e.g. ``fatalities="many"``); ``"coerce"`` reads
            them as missing. Vocabulary problems never lose data and do not raise here: use
            :func:`eventdata.validate` to check the codebook.

    Raises:
        InputError: the input cannot be read, or (``errors="raise"``) holds unparseable values.
    """
    from eventdata.io.arrow import table_to_pandas

    table, parsed = read_canonical_table(source, errors=errors)
    frame = table_to_pandas(table)
    frame.attrs["eventdata.dialect"] = parsed.raw.dialect.name
    return frame
