"""What marks a records file, cheap to import: the format name, suffixes and a sniff.

A records file holds rich records, not rows of events: the readers of event data refuse it
(:func:`records_not_events`, the ``records`` row's reader), and the pipeline, which knows
it by :func:`is_records_file`, reads it with ``read_records`` and lowers its records to
ACLED rows (``eventdata.pipeline.inputs``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn

from eventdata.exceptions import InputError

__all__ = [
    "JSON_SUFFIXES",
    "RECORDS_FORMAT",
    "RECORDS_TEXT_SUFFIXES",
    "YAML_SUFFIXES",
    "is_records_document",
    "is_records_file",
    "is_records_schema",
    "records_not_events",
]

RECORDS_FORMAT = "eventdata.records/1"
"""The ``format`` of records files and the ``eventdata.format`` of records Parquet."""
YAML_SUFFIXES = frozenset({".yaml", ".yml"})
JSON_SUFFIXES = frozenset({".json"})
RECORDS_TEXT_SUFFIXES = YAML_SUFFIXES | JSON_SUFFIXES


def is_records_document(path: Path) -> bool:
    """Whether a YAML or JSON file is a records file (a JSON event list is not)."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return True
    if suffix not in JSON_SUFFIXES or not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(4096).decode("utf-8", errors="replace")
    return '"record_type"' in head or f'"{RECORDS_FORMAT}"' in head


def is_records_schema(metadata: Mapping[bytes, bytes] | None) -> bool:
    """Whether a Parquet schema's metadata marks a records table written by ``write_records``."""
    return metadata is not None and b"eventdata.format" in metadata


def is_records_file(path: Path) -> bool:
    """Whether a path is a records file: YAML or JSON records, or a records Parquet file.

    A path that is missing or cannot be read is not one (its reader says why).
    """
    from eventdata.io.formats import input_format

    if not path.exists():
        return False
    found = input_format(path).name
    if found != "parquet":
        return found == "records"
    import pyarrow as pa
    import pyarrow.dataset as ds

    try:
        schema = ds.dataset(path, format="parquet", partitioning="hive").schema
    except (pa.ArrowException, OSError):
        return False
    return is_records_schema(schema.metadata)


def records_not_events(path: Path, options: object = None) -> NoReturn:
    """The ``records`` row's reader: a records file holds records, not rows of events.

    Raises:
        InputError: always, saying how the file is read.
    """
    raise InputError(
        "is a records file (write_records), not a table of events; read it with "
        "eventdata.read_records, or pass it to validate, read_acled, to_parquet or convert, "
        "which lower its records to ACLED rows",
        path=path,
    )
