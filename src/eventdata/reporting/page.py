"""The report's content: what each section shows, computed columnar from the events.

:func:`build_context` turns a :class:`~eventdata.ValidationReport` into the plain values
the template needs (numbers, small tables, SVG text). The map draws every event when
there are at most ``max_points`` of them; above that, events are binned to a grid of
longitude/latitude cells (coarser until at most ``max_points`` cell-and-type groups
remain), each drawn at the mean position of its events with the sum of their fatalities,
and the page says so.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.analysis.aggregate import aggregate
from eventdata.analysis.frames import DIALECT_ATTR
from eventdata.analysis.monadic import to_monadic
from eventdata.reporting.charts import (
    EVENT_TYPE_COLOURS,
    MapPoints,
    bar_list,
    colour_of,
    point_map,
    stacked_areas,
)
from eventdata.vocabulary.hdx import HDX_CATEGORIES, HDX_FATALITY_CATEGORIES

if TYPE_CHECKING:
    from eventdata.validation.report import ValidationReport

__all__ = ["COLUMNS", "build_context", "events_frame", "map_points"]

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "assoc_actor_1",
    "actor2",
    "inter2",
    "assoc_actor_2",
    "civilian_targeting",
    "country",
    "location",
    "latitude",
    "longitude",
    "fatalities",
)
"""The columns the report reads."""

LABELLED_POINTS = 3000
"""Maps with at most this many circles give each one a hover label."""


def events_frame(validation: ValidationReport) -> pd.DataFrame:
    """The columns the report needs, from the validated input (invalid values missing)."""
    table = validation.canonical_table
    columns = {}
    for name in COLUMNS:
        column = table.column(name)
        if pa.types.is_dictionary(column.type):
            column = pc.cast(column, column.type.value_type)
        columns[name] = column
    frame = pa.table(columns).to_pandas(types_mapper=pd.ArrowDtype)
    frame.attrs[DIALECT_ATTR] = validation.dialect.name
    result: pd.DataFrame = frame
    return result


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    values: np.ndarray = frame[column].to_numpy(dtype="float64", na_value=np.nan)
    return values


def map_points(frame: pd.DataFrame, *, max_points: int) -> tuple[MapPoints, str]:
    """The map's circles and a sentence saying how they were made."""
    lon, lat = _numbers(frame, "longitude"), _numbers(frame, "latitude")
    placed = np.isfinite(lon) & np.isfinite(lat)
    fatalities = np.nan_to_num(_numbers(frame, "fatalities"), nan=0.0)
    types = frame["event_type"].astype(str).fillna("(missing)").to_numpy()
    missing = int((~placed).sum())
    where = (
        f" {missing:,} event{'s' if missing > 1 else ''} without coordinates "
        f"{'are' if missing > 1 else 'is'} not on the map."
        if missing
        else ""
    )
    n = int(placed.sum())
    if n <= max_points:
        rows = np.flatnonzero(placed)
        labels: list[str] = []
        if n <= LABELLED_POINTS:
            sub = frame.iloc[rows]
            labels = [
                f"{d} {t}: {loc} ({c}), {int(f)} fatalities"
                for d, t, loc, c, f in zip(
                    sub["event_date"].astype(str),
                    types[rows],
                    sub["location"].astype(str),
                    sub["country"].astype(str),
                    fatalities[rows],
                    strict=True,
                )
            ]
        points = MapPoints(lon[rows], lat[rows], types[rows].tolist(), fatalities[rows], labels)
        return points, f"Every one of the {n:,} events with coordinates is drawn.{where}"
    return _binned(lon[placed], lat[placed], types[placed], fatalities[placed], max_points, where)


def _binned(
    lon: np.ndarray,
    lat: np.ndarray,
    types: np.ndarray,
    fatalities: np.ndarray,
    max_points: int,
    where: str,
) -> tuple[MapPoints, str]:
    span = max(float(lon.max() - lon.min()), float(lat.max() - lat.min()), 0.01)
    cell = span / 256
    while True:
        col = np.floor((lon - lon.min()) / cell).astype(np.int64)
        row = np.floor((lat - lat.min()) / cell).astype(np.int64)
        frame = pd.DataFrame(
            {"cell": col * 1_000_003 + row, "type": types, "lon": lon, "lat": lat, "f": fatalities}
        )
        groups = frame.groupby(["cell", "type"], sort=True)
        if groups.ngroups <= max_points:
            break
        cell *= 2
    summary = groups.agg(lon=("lon", "mean"), lat=("lat", "mean"), f=("f", "sum"), n=("f", "size"))
    summary = summary.reset_index()
    points = MapPoints(
        summary["lon"].to_numpy(),
        summary["lat"].to_numpy(),
        summary["type"].tolist(),
        summary["f"].to_numpy(),
        [
            f"{t}: {n:,} events, {int(f):,} fatalities"
            for t, n, f in zip(summary["type"], summary["n"], summary["f"], strict=True)
        ]
        if len(summary) <= LABELLED_POINTS
        else [],
    )
    text = (
        f"{len(lon):,} events are more than the {max_points:,} circles the map draws, so they "
        f"are binned into cells of {cell:.3g}° of longitude by {cell:.3g}° of latitude: one "
        "circle per cell and event type, at the mean position of its events, sized by the "
        f"sum of their fatalities ({len(summary):,} circles).{where}"
    )
    return points, text


