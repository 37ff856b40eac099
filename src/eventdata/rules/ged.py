"""UCDP GED's cross-field rules, each written once for a row and for columns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow.compute as pc

from eventdata.rules.base import Columns, Rule, rule, rules_of, to_mask

__all__ = ["GED_RULES"]

_DEATH_PARTS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


@rule("dates.order", inputs=("date_start", "date_end"), column="date_end")
class _DatesInOrder:
    """date_start is not after date_end.

    Expected: a day on or after date_start
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(v["date_start"] > v["date_end"])

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.greater(c["date_start"], c["date_end"]))


@rule("deaths.best_sum", inputs=("best", *_DEATH_PARTS))
class _BestIsTheSum:
    """best = deaths_a + deaths_b + deaths_civilians + deaths_unknown.

    Expected: deaths_a + deaths_b + deaths_civilians + deaths_unknown
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(v["best"] != sum(v[name] for name in _DEATH_PARTS))

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        total = c[_DEATH_PARTS[0]]
        for name in _DEATH_PARTS[1:]:
            total = pc.add(total, c[name])
        return to_mask(pc.not_equal(c["best"], total))


@rule("deaths.low_best_high", severity="warning", inputs=("low", "best", "high"), column="best")
class _BestBetweenLowAndHigh:
    """low <= best <= high; published GED data breaks it, so it is reported only.

    Expected: a figure between low and high
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return not v["low"] <= v["best"] <= v["high"]

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.or_(pc.greater(c["low"], c["best"]), pc.greater(c["best"], c["high"])))


GED_RULES: tuple[Rule, ...] = rules_of(_DatesInOrder, _BestIsTheSum, _BestBetweenLowAndHigh)
"""The GED cross-field rules, used by ``GedEvent`` and by ``validate_ged``."""
