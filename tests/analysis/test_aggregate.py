"""aggregate: values checked against independent pandas computations on real exports."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import eventdata
from eventdata import InputError
from eventdata.analysis.aggregate import period_start
from eventdata.synthetic import generate_events
from eventdata.vocabulary.hdx import HDX_CATEGORIES, Category

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "acled"
# exports that read cleanly, with the date format of their event_date column
EXPORTS = {
    "somalia_2025-04_2026-03.csv": "%Y-%m-%d",
    "iraq_2024-01_2024-03_prefix.csv": "%Y-%m-%d",
    "ukraine_2022-2024_exporttool_numeric.csv": "%d %B %Y",
}
PANDAS_FREQ = {"day": "D", "week": "W-FRI", "month": "M", "year": "Y"}


def _export(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"real export {name} not found under ../shared/data")
    return path


@functools.cache
def _read(name: str) -> pd.DataFrame:
    return eventdata.read_acled(_export(name))


@functools.cache
def _raw(name: str) -> pd.DataFrame:
    """The export read by plain pandas, independently of eventdata's readers."""
    raw = pd.read_csv(_export(name), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw["date"] = pd.to_datetime(raw["event_date"], format=EXPORTS[name])
    raw["fatalities"] = raw["fatalities"].astype(int)
    return raw


def _expected(raw: pd.DataFrame, by: list[str], freq: str) -> pd.DataFrame:
    period = raw["date"].dt.to_period(PANDAS_FREQ[freq]).dt.start_time.astype("datetime64[s]")
    grouped = raw.assign(period=period).groupby([*by, "period"])
    expected = grouped.agg(events=("fatalities", "size"), fatalities=("fatalities", "sum"))
    return expected.reset_index().sort_values([*by, "period"]).reset_index(drop=True)


def _plain(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    # eventdata reads a blank admin1 (events at sea) as missing; the raw CSV has ""
    out = pd.DataFrame({c: ["" if pd.isna(v) else v for v in table[c]] for c in columns})
    for measure in ("events", "fatalities"):
        out[measure] = table[measure].astype("int64").to_numpy()
    out["period"] = out["period"].astype("datetime64[s]")  # pandas 2.2 infers ns from objects
    return out.sort_values(columns).reset_index(drop=True)


@pytest.mark.parametrize("name", sorted(EXPORTS))
@pytest.mark.parametrize("freq", ["day", "week", "month", "year"])
@pytest.mark.parametrize("by", [["country"], ["admin1"], []])
def test_aggregate_matches_pandas_on_real_exports(name: str, freq: str, by: list[str]) -> None:
    raw = _raw(name)

    table = eventdata.aggregate(_read(name), by=by, freq=freq)

    expected = _expected(raw, by, freq)
    got = _plain(table, [*by, "period"])
    pd.testing.assert_frame_equal(got, expected[[*by, "period", "events", "fatalities"]])
    assert int(table["events"].sum()) == len(raw)


def test_acled_weeks_start_on_saturday_and_end_on_friday() -> None:
    days = pd.date_range("2024-01-01", "2024-03-31").date
    epoch = np.array([(d - dt.date(1970, 1, 1)).days for d in days])

    starts = [dt.date(1970, 1, 1) + dt.timedelta(days=int(d)) for d in period_start(epoch, "week")]

    assert {s.weekday() for s in starts} == {5}  # Saturday
    assert all(0 <= (d - s).days <= 6 for d, s in zip(days, starts, strict=True))
    # Friday 5 January 2024 closes the week of Saturday 30 December 2023
    assert starts[list(days).index(dt.date(2024, 1, 5))] == dt.date(2023, 12, 30)
    assert starts[list(days).index(dt.date(2024, 1, 6))] == dt.date(2024, 1, 6)


def _hdx_expected(raw: pd.DataFrame) -> dict[str, tuple[int, int]]:
    et, sub = raw["event_type"], raw["sub_event_type"]
    targeted = raw["civilian_targeting"] == "Civilian targeting"
    masks = {
        "political_violence": et.isin(
            ["Battles", "Violence against civilians", "Explosions/Remote violence"]
        )
        | (sub == "Mob violence"),
        "civilian_targeting": et.isin(["Violence against civilians", "Explosions/Remote violence"])
        & targeted,
        "demonstration": et.isin(["Protests", "Riots"]) & (sub != "Mob violence"),
    }
    return {k: (int(m.sum()), int(raw.loc[m, "fatalities"].sum())) for k, m in masks.items()}


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_hdx_categories_match_their_definitions(name: str) -> None:
    raw = _raw(name)

    table = eventdata.aggregate(_read(name), by=("country",), freq="month", categories="hdx")

    totals = table.groupby("category", observed=False)[["events", "fatalities"]].sum()
    expected = _hdx_expected(raw)
    got = {k: (int(totals.loc[k, "events"]), int(totals.loc[k, "fatalities"])) for k in expected}
    assert got == expected
    assert list(table["category"].cat.categories) == [c.name for c in HDX_CATEGORIES]


def test_hdx_monthly_table_of_somalia_matches_pandas() -> None:
    raw = _raw("somalia_2025-04_2026-03.csv")
    pv = raw[
        raw["event_type"].isin(
            ["Battles", "Violence against civilians", "Explosions/Remote violence"]
        )
        | (raw["sub_event_type"] == "Mob violence")
    ]
    expected = pv.groupby(pv["date"].dt.to_period("M"))["fatalities"].agg(["size", "sum"])

    table = eventdata.aggregate(_export("somalia_2025-04_2026-03.csv"), categories="hdx")

    got = table[table["category"] == "political_violence"]
    assert got["events"].tolist() == expected["size"].tolist()
    assert got["fatalities"].tolist() == expected["sum"].tolist()
    assert [p.month for p in got["period"]] == [p.month for p in expected.index]


def test_civilian_targeting_is_missing_for_files_without_the_column() -> None:
    path = _export("afghanistan_2020-03_pre2023_exporttool.csv")

    table = eventdata.aggregate(path, by=(), freq="year", categories="hdx")

    targeted = table[table["category"] == "civilian_targeting"]
    others = table[table["category"] != "civilian_targeting"]
    assert len(targeted) == 1 and targeted["events"].isna().all()
    assert others["events"].notna().all() and int(others["events"].sum()) > 0


def _events(n: int = 400) -> pd.DataFrame:
    table = generate_events(n, seed=3, start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30))
    return eventdata.read_acled(table)


def test_complete_fills_every_period_of_every_group_with_zeros() -> None:
    events = _events()
    sparse = events[events["country"].astype(str) == events["country"].astype(str).iloc[0]]
    sparse = sparse.iloc[::40]

    table = eventdata.aggregate(sparse, by=("admin1",), freq="week", complete=True)

    groups = sparse["admin1"].astype(str).nunique()
    weeks = table["period"].nunique()
    assert len(table) == groups * weeks
    assert int(table["events"].sum()) == len(sparse)
    assert (table["events"] == 0).sum() == len(table) - len(
        eventdata.aggregate(sparse, by=("admin1",), freq="week")
    )
    first, last = table["period"].min(), table["period"].max()
    assert (last - first).days == 7 * (weeks - 1)


def test_missing_fatalities_make_the_group_total_missing() -> None:
    frame = _events(60)
    frame.loc[frame.index[0], "fatalities"] = pd.NA
    first_month = frame["event_date"].iloc[0].replace(day=1)

    table = eventdata.aggregate(frame, by=(), freq="month", measures=("fatalities", "events"))

    row = table[table["period"] == first_month]
    assert row["fatalities"].isna().all()
    assert table["fatalities"].notna().sum() == len(table) - 1
    assert list(table.columns) == ["period", "fatalities", "events"]


def test_complete_keeps_missing_totals_missing() -> None:
    frame = _events(80)
    frame.loc[frame.index[0], "fatalities"] = pd.NA

    table = eventdata.aggregate(frame, by=(), freq="day", complete=True)

    first = table[table["period"] == frame["event_date"].iloc[0]]
    assert first["fatalities"].isna().all() and int(first["events"].iloc[0]) >= 1
    assert int(table["fatalities"].isna().sum()) == 1
    assert (table["events"] == 0).any()


def test_civilian_targeting_stays_missing_in_completed_periods() -> None:
    path = _export("afghanistan_2020-03_pre2023_exporttool.csv")

    table = eventdata.aggregate(path, by=(), freq="day", categories="hdx", complete=True)

    targeted = table[table["category"] == "civilian_targeting"]
    assert len(targeted) > 1 and targeted["events"].isna().all()
    assert targeted["fatalities"].isna().all()
    assert (table.loc[table["category"] == "demonstration", "events"] == 0).any()


def test_fatal_events_counts_events_with_fatalities() -> None:
    events = _events()

    table = eventdata.aggregate(events, by=(), freq="year", measures=("fatal_events",))

    assert table["fatal_events"].tolist() == [int((events["fatalities"] > 0).sum())]


def test_custom_categories_are_counted() -> None:
    events = _events()
    riots = Category(name="riots", event_types=("Riots",))

    table = eventdata.aggregate(events, by=(), freq="year", categories=[riots])

    assert table["category"].tolist() == ["riots"]
    assert table["events"].tolist() == [int((events["event_type"] == "Riots").sum())]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"freq": "fortnight"}, "freq='fortnight'"),
        ({"measures": ("deaths",)}, "unknown measure"),
        ({"categories": "unhcr"}, "categories='unhcr'"),
        ({"by": ("period",)}, "may not name 'period'"),
    ],
)
def test_bad_options_are_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        eventdata.aggregate(_events(20), **options)  # type: ignore[arg-type]


def test_a_missing_by_column_names_itself() -> None:
    with pytest.raises(InputError, match="admin9"):
        eventdata.aggregate(_events(20), by=("admin9",))


def test_period_has_the_dtype_of_read_acled_event_date() -> None:
    events = _events(50)

    table = eventdata.aggregate(events, by=("country",), freq="week")

    assert table["period"].dtype == events["event_date"].dtype
    joined = events.merge(table, left_on="event_date", right_on="period", how="inner")
    assert len(joined) > 0  # the same instants: weeks start on a day with events
