"""JSON and JSON Lines inputs: ACLED API responses, record lists and pandas ``to_json`` files.

Every value becomes its text (numbers as written, ``None`` as null), as CSV cells are, so
validation sees what the file holds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventdata.exceptions import InputError
from eventdata.io.csv_header import PEEK_BYTES
from eventdata.io.dialects import known_column_names
from eventdata.schema.text import Dialect

__all__ = ["read_json_table", "table_from_records"]


def read_json_table(path: Path) -> tuple[pa.Table, Dialect]:
    """A JSON document or JSON Lines file as an all-text table, and what was recognised."""
    with open(path, "rb") as fh:
        head = fh.read(PEEK_BYTES).lstrip(b"\xef\xbb\xbf").lstrip()
    dialect = Dialect(format="json")
    if head.startswith(b"{") and path.suffix.lower() == ".json":
        with open(path, encoding="utf-8-sig") as fh:
            document = json.load(fh)
        records = _records_of(document, dialect, path)
    elif head.startswith(b"["):
        with open(path, encoding="utf-8-sig") as fh:
            records = json.load(fh)
    else:
        dialect.format = "jsonl"
        with open(path, encoding="utf-8-sig") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InputError(
            "JSON must hold a list of records (objects); pandas' orient='values' has no "
            "column names: write df.to_json(orient='records') instead",
            path=path,
        )
    return table_from_records(records), dialect


def _records_of(document: Any, dialect: Dialect, path: Path) -> Any:
    """The records of a JSON document: an ACLED API response, or a pandas ``to_json`` orient.

    Raises:
        InputError: an API error response, or pandas' ``values`` orient (no column names).
    """
    if not isinstance(document, dict):
        return document
    known = set(known_column_names().values())
    data = document.get("data")
    if "columns" in document and isinstance(data, list):  # orient="split"
        columns = document["columns"]
        dialect.notes.append("read a pandas to_json(orient='split') document")
        return [dict(zip(columns, row, strict=False)) for row in data]
    if data is not None:
        if document.get("success") is False:
            raise InputError(
                f"is an ACLED API error response: {document.get('error')!r}", path=path
            )
        if "schema" in document:
            dialect.notes.append("read a pandas to_json(orient='table') document")
        else:
            dialect.notes.append("read the 'data' array of an ACLED API response")
        return data
    values = list(document.values())
    if values and all(isinstance(v, dict) for v in values):
        if known & set(document):  # orient="columns", pandas' default
            dialect.notes.append("read a pandas to_json() document (orient='columns')")
            index = list(dict.fromkeys(key for column in values for key in column))
            return [{c: document[c].get(i) for c in document} for i in index]
        if known & set(values[0]):  # orient="index"
            dialect.notes.append("read a pandas to_json(orient='index') document")
            return values
    if not known & set(document):
        raise InputError(
            "is a JSON object but neither records nor a pandas to_json document with ACLED "
            "columns; write the frame with df.to_json(orient='records') or to_json(path, "
            "orient='records', lines=True)",
            path=path,
        )
    return [document]


def table_from_records(records: list[dict[str, Any]]) -> pa.Table:
    """An all-text table from JSON-like records; numbers become their text, None stays null."""
    names: dict[str, None] = {}
    for record in records:
        names.update(dict.fromkeys(record))
    columns = {
        name: pa.array([_text(record.get(name)) for record in records], pa.string())
        for name in names
    }
    return pa.table(columns) if columns else pa.table({})


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
