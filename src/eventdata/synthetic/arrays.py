"""Vectorized picking helpers shared by the generator: weighted draws and string pools.

Rows are generated as integer index arrays (numpy) and turned into text only at the end,
by taking from small Arrow dictionaries (pyarrow), so no Python loop runs over rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "BoolArray",
    "FloatArray",
    "IntArray",
    "Pool",
    "blank_unless",
    "coord_text",
    "int_text",
    "take",
    "weighted",
]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


class Pool:
    """Groups of strings flattened into one Arrow array, for vectorized picking."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self.values = pa.array([v for group in groups for v in group], pa.string())
        self.count = np.array([len(g) for g in groups], dtype=np.int64)
        self.start = np.concatenate([[0], np.cumsum(self.count)[:-1]]).astype(np.int64)

    def pick(self, group: IntArray, u: FloatArray, skew: float = 1.0) -> IntArray:
        """Pick one value per row from the row's group; ``skew`` > 1 favours the first.

        Returns:
            Indices into ``values``.

        """
        count = self.count[group]
        local = np.minimum((u**skew * count).astype(np.int64), count - 1)
        return self.start[group] + local

    def shift(self, group: IntArray, index: IntArray, step: IntArray | int) -> IntArray:
        """Move each picked index ``step`` places on within its group, wrapping around.

        With ``0 < step < count`` the result is another value of the same group.

        Returns:
            Indices into ``values``.

        """
        start = self.start[group]
        shifted: IntArray = start + (index - start + step) % self.count[group]
        return shifted


def weighted(rng: np.random.Generator, n: int, weights: Sequence[float]) -> IntArray:
    """Draw ``n`` indices into ``weights`` with probabilities proportional to them."""
    p = np.asarray(weights, dtype=np.float64)
    return rng.choice(len(p), size=n, p=p / p.sum()).astype(np.int64)


def coord_text(values: FloatArray) -> list[str]:
    """Coordinates as ACLED writes them: four decimals."""
    return [f"{v:.4f}" for v in values]


def take(values: pa.Array, indices: IntArray) -> pa.Array:
    """The Arrow values at ``indices``."""
    return pc.take(values, pa.array(indices, pa.int64()))


def int_text(values: IntArray) -> pa.Array:
    """Integers as an Arrow string array."""
    return pc.cast(pa.array(values, pa.int64()), pa.string())


def blank_unless(mask: BoolArray, values: pa.Array) -> pa.Array:
    """``values`` where ``mask`` holds, ``""`` elsewhere."""
    return pc.if_else(pa.array(mask), values, pa.scalar(""))
