"""The assignment is optimal per block, the sparse solver agrees with the dense one."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from eventdata.matching.assign import _solve, _solve_sparse, assign
from eventdata.matching.inputs import read_side
from eventdata.matching.scoring import ranked


def test_a_global_choice_beats_picking_the_best_pair_first(synthetic_rows: pd.DataFrame) -> None:
    side = read_side(synthetic_rows.iloc[:2].reset_index(drop=True))
    # left 0 - right 0 is the best single pair, but taking it leaves left 1 alone;
    # the optimum pairs 0-1 and 1-0 (0.85 + 0.8 > 0.9 + nothing)
    scored = ranked(
        pd.DataFrame(
            {
                "left": [0, 0, 1],
                "right": [0, 1, 0],
                "km": [0.0, 0.0, 0.0],
                "days": [0, 0, 0],
                "score": [0.9, 0.85, 0.8],
            }
        )
    )

    chosen = assign(scored, side, side, threshold=0.6)

    assert sorted(zip(chosen["left"], chosen["right"], strict=True)) == [(0, 1), (1, 0)]
    assert set(chosen["kind"]) == {"one-to-one"}


def test_sparse_solver_finds_the_dense_optimum() -> None:
    rng = np.random.default_rng(3)
    for _ in range(20):
        nr, nc = rng.integers(2, 30, 2)
        dense = np.where(rng.random((nr, nc)) < 0.3, rng.random((nr, nc)), 0.0)
        r, c = np.nonzero(dense)
        if len(r) == 0:
            continue
        weight = dense[r, c]

        r, c = np.unique(r, return_inverse=True)[1], np.unique(c, return_inverse=True)[1]
        picked = _solve_sparse(r, c, weight, int(r.max()) + 1, int(c.max()) + 1)

        rows, cols = linear_sum_assignment(dense, maximize=True)  # empty rows add nothing
        assert np.isclose(weight[picked].sum(), dense[rows, cols].sum())
        assert len(set(r[picked])) == len(picked) == len(set(c[picked]))
        assert np.isclose(weight[_solve(r, c, weight)].sum(), dense[rows, cols].sum())


def test_daily_rows_inside_a_multi_day_event_join_it_as_an_episode(
    synthetic_rows: pd.DataFrame,
) -> None:
    from eventdata import match

    rows = synthetic_rows.iloc[:1].copy()
    rows["time_precision"] = 1
    daily = pd.concat([rows] * 3, ignore_index=True)
    daily["event_date"] = pd.to_datetime(["2024-03-01", "2024-03-02", "2024-03-03"])
    daily["event_id_cnty"] = ["D1", "D2", "D3"]
    episode = rows.assign(
        event_id_cnty="E1",
        event_date=pd.Timestamp("2024-03-01"),
        ged_date_end=pd.Timestamp("2024-03-03"),
    )

    result = match(daily, episode)

    assert sorted(zip(result.pairs["left_id"], result.pairs["kind"], strict=True)) == [
        ("D1", "one-to-one"),
        ("D2", "episode"),
        ("D3", "episode"),
    ] or sorted(result.pairs["kind"]) == ["episode", "episode", "one-to-one"]
    assert set(result.pairs["right_id"]) == {"E1"}
    assert result.left_only.empty and result.right_only.empty
