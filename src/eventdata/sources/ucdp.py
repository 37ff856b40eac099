"""Reading UCDP GED files into typed tables and DataFrames.

``read_ged`` reads any input :func:`~eventdata.io.readers.read_raw` reads (GED CSV with
newlines inside quoted fields, JSON, Parquet, a DataFrame or an Arrow table) as text and
parses it as the ``ucdp`` dataset (:mod:`eventdata.datasets.ucdp`). See ``docs/ucdp.md``.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd
import pyarrow as pa

from eventdata.datasets import DATASETS
from eventdata.pipeline.read import read_dataset_table
from eventdata.sources._mapping import typed_frame

__all__ = ["read_ged", "read_ged_table"]

_GED = DATASETS["ucdp"]


def read_ged_table(source: Any, /, *, errors: Literal["raise", "coerce"] = "raise") -> pa.Table:
    """Read a GED file or table into a typed Arrow table (the dataset's ``arrow_schema()``).

    Args:
        source: a path to a GED CSV (also JSON, JSON Lines or Parquet), a pandas DataFrame
            or a pyarrow Table.
        errors: ``"raise"`` (default) refuses values that would be lost because they do
            not parse as their column's type or lie outside its bounds; ``"coerce"`` reads
            them as missing values.

    Raises:
        InputError: the input cannot be read, or (``errors="raise"``) holds values that do
            not parse; the message names the column, rule and rows.
        NotEventDataError: the input is not UCDP GED (naming the reader that fits).
    """
    return read_dataset_table(source, dataset=_GED, errors=errors)


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
        NotEventDataError: the input is not UCDP GED (naming the reader that fits).

    """
    return typed_frame(read_ged_table(source, errors=errors), _GED)
