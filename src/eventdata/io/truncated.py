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
    """The file's last record when it is cut off, else None (the fault lies elsewhere)."""
    data = path.read_bytes()
    start_of_data = header.data_offset
    body = data.rstrip(b"\r\n")
    if len(body) <= start_of_data:
        return None
    quote = b'"'
    total = body.count(quote, start_of_data)
    # a line break ends a record when an even number of quotes precede it
    after = 0
    end = len(body)
    start = start_of_data
    while True:
        newline = body.rfind(b"\n", start_of_data, end)
        if newline < 0:
            break
        after += body.count(quote, newline, end)
        if (total - after) % 2 == 0:
            start = newline + 1
            break
        end = newline
    in_quotes = total % 2 == 1
    text = body[start:].decode(header.encoding, errors="replace")
    fields = next(csv.reader(io.StringIO(text), delimiter=header.delimiter), [])
    expected = len(header.names)
    if not in_quotes and (len(fields) >= expected or data.endswith(b"\n")):
        return None  # a whole short record is not a cut one
    line = data.count(b"\n", 0, start) + 1
    return CutRecord(line, start, tuple(fields), expected, in_quotes)
