"""A review sample, judged, gives precision and recall."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from eventdata import InputError, match
from eventdata.matching import score_review
from eventdata.matching.simulate import KnownAnswer


def test_a_judged_sample_estimates_precision_and_recall(tmp_path: Path, known: KnownAnswer) -> None:
    result = match(known.left, known.right)
    path = result.sample_for_review(200, tmp_path / "review.csv", seed=1)
    sample = pd.read_csv(path, dtype=str, keep_default_na=False)
    true = set(zip(known.truth["left_id"], known.truth["right_id"], strict=True))
    # the judge: a pair is the same event when the known answer says so
    sample["same_event"] = [
        "yes" if pair in true else "no"
        for pair in zip(sample["left_id"], sample["right_id"], strict=True)
    ]
    sample.to_csv(path, index=False)

    scores = score_review(path)

    measured = known.evaluate(result)
    print(
        f"\nreview of 200 pairs: precision {scores['precision']:.3f} (true "
        f"{measured['precision']:.3f}), recall {scores['recall']:.3f} (true "
        f"{measured['recall']:.3f})"
    )
    assert len(sample) == 200
    assert set(sample["stratum"]) == {"matched", "control"}
    assert scores["matched_judged"] == 100
    assert abs(scores["precision"] - measured["precision"]) < 0.05
    assert abs(scores["recall"] - measured["recall"]) < 0.1
    assert result.score_review(path) == scores


def test_a_judgement_that_is_neither_yes_nor_no_is_named(
    tmp_path: Path, known: KnownAnswer
) -> None:
    result = match(known.left, known.right)
    path = result.sample_for_review(4, tmp_path / "review.csv")
    sample = pd.read_csv(path, dtype=str, keep_default_na=False)
    sample.loc[2, "same_event"] = "maybe"
    sample.to_csv(path, index=False)

    with pytest.raises(InputError, match=r"row 4, column same_event: 'maybe'"):
        score_review(path)


def test_a_file_that_is_not_a_review_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")

    with pytest.raises(InputError, match="not a review file"):
        score_review(path)