def _timeline(frame: pd.DataFrame) -> dict[str, Any]:
    weekly = aggregate(frame, by=("event_type",), freq="week", complete=True)
    if weekly.empty:
        return {"events": "", "fatalities": "", "weeks": 0}
    weeks = sorted(weekly["period"].dropna().unique())
    labels = [str(w) for w in weeks]
    position = {w: i for i, w in enumerate(weeks)}
    events: dict[str, np.ndarray] = {}
    fatalities: dict[str, np.ndarray] = {}
    order = [t for t in EVENT_TYPE_COLOURS if t in set(weekly["event_type"].dropna())]
    order += sorted(set(weekly["event_type"].dropna()) - set(order))
    for event_type in order:
        part = weekly[weekly["event_type"] == event_type]
        index = [position[p] for p in part["period"]]
        events[event_type] = np.zeros(len(weeks))
        events[event_type][index] = part["events"].to_numpy(dtype="float64")
        fatalities[event_type] = np.zeros(len(weeks))
        fatalities[event_type][index] = part["fatalities"].to_numpy(dtype="float64", na_value=0.0)
    return {
        "events": stacked_areas(labels, events, title="Events per week (Saturday to Friday)"),
        "fatalities": stacked_areas(labels, fatalities, title="Reported fatalities per week"),
        "weeks": len(weeks),
        "unknown": int(frame["fatalities"].isna().sum()),
        "first": labels[0],
        "last": labels[-1],
    }


def _top_actors(frame: pd.DataFrame, top: int) -> dict[str, Any]:
    actors = to_monadic(frame)
    actors["_unknown"] = actors["fatalities"].isna()
    counts = (
        actors.groupby(actors["actor"].astype(str), dropna=True)
        .agg(
            events=("event_row", "size"),
            fatalities=("fatalities", "sum"),
            unknown=("_unknown", "sum"),
        )
        .sort_values(["events", "fatalities"], ascending=False, kind="stable")
        .head(top)
    )
    labels = counts.index.tolist()
    rows = [
        {"actor": a, "events": int(e), "fatalities": None if u else int(f)}
        for a, e, f, u in zip(
            labels, counts["events"], counts["fatalities"], counts["unknown"], strict=True
        )
    ]
    chart = bar_list(labels, [r["events"] for r in rows]) if rows else ""
    return {"rows": rows, "chart": chart}


def _top_sub_events(frame: pd.DataFrame, top: int) -> dict[str, Any]:
    grouped = (
        frame.groupby(["sub_event_type", "event_type"], dropna=False, observed=True)
        .agg(
            events=("event_date", "size"),
            fatalities=("fatalities", "sum"),
            unknown=("fatalities", lambda f: int(f.isna().sum())),
        )
        .reset_index()
        .sort_values(["events", "fatalities"], ascending=False, kind="stable")
        .head(top)
    )
    rows: list[dict[str, Any]] = [
        {
            "sub_event_type": str(s),
            "event_type": str(t),
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
    chart = bar_list(
        [r["sub_event_type"] for r in rows],
        [r["events"] for r in rows],
        colours=[colour_of(r["event_type"]) for r in rows],
    )
    return {"rows": rows, "chart": chart if rows else ""}


def _hdx(frame: pd.DataFrame) -> list[dict[str, Any]]:
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


def _validation(validation: ValidationReport, max_failures: int) -> dict[str, Any]:
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


def build_context(
    validation: ValidationReport, *, title: str | None, max_points: int, top: int, max_failures: int
) -> dict[str, Any]:
    """Everything the template shows, for one validated input."""
    frame = events_frame(validation)
    points, map_note = map_points(frame, max_points=max_points)
    dates = frame["event_date"].dropna()
    fatalities = frame["fatalities"]
    # the file's name, not its path: pages get shared, paths say where they were made
    source = Path(validation.source).name if validation.source else "data"
    present = set(pa.array(frame["event_type"]).unique().drop_null().to_pylist())
    return {
        "title": title or f"Events in {source}",
        "source": source,
        "n_rows": len(frame),
        "first_date": str(dates.min()) if len(dates) else None,
        "last_date": str(dates.max()) if len(dates) else None,
        "fatalities": None if fatalities.isna().any() else int(fatalities.sum()),
        "countries": int(frame["country"].nunique()),
        "map": point_map(points) if len(points.lon) else "",
        "map_note": map_note,
        "legend": [
            {"name": name, "colour": colour}
            for name, colour in EVENT_TYPE_COLOURS.items()
            if name in present
        ],
        "timeline": _timeline(frame),
        "actors": _top_actors(frame, top),
        "sub_events": _top_sub_events(frame, top),
        "hdx": _hdx(frame),
        "validation": _validation(validation, max_failures),
        "sqrt": math.sqrt,
    }
