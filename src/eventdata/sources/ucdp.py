"""Reading UCDP GED files into typed tables and DataFrames.

``read_ged`` reads any input :func:`~eventdata.io.readers.read_raw` reads (GED CSV with
newlines inside quoted fields, JSON, Parquet, a DataFrame or an Arrow table) as text and
parses it with :mod:`eventdata.validation.ged`. See ``docs/ucdp.md``.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd
import pyarrow as pa

from eventdata.io.readers import read_raw
from eventdata.schema.text import RawTable
from eventdata.validation.ged import GED_DIALECT, parse_ged, prepare_ged, typed_table
from eventdata.validation.parse import refuse_lossy

__all__ = ["read_ged", "read_ged_table", "read_raw_ged"]


def read_raw_ged(source: Any, /) -> RawTable:
    """Read any GED input as a text table, marked as GED."""
    return prepare_ged(source if isinstance(source, RawTable) else read_raw(source))


def read_ged_table(source: Any, /, *, errors: Literal["raise", "coerce"] = "raise") -> pa.Table:
    """Read a GED file or table into a typed Arrow table (:func:`ged_arrow_schema`).

    Args:
        source: a path to a GED CSV (also JSON, JSON Lines or Parquet), a pandas DataFrame
            or a pyarrow Table.
        errors: ``"raise"`` (default) refuses values that would be lost because they do
            not parse as their column's type or lie outside its bounds; ``"coerce"`` reads
            them as missing values.

    Raises:
        InputError: the input cannot be read, or (``errors="raise"``) holds values that do
            not parse; the message names the column, rule and rows.

    """
    parsed = parse_ged(read_raw_ged(source))
    if errors == "raise":
        refuse_lossy(parsed, validator="eventdata.validate_ged")
    return typed_table(parsed)


def read_ged(source: Any, /, *, errors: Literal["raise", "coerce"] = "raise") -> pd.DataFrame:
    """Read UCDP GED data into a typed DataFrame with Arrow-backed dtypes.

    The 49 GED columns come in file order (extra columns after them, as text): integers
    as ``int64[pyarrow]``, coordinates ``double[pyarrow]``, ``date_start``/``date_end``
    ``date32[day][pyarrow]``, text ``string[pyarrow]``, ``gwnoa``/``gwnob`` as
    ``list<int64>[pyarrow]`` (``"2;200;900"`` -> ``[2, 200, 900]``); blanks and ``NA``
    are ``<NA>``. Cross-field rules are not checked here: use :func:`validate_ged`.

    Args:
        source: a path to a GED CSV (also JSON, JSON Lines or Parquet), a pandas DataFrame
            or a pyarrow Table.
        errors: ``"raise"`` (default) or ``"coerce"``, see :func:`read_ged_table`.

    Raises:
        InputError: the input cannot be read, or holds values that do not parse.

    """
    frame: pd.DataFrame = read_ged_table(source, errors=errors).to_pandas(
        types_mapper=pd.ArrowDtype
    )
    frame.attrs["eventdata.dialect"] = GED_DIALECT
    return frame
