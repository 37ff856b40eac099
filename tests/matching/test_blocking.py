"""Blocking finds exactly the pairs whose windows meet: the same set as comparing all pairs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from eventdata.matching.blocking import candidates, haversine_km
from eventdata.matching.inputs import Side, read_side
from eventdata.matching.simulate import KnownAnswer


def _all_pairs(a: Side, b: Side, *, days: int, km: float) -> set[tuple[int, int]]:
    i, j = np.meshgrid(np.arange(len(a)), np.arange(len(b)), indexing="ij")
    i, j = i.ravel(), j.ravel()
    gap = np.maximum(0, np.maximum(b.start[j] - a.end[i], a.start[i] - b.end[j]))
    dist = haversine_km(a.lat[i], a.lon[i], b.lat[j], b.lon[j])
    ok = (gap <= a.slack[i] + b.slack[j] + days) & (dist <= a.radius[i] + b.radius[j] + km)
    ok &= a.placeable[i] & b.placeable[j]
    return set(zip(i[ok].tolist(), j[ok].tolist(), strict=True))


@pytest.mark.parametrize(("days", "km"), [(0, 0.0), (1, 0.0), (3, 40.0)])
def test_blocking_equals_comparing_every_pair(known: KnownAnswer, days: int, km: float) -> None:
    a = read_side(known.left.iloc[:1500])
    b = read_side(known.right.iloc[:1500])

    found = candidates(a, b, days=days, km=km, block_rows=400)

    pairs = list(zip(found.left.tolist(), found.right.tolist(), strict=True))
    assert len(pairs) == len(set(pairs))  # each pair once
    assert set(pairs) == _all_pairs(a, b, days=days, km=km)
    print(f"\ndays={days} km={km}: {len(pairs)} candidates of {len(a) * len(b):,} pairs")


def test_blocking_finds_pairs_across_the_date_line_and_near_the_pole(
    synthetic_rows: pd.DataFrame,
) -> None:
    rows = synthetic_rows.iloc[:4].copy()
    rows["latitude"] = [-16.5, -16.5, 78.2, 78.2]
    rows["longitude"] = [179.99, -179.99, 15.6, 16.4]  # 2 km apart; about 18 km apart
    rows["event_date"] = pd.Timestamp("2024-05-01")
    rows["time_precision"] = 1
    rows["geo_precision"] = 1
    a = read_side(rows.iloc[[0, 2]].reset_index(drop=True))
    b = read_side(rows.iloc[[1, 3]].reset_index(drop=True))

    found = candidates(a, b, days=0, km=0.0)

    assert sorted(zip(found.left.tolist(), found.right.tolist(), strict=True)) == [(0, 0), (1, 1)]
