"""Rich records files read as event data: the ACLED rows the records lower to."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from eventdata.io.formats import ReadOptions
from eventdata.io.normalize import normalize
from eventdata.io.table_input import from_events
from eventdata.schema.text import Dialect, RawTable

__all__ = ["read_lowered", "read_records_file"]


def read_records_file(path: Path, options: ReadOptions) -> RawTable:
    """A YAML or JSON records file (the ``records`` row of the format table)."""
    return read_lowered(path)


def read_lowered(path: Path) -> RawTable:
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
    return normalize(events if events is not None else pa.table({}), dialect, path)
