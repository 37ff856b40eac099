"""A seeded known-answer generator: a second coder's version of the same events.

As MELTT's ``sim.melt``: take rows (real or synthetic, in ACLED's columns), and make what a
second coder would have coded from the same reports, within stated bounds
(:class:`Perturbation`): dates moved by up to ``date_days``, points by up to ``move_km``
(and some coded to a region's centre, ``coarse_share``, up to ``coarse_km`` away), actors
renamed (period suffixes, country in parentheses, an abbreviation, a typo), fatalities
changed, some events dropped, some multi-day events kept as one row by the second coder
while the first has one row a day (``split_share``), and unrelated events added. The
true pairs are known, so :meth:`KnownAnswer.evaluate` gives a match's precision and recall.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["KnownAnswer", "Perturbation", "second_coder"]


@dataclass(frozen=True)
class Perturbation:
    """The bounds of the second coder's differences (all shares are of the input rows)."""

    date_days: int = 1
    date_share: float = 0.2
    move_km: float = 5.0
    coarse_share: float = 0.1
    coarse_km: float = 60.0
    rename_share: float = 0.5
    fatality_share: float = 0.3
    drop_share: float = 0.1
    split_share: float = 0.05
    split_days: tuple[int, int] = (2, 4)
    add_share: float = 0.1


@dataclass
class KnownAnswer:
    """Two versions of the same events and the true pairs between them.

    Attributes:
        left: the first coder's rows (split events as one row a day).
        right: the second coder's rows (a multi-day event as one row with
            ``ged_date_end``), with unrelated events added.
        truth: the true pairs, columns ``left_id`` and ``right_id``.
    """

    left: pd.DataFrame
    right: pd.DataFrame
    truth: pd.DataFrame
    bounds: Perturbation = field(default_factory=Perturbation)

    def evaluate(self, result: Any) -> dict[str, float]:
        """Precision, recall and F1 of a match of :attr:`left` with :attr:`right`."""
        found = set(zip(result.pairs["left_id"], result.pairs["right_id"], strict=True))
        true = set(zip(self.truth["left_id"], self.truth["right_id"], strict=True))
        hits = len(found & true)
        precision = hits / len(found) if found else 1.0
        recall = hits / len(true) if true else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "pairs": float(len(found)),
            "true_pairs": float(len(true)),
        }


_SUFFIXES = (" (2015-)", " (2011-2015)", " (1999-)")


def _rename(name: object, rng: np.random.Generator) -> object:
    if not isinstance(name, str) or not name:
        return name
    how = rng.integers(4)
    if how == 0:
        return name + str(rng.choice(_SUFFIXES))
    if how == 1:
        initials = "".join(w[0] for w in name.split() if w[:1].isalpha()).upper()
        return f"{initials}: {name}" if len(initials) > 1 else name.upper()
    if how == 2 and len(name) > 6:
        k = int(rng.integers(1, len(name) - 1))
        return name[:k] + name[k + 1 :]  # a dropped letter
    return name.replace("Forces of", "Forces of the") if "Forces of" in name else name + " Group"


