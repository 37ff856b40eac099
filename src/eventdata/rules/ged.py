"""UCDP GED's cross-field rules, each written once for a row and for columns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow.compute as pc

from eventdata.rules.base import Columns, Rule, to_mask

__all__ = ["GED_RULES"]

# -- cross-field rules --------------------------------------------------------------------

_DEATH_PARTS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


def _row_dates(v: Mapping[str, Any]) -> bool:
    return bool(v["date_start"] > v["date_end"])


def _col_dates(c: Columns) -> np.ndarray:
    return to_mask(pc.greater(c["date_start"], c["date_end"]))


def _row_best_sum(v: Mapping[str, Any]) -> bool:
    return bool(v["best"] != sum(v[name] for name in _DEATH_PARTS))


def _col_best_sum(c: Columns) -> np.ndarray:
    total = c[_DEATH_PARTS[0]]
    for name in _DEATH_PARTS[1:]:
        total = pc.add(total, c[name])
    return to_mask(pc.not_equal(c["best"], total))


def _row_low_best_high(v: Mapping[str, Any]) -> bool:
    return not v["low"] <= v["best"] <= v["high"]


def _col_low_best_high(c: Columns) -> np.ndarray:
    return to_mask(pc.or_(pc.greater(c["low"], c["best"]), pc.greater(c["best"], c["high"])))


GED_RULES: tuple[Rule, ...] = (
    Rule(
        name="dates.order",
        severity="error",
        column="date_end",
        description="date_start is not after date_end.",
        expected="a day on or after date_start",
        columnar=_col_dates,
        row=_row_dates,
        inputs=("date_start", "date_end"),
    ),
    Rule(
        name="deaths.best_sum",
        severity="error",
        column="best",
        description="best = deaths_a + deaths_b + deaths_civilians + deaths_unknown.",
        expected="deaths_a + deaths_b + deaths_civilians + deaths_unknown",
        columnar=_col_best_sum,
        row=_row_best_sum,
        inputs=("best", *_DEATH_PARTS),
    ),
    Rule(
        name="deaths.low_best_high",
        severity="warning",
        column="best",
        description="low <= best <= high; published GED data breaks it, so it is reported only.",
        expected="a figure between low and high",
        columnar=_col_low_best_high,
        row=_row_low_best_high,
        inputs=("low", "best", "high"),
    ),
)
"""The GED cross-field rules, used by ``GedEvent`` and by ``validate_ged``."""
