"""``aggregate``: event and fatality counts per period and group, columnar.

Periods are labelled by their first day. ACLED's weeks run from Saturday to Friday (the
``week`` column of ACLED's aggregated data is "the Saturday marking the start of that
week"), so ``freq="week"`` labels each event with the Saturday on or before its date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.analysis.frames import arrow_array, as_events, require_columns
from eventdata.vocabulary.hdx import CIVILIAN_TARGETING_VALUE, HDX_CATEGORIES, Category

__all__ = ["FREQUENCIES", "MEASURES", "aggregate", "category_mask", "period_start"]

Freq = Literal["day", "week", "month", "year"]

FREQUENCIES: tuple[str, ...] = ("day", "week", "month", "year")
"""The accepted values of ``freq``."""

MEASURES: dict[str, str] = {
    "events": "number of events",
    "fatalities": "sum of reported fatalities (missing when a row of the group has none)",
    "fatal_events": "number of events with at least one reported fatality",
}
"""The accepted measures and what each counts."""

_EPOCH_WEEKDAY_OFFSET = 2
"""1970-01-01 was a Thursday: day ``d`` is a Saturday exactly when ``(d - 2) % 7 == 0``."""


def period_start(days: np.ndarray, freq: str) -> np.ndarray:
    """First day of the period holding each day, as days since 1970-01-01.

    Args:
        days: dates as integer days since 1970-01-01.
        freq: ``day``, ``week`` (Saturday to Friday), ``month`` or ``year``.

    Returns:
        An ``int64`` array of the same length.

    """
    days = days.astype(np.int64)
    if freq == "day":
        return days
    if freq == "week":
        weeks: np.ndarray = days - (days - _EPOCH_WEEKDAY_OFFSET) % 7
        return weeks
    unit = {"month": "M", "year": "Y"}[freq]
    dates = days.astype("datetime64[D]").astype(f"datetime64[{unit}]").astype("datetime64[D]")
    return dates.astype(np.int64)


def _period_range(first: int, last: int, freq: str) -> np.ndarray:
    if freq == "day":
        return np.arange(first, last + 1, dtype=np.int64)
    if freq == "week":
        return np.arange(first, last + 1, 7, dtype=np.int64)
    unit = {"month": "M", "year": "Y"}[freq]
    lo = np.datetime64(int(first), "D").astype(f"datetime64[{unit}]")
    hi = np.datetime64(int(last), "D").astype(f"datetime64[{unit}]")
    return np.arange(lo, hi + 1).astype("datetime64[D]").astype(np.int64)


def _text(frame: pd.DataFrame, column: str) -> pa.Array:
    return arrow_array(frame[column]).cast(pa.string())


def category_mask(frame: pd.DataFrame, category: Category) -> np.ndarray:
    """Boolean array: the rows of ``frame`` that ``category`` counts.

    Raises:
        InputError: ``frame`` lacks ``event_type``, ``sub_event_type`` or (for a civilian
            targeting category) ``civilian_targeting``.

    """
    needed = ("event_type", "sub_event_type") + (
        ("civilian_targeting",) if category.civilian_targeting else ()
    )
    require_columns(frame, needed, needed_for=f"the category {category.name!r}")
    event_type = _text(frame, "event_type")
    sub_event_type = _text(frame, "sub_event_type")
    mask = pc.is_in(event_type, pa.array(category.event_types, pa.string()))
    if category.sub_event_types:
        extra = pc.is_in(sub_event_type, pa.array(category.sub_event_types, pa.string()))
        mask = pc.or_(mask, extra)
    if category.excluded_sub_event_types:
        out = pc.is_in(sub_event_type, pa.array(category.excluded_sub_event_types, pa.string()))
        mask = pc.and_(mask, pc.invert(out))
    if category.civilian_targeting:
        targeted = pc.equal(_text(frame, "civilian_targeting"), CIVILIAN_TARGETING_VALUE)
        mask = pc.and_(mask, pc.fill_null(targeted, False))
    return np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), dtype=bool)


def _civilian_targeting_coded(frame: pd.DataFrame) -> bool:
    """False when ``civilian_targeting`` is absent or blank on every row although it should not be.

    ACLED sets it on every Violence against civilians event, so a file with such events and
    no value anywhere comes from a dialect (before March 2023) that did not have the column.
    """
    if "civilian_targeting" not in frame.columns:
        return False
    if frame["civilian_targeting"].notna().any():
        return True
    attacks = pc.equal(_text(frame, "event_type"), "Violence against civilians")
    return not pc.any(attacks).as_py()


def _resolve_categories(categories: str | Sequence[Category] | None) -> tuple[Category, ...]:
    if categories is None:
        return ()
    if isinstance(categories, str):
        if categories != "hdx":
            raise ValueError(
                f"categories={categories!r} is not known; use 'hdx' or a sequence of "
                "eventdata.vocabulary.hdx.Category"
            )
        return HDX_CATEGORIES
    resolved = tuple(categories)
    if not all(isinstance(c, Category) for c in resolved):
        raise ValueError("categories must be 'hdx' or a sequence of Category objects")
    return resolved


def _check_options(
    frame: pd.DataFrame, by: tuple[str, ...], freq: str, measures: tuple[str, ...]
) -> None:
    if freq not in FREQUENCIES:
        raise ValueError(f"freq={freq!r} is not one of {', '.join(FREQUENCIES)}")
    unknown = [m for m in measures if m not in MEASURES]
    if unknown or not measures:
        raise ValueError(
            f"unknown measure(s) {unknown or measures}; choose from {', '.join(MEASURES)}"
        )
    if "period" in by or "category" in by:
        raise ValueError("by may not name 'period' or 'category': aggregate makes those columns")
    needed = ("event_date", *by) + (
        ("fatalities",) if {"fatalities", "fatal_events"} & set(measures) else ()
    )
    require_columns(frame, needed, needed_for="aggregate")


def _grouped(
    keys: pd.DataFrame, fatalities: pd.Series | None, measures: tuple[str, ...]
) -> pd.DataFrame:
    """One row per distinct key combination, with the measures (nulls in keys kept)."""
    names = list(keys.columns)
    work = keys.copy()
    work["_one"] = np.ones(len(keys), dtype=np.int64)
    if fatalities is not None:
        work["_fatal"] = fatalities.fillna(0).astype(np.int64)
        work["_missing"] = fatalities.isna().astype(np.int64)
        work["_killed"] = (work["_fatal"] > 0).astype(np.int64)
    grouped = work.groupby(names, dropna=False, observed=True, sort=False)
    sums = grouped.sum()
    out = pd.DataFrame(index=sums.index)
    if "events" in measures:
        out["events"] = sums["_one"]
    if "fatalities" in measures:
        out["fatalities"] = sums["_fatal"].astype("Int64").mask(sums["_missing"] > 0)
    if "fatal_events" in measures:
        out["fatal_events"] = sums["_killed"]
    result: pd.DataFrame = out.reset_index()
    return result


def _complete(
    table: pd.DataFrame, group_columns: list[str], freq: str, measures: tuple[str, ...]
) -> pd.DataFrame:
    dated = table[table["period"].notna()]
    if dated.empty:
        return table
    periods = _period_range(int(dated["period"].min()), int(dated["period"].max()), freq)
    if group_columns:
        groups = dated[group_columns].drop_duplicates()
        grid = groups.merge(pd.DataFrame({"period": periods}), how="cross")
    else:
        grid = pd.DataFrame({"period": periods})
    full = grid.merge(dated, on=[*group_columns, "period"], how="left", indicator=True)
    empty = (full.pop("_merge") == "left_only").to_numpy()
    for measure in measures:  # zeros where nothing happened; a missing total stays missing
        full[measure] = full[measure].astype("Int64")
        full.loc[empty, measure] = 0
    result: pd.DataFrame = pd.concat([full, table[table["period"].isna()]], ignore_index=True)
    return result


def aggregate(
    data: Any,
    /,
    *,
    by: Sequence[str] = ("country",),
    freq: Freq = "month",
    measures: Sequence[str] = ("events", "fatalities"),
    categories: str | Sequence[Category] | None = None,
    complete: bool = False,
) -> pd.DataFrame:
    """Count events and fatalities per period and group, as HDX's ACLED tables do.

    Args:
        data: anything :func:`eventdata.read_acled` accepts (a path, a DataFrame, a
            pyarrow Table), or a DataFrame it returned (used without parsing again).
        by: columns to group by besides the period, e.g. ``("country", "admin1")``;
            ``()`` for totals per period.
        freq: ``"day"``, ``"week"`` (ACLED's weeks: Saturday to Friday), ``"month"`` or
            ``"year"``.
        measures: any of ``"events"``, ``"fatalities"`` and ``"fatal_events"``
            (see :data:`MEASURES`). A group's fatalities are missing (``<NA>``) when any
            of its rows has no fatality count, never a silent undercount.
        categories: ``"hdx"`` adds a ``category`` column and counts ACLED's HDX
            categories (``political_violence``, ``civilian_targeting``,
            ``demonstration``; see :mod:`eventdata.vocabulary.hdx`), or pass your own
            sequence of :class:`~eventdata.vocabulary.hdx.Category`. Categories overlap.
            Civilian-targeting measures are missing when the input has no
            ``civilian_targeting`` values at all (files from before March 2023).
        complete: also give every period between the first and the last one, for every
            group (and category) seen, with zero counts where nothing happened.

    Returns:
        A DataFrame with ``period`` (first day of the period, ``datetime64[s]`` at
        midnight like ``read_acled``'s ``event_date``), the ``by``
        columns, ``category`` when asked, and one column per measure; sorted by the
        ``by`` columns, category and period. Rows whose date is missing get a missing
        period, so that every event is counted.

    Raises:
        InputError: the input cannot be read, or lacks a column the options need.
        ValueError: an unknown ``freq``, measure or category.

    Example:
        >>> import eventdata
        >>> monthly = eventdata.aggregate("acled.csv", freq="month")  # doctest: +SKIP

    """
    by = tuple(by)
    measures = tuple(measures)
    resolved = _resolve_categories(categories)
    frame = as_events(data)
    _check_options(frame, by, freq, measures)

    dates = arrow_array(frame["event_date"]).cast(pa.date32())
    valid = np.asarray(pc.is_valid(dates).to_numpy(zero_copy_only=False), dtype=bool)
    days = pc.fill_null(dates.cast(pa.int32()), 0).to_numpy(zero_copy_only=False)
    period = pd.Series(period_start(days, freq), dtype="Int64").mask(~valid)
    keys = pd.DataFrame({"period": period.array}, index=frame.index)
    for column in by:
        keys[column] = frame[column]
    fatalities = None
    if {"fatalities", "fatal_events"} & set(measures):
        fatalities = pd.Series(frame["fatalities"].to_numpy(dtype="float64", na_value=np.nan))
        fatalities.index = frame.index

    group_columns = list(by)
    if not resolved:
        table = _grouped(keys, fatalities, measures)
    else:
        group_columns.append("category")
        table = _by_category(frame, keys, fatalities, measures, resolved)
    if complete:
        table = _complete(table, group_columns, freq, measures)
    if resolved and not _civilian_targeting_coded(frame):
        unknown = table["category"].isin([c.name for c in resolved if c.civilian_targeting])
        for measure in measures:  # uncoded: unknown, also in the periods complete added
            table[measure] = table[measure].astype("Int64").mask(unknown.to_numpy())
    table = table.sort_values([*group_columns, "period"], kind="stable", na_position="last")
    return _finish(table, [*by, *(["category"] if resolved else [])], measures, frame)


def _by_category(
    frame: pd.DataFrame,
    keys: pd.DataFrame,
    fatalities: pd.Series | None,
    measures: tuple[str, ...],
    categories: tuple[Category, ...],
) -> pd.DataFrame:
    parts = []
    coded = _civilian_targeting_coded(frame)
    for category in categories:
        # without civilian_targeting values, the rows it would pick from are counted here
        # and their measures made missing by aggregate
        unknown = category.civilian_targeting and not coded
        counted = replace(category, civilian_targeting=False) if unknown else category
        mask = category_mask(frame, counted)
        part = _grouped(keys[mask], None if fatalities is None else fatalities[mask], measures)
        part["category"] = category.name
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    order = [c.name for c in categories]
    table["category"] = pd.Categorical(table["category"], categories=order)
    return table


def _finish(
    table: pd.DataFrame,
    group_columns: list[str],
    measures: tuple[str, ...],
    frame: pd.DataFrame,
) -> pd.DataFrame:
    # datetime64[s] at midnight, as read_acled gives event_date; NaT for undated events
    days = table["period"].astype("Int64").to_numpy(dtype="float64", na_value=np.nan)
    known = np.isfinite(days)
    starts = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[s]")
    starts[known] = (days[known].astype(np.int64) * 86_400).astype("datetime64[s]")
    out = pd.DataFrame({"period": pd.Series(starts)})
    for column in group_columns:
        values = table[column].reset_index(drop=True)
        if column in frame.columns and isinstance(frame[column].dtype, pd.CategoricalDtype):
            values = values.astype(frame[column].dtype)
        out[column] = values
    for measure in measures:
        values = table[measure].reset_index(drop=True)
        out[measure] = values.astype("Int64").astype(pd.ArrowDtype(pa.int64()))
    result: pd.DataFrame = out
    return result
