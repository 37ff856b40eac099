"""Reader errors in words: what went wrong in a file, where, and how to fix it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa

from eventdata.io.csv_header import sniff_csv_header

__all__ = ["explain_read_error", "first_line"]


def explain_read_error(exc: BaseException, path: Path, encoding: str | None = None) -> str:
    """A reader error in words that say where and how to fix it."""
    message = first_line(exc)
    if "Expected" in message and "columns, got" in message:
        return (
            f"a record has a different number of fields than the header ({message}); "
            "quote values that contain commas or line breaks"
        )
    if "invalid UTF8" in message:
        match = re.search(r"column #(\d+)", message)
        where = ""
        if match:
            names = sniff_csv_header(path).names
            index = int(match.group(1))
            where = f" in column {names[index]!r}" if index < len(names) else ""
        return (
            f"is not {encoding or 'UTF-8'} text{where}; pass the file's encoding "
            "(encoding='cp1252' in Python, --encoding cp1252 on the command line), or leave "
            "it out to have it detected"
        )
    if isinstance(exc, json.JSONDecodeError) and "Extra data" in message:
        return (
            f"is not one JSON document ({message}); if it holds one JSON object per line, "
            "name it .jsonl"
        )
    if isinstance(exc, (pa.ArrowNotImplementedError, pa.ArrowTypeError)):
        return (
            f"has a column eventdata cannot read as text ({message}); event data holds "
            "flat columns: flatten nested (struct, map) columns before reading"
        )
    if isinstance(exc, RecursionError):
        return "nests values deeper than the reader allows; event records are flat"
    return f"cannot be read: {message}"


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message, or its type's name when it has none."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
