"""JSON and JSON Lines inputs: ACLED API responses, record lists and pandas ``to_json`` files.

Every value becomes its text (numbers as written, ``None`` as null), as CSV cells are, so
validation sees what the file holds.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventdata.exceptions import InputError
from eventdata.io.csv_header import PEEK_BYTES
from eventdata.io.dialects import known_column_names
from eventdata.io.formats import ReadOptions, input_format
from eventdata.schema.text import Dialect

__all__ = ["read_json_file", "read_json_table", "table_from_records"]


def read_json_table(path: Path) -> tuple[pa.Table, Dialect]:
    """A JSON document or JSON Lines file as an all-text table, and what was recognised."""
    with open(path, "rb") as fh:
        head = fh.read(PEEK_BYTES).lstrip(b"\xef\xbb\xbf").lstrip()
    dialect = Dialect(format="json")
    if head.startswith(b"{") and path.suffix.lower() == ".json":
        document = _load_document(path)
        records = _records_of(document, dialect, path)
    elif head.startswith(b"["):
        records = _load_document(path)
    else:
        dialect.format = "jsonl"
        with open(path, "rb") as fh:
            records = json_lines(fh.read(), path=path)
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InputError(
            "JSON must hold a list of records (objects); pandas' orient='values' has no "
            "column names: write df.to_json(orient='records') instead",
            path=path,
        )
    return table_from_records(records, path=path), dialect


_BOM = b"\xef\xbb\xbf"

_TOO_DEEP = (
    "nests arrays or objects deeper than the JSON reader allows; event records are flat "
    "objects of column: value"
)


def _load_document(path: Path) -> Any:
    """One JSON document, its errors as :class:`InputError` naming line and column."""
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        return json.loads(data.removeprefix(_BOM).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not UTF-8 JSON (byte {exc.start + 3 * data.startswith(_BOM)}: "
            f"{data[exc.start : exc.start + 4]!r}); save it as UTF-8",
            path=path,
        ) from None
    except RecursionError:
        raise InputError(_TOO_DEEP, path=path) from None
    except json.JSONDecodeError as exc:
        hint = (
            "; if it holds one JSON object per line, name it .jsonl"
            if exc.msg == "Extra data"
            else ""
        )
        raise InputError(
            f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}{hint}",
            path=path,
        ) from None


def json_lines(data: bytes, *, path: Path, first_line: int = 1) -> list[dict[str, Any]]:
    """The records of JSON Lines text (one object per line; blank lines skipped).

    Shared by the whole-file and the streamed readers, so that both read the same rows.

    Args:
        data: whole lines of the file (a leading BOM is skipped).
        path: the file, for messages.
        first_line: the file's line number of the first line of ``data``.

    Raises:
        InputError: a line is not UTF-8, not JSON, nested too deep, or not an object;
            the message names its line.
    """
    records: list[dict[str, Any]] = []
    for number, line in enumerate(data.removeprefix(_BOM).split(b"\n"), start=first_line):
        if not line.strip():
            continue
        where = f"line {number}: "
        try:
            record = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{where}is not UTF-8 ({line[exc.start : exc.start + 4]!r}); save the file "
                "as UTF-8",
                path=path,
            ) from None
        except RecursionError:
            raise InputError(where + _TOO_DEEP, path=path) from None
        except json.JSONDecodeError as exc:
            raise InputError(
                f"{where}is not a JSON object ({exc.msg}, column {exc.colno}); JSON Lines "
                "hold one object per line",
                path=path,
            ) from None
        if not isinstance(record, dict):
            raise InputError(
                f"{where}holds a JSON {type(record).__name__}, not an object (a record of "
                "column: value)",
                path=path,
            )
        records.append(record)
    return records


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


def table_from_records(records: list[dict[str, Any]], *, path: Path | None = None) -> pa.Table:
    """An all-text table from JSON-like records; numbers become their text, None stays null.

    Raises:
        InputError: there are records, but none has a field (``[{}, {}]``): no row could
            be read.
    """
    names: dict[str, None] = {}
    for record in records:
        names.update(dict.fromkeys(record))
    if records and not names:
        raise InputError(
            f"holds {len(records)} record(s), but none has a field; write the events as "
            "objects of column: value",
            path=path,
        )
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


def read_json_file(path: Path, options: ReadOptions) -> tuple[pa.Table, Dialect]:
    """A JSON or JSON Lines file (the ``json`` and ``jsonl`` rows of the format table).

    Raises:
        InputError: the file ends inside its last record (a cut-off download), unless
            ``on_truncated="invalid"`` reads a JSON Lines file's complete records.
    """
    try:
        return read_json_table(path)
    except (json.JSONDecodeError, InputError) as exc:
        data = path.read_bytes()
        lines = data.split(b"\n")
        line = len(lines)
        if not _cut_json(data, lines, lines_format=input_format(path).name == "jsonl"):
            raise
        cause = (
            f"the last record (line {line}) is incomplete: the file ends inside it "
            "(a cut-off download?)"
        )
        if input_format(path).name != "jsonl":
            raise InputError(
                f"the file ends inside its JSON document (line {line}; a cut-off "
                "download?); download the file again",
                path=path,
            ) from exc
        if options.on_truncated != "invalid":
            raise InputError(
                f"{cause}; download the file again, or read the complete records with "
                "on_truncated='invalid' (--on-truncated invalid), which reports the cut "
                "record as an invalid row",
                path=path,
            ) from exc
    records = [json.loads(text) for text in lines[:-1] if text.strip()]
    found = re.search(rb'"event_id_cnty"\s*:\s*"([^"]*)"', lines[-1], re.IGNORECASE)
    records.append({"event_id_cnty": found.group(1).decode() if found else None})
    dialect = Dialect(format="jsonl", cut_record=cause)
    dialect.notes.append(
        f"{cause}; read the complete records and the cut one as a row with only its id, "
        "reported invalid"
    )
    return table_from_records(records), dialect


def _cut_json(data: bytes, lines: list[bytes], *, lines_format: bool) -> bool:
    """Whether a JSON (Lines) file that failed to read ends inside its last record."""
    if data.endswith(b"\n"):
        return False
    try:
        json.loads(lines[-1] if lines_format else data)
    except json.JSONDecodeError as exc:
        # one document: cut when its parse fails at its very end
        return lines_format or exc.pos >= len(data.rstrip()) - 1
    return False
