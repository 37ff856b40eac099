# ruff: noqa: D205  (a rule's docstring opens with its description, one paragraph)
"""SCAD's cross-field rules, each written once for a row and for columns.

SCAD gives an event's first and last day twice: as ``styr``/``stmo``/``stday`` and
``eyr``/``emo``/``eday``, and as ``startdate``/``enddate``; ``duration`` counts its days,
both ends included. ``-99`` means "unknown" in every column (the codebook's code); the
reader reads it as a missing value, so no rule ever sees it as a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.rules.base import Columns, Rule, rule, rules_of, to_mask
from eventdata.rules.shared import COORDINATES_PAIRED, all_equal, date_of, day_exists

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

_START_EXISTS = day_exists("start.valid", "styr", "stmo", "stday", example="30 February")
_END_EXISTS = day_exists("end.valid", "eyr", "emo", "eday", example="31 April")


def _date_is_its_parts(name: str, date: str, year: str, month: str, day: str, which: str) -> Rule:
    """The rule that a date column is the day its three part columns give."""

    @rule(
        name,
        inputs=(date, year, month, day),
        description=f"{date} is the day {year}, {month} and {day} give (SCAD writes the "
        f"{which} day twice).",
        expected=f"the day of {year}, {month} and {day}",
    )
    class DateIsItsParts:
        @staticmethod
        def row(v: Mapping[str, Any]) -> bool:
            given = v[date]
            if given is None or any(v[p] is None for p in (year, month, day)):
                return False
            return (given.year, given.month, given.day) != (v[year], v[month], v[day])

        @staticmethod
        def columnar(c: Columns) -> np.ndarray:
            values = c[date]
            differs = pc.or_(
                pc.or_(
                    pc.not_equal(pc.year(values), c[year]),
                    pc.not_equal(pc.month(values), c[month]),
                ),
                pc.not_equal(pc.day(values), c[day]),
            )
            return to_mask(differs)

    return rules_of(DateIsItsParts)[0]


_STARTDATE_PARTS = _date_is_its_parts(
    "startdate.parts", "startdate", "styr", "stmo", "stday", "first"
)
_ENDDATE_PARTS = _date_is_its_parts("enddate.parts", "enddate", "eyr", "emo", "eday", "last")


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


_LETHAL_REPRESSION_KILLS = all_equal(
    "repress.deaths",
    {"repress": 2, "ndeath": 0},
    description="repress 2 (lethal repression) goes with deaths: ndeath is not 0.",
    expected="ndeath above 0, or unknown (-99), when repress is 2",
)


SCAD_RULES: tuple[Rule, ...] = (
    _START_EXISTS,
    _END_EXISTS,
    _STARTDATE_PARTS,
    _ENDDATE_PARTS,
    *rules_of(_EndNotBeforeStart, _DurationCountsTheDays),
    COORDINATES_PAIRED,
    *rules_of(_EventTypeIsACode),
    _LETHAL_REPRESSION_KILLS,
)
"""SCAD's cross-field rules, used by ``ScadEvent`` and by ``validate(..., dataset="scad")``."""
