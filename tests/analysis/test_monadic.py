"""to_monadic / to_dyadic: one row per actor and back, exactly."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import eventdata
from eventdata import InputError
from eventdata.synthetic import generate_events

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "acled"
REAL = ["somalia_2025-04_2026-03.csv", "iraq_2024-01_2024-03_prefix.csv"]


@functools.cache
def _real(name: str) -> pd.DataFrame:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"real export {name} not found under ../shared/data")
    return eventdata.read_acled(path, lists=True)


@functools.cache
def _synthetic() -> pd.DataFrame:
    return eventdata.read_acled(generate_events(500, seed=5), lists=True)


def assert_same_frame(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Same columns, dtypes, index and values (null for null), compared column by column."""
    assert list(got.columns) == list(expected.columns)
    assert got.dtypes.to_dict() == expected.dtypes.to_dict()
    assert got.index.equals(expected.index)
    for column in expected.columns:
        left = pa.array(got[column], from_pandas=True)
        right = pa.array(expected[column], from_pandas=True)
        assert left.equals(right), column


def _values(column: pd.Series) -> list[object]:
    return [None if pd.isna(v) else str(v) for v in column]


def _events(source: str) -> pd.DataFrame:
    return _synthetic() if source == "synthetic" else _real(source)


@pytest.mark.parametrize("source", ["synthetic", *REAL])
@pytest.mark.parametrize("associated", [False, True])
def test_to_dyadic_gives_back_the_events_exactly(source: str, associated: bool) -> None:
    events = _events(source)

    back = eventdata.to_dyadic(eventdata.to_monadic(events, associated=associated))

    assert_same_frame(back, events)


@pytest.mark.parametrize("associated", [False, True])
def test_to_dyadic_needs_no_order_nor_attributes(associated: bool) -> None:
    events = _synthetic()
    monadic = eventdata.to_monadic(events, associated=associated)
    shuffled = monadic.sample(frac=1.0, random_state=7)
    shuffled.attrs = {}

    back = eventdata.to_dyadic(shuffled)

    for column in ("event_id_cnty", "actor1", "actor2", "inter1", "inter2", "fatalities", "notes"):
        assert _values(back[column]) == _values(events[column]), column
    for column in ("assoc_actor_1", "assoc_actor_2"):
        assert [list(v) for v in back[column]] == [list(v) for v in events[column]]


@pytest.mark.parametrize("source", ["synthetic", *REAL])
def test_one_row_per_actor_with_its_type(source: str) -> None:
    events = _events(source)

    monadic = eventdata.to_monadic(events)

    has_second = events["actor2"].notna()
    assert len(monadic) == len(events) + int(has_second.sum())
    first = monadic[monadic["actor_role"] == "actor1"]
    second = monadic[monadic["actor_role"] == "actor2"]
    assert first["actor"].tolist() == events["actor1"].tolist()
    assert first["inter"].tolist() == events["inter1"].astype(str).tolist()
    assert second["actor"].tolist() == events.loc[has_second, "actor2"].tolist()
    assert second["inter"].tolist() == events.loc[has_second, "inter2"].astype(str).tolist()
    assert [list(v) for v in second["assoc_actors"]] == [
        list(v) for v in events.loc[has_second, "assoc_actor_2"]
    ]
    assert monadic["event_row"].is_monotonic_increasing
    assert (
        monadic["fatalities"].tolist() == events["fatalities"].iloc[monadic["event_row"]].tolist()
    )


@pytest.mark.parametrize("source", ["synthetic", *REAL])
def test_associated_actors_become_rows_without_a_type(source: str) -> None:
    events = _events(source)

    monadic = eventdata.to_monadic(events, associated=True)

    counts = monadic["actor_role"].value_counts()
    assert counts["assoc_actor_1"] == int(events["assoc_actor_1"].list.len().sum())
    assert counts["assoc_actor_2"] == int(events["assoc_actor_2"].list.len().sum())
    assoc = monadic[monadic["actor_role"].astype(str).str.startswith("assoc")]
    assert assoc["inter"].isna().all()
    assert "assoc_actors" not in monadic.columns
    expected = sorted(a for lst in events["assoc_actor_1"] for a in lst)
    assert sorted(monadic.loc[monadic["actor_role"] == "assoc_actor_1", "actor"]) == expected


def test_actor_counts_match_the_raw_export() -> None:
    path = SHARED / "somalia_2025-04_2026-03.csv"
    if not path.is_file():
        pytest.skip("real export not found under ../shared/data")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    expected = pd.concat([raw["actor1"], raw["actor2"][raw["actor2"] != ""]]).value_counts()

    monadic = eventdata.to_monadic(path)

    got = monadic["actor"].value_counts()
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()


def test_the_event_columns_follow_the_actor_columns() -> None:
    monadic = eventdata.to_monadic(_synthetic())

    assert list(monadic.columns[:6]) == [
        "event_row",
        "actor",
        "actor_role",
        "inter",
        "assoc_actors",
        "event_id_cnty",
    ]
    assert "actor1" not in monadic.columns and "interaction" in monadic.columns


def test_to_dyadic_refuses_a_frame_that_is_not_monadic() -> None:
    with pytest.raises(InputError, match="event_row"):
        eventdata.to_dyadic(_synthetic())
