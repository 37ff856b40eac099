"""The column names of a streamed file, from its first lines, without reading it whole.

``convert`` asks them to decide, before streaming, whether the file's dataset is streamed
(the canonical ACLED table) or read whole (a dataset with a mapping); each streamed format
names its function in the table of formats (``FileFormat.header``).
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["csv_names", "jsonl_names"]


def csv_names(path: Path) -> list[str]:
    """The names in a CSV file's header (its dialect sniffed from the first lines)."""
    from eventdata.io.csv_header import sniff_csv_header

    return list(sniff_csv_header(path, scan=False).names)


def jsonl_names(path: Path) -> list[str]:
    """The keys of a JSON Lines file's first record (none when it cannot be read)."""
    with open(path, "rb") as fh:
        while line := fh.readline(1 << 20):  # a first record over 1 MiB: none
            if line.strip():
                try:
                    record = json.loads(line.removeprefix(b"\xef\xbb\xbf"))
                except (ValueError, RecursionError):
                    return []
                return [str(key) for key in record] if isinstance(record, dict) else []
    return []
