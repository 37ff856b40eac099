"""The date style of an input read block by block, as a whole-file read decides it.

A whole-file read decides a date column's style from all of its values. A streamed read
decides it on the first block and keeps it, and gathers every block's distinct dates
(:class:`DateTracker`) as it goes:

- when the first block's dates read two ways (all its days 12 or less), the style is
  decided at once from every block's values (one more pass over the file, only the date
  and year columns kept, :func:`settle_date_style`);
- at the end, the style all the blocks decide is compared with the one used; when they
  differ (a first block of blank or ISO dates, later blocks of ``25/06/2021``), the
  conversion is run again with it (:class:`DateStyleSettled`), before anything is
  committed. A file whose dates read two ways is refused in the whole-file read's words.

So both paths give the same answer.
"""

from __future__ import annotations

from pathlib import Path

from eventdata.datasets import candidates
from eventdata.exceptions import AmbiguousDates, InputError
from eventdata.io.blocks import read_ahead
from eventdata.io.readers import read_raw
from eventdata.schema.text import RawTable
from eventdata.validation.dates import DateEvidence, stripped_dates

__all__ = ["DateStyleSettled", "DateTracker", "is_open_date_style", "settle_date_style"]


class DateStyleSettled(Exception):  # noqa: N818  (a signal to run again, never shown)
    """The whole input decides another date style than its first block: run again with it.

    Attributes:
        date_format: the style every block's dates decide.
    """

    def __init__(self, date_format: str) -> None:
        super().__init__(date_format)
        self.date_format = date_format


class DateTracker:
    """The distinct dates of every block of a streamed input, for the style they decide."""

    def __init__(self) -> None:
        self.evidence = DateEvidence()
        self.column: str | None = None

    def add(self, raw: RawTable) -> None:
        """Add one block's date column (and ``year``)."""
        self.column = self.column or _date_column(raw)
        if self.column is None or self.column not in raw.table.column_names:
            return
        year = raw.table.column("year") if "year" in raw.table.column_names else None
        self.evidence.add_block(
            stripped_dates(raw.table.column(self.column)),
            year.combine_chunks() if year is not None else None,
        )

    def merge(self, other: DateTracker) -> None:
        """Add the dates of a later part of the same input (a dask partition)."""
        self.column = self.column or other.column
        self.evidence.merge(other.evidence)

    def decided(self, src: Path | None) -> str | None:
        """The style every part's dates decide (None: the input has no date column).

        Raises:
            InputError: the dates read two ways (naming the option), as a whole-file read
                refuses them.
        """
        if self.column is None:
            return None
        try:
            return self.evidence.style()
        except ValueError as exc:  # AmbiguousDates, MixedDateOrder
            raise InputError(f"column {self.column!r}: {exc}", path=src) from exc

    def check(self, used: str | None, src: Path) -> None:
        """Compare the style used with the one every block decides.

        Raises:
            DateStyleSettled: they differ; run again with the one decided.
            InputError: the input's dates read two ways (naming the option), as a
                whole-file read refuses them.
        """
        decided = self.decided(src)
        if decided is not None and decided != used:
            raise DateStyleSettled(decided)


def is_open_date_style(exc: BaseException) -> bool:
    """Whether ``exc`` is the refusal of dates that read two ways (another block may settle)."""
    return isinstance(exc, InputError) and isinstance(exc.__cause__, AmbiguousDates)


def settle_date_style(
    src: Path, *, block_size: int, reader: str, encoding: str | None
) -> str | None:
    """The date style every block's values decide together (None: the input has no dates).

    Raises:
        InputError: the whole file's dates still read two ways (naming the option).
    """
    tracker = DateTracker()
    texts = read_ahead(src, block_size=block_size, reader=reader, encoding=encoding)
    try:
        for text, _, _ in texts:
            tracker.add(read_raw(text))
            del text
    finally:
        texts.close()
    return tracker.decided(src)


def _date_column(raw: RawTable) -> str | None:
    """The first date column of the input's dataset (the one whole-file parsing decides on)."""
    found = candidates(raw.table.column_names)
    if not found:
        return None
    dates = [s.name for s in found[0].specs_for(raw.dialect.name) if s.kind == "date"]
    return next((name for name in dates if name in raw.table.column_names), None)
