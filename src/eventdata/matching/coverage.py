"""Coverage tables of a match: what both sources have, and what only one has.

:func:`coverage_tables` gives, by country and month and by event type, how many events
are matched, only in the left input, only in the right one, and how the matched pairs'
fatalities agree. ``eventdata match`` prints them; a report section can show them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from eventdata.matching.result import MatchResult

__all__ = ["COVERAGE_COLUMNS", "coverage_tables"]

COVERAGE_COLUMNS = (
    "matched",
    "only_left",
    "only_right",
    "fatalities_left",
    "fatalities_right",
    "fatalities_equal",
)
"""Columns of each coverage table, after its key."""


def _month(values: Any) -> pd.Series:
    out_: pd.Series = pd.to_datetime(pd.Series(values), errors="coerce").dt.strftime("%Y-%m")
    return out_


def _text(values: Any) -> pd.Series:
    out_: pd.Series = pd.Series(values, dtype=object).fillna("(unknown)").astype(str)
    return out_


def coverage_tables(result: MatchResult) -> dict[str, pd.DataFrame]:
    """Matched, only-left and only-right counts and fatalities agreement, two ways.

    Returns:
        ``{"country_month": ..., "event_type": ..., "total": ...}``: frames keyed by
        ``country`` and ``month`` (the left row's, for a pair), by ``event_type`` (the
        left row's event type for pairs and left-only rows, the right row's for
        right-only rows), and one total row. Columns: :data:`COVERAGE_COLUMNS`. An
        episode (several left rows for one right row) counts each of its pairs as
        matched; fatalities are summed over rows, each row once.
    """
    pairs = result.pairs
    left_only, right_only = result.left_only, result.right_only
    once_left = pairs["left_id"].duplicated()  # an episode's row counts its deaths once
    once_right = pairs["right_id"].duplicated()
    equal = (pairs["left_fatalities"] == pairs["right_fatalities"]).fillna(False)
    frames = [
        pd.DataFrame(
            {
                "country": _text(pairs["country"]),
                "month": _month(pairs["left_date"]),
                "event_type": _text(pairs["left_event_type"]),
                "matched": 1,
                "only_left": 0,
                "only_right": 0,
                "fatalities_left": pairs["left_fatalities"].where(~once_left).to_numpy(),
                "fatalities_right": pairs["right_fatalities"].where(~once_right).to_numpy(),
                "fatalities_equal": equal.astype(int).to_numpy(),
            }
        ),
        _only(left_only, "only_left"),
        _only(right_only, "only_right"),
    ]
    rows = (
        pd.concat([f for f in frames if len(f)], ignore_index=True)
        if any(len(f) for f in frames)
        else frames[0]
    )
    rows["month"] = rows["month"].fillna("(unknown)")
    sums = {c: "sum" for c in COVERAGE_COLUMNS}
    by_place = rows.groupby(["country", "month"], sort=True).agg(sums).reset_index()
    by_type = rows.groupby("event_type", sort=True).agg(sums).reset_index()
    total = rows[list(COVERAGE_COLUMNS)].sum().to_frame().T
    return {
        "country_month": _ints(by_place),
        "event_type": _ints(by_type),
        "total": _ints(total),
    }


def _only(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    raw = rows["fatalities"] if "fatalities" in rows else pd.Series([None] * len(rows))
    fatalities = pd.to_numeric(raw, errors="coerce")
    n = len(rows)
    out_: pd.DataFrame = pd.DataFrame(
        {
            "country": _text(rows["country"] if "country" in rows else [None] * n),
            "month": _month(rows["event_date"] if "event_date" in rows else [None] * n),
            "event_type": _text(rows["event_type"] if "event_type" in rows else [None] * n),
            "matched": 0,
            "only_left": int(column == "only_left"),
            "only_right": int(column == "only_right"),
            "fatalities_left": fatalities if column == "only_left" else np.nan,
            "fatalities_right": fatalities if column == "only_right" else np.nan,
            "fatalities_equal": 0,
        }
    )
    return out_


def _ints(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("matched", "only_left", "only_right", "fatalities_equal"):
        frame[column] = frame[column].astype("int64")
    for column in ("fatalities_left", "fatalities_right"):
        frame[column] = frame[column].astype("float64")
    return frame
