"""The ``eventdata`` key-value metadata of written files, and the schema version check.

The entry is JSON under :data:`eventdata.schema.arrow.METADATA_KEY`: the eventdata and schema
versions, the source dialect, the row count, the partition columns and the validation
summary. A file written under a newer major schema version is refused on reading.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from eventdata._version import SCHEMA_VERSION, __version__
from eventdata.exceptions import InputError, SchemaVersionError
from eventdata.schema.arrow import METADATA_KEY

__all__ = ["check_version", "file_metadata", "merge_metadata", "validation_metadata"]


def file_metadata(
    *,
    dialect: str | None,
    rows: int | None,
    validation: dict[str, Any] | None,
    partition_by: Sequence[str] | None = None,
) -> dict[str, str]:
    """The ``eventdata`` key-value metadata entry (JSON) of a written file."""
    document = {
        "eventdata_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "source_dialect": dialect,
        "rows": rows,
        "partition_by": list(partition_by) if partition_by else None,
        "validation": validation,
    }
    return {METADATA_KEY: json.dumps(document)}


def _major(version: str) -> int:
    try:
        return int(str(version).split(".")[0])
    except ValueError:
        return 0


def check_version(metadata: dict[bytes, bytes] | None, where: object, /) -> None:
    """Raise SchemaVersionError when a file was written under a newer major schema."""
    raw = (metadata or {}).get(METADATA_KEY.encode())
    if raw is None:
        return  # not written by eventdata: read it, conform checks the columns
    try:
        document = json.loads(raw)
    except ValueError:
        raise InputError(
            f"unreadable '{METADATA_KEY}' metadata: {raw[:80]!r}", path=where
        ) from None
    found = str(document.get("schema_version", "0"))
    if _major(found) > _major(SCHEMA_VERSION):
        raise SchemaVersionError(
            f"{where}: written with eventdata schema {found} "
            f"(eventdata {document.get('eventdata_version', '?')}); this eventdata "
            f"{__version__} reads schema {_major(SCHEMA_VERSION)}.x and older. "
            "Upgrade eventdata (pip install -U eventdata) to read it."
        )


def merge_metadata(*parts: dict[Any, Any] | None) -> dict[str, str]:
    """Merge schema metadata dicts (bytes or str keys); later parts win."""
    merged: dict[str, str] = {}
    for part in parts:
        for key, value in (part or {}).items():
            k = key.decode() if isinstance(key, bytes) else str(key)
            merged[k] = value.decode() if isinstance(value, bytes) else str(value)
    return merged


def validation_metadata(
    summary: dict[str, Any] | None, *, on_invalid: str, rows_dropped: int
) -> dict[str, Any] | None:
    """The ``validation`` entry of the ``eventdata`` metadata."""
    if summary is None:
        return None
    return {
        "on_invalid": on_invalid,
        "ok": summary.get("ok"),
        "n_rows": summary.get("n_rows"),
        "n_invalid": summary.get("n_invalid"),
        "n_errors": summary.get("n_errors"),
        "n_warnings": summary.get("n_warnings"),
        "rows_dropped": rows_dropped,
        "counts": summary.get("counts", {}),
    }
