"""The text table: an input as all-text columns, and the dialect it was recognised as.

Readers (:mod:`eventdata.io`) produce a :class:`RawTable`; validation takes one in and gives
a report out, without opening any file itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from eventdata.exceptions import InputError

__all__ = ["PANDAS_INDEX_NAMES", "Dialect", "RawTable", "file_stamp"]

PANDAS_INDEX_NAMES = frozenset({"", "Unnamed: 0", "index"})
"""Header names a pandas-saved index column gets."""


@dataclass
class Dialect:
    """What eventdata recognised in an input.

    Attributes:
        name: ``current``, ``current-numeric``, ``pre2023``, ``legacy`` or ``unknown``.
        format: ``csv``, ``json``, ``jsonl``, ``parquet``, ``dataframe`` or ``table``.
        date_format: the style of ``event_date`` (see ``eventdata.models.dates``):
            ``iso``, ``export-tool`` (``01 November 2024``), ``%d-%m-%y``, ... Set before
            parsing (``date_format=``) it is used as given; else it is decided from the
            column and filled in.
        preamble: the export tool's ``(Sample)`` lines were skipped.
        bom: the file started with a UTF-8 byte-order mark.
        hxl: an HXL hashtag row followed the header and was skipped.
        encoding: the text encoding of a CSV file (``utf-8``, ``cp1252``, ``latin-1``).
        delimiter: the field separator of a CSV file.
        sheet: the workbook sheet that was read (spreadsheets only).
        blank_markers: the words read as blank cells (``NA``, ``nan``, ``NULL``, ``#N/A``,
            ``0`` in text columns, ...; docs/dialects.md).
        notes: what was mapped, dropped or left unmapped, in words.
        cut_record: the file's last record was cut off and read as a row holding only its
            id (``on_truncated="invalid"``): where and how, in words; None otherwise.
    """

    name: str = "unknown"
    format: str = "csv"
    date_format: str | None = None
    preamble: bool = False
    bom: bool = False
    hxl: bool = False
    encoding: str = "utf-8"
    delimiter: str = ","
    sheet: str | None = None
    blank_markers: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cut_record: str | None = None

    def describe(self) -> str:
        """A one-line description, e.g. ``pre2023 CSV, export-tool dates, BOM``."""
        parts = [f"{self.name} {self.format.upper()}"]
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.date_format not in (None, "iso"):
            parts.append(f"{self.date_format} dates")
        for flag, text in (
            (self.encoding != "utf-8", self.encoding),
            (self.delimiter != ",", f"{self.delimiter!r}-separated"),
            (self.preamble, "(Sample) preamble"),
            (self.bom, "BOM"),
            (self.hxl, "HXL row"),
            (bool(self.blank_markers), "blanks written " + "/".join(self.blank_markers)),
        ):
            if flag:
                parts.append(text)
        return ", ".join(parts)


@dataclass
class RawTable:
    """An input as text columns, normalized to current column names.

    Attributes:
        table: every column as ``string`` (nulls for missing cells), in input order.
        dialect: what was recognised and how it was mapped.
        source: the path read, or None for in-memory data.
        skipped: columns of the file left unread (see ``read_raw(skip=...)``);
            :meth:`complete` reads them when they are needed.
    """

    table: pa.Table
    dialect: Dialect
    source: Path | None = None
    skipped: tuple[str, ...] = ()
    stamp: tuple[int, int] | None = None
    reread: Callable[[], RawTable] | None = field(default=None, repr=False)
    _complete: RawTable | None = field(default=None, repr=False)

    @property
    def n_rows(self) -> int:
        """Number of data records."""
        return int(self.table.num_rows)

    @property
    def column_names(self) -> list[str]:
        """Every column of the input, read or skipped."""
        return [*self.table.column_names, *self.skipped]

    def complete(self) -> RawTable:
        """This input with every column read (the file is read again if columns were skipped).

        Raises:
            InputError: the file changed since it was first read.
        """
        if not self.skipped:
            return self
        if self._complete is None:
            assert self.source is not None and self.reread is not None
            if file_stamp(self.source) != self.stamp:
                raise InputError(
                    "changed since it was validated; validate it again", path=self.source
                )
            full = self.reread()
            if full.n_rows != self.n_rows:  # pragma: no cover - guarded by the stamp
                raise InputError("changed since it was validated", path=self.source)
            self._complete = full
        return self._complete


def file_stamp(path: Path) -> tuple[int, int]:
    """Size and modification time of a file: how a re-read notices that it changed."""
    status = path.stat()
    return status.st_size, status.st_mtime_ns
