"""Reading UCDP GED files into typed tables and DataFrames.

``read_ged`` reads any input :func:`~eventdata.io.readers.read_raw` reads (GED CSV with
newlines inside quoted fields, JSON, Parquet, a DataFrame or an Arrow table) as text and
parses it as the ``ucdp`` dataset (:mod:`eventdata.datasets.ucdp`). See ``docs/ucdp.md``.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from typing_extensions import Unpack

from eventdata.datasets import DATASETS
from eventdata.pipeline.read import ReaderOptions, read_dataset_table
from eventdata.sources._contract import Errors, documented, frame_reader

__all__ = ["read_ged", "read_ged_table"]

_GED = DATASETS["ucdp"]


@documented("read_table", _GED)
def read_ged_table(
    source: Any, /, *, errors: Errors = "raise", **options: Unpack[ReaderOptions]
) -> pa.Table:
    """Read a GED file or table into its typed Arrow table.

    GED's CSV files hold newlines inside quoted fields; its releases from 2.0 on read
    (older column names as they are called now).
    """
    return read_dataset_table(source, dataset=_GED, errors=errors, **options)


read_ged = frame_reader(
    _GED,
    """Read UCDP GED data into a typed DataFrame with Arrow-backed dtypes.

    The 49 GED columns come in file order (extra columns after them, as text): integers
    as ``int64[pyarrow]``, coordinates ``double[pyarrow]``, ``date_start``/``date_end``
    ``date32[day][pyarrow]``, text ``string[pyarrow]``, ``gwnoa``/``gwnob`` as
    ``list<int64>[pyarrow]`` (``"2;200;900"`` -> ``[2, 200, 900]``); blanks and ``NA``
    are ``<NA>``. Cross-field rules are not checked here: use
    ``eventdata.validate(source, dataset="ucdp")``.
    """,
)
