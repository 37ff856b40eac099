"""Candidate pairs by blocking, never all pairs: a date sweep plus a spatial grid.

Rows are grouped by radius (a handful of values: one per precision code), and for each
pair of radius groups the candidates come from an equi-join on (time bucket, latitude band,
longitude cell), all vectorised in NumPy. A grid cell is as wide as the largest distance
the two groups allow, so every pair within it shares a key with one of the nine cells
around the left row. Then the exact tests: the intervals overlap (widened by ``days``) and
the great-circle distance is within the radii plus ``km``. Left rows are taken in blocks of
``block_rows`` (:func:`blocks`), and the matcher scores and prunes each block before the
next, so memory is bounded by the block, not by the inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

import numpy as np
import numpy.typing as npt

from eventdata.matching.inputs import Side

__all__ = ["Candidates", "block_jobs", "blocks", "candidates", "haversine_km"]

EARTH_KM = 6371.0088
_KM_PER_DEGREE = np.pi * EARTH_KM / 180.0
_BUCKET_DAYS = 2

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass
class Candidates:
    """Candidate pairs: row positions on each side, distance and days apart."""

    left: Ints
    right: Ints
    km: Floats
    days: Ints

    def __len__(self) -> int:
        return len(self.left)


def haversine_km(lat1: Floats, lon1: Floats, lat2: Floats, lon2: Floats) -> Floats:
    """Great-circle distance in kilometres."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    out_: npt.NDArray[np.float64] = 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return out_


def _gap(left: Side, i: Ints, right: Side, j: Ints) -> Ints:
    """Days between the two rows' spans (0 when they overlap)."""
    out_: npt.NDArray[np.int64] = np.maximum(
        0, np.maximum(right.start[j] - left.end[i], left.start[i] - right.end[j])
    )
    return out_


@dataclass
class _Sorted:
    """Keys sorted for an equi-join: each distinct key, where its run starts and its length."""

    keys: Ints
    starts: Ints
    counts: Ints
    order: Ints

    @classmethod
    def of(cls, keys: Ints) -> _Sorted:
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        change = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(keys) else order
        counts = np.diff(np.r_[change, len(keys)])
        return cls(keys=ordered[change], starts=change, counts=counts, order=order)


def _join(left_keys: Ints, right: _Sorted) -> tuple[Ints, Ints]:
    """Equi-join: positions of every equal pair (left keys mostly sorted run fastest)."""
    if not len(right.keys):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    at = np.minimum(np.searchsorted(right.keys, left_keys), len(right.keys) - 1)
    counts = np.where(right.keys[at] == left_keys, right.counts[at], 0)
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    li = np.repeat(np.arange(len(left_keys)), counts)
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return li, right.order[np.repeat(right.starts[at], counts) + offsets]


def _lon_width(band: Ints, cell_deg: float) -> Floats:
    """Longitude width of the cells seen from a band: wide enough for its neighbours too."""
    edge = (np.abs(band.astype(np.float64)) + 2.0) * cell_deg
    cos = np.cos(np.radians(np.minimum(edge, 89.0)))
    return np.minimum(cell_deg / cos * 1.05, 360.0)


def _lon_cell(lon: Floats, width: Floats) -> tuple[Ints, Ints]:
    count = np.maximum(np.floor(360.0 / width), 1).astype(np.int64)
    cell = np.floor((lon + 180.0) / (360.0 / count)).astype(np.int64) % count
    return cell, count


def _pairs_for(
    left: Side, li: Ints, right: Side, rj: Ints, *, reach_km: float, days: int
) -> tuple[Ints, Ints]:
    """Candidate pairs between left rows ``li`` and right rows ``rj`` of one radius pair.

    Each pair is produced once: in the first time bucket both rows cover, and in the one
    spatial cell of the right row (the left row's nine cells are distinct).
    """
    cell_deg = max(reach_km / _KM_PER_DEGREE, 1e-3)
    l_lo = (left.start[li] - left.slack[li] - days) // _BUCKET_DAYS
    l_hi = (left.end[li] + left.slack[li] + days) // _BUCKET_DAYS
    r_lo = (right.start[rj] - right.slack[rj]) // _BUCKET_DAYS
    r_hi = (right.end[rj] + right.slack[rj]) // _BUCKET_DAYS
    l_rows, l_bucket, l_first = _explode(li, l_lo, l_hi)
    r_rows, r_bucket, r_first = _explode(rj, r_lo, r_hi)
    r_band = np.floor(right.lat[r_rows] / cell_deg).astype(np.int64)
    r_cell, _ = _lon_cell(right.lon[r_rows], _lon_width(r_band, cell_deg))
    sorted_r = _Sorted.of(_key(r_bucket, r_band, r_cell))
    l_band0 = np.floor(left.lat[l_rows] / cell_deg).astype(np.int64)
    # the left entries in key order: the nine neighbours' keys are then nearly sorted too,
    # and the searches run several times faster
    l_cell0, _ = _lon_cell(left.lon[l_rows], _lon_width(l_band0, cell_deg))
    by_key = np.argsort(_key(l_bucket, l_band0, l_cell0), kind="stable")
    l_rows, l_bucket, l_first, l_band0 = (
        l_rows[by_key],
        l_bucket[by_key],
        l_first[by_key],
        l_band0[by_key],
    )
    out_i, out_j = [], []
    for db in (-1, 0, 1):
        band = l_band0 + db
        cell, count = _lon_cell(left.lon[l_rows], _lon_width(band, cell_deg))
        for dc in (-1, 0, 1):
            distinct = (count >= 3) | (dc == 0) | ((dc == 1) & (count == 2))
            pos = np.flatnonzero(distinct)
            a, b = _join(_key(l_bucket[pos], band[pos], (cell[pos] + dc) % count[pos]), sorted_r)
            a = pos[a]
            first = l_bucket[a] == np.maximum(l_first[a], r_first[b])
            out_i.append(l_rows[a[first]])
            out_j.append(r_rows[b[first]])
    return np.concatenate(out_i), np.concatenate(out_j)


