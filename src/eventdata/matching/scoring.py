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

from collections import deque
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from eventdata.matching.actors import actor_agreement, actor_codes
from eventdata.matching.blocking import Candidates
from eventdata.matching.crosswalk import agreement_matrix
from eventdata.matching.inputs import Side

__all__ = ["DIMENSIONS", "WEIGHTS", "Scorer", "best_candidates", "ranked", "score"]

DIMENSIONS = ("time", "place", "type", "actors", "fatalities")

WEIGHTS: Mapping[str, float] = {
    "time": 0.25,
    "place": 0.25,
    "type": 0.2,
    "actors": 0.2,
    "fatalities": 0.1,
}
"""Default weight of each dimension in the score."""


@dataclass
class Scorer:
    """What scoring needs of both inputs, prepared once for all blocks of candidates.

    Attributes:
        left, right: the two inputs.
        days, km: the match's windows beyond the rows' precision.
        weights: weight of each dimension.
        codes: both sides' actor-name codes, in one vocabulary.
    """

    left: Side
    right: Side
    days: int
    km: float
    weights: Mapping[str, float]
    codes: tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]
    vocabulary: dict[str, int]

    @classmethod
    def prepare(
        cls,
        left: Side,
        right: Side,
        *,
        days: int,
        km: float,
        weights: Mapping[str, float] = WEIGHTS,
    ) -> Scorer:
        """Check the weights and code both sides' actor names.

        Raises:
            ValueError: ``weights`` names a dimension that does not exist.
        """
        unknown = set(weights) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"weights= names {sorted(unknown)}; the dimensions are {DIMENSIONS}")
        vocabulary: dict[str, int] = {}
        codes = (actor_codes(left.actors, vocabulary), actor_codes(right.actors, vocabulary))
        return cls(left, right, days, km, weights, codes, vocabulary)

    def columns(self, found: Candidates) -> dict[str, npt.NDArray[Any]]:
        """The candidates' positions, distance, days, agreement per dimension and score."""
        left, right = self.left, self.right
        i, j = found.left, found.right
        allowed = (left.slack[i] + right.slack[j] + self.days + 1).astype(np.float64)
        reach = left.radius[i] + right.radius[j] + self.km
        parts = {
            "time": 1.0 - found.days / allowed,
            "place": 1.0 - found.km / np.maximum(reach, 1e-9),
            "type": agreement_matrix()[left.classes[i], right.classes[j]],
            "actors": actor_agreement(self.codes[0][i], self.codes[1][j], self.vocabulary),
            "fatalities": _fatalities(left.fatalities[i], right.fatalities[j]),
        }
        total = float(sum(self.weights.get(d, 0.0) for d in DIMENSIONS)) or 1.0
        combined = sum(self.weights.get(d, 0.0) * parts[d] for d in DIMENSIONS) / total
        return {
            "left": i,
            "right": j,
            "km": found.km,
            "days": found.days,
            **{f"{d}_agreement": np.asarray(parts[d], dtype=np.float64) for d in DIMENSIONS},
            "score": np.asarray(combined, dtype=np.float64),
        }


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
    scorer = Scorer.prepare(left, right, days=days, km=km, weights=weights)
    return ranked(scorer.columns(found))


