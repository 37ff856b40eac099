"""Date columns, columnar: decide the column's style once, then parse it.

Strict ISO columns (the API's, and every file eventdata writes) are cast by Arrow in one
pass. Any other column is decided by :func:`eventdata.models.dates.decide_style` from its
distinct values and the ``year`` column, each distinct value is parsed once, and the
dates are spread over the rows with ``index_in`` and ``take``: the work grows with the
number of distinct dates (a few thousand), not with the rows.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import MixedDateOrder
from eventdata.models.dates import Decision, decide_style, parse_with

__all__ = ["date_column"]

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
    try:
        return pc.cast(text, pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _years_by_value(text: pa.Array, year: pa.Array | None) -> dict[str, int] | None:
    """The year of the rows holding each value, where those rows agree on one."""
    if year is None:
        return None
    pairs = pa.table({"t": text, "y": year}).group_by(["t", "y"]).aggregate([])
    seen: dict[str, set[int | None]] = {}
    for value, y in zip(pairs["t"].to_pylist(), pairs["y"].to_pylist(), strict=True):
        if value:
            seen.setdefault(value, set()).add(_year_int(y))
    out: dict[str, int] = {}
    for value, ys in seen.items():
        only = next(iter(ys)) if len(ys) == 1 else None
        if only is not None:
            out[value] = only
    return out


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
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    if isinstance(year, pa.ChunkedArray):
        year = year.combine_chunks()
    stripped = pc.utf8_trim_whitespace(text)
    stripped = pc.if_else(pc.equal(stripped, ""), pa.scalar(None, pa.string()), stripped)
    if given in (None, "iso"):
        fast = _strict_iso(stripped)
        if fast is not None:
            return fast, _ISO
    distinct = [v for v in pc.unique(stripped).to_pylist() if v]
    years = _years_by_value(stripped, year)
    try:
        decision = decide_style(distinct, years=years, given=given)
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
