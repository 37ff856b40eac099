"""What marks a records file, cheap to import: the format name, suffixes and a sniff."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "JSON_SUFFIXES",
    "RECORDS_FORMAT",
    "RECORDS_TEXT_SUFFIXES",
    "YAML_SUFFIXES",
    "is_records_document",
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