def _key(bucket: Ints, band: Ints, cell: Ints) -> Ints:
    out_: npt.NDArray[np.int64] = (bucket * np.int64(1 << 12) + (band + 2048)) * np.int64(
        1 << 22
    ) + cell
    return out_


def _explode(rows: Ints, lo: Ints, hi: Ints) -> tuple[Ints, Ints, Ints]:
    """One entry per (row, bucket it covers): rows, buckets, each row's first bucket."""
    counts = (hi - lo + 1).astype(np.int64)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    first = np.repeat(lo, counts)
    return np.repeat(rows, counts), first + offsets, first


def _exact(
    left: Side, i: Ints, right: Side, j: Ints, *, days: int, km: float
) -> tuple[Ints, Ints, Floats, Ints]:
    gap = _gap(left, i, right, j)
    ok = gap <= left.slack[i] + right.slack[j] + days
    i, j, gap = i[ok], j[ok], gap[ok]
    dist = haversine_km(left.lat[i], left.lon[i], right.lat[j], right.lon[j])
    ok = dist <= left.radius[i] + right.radius[j] + km
    return i[ok], j[ok], dist[ok], gap[ok]


def block_jobs(
    left: Side, right: Side, *, days: int, km: float, block_rows: int = 100_000
) -> Iterator[Callable[[], Candidates]]:
    """The candidate pairs as jobs, one per block of left rows (see :func:`candidates`).

    Left rows are taken in order of their first possible day, ``block_rows`` at a time, so
    each left row's candidates all come from one job, and a job's memory is bounded by its
    rows' candidates, not by the inputs. Jobs are independent (they may run in threads).
    """
    if block_rows < 1:
        raise ValueError(f"block_rows={block_rows} must be at least 1")
    lp = np.flatnonzero(left.placeable)
    rp = np.flatnonzero(right.placeable)
    if not (len(lp) and len(rp)):
        return
    lp = lp[np.argsort(left.start[lp] - left.slack[lp], kind="stable")]
    r_lo = right.start - right.slack
    r_hi = right.end + right.slack
    for b in range(0, len(lp), block_rows):
        block = lp[b : b + block_rows]
        first = int((left.start[block] - left.slack[block]).min()) - days
        last = int((left.end[block] + left.slack[block]).max()) + days
        near = rp[(r_lo[rp] <= last) & (r_hi[rp] >= first)]
        yield partial(_block, left, block, right, near, days=days, km=km)


def blocks(
    left: Side, right: Side, *, days: int, km: float, block_rows: int = 100_000
) -> Iterator[Candidates]:
    """The candidate pairs, one block of left rows at a time (see :func:`block_jobs`)."""
    for job in block_jobs(left, right, days=days, km=km, block_rows=block_rows):
        yield job()


def _block(left: Side, block: Ints, right: Side, near: Ints, *, days: int, km: float) -> Candidates:
    parts: list[tuple[Ints, Ints, Floats, Ints]] = []
    for lr in np.unique(left.radius[block]):
        li = block[left.radius[block] == lr]
        for rr in np.unique(right.radius[near]):
            rj = near[right.radius[near] == rr]
            i, j = _pairs_for(left, li, right, rj, reach_km=lr + rr + km, days=days)
            parts.append(_exact(left, i, right, j, days=days, km=km))
    return _joined(parts)


def candidates(
    left: Side, right: Side, *, days: int, km: float, block_rows: int = 100_000
) -> Candidates:
    """Every pair whose windows meet: spans within ``days``, points within radii plus ``km``.

    Args:
        left: the first input.
        right: the second input.
        days: days allowed between the two rows' widened spans.
        km: kilometres allowed beyond the two rows' radii.
        block_rows: left rows joined at a time (bounds the join's memory).
    """
    found = list(blocks(left, right, days=days, km=km, block_rows=block_rows))
    return _joined([(c.left, c.right, c.km, c.days) for c in found])


def _joined(parts: list[tuple[Ints, Ints, Floats, Ints]]) -> Candidates:
    if not parts:
        empty = np.empty(0, np.int64)
        return Candidates(left=empty, right=empty, km=np.empty(0), days=empty)
    return Candidates(
        left=np.concatenate([p[0] for p in parts]),
        right=np.concatenate([p[1] for p in parts]),
        km=np.concatenate([p[2] for p in parts]),
        days=np.concatenate([p[3] for p in parts]),
    )
