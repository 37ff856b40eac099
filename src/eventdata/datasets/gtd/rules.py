"""GTD's cross-field rules, each written once for a row and for columns.

Day and month ``0`` mean "unknown" in GTD (START's codebook, "iday": "0 if unknown"), so
the date rule checks a date only as far as it is known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow.compute as pc

from eventdata.rules.base import Columns, Rule, to_mask

__all__ = ["GTD_RULES"]

_DAYS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _row_date(v: Mapping[str, Any]) -> bool:
    year, month, day = v["iyear"], v["imonth"], v["iday"]
    if year is None or month is None or day is None:
        return False
    if month == 0:
        return bool(day != 0)  # a day without a month is no date
    if day == 0:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return True
    return False


def _col_date(c: Columns) -> np.ndarray:
    year = np.asarray(pc.fill_null(c["iyear"], 2000), dtype=np.int64)
    month = np.asarray(pc.fill_null(c["imonth"], 0), dtype=np.int64)
    day = np.asarray(pc.fill_null(c["iday"], 0), dtype=np.int64)
    known = to_mask(pc.and_(pc.is_valid(c["iyear"]), pc.is_valid(c["imonth"])))
    known &= to_mask(pc.is_valid(c["iday"]))
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    longest = _DAYS[np.clip(month, 0, 12)] - ((month == 2) & ~leap)
    bad = np.where(month == 0, day != 0, (day != 0) & (day > longest))
    return np.asarray(known & bad, dtype=bool)


def _parts(total: str, *parts: str) -> tuple[Any, Any]:
    def row(v: Mapping[str, Any]) -> bool:
        whole = v[total]
        return whole is not None and any(v[p] is not None and v[p] > whole for p in parts)

    def columnar(c: Columns) -> np.ndarray:
        out = np.zeros(len(c[total]), dtype=bool)
        for part in parts:
            out |= to_mask(pc.greater(c[part], c[total]))
        return out

    return row, columnar


def _row_pair(v: Mapping[str, Any]) -> bool:
    return (v["latitude"] is None) != (v["longitude"] is None)


def _col_pair(c: Columns) -> np.ndarray:
    return to_mask(pc.not_equal(pc.is_null(c["latitude"]), pc.is_null(c["longitude"])))


def _row_resolution(v: Mapping[str, Any]) -> bool:
    return v["resolution"] is not None and v["extended"] == 0


def _col_resolution(c: Columns) -> np.ndarray:
    return to_mask(pc.and_(pc.is_valid(c["resolution"]), pc.equal(c["extended"], 0)))


_KILLS = _parts("nkill", "nkillus", "nkillter")
_WOUNDS = _parts("nwound", "nwoundus", "nwoundte")

GTD_RULES: tuple[Rule, ...] = (
    Rule(
        name="date.valid",
        severity="error",
        column="iday",
        description="iyear, imonth and iday form a real date as far as it is known "
        "(0 is unknown; a day needs a month).",
        expected="a day that exists in that month, or 0 for unknown",
        columnar=_col_date,
        row=_row_date,
        inputs=("iyear", "imonth", "iday"),
    ),
    Rule(
        name="coordinates.pair",
        severity="error",
        column="longitude",
        description="latitude and longitude are both given or both blank.",
        expected="both coordinates, or neither",
        columnar=_col_pair,
        row=_row_pair,
        inputs=("latitude", "longitude"),
    ),
    Rule(
        name="kills.parts",
        severity="warning",
        column="nkill",
        description="nkillus and nkillter are parts of nkill, so neither exceeds it.",
        expected="a total at least as large as its parts (nkillus, nkillter)",
        columnar=_KILLS[1],
        row=_KILLS[0],
        inputs=("nkill",),
    ),
    Rule(
        name="wounds.parts",
        severity="warning",
        column="nwound",
        description="nwoundus and nwoundte are parts of nwound, so neither exceeds it.",
        expected="a total at least as large as its parts (nwoundus, nwoundte)",
        columnar=_WOUNDS[1],
        row=_WOUNDS[0],
        inputs=("nwound",),
    ),
    Rule(
        name="extended.resolution",
        severity="warning",
        column="resolution",
        description="A resolution date is given only for incidents that lasted over 24 "
        "hours (extended = 1).",
        expected="no resolution date unless extended is 1",
        columnar=_col_resolution,
        row=_row_resolution,
        inputs=("resolution", "extended"),
    ),
)
"""GTD's cross-field rules, used by ``GtdEvent`` and by ``validate(..., dataset="gtd")``."""
