# ruff: noqa: D205  (a rule's docstring opens with its description, one paragraph)
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

from eventdata.rules.base import Columns, Rule, rule, rules_of, to_mask
from eventdata.rules.shared import COORDINATES_PAIRED, date_parts, days_in_month

__all__ = ["GTD_RULES"]


@rule("date.valid", inputs=("iyear", "imonth", "iday"), column="iday")
class _KnownDateExists:
    """iyear, imonth and iday form a real date as far as it is known
    (0 is unknown; a day needs a month).

    Expected: a day that exists in that month, or 0 for unknown
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        year, month, day = v["iyear"], v["imonth"], v["iday"]
        if year is None or month is None or day is None:
            return False
        if month == 0:
            return bool(day != 0)  # a day without a month is no date
        if day == 0:
            return False
        try:
            dt.date(year, month, day)
        except (ValueError, OverflowError):
            return True
        return False

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        year, month, day, given = date_parts(c, "iyear", "imonth", "iday")
        longest = days_in_month(year, month)
        outside = (year < 1) | (year > 9999)  # no calendar day, whatever the month
        bad = np.where(month == 0, day != 0, (day < 0) | (day > longest) | ((day > 0) & outside))
        return np.asarray(given & bad, dtype=bool)


def _parts_of(name: str, total: str, *parts: str) -> Rule:
    """The warning that a part of a count (US citizens, perpetrators) exceeds the count."""

    @rule(
        name,
        severity="warning",
        inputs=(total,),
        description=f"{' and '.join(parts)} are parts of {total}, so neither exceeds it.",
        expected=f"a total at least as large as its parts ({', '.join(parts)})",
    )
    class Parts:
        @staticmethod
        def row(v: Mapping[str, Any]) -> bool:
            whole = v[total]
            return whole is not None and any(v[p] is not None and v[p] > whole for p in parts)

        @staticmethod
        def columnar(c: Columns) -> np.ndarray:
            out = np.zeros(len(c[total]), dtype=bool)
            for part in parts:
                out |= to_mask(pc.greater(c[part], c[total]))
            return out

    return rules_of(Parts)[0]


@rule("extended.resolution", severity="warning", inputs=("resolution", "extended"))
class _ResolutionOnlyWhenExtended:
    """A resolution date is given only for incidents that lasted over 24 hours (extended = 1).

    Expected: no resolution date unless extended is 1
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return v["resolution"] is not None and v["extended"] == 0

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.and_(pc.is_valid(c["resolution"]), pc.equal(c["extended"], 0)))


GTD_RULES: tuple[Rule, ...] = (
    *rules_of(_KnownDateExists),
    COORDINATES_PAIRED,
    _parts_of("kills.parts", "nkill", "nkillus", "nkillter"),
    _parts_of("wounds.parts", "nwound", "nwoundus", "nwoundte"),
    *rules_of(_ResolutionOnlyWhenExtended),
)
"""GTD's cross-field rules, used by ``GtdEvent`` and by ``validate(..., dataset="gtd")``."""