def second_coder(
    rows: pd.DataFrame, /, *, seed: int = 0, bounds: Perturbation | None = None
) -> KnownAnswer:
    """Make a second coder's version of ``rows`` and the true pairs.

    Args:
        rows: events in ACLED's columns, as :func:`eventdata.read_acled` returns them.
        seed: the random seed; the same seed gives the same versions.
        bounds: how far the second coder may differ (default :class:`Perturbation`).
    """
    b = bounds or Perturbation()
    rng = np.random.default_rng(seed)
    base = rows.reset_index(drop=True).copy()
    n = len(base)
    ids = base["event_id_cnty"].astype(str).to_numpy()
    dates = pd.to_datetime(base["event_date"]).to_numpy("datetime64[D]")
    pick = rng.random((8, n))
    dropped = pick[0] < b.drop_share
    split = (~dropped) & (pick[1] < b.split_share)
    span = rng.integers(b.split_days[0], b.split_days[1] + 1, n)
    # the first coder: split events as one row a day
    reps = np.where(split, span, 1)
    left = base.loc[np.repeat(np.arange(n), reps)].reset_index(drop=True)
    offset = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    left["event_date"] = pd.to_datetime(np.repeat(dates, reps) + offset.astype("timedelta64[D]"))
    left_ids = np.repeat(ids, reps).astype(object)
    daily = np.repeat(split, reps)
    left_ids[daily] = [f"{i}-d{k}" for i, k in zip(left_ids[daily], offset[daily], strict=True)]
    left["event_id_cnty"] = left_ids
    # the second coder: every kept event once
    keep = np.flatnonzero(~dropped)
    right = base.loc[keep].reset_index(drop=True)
    right_ids = np.array([f"B{k}" for k in range(len(keep))], dtype=object)
    right["event_id_cnty"] = right_ids
    shift = np.where(
        (pick[2] < b.date_share) & ~split, rng.integers(-b.date_days, b.date_days + 1, n), 0
    )[keep]
    right["event_date"] = pd.to_datetime(dates[keep] + shift.astype("timedelta64[D]"))
    end = dates[keep] + (shift + np.where(split, span - 1, 0)[keep]).astype("timedelta64[D]")
    right["ged_date_end"] = pd.to_datetime(end)
    coarse = pick[3][keep] < b.coarse_share
    distance = np.where(
        coarse, rng.uniform(0, b.coarse_km, len(keep)), rng.uniform(0, b.move_km, len(keep))
    )
    bearing = rng.uniform(0, 2 * np.pi, len(keep))
    lat = right["latitude"].to_numpy(dtype=np.float64)
    lon = right["longitude"].to_numpy(dtype=np.float64)
    right["latitude"] = lat + distance * np.cos(bearing) / 111.2
    right["longitude"] = lon + distance * np.sin(bearing) / (111.2 * np.cos(np.radians(lat)))
    precision = right["geo_precision"].astype("float64").to_numpy()
    right["geo_precision"] = np.where(coarse, 3, np.nan_to_num(precision, nan=1)).astype(int)
    renamed = pick[4][keep] < b.rename_share
    for column in ("actor1", "actor2"):
        values = right[column].astype(object).to_numpy(copy=True)
        values[renamed] = [_rename(v, rng) for v in values[renamed]]
        right[column] = values
    fatalities = right["fatalities"].astype("float64").to_numpy(copy=True)
    changed = pick[5][keep] < b.fatality_share
    fatalities[changed] = np.round(fatalities[changed] * rng.uniform(0.5, 1.5, changed.sum()))
    right["fatalities"] = fatalities
    # unrelated events: other rows' contents at another time and place
    extra = int(round(b.add_share * n))
    if extra:
        donors = base.loc[rng.integers(0, n, extra)].reset_index(drop=True)
        lo, hi = dates.min(), dates.max()
        days = rng.integers(0, int((hi - lo).astype(int)) + 1, extra)
        donors["event_date"] = pd.to_datetime(lo + days.astype("timedelta64[D]"))
        donors["ged_date_end"] = donors["event_date"]
        far = base.loc[rng.integers(0, n, extra)].reset_index(drop=True)
        donors["latitude"] = far["latitude"].to_numpy()
        donors["longitude"] = far["longitude"].to_numpy()
        donors["event_id_cnty"] = [f"X{k}" for k in range(extra)]
        right = pd.concat([right, donors], ignore_index=True)
    truth_right = np.repeat(np.where(dropped, -1, _positions(dropped)), reps)
    has = truth_right >= 0
    truth = pd.DataFrame(
        {
            "left_id": left_ids[has],
            "right_id": right_ids[truth_right[has]],
        }
    )
    return KnownAnswer(left=left, right=right, truth=truth, bounds=b)


def _positions(dropped: np.ndarray) -> np.ndarray:
    """Each kept row's position among the kept rows."""
    return np.cumsum(~dropped) - 1
