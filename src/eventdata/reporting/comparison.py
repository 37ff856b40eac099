"""The comparison section: what the report's input and another source both have.

:func:`compare_section` matches the two inputs with :func:`eventdata.match` (the
``match`` extra) and counts, by month, event type and admin1, the events both have, those
only the report's input has and those only the other one has. A pair is placed by the
report's row; a row only the other source has, by its own date, type and admin1.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from eventdata.reporting.frame import MISSING

__all__ = ["compare_section"]

MAX_ROWS = 40
"""The most admin1 rows the section lists (the counts per month and type are complete)."""


def _months(values: Any) -> pd.Series:
    months: pd.Series = (
        pd.to_datetime(pd.Series(values), errors="coerce").dt.strftime("%Y-%m").fillna(MISSING)
    )
    return months


def _text(values: Any) -> pd.Series:
    text: pd.Series = pd.Series(values, dtype=object).fillna(MISSING).astype(str)
    return text


def _column(rows: pd.DataFrame, name: str) -> Any:
    return rows[name].to_numpy() if name in rows else [None] * len(rows)


def _table(rows: pd.DataFrame, key: str, *, limit: int | None = None) -> list[dict[str, Any]]:
    grouped = (
        rows.groupby(key, sort=True)[["both", "only_a", "only_b"]].sum().reset_index()
        if len(rows)
        else pd.DataFrame(columns=[key, "both", "only_a", "only_b"])
    )
    if limit is not None:
        total = grouped["both"] + grouped["only_a"] + grouped["only_b"]
        grouped = grouped.loc[total.sort_values(ascending=False, kind="stable").index[:limit]]
    out = []
    for name, both, only_a, only_b in zip(
        grouped[key], grouped["both"], grouped["only_a"], grouped["only_b"], strict=True
    ):
        total = max(int(both) + int(only_a) + int(only_b), 1)
        out.append(
            {
                "key": str(name),
                "both": int(both),
                "only_a": int(only_a),
                "only_b": int(only_b),
                "share_both": f"{100 * int(both) / total:.0f}%",
                "bar_both": f"{100 * int(both) / total:.1f}%",
                "bar_a": f"{100 * int(only_a) / total:.1f}%",
                "bar_b": f"{100 * int(only_b) / total:.1f}%",
            }
        )
    return out


def compare_section(
    frame: pd.DataFrame, a: Any, b: Any, *, names: tuple[str, str]
) -> dict[str, Any]:
    """Match ``a`` (the report's input, read as ``frame``) with ``b``; counts three ways.

    Raises:
        MissingExtraError: rapidfuzz or scipy is missing (``pip install 'eventdata[match]'``).
        InputError: ``b`` cannot be read.
    """
    from eventdata.matching.core import match

    result = match(a, b, names=names, errors="coerce")
    by_id = frame.set_index(frame["event_id_cnty"].astype(str))
    pairs = result.pairs
    left_ids = pairs["left_id"].astype(str)
    known = left_ids.isin(by_id.index)
    admin1 = pd.Series(MISSING, index=pairs.index, dtype=object)
    admin1[known] = by_id.loc[left_ids[known], "admin1"].astype(object).to_numpy()
    # an episode pairs several of the report's rows with one row of the other source
    pieces = [
        pd.DataFrame(
            {
                "month": _months(pairs["left_date"]),
                "event_type": _text(pairs["left_event_type"]),
                "admin1": _text(admin1.to_numpy()),
                "both": 1,
                "only_a": 0,
                "only_b": 0,
            }
        )
    ]
    for rows, column in ((result.left_only, "only_a"), (result.right_only, "only_b")):
        pieces.append(
            pd.DataFrame(
                {
                    "month": _months(_column(rows, "event_date")),
                    "event_type": _text(_column(rows, "event_type")),
                    "admin1": _text(_column(rows, "admin1")),
                    "both": 0,
                    "only_a": int(column == "only_a"),
                    "only_b": int(column == "only_b"),
                }
            )
        )
    rows = pd.concat([p for p in pieces if len(p)] or pieces[:1], ignore_index=True)
    summary = result.summary
    return {
        "a": names[0],
        "b": names[1],
        "a_rows": summary["left_rows"],
        "b_rows": summary["right_rows"],
        "pairs": summary["pairs"],
        "episode": summary["episode"],
        "only_a": summary["left_only"],
        "only_b": summary["right_only"],
        "fatalities_equal": summary["fatalities_equal"],
        "fatalities_compared": summary["fatalities_compared"],
        "threshold": result.options.get("threshold"),
        "months": _table(rows, "month"),
        "types": _table(rows, "event_type"),
        "areas": _table(rows, "admin1", limit=MAX_ROWS),
        "n_areas": int(np.unique(rows["admin1"]).size) if len(rows) else 0,
    }
