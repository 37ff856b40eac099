# ruff: noqa: D205  (a rule's docstring opens with its description, one paragraph)
"""SCAD's cross-field rules, each written once for a row and for columns.

SCAD gives an event's first and last day twice: as ``styr``/``stmo``/``stday`` and
``eyr``/``emo``/``eday``, and as ``startdate``/``enddate``; ``duration`` counts its days,
both ends included. ``-99`` means "unknown" in every column (the codebook's code); the
reader reads it as a missing value, so no rule ever sees it as a number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.rules.base import Columns, Rule, rule, rules_of, to_mask

__all__ = ["EVENT_TYPES", "SCAD_RULES", "date_of"]

EVENT_TYPES: Mapping[int, str] = {
    1: "Organized demonstration",
    2: "Spontaneous demonstration",
    3: "Organized violent riot",
    4: "Spontaneous violent riot",
    5: "General strike",
    6: "Limited strike",
    7: "Pro-government violence (repression)",
    8: "Anti-government violence",
    9: "Extra-government violence",
    10: "Intra-government violence",
}
"""SCAD's event types (``etype``), by code, as its codebook names them."""

_DAYS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def date_of(year: Any, month: Any, day: Any) -> dt.date | None:
    """The day three parts give, or None when one is missing or they name no day."""
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _no_day(c: Columns, year: str, month: str, day: str) -> np.ndarray:
    """Rows whose three known parts name no day of the calendar."""
    known = to_mask(
        pc.and_(pc.and_(pc.is_valid(c[year]), pc.is_valid(c[month])), pc.is_valid(c[day]))
    )
    y = np.asarray(pc.fill_null(c[year], 2000), dtype=np.int64)
    m = np.clip(np.asarray(pc.fill_null(c[month], 1), dtype=np.int64), 0, 12)
    d = np.asarray(pc.fill_null(c[day], 1), dtype=np.int64)
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    longest = _DAYS[m] - ((m == 2) & ~leap)
    return np.asarray(known & (d > longest), dtype=bool)


def _bad_parts(v: Mapping[str, Any], year: str, month: str, day: str) -> bool:
    if v[year] is None or v[month] is None or v[day] is None:
        return False
    return date_of(v[year], v[month], v[day]) is None


@rule("start.valid", inputs=("styr", "stmo", "stday"), column="stday")
class _StartExists:
    """styr, stmo and stday name a day of the calendar (no 30 February).

    Expected: a day that exists in that month
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return _bad_parts(v, "styr", "stmo", "stday")

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return _no_day(c, "styr", "stmo", "stday")


@rule("end.valid", inputs=("eyr", "emo", "eday"), column="eday")
class _EndExists:
    """eyr, emo and eday name a day of the calendar (no 31 April).

    Expected: a day that exists in that month
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return _bad_parts(v, "eyr", "emo", "eday")

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return _no_day(c, "eyr", "emo", "eday")


def _disagrees(c: Columns, date: str, year: str, month: str, day: str) -> np.ndarray:
    values = c[date]
    out = pc.or_(
        pc.or_(
            pc.not_equal(pc.year(values), c[year]),
            pc.not_equal(pc.month(values), c[month]),
        ),
        pc.not_equal(pc.day(values), c[day]),
    )
    return to_mask(out)


def _row_disagrees(v: Mapping[str, Any], date: str, *parts: str) -> bool:
    given = v[date]
    if given is None or any(v[p] is None for p in parts):
        return False
    return (given.year, given.month, given.day) != tuple(v[p] for p in parts)


@rule("startdate.parts", inputs=("startdate", "styr", "stmo", "stday"))
class _StartdateIsItsParts:
    """startdate is the day styr, stmo and stday give (SCAD writes the first day twice).

    Expected: the day of styr, stmo and stday
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return _row_disagrees(v, "startdate", "styr", "stmo", "stday")

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return _disagrees(c, "startdate", "styr", "stmo", "stday")


@rule("enddate.parts", inputs=("enddate", "eyr", "emo", "eday"))
class _EnddateIsItsParts:
    """enddate is the day eyr, emo and eday give (SCAD writes the last day twice).

    Expected: the day of eyr, emo and eday
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return _row_disagrees(v, "enddate", "eyr", "emo", "eday")

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return _disagrees(c, "enddate", "eyr", "emo", "eday")


@rule("dates.order", inputs=("enddate", "startdate"))
class _EndNotBeforeStart:
    """enddate is not before startdate: an event ends on or after the day it starts.

    Expected: a last day on or after startdate
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        start, end = v["startdate"], v["enddate"]
        return start is not None and end is not None and bool(end < start)

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.less(c["enddate"], c["startdate"]))


def _days(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    return pc.cast(pc.cast(values, pa.date32()), pa.int32())


@rule("duration.days", severity="warning", inputs=("duration", "startdate", "enddate"))
class _DurationCountsTheDays:
    """duration counts the days from startdate to enddate, both included (1 for one day).

    Expected: enddate - startdate + 1 days
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        start, end, duration = v["startdate"], v["enddate"], v["duration"]
        if start is None or end is None or duration is None:
            return False
        return bool((end - start).days + 1 != duration)

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        days = pc.add(pc.subtract(_days(c["enddate"]), _days(c["startdate"])), 1)
        return to_mask(pc.not_equal(pc.cast(days, pa.int64()), c["duration"]))


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


@rule("etype.code", inputs=("etype",))
class _EventTypeIsACode:
    """etype is one of SCAD's ten event types (1 organized demonstration ... 10
    intra-government violence); -9 marks a placeholder row for a year of armed conflict,
    not an event.

    Expected: an event type from 1 to 10
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return v["etype"] is not None and v["etype"] not in EVENT_TYPES

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        codes = pa.array(list(EVENT_TYPES), pa.int64())
        known = pc.is_in(c["etype"], value_set=codes)
        return to_mask(pc.and_(pc.is_valid(c["etype"]), pc.invert(known)))


@rule("repress.deaths", severity="warning", inputs=("repress", "ndeath"))
class _LethalRepressionKills:
    """repress 2 (lethal repression) goes with deaths: ndeath is not 0.

    Expected: ndeath above 0, or unknown (-99), when repress is 2
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(v["repress"] == 2 and v["ndeath"] == 0)

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.and_(pc.equal(c["repress"], 2), pc.equal(c["ndeath"], 0)))


SCAD_RULES: tuple[Rule, ...] = rules_of(
    _StartExists,
    _EndExists,
    _StartdateIsItsParts,
    _EnddateIsItsParts,
    _EndNotBeforeStart,
    _DurationCountsTheDays,
    _CoordinatesPaired,
    _EventTypeIsACode,
    _LethalRepressionKills,
)
"""SCAD's cross-field rules, used by ``ScadEvent`` and by ``validate(..., dataset="scad")``."""
