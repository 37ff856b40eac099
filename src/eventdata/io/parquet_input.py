"""Parquet files and dataset directories (the ``parquet`` row of the table of formats) as text.

Every column is read as its text, as CSV cells are, so validation sees what the file holds;
the derived GeoParquet columns are left out. A rich-records table written by
``write_records`` is refused: it holds records, not events. The typed reader is
:func:`eventdata.io.parquet.read_parquet`.
"""

from __future__ import annotations

import os
from pathlib import Path

from eventdata.exceptions import InputError
from eventdata.io.formats import ReadOptions, suffixes_of
from eventdata.io.normalize import normalize
from eventdata.io.records_format import is_records_schema, records_not_events
from eventdata.io.table_input import as_text
from eventdata.schema.text import Dialect, RawTable

__all__ = ["read_parquet_file"]

CSV_SUFFIXES = suffixes_of("csv")


def read_parquet_file(path: Path, options: ReadOptions) -> RawTable:
    """A Parquet file or dataset directory (the ``parquet`` row of the format table)."""
    return _read_parquet(path)


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
    if is_records_schema(dataset.schema.metadata):  # rich records, not rows of events
        records_not_events(path)
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
    return normalize(as_text(table), dialect, path)
