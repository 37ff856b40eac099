"""Files cut off mid-record: a broken download, or a repository holding a file's first MiB.

When the CSV parser fails, the file's last record is looked at: if it stops before its
last field (or inside a quoted value), the cause is named with its line, and the caller
may read the complete records with the cut one as a row holding only its id, which
validation then reports invalid: never dropped silently.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyarrow as pa

from eventdata.io.csv_header import CsvHeader

__all__ = ["CutRecord", "find_cut_record"]

_ID_COLUMNS = ("event_id_cnty", "id", "eventid")


@dataclass(frozen=True)
class CutRecord:
    """The last record of a file, cut off.

    Attributes:
        line: the 1-based line of the file where the record starts.
        offset: the byte offset where it starts (the complete records end there).
        fields: the fields read of it, the last one perhaps cut.
        expected: the number of fields a record has (the header's).
        in_quotes: the file ends inside a quoted value.
    """

    line: int
    offset: int
    fields: tuple[str, ...]
    expected: int
    in_quotes: bool

    def describe(self) -> str:
        """The cause in words: where the last record stops."""
        where = "inside a quoted value" if self.in_quotes else "before its last field"
        return (
            f"the last record (line {self.line}) is incomplete: the file ends {where}, "
            f"after {len(self.fields)} of {self.expected} fields (a cut-off download?)"
        )

    def refusal(self) -> str:
        """The message refusing the file."""
        return (
            f"{self.describe()}; download the file again, or read the complete records "
            "with on_truncated='invalid' in Python (--on-truncated invalid on the command "
            "line), which reports the cut record as an invalid row"
        )

    def note(self) -> str:
        """The dialect note when the complete records were read."""
        return (
            f"{self.describe()}; read the complete records and the cut one as a row with "
            "only its id, reported invalid"
        )

    def append_to(self, table: pa.Table, names: list[str]) -> pa.Table:
        """``table`` with the cut record appended as a row holding only its id."""
        complete = self.fields[:-1]  # the last field read may itself be cut
        row: dict[str, str | None] = dict.fromkeys(table.column_names)
        lowered = [n.lower() for n in names]
        for candidate in _ID_COLUMNS:
            if candidate in lowered:
                index = lowered.index(candidate)
                if index < len(complete) and names[index] in row:
                    row[names[index]] = complete[index]
                break
        extra = pa.table({n: pa.array([v], pa.string()) for n, v in row.items()})
        return pa.concat_tables([table, extra.cast(table.schema)])


def find_cut_record(path: Path, header: CsvHeader) -> CutRecord | None:
    """The file's last record when it is cut off, else None (the fault lies elsewhere).

    Reads the file in chunks (quotes and line breaks are counted) and holds only its tail,
    so a streamed read that fails stays in bounded memory.
    """
    size = path.stat().st_size
    start_of_data = header.data_offset
    with open(path, "rb") as fh:
        tail_size = _TAIL
        while True:
            lo = max(start_of_data, size - tail_size)
            fh.seek(lo)
            tail = fh.read()
            found = _last_record(
                tail, _count(fh, b'"', start_of_data, lo), whole=lo == start_of_data
            )
            if found is not None or lo == start_of_data:
                break
            tail_size *= 4
        if found is None:
            return None
        start, in_quotes = found
        line = _count(fh, b"\n", 0, lo + start) + 1
    text = tail[start:].rstrip(b"\r\n").decode(header.encoding, errors="replace")
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # one field may be the whole record
    try:
        fields = next(csv.reader(io.StringIO(text), delimiter=header.delimiter), [])
    finally:
        csv.field_size_limit(limit)
    expected = len(header.names)
    if not in_quotes and (len(fields) >= expected or tail.endswith(b"\n")):
        return None  # a whole short record is not a cut one
    return CutRecord(line, lo + start, tuple(fields), expected, in_quotes)


_TAIL = 1 << 20
"""Bytes of the file's end read first when looking for its last record."""


def _count(fh: BinaryIO, byte: bytes, lo: int, hi: int) -> int:
    """How often ``byte`` occurs in the file between offsets ``lo`` and ``hi``."""
    fh.seek(lo)
    total, left = 0, hi - lo
    while left > 0:
        chunk = fh.read(min(left, 16 << 20))
        if not chunk:
            break
        total += chunk.count(byte)
        left -= len(chunk)
    return total


def _last_record(tail: bytes, before: int, *, whole: bool) -> tuple[int, bool] | None:
    """Where the last record starts in ``tail`` and whether the file ends inside quotes.

    ``before`` counts the quotes ahead of the tail; ``whole`` says the tail starts at the
    first record (so the last record may start there). None when the tail holds no start.
    """
    body = tail.rstrip(b"\r\n")
    if not body:
        return None
    total = before + body.count(b'"')
    # a line break ends a record when an even number of quotes precede it
    after, end = 0, len(body)
    while True:
        newline = body.rfind(b"\n", 0, end)
        if newline < 0:
            return (0, total % 2 == 1) if whole else None
        after += body.count(b'"', newline, end)
        if (total - after) % 2 == 0:
            return newline + 1, total % 2 == 1
        end = newline
