"""The score of a candidate pair: agreement per dimension, then their weighted mean.

Each dimension gives an agreement between 0 and 1:

- ``time``: 1 when the two spans overlap, falling linearly to 0 at the largest gap the
  windows allow (the two rows' slack plus ``days``, plus one);
- ``place``: 1 at the same point, falling linearly to 0 at the two radii plus ``km``;
- ``type``: the crosswalk's agreement of the two event classes;
- ``actors``: the best rapidfuzz similarity between the rows' informative actor names
  (0.5 when either side names no one in particular);
- ``fatalities``: ``1 - |a - b| / (a + b + 2)`` (1 when either is unknown).

The weights (:data:`WEIGHTS`) can be changed with ``match(weights=...)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from eventdata.matching.actors import actor_agreement, actor_codes
from eventdata.matching.blocking import Candidates
from eventdata.matching.crosswalk import agreement_matrix
from eventdata.matching.inputs import Side

__all__ = ["DIMENSIONS", "WEIGHTS", "ranked", "score"]

DIMENSIONS = ("time", "place", "type", "actors", "fatalities")

WEIGHTS: Mapping[str, float] = {
    "time": 0.25,
    "place": 0.25,
    "type": 0.2,
    "actors": 0.2,
    "fatalities": 0.1,
}
"""Default weight of each dimension in the score."""


def score(
    left: Side,
    right: Side,
    found: Candidates,
    *,
    days: int,
    km: float,
    weights: Mapping[str, float] = WEIGHTS,
) -> pd.DataFrame:
    """One row per candidate pair, by left row and best score first.

    Columns: ``left`` and ``right`` (row positions), ``km``, ``days``, the agreement per
    dimension, ``score``, ``rank`` among the left row's candidates (1 the best) and
    ``rank_right`` among the right row's, the left row's ``candidates``, and ``position``
    (the row's own position, which the chosen pairs keep).
    """
    i, j = found.left, found.right
    allowed = (left.slack[i] + right.slack[j] + days + 1).astype(np.float64)
    time = 1.0 - found.days / allowed
    reach = left.radius[i] + right.radius[j] + km
    place = 1.0 - found.km / np.maximum(reach, 1e-9)
    kind = agreement_matrix()[left.classes[i], right.classes[j]]
    vocabulary: dict[str, int] = {}
    l_codes = actor_codes(left.actors, vocabulary)
    r_codes = actor_codes(right.actors, vocabulary)
    actors = actor_agreement(l_codes[i], r_codes[j], vocabulary)
    fatalities = _fatalities(left.fatalities[i], right.fatalities[j])
    parts = {"time": time, "place": place, "type": kind, "actors": actors, "fatalities": fatalities}
    unknown = set(weights) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"weights= names {sorted(unknown)}; the dimensions are {DIMENSIONS}")
    total = float(sum(weights.get(d, 0.0) for d in DIMENSIONS)) or 1.0
    combined = sum(weights.get(d, 0.0) * parts[d] for d in DIMENSIONS) / total
    return ranked(
        {
            "left": i,
            "right": j,
            "km": found.km,
            "days": found.days,
            **{f"{d}_agreement": np.asarray(parts[d], dtype=np.float64) for d in DIMENSIONS},
            "score": np.asarray(combined, dtype=np.float64),
        }
    )


def ranked(frame: pd.DataFrame | Mapping[str, npt.NDArray[Any]]) -> pd.DataFrame:
    """Scored pairs ordered by left row, best first, with their ranks on both sides.

    Adds ``rank`` (among the left row's candidates, 1 the best), ``rank_right``,
    ``candidates`` (the left row's count) and ``position`` (the row's place in the order).
    """
    i = np.asarray(frame["left"], dtype=np.int64)
    j = np.asarray(frame["right"], dtype=np.int64)
    score = np.asarray(frame["score"], dtype=np.float64)
    order = np.argsort(_key(i, score), kind="stable")
    columns = {str(name): np.asarray(frame[str(name)]) for name in frame}
    out = pd.DataFrame({name: values[order] for name, values in columns.items()})
    i, j, score = i[order], j[order], score[order]
    n = len(i)
    starts = np.flatnonzero(np.r_[True, i[1:] != i[:-1]]) if n else np.empty(0, np.int64)
    sizes = np.diff(np.r_[starts, n])
    by_right = np.argsort(_key(j, score), kind="stable")
    j_sorted = j[by_right]
    r_starts = np.flatnonzero(np.r_[True, j_sorted[1:] != j_sorted[:-1]]) if n else starts
    rank_right = np.empty(n, dtype=np.int64)
    rank_right[by_right] = np.arange(n) - np.repeat(r_starts, np.diff(np.r_[r_starts, n])) + 1
    out["rank"] = np.arange(n) - np.repeat(starts, sizes) + 1
    out["rank_right"] = rank_right
    out["candidates"] = np.repeat(sizes, sizes)
    out["position"] = np.arange(n)
    out_: pd.DataFrame = out
    return out_


def _key(group: npt.NDArray[np.int64], score: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """One integer that sorts by group, then best score first (scores to 1e-6)."""
    out_: npt.NDArray[np.int64] = group * np.int64(1 << 21) + np.rint(
        (1.0 - np.clip(score, 0, 1)) * 2e6
    ).astype(np.int64)
    return out_


def _fatalities(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    known = np.isfinite(a) & np.isfinite(b)
    out = np.ones(len(a))
    out[known] = 1.0 - np.abs(a[known] - b[known]) / (a[known] + b[known] + 2.0)
    return out
