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

import numpy as np
import numpy.typing as npt
import pandas as pd

from eventdata.matching.actors import actor_agreement, actor_codes
from eventdata.matching.blocking import Candidates
from eventdata.matching.crosswalk import agreement_matrix
from eventdata.matching.inputs import Side

__all__ = ["DIMENSIONS", "WEIGHTS", "score"]

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
    """One row per candidate pair: positions, km, days, agreement per dimension, score."""
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
    parts = {"time": time, "place": place, "type": kind, "actors": actors,
             "fatalities": fatalities}
    unknown = set(weights) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"weights= names {sorted(unknown)}; the dimensions are {DIMENSIONS}")
    total = float(sum(weights.get(d, 0.0) for d in DIMENSIONS)) or 1.0
    combined = sum(weights.get(d, 0.0) * parts[d] for d in DIMENSIONS) / total
    return pd.DataFrame(
        {
            "left": i,
            "right": j,
            "km": found.km,
            "days": found.days,
            **{f"{d}_agreement": np.asarray(parts[d], dtype=np.float64) for d in DIMENSIONS},
            "score": np.asarray(combined, dtype=np.float64),
        }
    )


def _fatalities(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    known = np.isfinite(a) & np.isfinite(b)
    out = np.ones(len(a))
    out[known] = 1.0 - np.abs(a[known] - b[known]) / (a[known] + b[known] + 2.0)
    return out
