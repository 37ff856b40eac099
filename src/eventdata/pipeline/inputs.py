"""Any input as event data: rich records lowered to their ACLED rows, every other input read.

The readers of ``io/`` read a file as its format holds it; a records file
(``write_records``: YAML, JSON or Parquet) holds rich records, which are not rows of
events. :func:`read_input`, which the entry points (``validate``, ``read_acled``,
``to_parquet``, ``convert``, ``write_acled``, ``report``, ``describe``) read their input
with, reads such a file as records and lowers them to the ACLED rows they code; an
``EventCollection`` is lowered the same way. Anything else goes to
:func:`~eventdata.io.readers.read_raw`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
from typing_extensions import Unpack

from eventdata.io.normalize import normalize
from eventdata.io.readers import ReadKeywords, check_read_options, read_file, read_raw
from eventdata.io.records_format import is_records_file
from eventdata.io.table_input import from_events
from eventdata.schema.text import Dialect, RawTable

__all__ = ["read_input"]


def read_input(source: Any, /, **options: Unpack[ReadKeywords]) -> RawTable:
    """Read any input as event data: :func:`~eventdata.io.readers.read_raw`'s, and records.

    Args:
        source: what ``read_raw`` reads, a records file (``write_records``: ``.yaml``,
            ``.json`` or Parquet), or an ``EventCollection``; records are lowered to
            their ACLED rows, and the dialect's notes say how many, and which records
            give no row of their own.
        **options: ``read_raw``'s keyword options (``encoding``, ``date_format``, ...).

    Raises:
        InputError: the path is missing, of an unknown format, or not parseable.
        ValueError: ``date_format`` names no date style.
    """
    if _is_collection(source):
        from eventdata.models.lowering import lower

        source = lower(source)
    elif isinstance(source, (str, os.PathLike)) and is_records_file(Path(source)):
        date_format = options.get("date_format")
        check_read_options(
            date_format=date_format, on_truncated=options.get("on_truncated", "raise")
        )
        raw = read_file(Path(source), _lowered)
        raw.dialect.date_format = date_format
        return raw
    return read_raw(source, **options)


def _is_collection(source: Any) -> bool:
    """Whether ``source`` is an ``EventCollection`` (never one before its module is imported)."""
    module = sys.modules.get("eventdata.models.collection")
    return module is not None and isinstance(source, module.EventCollection)


def _lowered(path: Path) -> RawTable:
    """A records file (Parquet, YAML or JSON) as the ACLED rows its records lower to."""
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
