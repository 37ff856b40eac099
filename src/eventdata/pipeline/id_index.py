"""The event ids of a streamed input, to find every row of a duplicate group across blocks.

A block's own duplicate groups are found by the block's check. Across blocks, every id
seen is kept as a 64-bit hash (sorted numpy runs, merged like a log-structured merge
tree) with the input row of its first occurrence and the ids themselves, so that a hash
match is confirmed on the text and never reports two different ids as one. When a later
block repeats an id, its rows are reported at once; the first occurrence, already
written, is remembered and :meth:`IdIndex.late_rows` lists those rows at the end, for the
second pass of the streamed writer (:mod:`eventdata.pipeline.late_duplicates`).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.validation.hashes import contiguous_ids, id_hashes

__all__ = ["IdIndex", "id_hashes"]


class IdIndex:
    """Every non-blank id of the blocks added so far, with the row of its first occurrence."""

    def __init__(self) -> None:
        self._hashes: list[np.ndarray] = []  # sorted runs
        self._rows: list[np.ndarray] = []  # input row of each hash's first occurrence
        self._ids: list[pa.Array] = []  # each block's ids, to confirm a match on the text
        self._late: list[np.ndarray] = []  # first occurrences repeated by a later block
        self._flagged: list[np.ndarray] = []  # rows their own block reported as duplicates
        self._invalid: list[np.ndarray] = []  # rows with any error, as reported per block

    def add(self, ids: pa.Array | pa.ChunkedArray, offset: int, flagged: np.ndarray) -> np.ndarray:
        """Index a block's ids; the mask of its rows whose id an earlier block has.

        Args:
            ids: the block's ``event_id_cnty`` as text.
            offset: the input row of the block's first row.
            flagged: mask of the rows the block's own check reports as duplicates.
        """
        text = contiguous_ids(ids)
        hashes = id_hashes(text)
        order = np.argsort(hashes, kind="stable")  # sorted once, used thrice
        blank = np.asarray(pc.equal(text, "").to_numpy(zero_copy_only=False), dtype=bool)
        earlier = self._lookup(hashes, order, text)
        repeated = (earlier >= 0) & ~blank
        if repeated.any():
            self._late.append(np.unique(earlier[repeated]))
        self._ids.append(text)
        if flagged.any():
            self._flagged.append(np.flatnonzero(flagged) + offset)
        new = order[~(repeated | blank)[order]]  # new rows, by hash
        if len(new):
            # one entry per id (the first row of an in-block duplicate group); distinct
            # ids sharing a hash are not flagged, so each keeps its entry
            sorted_hashes = hashes[new]
            first = np.ones(len(new), dtype=bool)
            first[1:] = sorted_hashes[1:] != sorted_hashes[:-1]
            keep = first | ~flagged[new]
            self._push(sorted_hashes[keep], new[keep] + offset)
        return np.asarray(repeated, dtype=bool)

    def note_invalid(self, invalid: np.ndarray, offset: int) -> None:
        """Remember which rows of a block (at ``offset``) break any error rule."""
        if invalid.any():
            self._invalid.append(np.flatnonzero(invalid) + offset)

    def late_rows(self) -> tuple[np.ndarray, pa.Array, np.ndarray]:
        """Rows written before a later block repeated their id, their ids, and which were valid.

        Rows their own block had already reported as duplicates are left out.
        """
        if not self._late:
            return np.zeros(0, np.int64), pa.array([], pa.string()), np.zeros(0, bool)
        rows = np.unique(np.concatenate(self._late))
        if self._flagged:
            rows = np.setdiff1d(rows, np.concatenate(self._flagged), assume_unique=True)
        ids = pa.chunked_array(self._ids, pa.string()).take(pa.array(rows, pa.int64()))
        invalid = np.concatenate(self._invalid) if self._invalid else np.zeros(0, np.int64)
        return rows, ids.combine_chunks(), ~np.isin(rows, invalid)

    def _lookup(self, hashes: np.ndarray, order: np.ndarray, text: pa.Array) -> np.ndarray:
        """The input row of an earlier occurrence of each id, or -1; confirmed on the text."""
        found = np.full(len(hashes), -1, dtype=np.int64)
        if not self._hashes or not len(hashes):
            return found
        query = hashes[order]  # sorted queries: searchsorted walks each run in order
        for run, rows in zip(self._hashes, self._rows, strict=True):
            at = np.minimum(np.searchsorted(run, query), len(run) - 1)
            hit = np.flatnonzero(run[at] == query)
            hit = hit[found[order[hit]] < 0]
            # equal hashes may sit side by side (distinct ids): try each in turn
            while len(hit):
                pos = at[hit]
                same = run[pos] == query[hit]
                hit, pos = hit[same], pos[same]
                if not len(hit):
                    break
                match = self._same_text(text, order[hit], rows[pos])
                found[order[hit[match]]] = rows[pos[match]]
                hit = hit[~match]
                at[hit] += 1
                inside = at[hit] < len(run)
                hit = hit[inside]
        return found

    def _same_text(self, text: pa.Array, local: np.ndarray, rows: np.ndarray) -> np.ndarray:
        stored = pa.chunked_array(self._ids, pa.string()).take(pa.array(rows, pa.int64()))
        given = text.take(pa.array(local, pa.int64()))
        return np.asarray(pc.equal(given, stored).to_numpy(zero_copy_only=False), dtype=bool)

    def _push(self, hashes: np.ndarray, rows: np.ndarray) -> None:
        """Add a run (``hashes`` sorted); merge runs while the older is at most twice as long."""
        self._hashes.append(hashes)
        self._rows.append(rows)
        while len(self._hashes) > 1 and len(self._hashes[-2]) <= 2 * len(self._hashes[-1]):
            newer, newer_rows = self._hashes.pop(), self._rows.pop()
            older, older_rows = self._hashes.pop(), self._rows.pop()
            self._hashes.append(np.empty(len(older) + len(newer), dtype=np.uint64))
            self._rows.append(np.empty(len(older) + len(newer), dtype=np.int64))
            # a linear merge of two sorted runs: where each newer value goes
            at = np.searchsorted(older, newer) + np.arange(len(newer))
            rest = np.ones(len(older) + len(newer), dtype=bool)
            rest[at] = False
            self._hashes[-1][at], self._rows[-1][at] = newer, newer_rows
            self._hashes[-1][rest], self._rows[-1][rest] = older, older_rows
