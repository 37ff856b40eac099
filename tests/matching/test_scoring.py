"""Scoring block by block keeps every pair that can matter: the same choice as scoring all."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from eventdata import match
from eventdata.matching.assign import TOP_K, assign
from eventdata.matching.blocking import blocks, candidates
from eventdata.matching.inputs import read_side
from eventdata.matching.scoring import Scorer, best_candidates, score
from eventdata.matching.simulate import KnownAnswer, Perturbation, second_coder


@pytest.fixture(scope="module")
def crowded(synthetic_rows: pd.DataFrame) -> KnownAnswer:
    """2,000 events in 20 days, a second coder coding many to a region's centre."""
    rows = synthetic_rows.iloc[:2000].copy()
    rows["event_date"] = pd.Timestamp("2024-03-01") + pd.to_timedelta(np.arange(2000) % 20, "D")
    return second_coder(rows, seed=3, bounds=Perturbation(coarse_share=0.4, coarse_km=90.0))


@pytest.mark.parametrize("block_rows", [13, 97, 10_000])
def test_pruned_blocks_choose_the_pairs_all_candidates_give(
    crowded: KnownAnswer, block_rows: int
) -> None:
    a, b = read_side(crowded.left), read_side(crowded.right)
    everything = score(a, b, candidates(a, b, days=1, km=0.0), days=1, km=0.0)
    expected = assign(everything, a, b, threshold=0.6)

    scorer = Scorer.prepare(a, b, days=1, km=0.0)
    kept, total = best_candidates(
        scorer, blocks(a, b, days=1, km=0.0, block_rows=block_rows), keep=TOP_K
    )
    chosen = assign(kept, a, b, threshold=0.6)

    assert total == len(everything)
    assert len(kept) < len(everything)  # the pruning does cut
    assert sorted(zip(chosen["left"], chosen["right"], chosen["kind"], strict=True)) == sorted(
        zip(expected["left"], expected["right"], expected["kind"], strict=True)
    )
    both = kept.merge(everything, on=["left", "right"], suffixes=("", "_all"))
    assert (both["rank"] == both["rank_all"]).all()
    assert (both["candidates"] == both["candidates_all"]).all()
    top = both["rank_right_all"] <= TOP_K
    assert (both.loc[top, "rank_right"] == both.loc[top, "rank_right_all"]).all()


def test_the_block_size_does_not_change_the_result(crowded: KnownAnswer) -> None:
    small = match(crowded.left, crowded.right, block_rows=50)
    whole = match(crowded.left, crowded.right, block_rows=1_000_000)

    assert small.candidates == whole.candidates
    columns = ["left_id", "right_id", "kind", "score", "rank", "candidates", "runner_up_id"]
    assert small.pairs[columns].equals(whole.pairs[columns])
    assert np.isfinite(small.pairs["runner_up_score"]).sum() > 0


def test_a_block_size_below_one_is_refused(crowded: KnownAnswer) -> None:
    with pytest.raises(ValueError, match="block_rows=0"):
        match(crowded.left, crowded.right, block_rows=0)
