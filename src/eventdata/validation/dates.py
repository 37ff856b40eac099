"""Date columns, columnar: decide the column's style once, then parse it.

Strict ISO columns (the API's, and every file eventdata writes) are cast by Arrow in one
pass. Any other column is decided by :func:`eventdata.models.dates.decide_style` from its
distinct values and the ``year`` column, each distinct value is parsed once, and the
dates are spread over the rows with ``index_in`` and ``take``: the work grows with the
number of distinct dates (a few thousand), not with the rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import MixedDateOrder
from eventdata.models.dates import Decision, decide_style, parse_with
from eventdata.validation.memo import remembered

__all__ = ["DateEvidence", "date_column", "stripped_dates"]

_ISO = Decision(decide_style(["2000-01-01"]).main)
_SEP = "\x1f"


def _year_int(text: str | None) -> int | None:
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and 0 < number < 10_000 else None


def _strict_iso(text: pa.Array) -> pa.Array | None:
    result: pa.Array | None = remembered("strict_iso", text, lambda: _cast_iso(text))
    return result


def _cast_iso(text: pa.Array) -> pa.Array | None:
    try:
        return pc.cast(text, pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


@dataclass
class DateEvidence:
    """What decides a date column's style: its distinct values and the years of their rows.

    Gathered from a whole column at once, or block by block from a streamed input, so
    both decide the same style (:meth:`decide`).

    Attributes:
        values: the distinct non-blank values (stripped), in the order first seen.
        years: each value's rows' years (None: the input has no ``year`` column).
        all_iso: every value seen is a strict ISO date (blanks aside).
    """

    values: dict[str, None] = field(default_factory=dict)
    years: dict[str, set[int | None]] | None = None
    all_iso: bool = True

    def add(self, text: pa.Array, year: pa.Array | None) -> None:
        """Add the values of ``text`` (stripped, blanks null) and the rows' ``year``."""
        self.values.update((v, None) for v in pc.unique(text).to_pylist() if v)
        if year is None:
            return
        self.years = {} if self.years is None else self.years
        pairs = pa.table({"t": text, "y": year}).group_by(["t", "y"]).aggregate([])
        for value, y in zip(pairs["t"].to_pylist(), pairs["y"].to_pylist(), strict=True):
            if value:
                self.years.setdefault(value, set()).add(_year_int(y))

    def add_block(self, text: pa.Array, year: pa.Array | None) -> None:
        """Add one block of a column read block by block (``text`` as :func:`stripped_dates`)."""
        self.all_iso = self.all_iso and _strict_iso(text) is not None
        self.add(text, year)

    def merge(self, other: DateEvidence) -> None:
        """Add what ``other`` (a later part of the same column) holds."""
        self.values.update(other.values)
        if other.years is not None:
            self.years = {} if self.years is None else self.years
            for value, years in other.years.items():
                self.years.setdefault(value, set()).update(years)
        self.all_iso = self.all_iso and other.all_iso

    def style(self) -> str | None:
        """The style name the whole column decides, as :func:`date_column` decides it.

        Raises:
            AmbiguousDates: the values read as different dates in several styles.
            MixedDateOrder: day-first and month-first values are both proven.
        """
        return _ISO.name if self.all_iso else self.decide().name

    def agreed_years(self) -> dict[str, int] | None:
        """The year of the rows holding each value, where those rows agree on one."""
        if self.years is None:
            return None
        out: dict[str, int] = {}
        for value, ys in self.years.items():
            only = next(iter(ys)) if len(ys) == 1 else None
            if only is not None:
                out[value] = only
        return out

    def decide(self, *, given: str | None = None) -> Decision:
        """The style of the values (see :func:`~eventdata.models.dates.decide_style`).

        Raises:
            AmbiguousDates: the values read as different dates in several styles.
            MixedDateOrder: day-first and month-first values are both proven.
        """
        return decide_style(list(self.values), years=self.agreed_years(), given=given)


def stripped_dates(text: pa.Array | pa.ChunkedArray) -> pa.Array:
    """A date column's text trimmed, blanks as null."""
    result: pa.Array = remembered("stripped_dates", text, lambda: _stripped(text))
    return result


def _stripped(text: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    stripped = pc.utf8_trim_whitespace(text)
    out_: pa.Array = pc.if_else(pc.equal(stripped, ""), pa.scalar(None, pa.string()), stripped)
    return out_


def _first_row(text: pa.Array, value: str) -> int | None:
    index = pc.index(text, value).as_py()
    return None if index is None or index < 0 else int(index)


def date_column(
    text: pa.Array | pa.ChunkedArray,
    *,
    year: pa.Array | pa.ChunkedArray | None = None,
    given: str | None = None,
) -> tuple[pa.Array, Decision]:
    """Parse a text date column; null where a value is blank or no date in the decided style.

    Args:
        text: the column as text.
        year: the ``year`` column as text, when the input has one: it settles the century
            of two-digit years and breaks ties between styles.
        given: the style the user chose (``date_format=``), or one decided before (by an
            earlier block of the same input).

    Returns:
        The dates (``date32``) and the decision.

    Raises:
        AmbiguousDates: the values read as different dates in several styles.
        MixedDateOrder: day-first and month-first values are both proven (naming a row of
            each).
        ValueError: ``given`` names no style.
    """
    if isinstance(year, pa.ChunkedArray):
        year = year.combine_chunks()
    stripped = stripped_dates(text)
    if given in (None, "iso"):
        fast = _strict_iso(stripped)
        if fast is not None:
            return fast, _ISO
    evidence = DateEvidence()
    evidence.add(stripped, year)
    try:
        decision = evidence.decide(given=given)
    except MixedDateOrder as exc:  # name a row of each order
        rows = tuple(
            _first_row(stripped, value) for value in (exc.day_first[1], exc.month_first[1])
        )
        raise MixedDateOrder(exc.day_first, exc.month_first, (rows[0], rows[1])) from None
    if decision.main is None:
        return pa.nulls(len(text), pa.date32()), decision
    two_digit = any(s.two_digit_year for s in decision.styles) and year is not None
    keys = stripped
    if two_digit:  # the century comes from each row's year
        assert year is not None
        keys = pc.binary_join_element_wise(stripped, pc.fill_null(year, ""), _SEP)
    unique = pc.unique(keys)
    dates: list[dt.date | None] = []
    for key in unique.to_pylist():
        if key is None:
            dates.append(None)
            continue
        value, _, row_year = key.partition(_SEP) if two_digit else (key, "", None)
        dates.append(parse_with(decision, value, year=_year_int(row_year)))
    parsed = pc.take(pa.array(dates, pa.date32()), pc.index_in(keys, value_set=unique))
    return parsed, decision
