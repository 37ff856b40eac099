"""The report's tables: top actors, top sub-event types, HDX categories, validation.

Names are shown whole (a long name wraps; it is never cut into a look-alike of another),
each row with a bar proportional to its events.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.analysis.aggregate import aggregate
from eventdata.reporting.charts import colour_of
from eventdata.vocabulary.hdx import HDX_CATEGORIES, HDX_FATALITY_CATEGORIES

if TYPE_CHECKING:
    from eventdata.validation.report import ValidationReport

__all__ = ["hdx_rows", "top_actors", "top_sub_events", "validation_section"]


def _bars(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    peak = max((r["events"] for r in rows), default=0) or 1
    for row in rows:
        row["bar"] = f"{max(100 * row['events'] / peak, 0.5):.1f}%"
    return rows


def top_actors(frame: pd.DataFrame, top: int) -> list[dict[str, Any]]:
    """The ``top`` actors (actor1 or actor2) by events, with fatalities (None if unknown).

    An event counts once for each side an actor is named on, as in :func:`to_monadic`.
    """
    fatalities = pa.array(frame["fatalities"].array).cast(pa.float64())
    sides = [
        pa.table({"actor": pa.array(frame[side].array).cast(pa.string()), "f": fatalities})
        for side in ("actor1", "actor2")
    ]
    named = pa.concat_tables(sides)
    named = named.filter(pc.is_valid(named["actor"]))
    named = named.append_column("unknown", pc.cast(pc.is_null(named["f"]), pa.int64()))
    grouped = (
        named.group_by("actor")
        .aggregate([("actor", "count"), ("f", "sum"), ("unknown", "sum")])
        .to_pandas()
        .sort_values(["actor_count", "f_sum", "actor"], ascending=[False, False, True])
        .head(top)
    )
    return _bars(
        [
            {"actor": a, "events": int(e), "fatalities": None if u else int(f)}
            for a, e, f, u in zip(
                grouped["actor"],
                grouped["actor_count"],
                grouped["f_sum"].fillna(0),
                grouped["unknown_sum"],
                strict=True,
            )
        ]
    )


def top_sub_events(frame: pd.DataFrame, top: int) -> list[dict[str, Any]]:
    """The ``top`` sub-event types by events, with their event type and colour."""
    grouped = (
        frame.assign(_unknown=frame["fatalities"].isna())
        .groupby(["sub_event_type", "event_type"], dropna=False, observed=True)
        .agg(
            events=("event_type", "size"),
            fatalities=("fatalities", "sum"),
            unknown=("_unknown", "sum"),
        )
        .reset_index()
        .sort_values(["events", "fatalities"], ascending=False, kind="stable")
        .head(top)
    )
    rows = [
        {
            "sub_event_type": "(missing)" if pd.isna(s) else str(s),
            "event_type": "(missing)" if pd.isna(t) else str(t),
            "colour": colour_of("" if pd.isna(t) else str(t)),
            "events": int(e),
            "fatalities": None if u else int(f),
        }
        for s, t, e, f, u in zip(
            grouped["sub_event_type"],
            grouped["event_type"],
            grouped["events"],
            grouped["fatalities"],
            grouped["unknown"],
            strict=True,
        )
    ]
    return _bars(rows)


def hdx_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Events and fatalities of each of ACLED's HDX categories (None when not countable)."""
    totals = aggregate(frame, by=(), freq="year", categories="hdx")
    rows = []
    for category in HDX_CATEGORIES:
        part = totals[totals["category"] == category.name]
        events = part["events"]
        fatal = part["fatalities"]
        rows.append(
            {
                "title": category.title,
                "rule": category.describe(),
                "events": None if events.isna().any() else int(events.sum()),
                "fatalities": None
                if fatal.isna().any() or category.name not in HDX_FATALITY_CATEGORIES
                else int(fatal.sum()),
            }
        )
    return rows


def validation_section(validation: ValidationReport, max_failures: int) -> dict[str, Any]:
    """The validation verdict, the failures per rule and the first failing rows."""
    summary = validation.summary()
    failures = validation.failure_table.slice(0, max_failures).to_pylist()
    counts = sorted(
        ({"rule": r, **v} for r, v in summary["counts"].items()),
        key=lambda c: (c["severity"] != "error", -c["count"], c["rule"]),
    )
    return {
        **summary,
        "rules": counts,
        "failures": failures,
        "n_failures": validation.failure_table.num_rows,
    }
