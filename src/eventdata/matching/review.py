"""Pairs for a person to judge, and precision and recall from the judged file.

:func:`sample_for_review` writes a CSV of chosen pairs and control pairs (candidates the
match did not choose, from the same blocks), shuffled, with both rows side by side and an
empty ``same_event`` column. A person fills it with ``yes`` or ``no``;
:func:`score_review` then estimates precision (the share of chosen pairs judged the same
event) and recall (found true pairs against found plus missed, the controls' share of
true pairs scaled up to all unchosen candidates). The file records each stratum's size,
so the judged file alone gives the estimate.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from eventdata.exceptions import InputError

if TYPE_CHECKING:
    from eventdata.matching.result import MatchResult

__all__ = ["REVIEW_COLUMNS", "sample_for_review", "score_review"]

_SHOWN = ("event_date", "event_type", "actor1", "actor2", "location", "latitude",
          "longitude", "fatalities", "notes")  # fmt: skip
REVIEW_COLUMNS = (
    "same_event",
    "stratum",
    "stratum_size",
    "left_id",
    "right_id",
    "score",
    "km",
    "days",
    *(f"{side}_{c}" for c in _SHOWN for side in ("left", "right")),
)
"""Columns of the review file: the judgement first, then the pair."""

_YES = {"yes", "y", "1", "true", "same"}
_NO = {"no", "n", "0", "false", "different"}


def sample_for_review(
    result: MatchResult, n: int, path: str | os.PathLike[str], /, *, seed: int = 0
) -> Path:
    """Write ``n`` pairs to judge: half chosen pairs (``matched``), half ``control``.

    Controls are candidate pairs the match did not choose; they show what it misses.
    Rows are shuffled so the judge does not know which is which (the ``stratum`` column
    says it; hide it while judging).

    Args:
        result: a match result.
        n: pairs to write (fewer when there are fewer).
        path: the CSV to write (atomically).
        seed: the random seed of the sample.
    """
    from eventdata._atomic import atomic_path

    if n < 1:
        raise ValueError(f"n={n}: ask for at least one pair")
    left, right = result._left, result._right
    if left is None or right is None:
        raise ValueError("this result holds no rows to show; run match() again")
    rng = np.random.default_rng(seed)
    chosen = pd.DataFrame({"left": result._left_rows, "right": result._right_rows})
    scored = result.scored
    key = scored["left"].to_numpy() * max(len(right), 1) + scored["right"].to_numpy()
    taken = chosen["left"].to_numpy() * max(len(right), 1) + chosen["right"].to_numpy()
    controls = scored[~np.isin(key, taken)]
    n_matched = min(len(chosen), (n + 1) // 2)
    n_control = min(len(controls), n - n_matched)
    parts = []
    for name, frame, size, k in (
        ("matched", scored[np.isin(key, taken)], len(chosen), n_matched),
        ("control", controls, len(controls), n_control),
    ):
        picked = frame.iloc[rng.choice(len(frame), size=k, replace=False)] if k else frame[:0]
        parts.append(picked.assign(stratum=name, stratum_size=size))
    sample = pd.concat(parts, ignore_index=True)
    sample = sample.iloc[rng.permutation(len(sample))].reset_index(drop=True)
    li = sample["left"].to_numpy(np.int64)
    rj = sample["right"].to_numpy(np.int64)
    out = pd.DataFrame(
        {
            "same_event": "",
            "stratum": sample["stratum"],
            "stratum_size": sample["stratum_size"],
            "left_id": left.ids[li],
            "right_id": right.ids[rj],
            "score": sample["score"].round(3),
            "km": sample["km"].round(1),
            "days": sample["days"],
        }
    )
    for column in _SHOWN:
        for side, rows, index in (("left", left.rows, li), ("right", right.rows, rj)):
            values = rows[column].astype(object).to_numpy()[index] if column in rows else None
            out[f"{side}_{column}"] = values
    target = Path(path)
    with atomic_path(target) as tmp:
        out[list(REVIEW_COLUMNS)].to_csv(tmp, index=False, quoting=csv.QUOTE_MINIMAL)
    return target


def score_review(path: str | os.PathLike[str], /) -> dict[str, Any]:
    """Precision and recall estimated from a judged review file.

    Returns:
        ``precision`` (judged-same share of the chosen pairs), ``recall`` (found true pairs
        over found plus missed, both scaled to their stratum's size), and the counts
        judged.

    Raises:
        InputError: the file is not a review file, or a ``same_event`` cell is neither
            yes nor no (the message names the row).
    """
    target = Path(path)
    try:
        frame = pd.read_csv(target, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as exc:
        raise InputError(f"cannot read the review file: {exc}", path=target) from exc
    missing = {"same_event", "stratum", "stratum_size"} - set(frame.columns)
    if missing:
        raise InputError(
            f"not a review file: no column {', '.join(sorted(missing))}; write one with "
            "MatchResult.sample_for_review",
            path=target,
        )
    answers = frame["same_event"].str.strip().str.lower()
    judged = answers != ""
    bad = judged & ~answers.isin(_YES | _NO)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"row {row + 2}, column same_event: {frame['same_event'].iloc[row]!r} is neither "
            "yes nor no; write yes or no (or leave it blank to skip the pair)",
            path=target,
        )
    yes = answers.isin(_YES)
    out: dict[str, Any] = {}
    rates = {}
    for stratum in ("matched", "control"):
        rows = (frame["stratum"] == stratum) & judged
        size = (
            int(frame.loc[frame["stratum"] == stratum, "stratum_size"].astype(int).max())
            if (frame["stratum"] == stratum).any()
            else 0
        )
        rates[stratum] = (float(yes[rows].mean()) if rows.any() else float("nan"), size)
        out[f"{stratum}_judged"] = int(rows.sum())
    precision, n_matched = rates["matched"]
    control_rate, n_control = rates["control"]
    found = precision * n_matched
    missed = (0.0 if np.isnan(control_rate) else control_rate) * n_control
    out["precision"] = precision
    out["recall"] = found / (found + missed) if found + missed else float("nan")
    return out
