"""Rules and checks any dataset can use: days from parts, coordinates given in pairs.

GTD writes a date as ``iyear``/``imonth``/``iday`` and SCAD as ``styr``/``stmo``/``stday``
(and the end's); both ask whether the parts name a day of the calendar, and whether
``latitude`` and ``longitude`` come together. One row form and one columnar form of each
serve every dataset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow.compute as pc

from eventdata.rules.base import Columns, Rule, Severity, rule, rules_of, to_mask

__all__ = [
    "COORDINATES_PAIRED",
    "all_equal",
    "date_of",
    "day_exists",
    "date_parts",
    "days_in_month",
]

_DAYS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def date_of(year: Any, month: Any, day: Any) -> dt.date | None:
    """The day three parts give, or None when one is missing or they name no day."""
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except (TypeError, ValueError, OverflowError):
        return None


def days_in_month(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    """The number of days of each month (0 for a month outside 1-12)."""
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    known = (month >= 1) & (month <= 12)
    out: np.ndarray = np.where(known, _DAYS[np.clip(month, 0, 12)] - ((month == 2) & ~leap), 0)
    return out


def date_parts(c: Columns, year: str, month: str, day: str) -> tuple[np.ndarray, ...]:
    """The three columns as integers (nulls as 0) and where all three are given."""
    given = to_mask(
        pc.and_(pc.and_(pc.is_valid(c[year]), pc.is_valid(c[month])), pc.is_valid(c[day]))
    )
    return (
        np.asarray(pc.fill_null(c[year], 0), dtype=np.int64),
        np.asarray(pc.fill_null(c[month], 0), dtype=np.int64),
        np.asarray(pc.fill_null(c[day], 0), dtype=np.int64),
        given,
    )


def day_exists(name: str, year: str, month: str, day: str, *, example: str) -> Rule:
    """The rule that three given parts name a day of the calendar (``example``: a day not)."""

    @rule(
        name,
        inputs=(year, month, day),
        column=day,
        description=f"{year}, {month} and {day} name a day of the calendar (no {example}).",
        expected="a day that exists in that month",
    )
    class DayExists:
        @staticmethod
        def row(v: Mapping[str, Any]) -> bool:
            if v[year] is None or v[month] is None or v[day] is None:
                return False
            return date_of(v[year], v[month], v[day]) is None

        @staticmethod
        def columnar(c: Columns) -> np.ndarray:
            y, m, d, given = date_parts(c, year, month, day)
            no_day = (d < 1) | (d > days_in_month(y, m)) | (y < 1) | (y > 9999)
            return np.asarray(given & no_day, dtype=bool)

    return rules_of(DayExists)[0]


def all_equal(
    name: str,
    values: Mapping[str, Any],
    *,
    description: str,
    expected: str,
    severity: Severity = "warning",
) -> Rule:
    """The rule that fails where every column named holds its value (one form for both).

    For a combination that is legal cell by cell but suspect together, such as both
    coordinates exactly 0. A row with any of the columns blank does not fail.

    Args:
        name: the rule's stable name.
        values: the columns and the values that, all together, fail; the first column is
            the one failures are reported against.
        description: what the rule checks.
        expected: what a valid row holds.
        severity: ``"warning"`` (the default) or ``"error"``.
    """
    pairs = tuple(values.items())

    @rule(
        name,
        inputs=tuple(values),
        severity=severity,
        description=description,
        expected=expected,
    )
    class AllEqual:
        @staticmethod
        def row(v: Mapping[str, Any]) -> bool:
            return all(v[column] is not None and v[column] == x for column, x in pairs)

        @staticmethod
        def columnar(c: Columns) -> np.ndarray:
            fails = np.ones(len(c[pairs[0][0]]), dtype=bool)
            for column, x in pairs:
                fails &= to_mask(pc.equal(c[column], x))
            return fails

    return rules_of(AllEqual)[0]


@rule("coordinates.pair", inputs=("latitude", "longitude"), column="longitude")
class _CoordinatesPaired:
    """latitude and longitude are both given or both blank.

    Expected: both coordinates, or neither
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return (v["latitude"] is None) != (v["longitude"] is None)

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.not_equal(pc.is_null(c["latitude"]), pc.is_null(c["longitude"])))


COORDINATES_PAIRED = rules_of(_CoordinatesPaired)[0]
"""``coordinates.pair``: latitude and longitude are both given or both blank."""