def best_candidates(
    scorer: Scorer,
    found: Iterable[Candidates | Callable[[], Candidates]],
    *,
    keep: int,
    workers: int = 1,
) -> tuple[pd.DataFrame, int]:
    """The scored candidates that can matter, block by block, and how many there were.

    Each block of candidates (a block of left rows with all their candidates) is scored,
    ranked, and cut to the pairs among the ``keep`` best of their left row or among the
    ``keep`` best of their right row within the block; at most ``workers`` blocks are in
    hand at once (each in a thread), so memory follows the block. Every right row's
    ``keep`` best pairs overall survive (each is among its block's best), so
    ``rank_right``, recomputed over the kept pairs, is exact up to ``keep``; ``rank`` and
    ``candidates`` are the left row's, from its block.

    Args:
        scorer: the prepared inputs.
        found: the blocks of candidates, or jobs that make them (see ``block_jobs``).
        keep: how many of each row's best pairs to keep.
        workers: blocks worked on at once, in threads (NumPy and rapidfuzz release the GIL).

    Returns:
        The kept pairs as :func:`score` orders them, and the count of all candidates.
    """

    def work(block: Candidates | Callable[[], Candidates]) -> tuple[dict[str, Any], int]:
        return _best_of(scorer, block if isinstance(block, Candidates) else block(), keep)

    kept: list[dict[str, npt.NDArray[Any]]] = []
    total = 0
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        pending: deque[Future[tuple[dict[str, Any], int]]] = deque()
        for block in found:
            pending.append(pool.submit(work, block))
            while len(pending) >= max(1, workers):
                best, count = pending.popleft().result()
                kept.append(best)
                total += count
        for future in pending:
            best, count = future.result()
            kept.append(best)
            total += count
    if not kept:
        return ranked(scorer.columns(_none())), 0
    joined = {name: np.concatenate([k[name] for k in kept]) for name in kept[0]}
    return ranked(joined, left_ranks=False), total


def _best_of(
    scorer: Scorer, block: Candidates, keep: int
) -> tuple[dict[str, npt.NDArray[Any]], int]:
    """One block's pairs among the ``keep`` best of their left or right row, and its size."""
    columns = scorer.columns(block)
    # in left order, so that ties on the right are broken as over all the pairs
    by_left = np.argsort(_key(columns["left"], columns["score"]), kind="stable")
    rank, sizes = _group_ranks(columns["left"][by_left], columns["score"][by_left])
    rank_right, _ = _group_ranks(columns["right"][by_left], columns["score"][by_left])
    best = np.flatnonzero((rank <= keep) | (rank_right <= keep))
    chosen = {name: values[by_left[best]] for name, values in columns.items()}
    chosen |= {"rank": rank[best], "candidates": sizes[best]}
    return chosen, len(block)


def _none() -> Candidates:
    empty = np.empty(0, np.int64)
    return Candidates(left=empty, right=empty, km=np.empty(0), days=empty)


def _group_ranks(
    group: npt.NDArray[np.int64], score: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Each pair's rank within its group (1 the best score) and its group's size, in place."""
    n = len(group)
    order = np.argsort(_key(group, score), kind="stable")
    ordered = group[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if n else order
    sizes = np.diff(np.r_[starts, n])
    rank = np.empty(n, dtype=np.int64)
    size = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - np.repeat(starts, sizes) + 1
    size[order] = np.repeat(sizes, sizes)
    return rank, size


def ranked(
    frame: pd.DataFrame | Mapping[str, npt.NDArray[Any]], *, left_ranks: bool = True
) -> pd.DataFrame:
    """Scored pairs ordered by left row, best first, with their ranks on both sides.

    Adds ``rank`` (among the left row's candidates, 1 the best), ``rank_right``,
    ``candidates`` (the left row's count) and ``position`` (the row's place in the order).
    With ``left_ranks=False`` the frame's own ``rank`` and ``candidates`` are kept (pairs
    cut from a fuller set whose left rows were ranked there).
    """
    i = np.asarray(frame["left"], dtype=np.int64)
    j = np.asarray(frame["right"], dtype=np.int64)
    score = np.asarray(frame["score"], dtype=np.float64)
    order = np.argsort(_key(i, score), kind="stable")
    columns = {str(name): np.asarray(frame[str(name)])[order] for name in frame}
    if left_ranks:
        columns["rank"], columns["candidates"] = _group_ranks(i[order], score[order])
    columns["rank_right"], _ = _group_ranks(j[order], score[order])
    columns["position"] = np.arange(len(i))
    out_: pd.DataFrame = pd.DataFrame(columns)
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
