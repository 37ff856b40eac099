"""Optimal one-to-one assignment per connected block, then episodes.

The candidate pairs at or above the threshold that are among the three best of both their
rows (:data:`TOP_K`) form a bipartite graph; each connected component is solved on its own
(without that cut, rows of a busy city chain day after day into components of tens of
thousands of rows). A component with one row on either side is a star: its
best pair is the optimum (vectorised). Larger components go to scipy's
``linear_sum_assignment``, maximising the summed excess of score over the threshold, or,
beyond :data:`DENSE_LIMIT` rows a side, to the sparse ``min_weight_full_bipartite_matching``
on the same objective.

Then episodes (many-to-one): a row left unmatched whose best candidate is a multi-day row
of the other side (UCDP GED's ``date_start..date_end``), with its day inside that span, joins
it as a further pair of kind ``episode``; ACLED codes such an event as one row a day.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from eventdata.matching.inputs import Side

__all__ = ["DENSE_LIMIT", "assign"]

DENSE_LIMIT = 2000
"""Rows a side up to which a component is solved with a dense cost matrix."""

TOP_K = 3
"""A pair takes part in the assignment when it is among the ``TOP_K`` best of both rows."""

Ints = npt.NDArray[np.int64]


def _mutual_top(edges: pd.DataFrame, k: int) -> pd.DataFrame:
    out_: pd.DataFrame = edges[
        (edges["rank"].to_numpy() <= k) & (edges["rank_right"].to_numpy() <= k)
    ]
    return out_


def assign(scored: pd.DataFrame, left: Side, right: Side, *, threshold: float) -> pd.DataFrame:
    """The chosen pairs: rows of ``scored`` with a ``kind`` column (one-to-one, episode)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    admissible = scored[scored["score"] >= threshold]
    if admissible.empty:
        nothing: pd.DataFrame = admissible.assign(kind=pd.Series(dtype=object))
        return nothing
    edges = _mutual_top(admissible, TOP_K)
    li = edges["left"].to_numpy(np.int64)
    rj = edges["right"].to_numpy(np.int64)
    l_nodes, l_index = np.unique(li, return_inverse=True)
    r_nodes, r_index = np.unique(rj, return_inverse=True)
    n = len(l_nodes) + len(r_nodes)
    graph = coo_matrix((np.ones(len(li)), (l_index, r_index + len(l_nodes))), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    component = labels[l_index]
    l_count = np.bincount(labels[: len(l_nodes)], minlength=labels.max() + 1)
    r_count = np.bincount(labels[len(l_nodes) :], minlength=labels.max() + 1)
    star = (l_count[component] == 1) | (r_count[component] == 1)
    weight = edges["score"].to_numpy() - threshold + 1e-9
    chosen = np.zeros(len(edges), dtype=bool)
    # stars: the best edge of the component
    positions = np.flatnonzero(star)
    if len(positions):
        order = positions[np.lexsort((-weight[positions], component[positions]))]
        first = np.ones(len(order), dtype=bool)
        first[1:] = component[order][1:] != component[order][:-1]
        chosen[order[first]] = True
    rest = np.flatnonzero(~star)
    if len(rest):
        order = rest[np.argsort(component[rest], kind="stable")]
        comp = component[order]
        local_r = _local(comp, l_index[order])
        local_c = _local(comp, r_index[order])
        bounds = np.flatnonzero(np.diff(comp)) + 1
        for lo, hi in zip(np.r_[0, bounds], np.r_[bounds, len(order)], strict=True):
            picked = _solve(local_r[lo:hi], local_c[lo:hi], weight[order[lo:hi]])
            chosen[order[lo:hi][picked]] = True
    pairs = edges[chosen].assign(kind="one-to-one")
    episodes = _episodes(admissible, pairs, left, right)
    out_: pd.DataFrame = pd.concat([pairs, episodes], ignore_index=True)
    return out_


def _local(component: Ints, node: Ints) -> Ints:
    """Each node's number within its component (0, 1, ...), for edges sorted by component."""
    key = component * np.int64(node.max() + 1) + node
    uniq, inverse = np.unique(key, return_inverse=True)
    first = np.searchsorted(uniq // np.int64(node.max() + 1), component)
    return inverse - first


def _solve(r: Ints, c: Ints, weight: npt.NDArray[np.float64]) -> Ints:
    """Positions (into the component's edges) of the max-weight one-to-one choice.

    ``r`` and ``c`` number the component's rows and columns from 0.
    """
    nr, nc = int(r.max()) + 1, int(c.max()) + 1
    if max(nr, nc) <= DENSE_LIMIT:
        from scipy.optimize import linear_sum_assignment

        matrix = np.zeros((nr, nc))
        edge = np.full((nr, nc), -1, dtype=np.int64)
        matrix[r, c] = weight
        edge[r, c] = np.arange(len(weight))
        ri, ci = linear_sum_assignment(matrix, maximize=True)
        picked = edge[ri, ci]
        out_: npt.NDArray[np.int64] = picked[picked >= 0]
        return out_
    return _solve_sparse(r, c, weight, nr, nc)


def _solve_sparse(r: Ints, c: Ints, weight: npt.NDArray[np.float64], nr: int, nc: int) -> Ints:
    """The same optimum on a sparse graph: each row and column may stay unmatched at cost 0.

    The square graph has the real edges (cost ``-weight``), an "unmatched" edge for every
    row and column, and a zero-cost mirror of each real edge between the two dummy sides,
    so every real choice can be completed to a full matching.
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    size = nr + nc
    shift = float(weight.max()) + 1.0  # costs must be positive
    rows = np.concatenate([r, np.arange(nr), nr + c])
    cols = np.concatenate([c, nc + np.arange(nr), nc + r])
    costs = np.concatenate([shift - weight, np.full(nr, shift), np.full(len(r), shift)])
    # the dummy rows (nr + k stands for column k unmatched) reach their column at cost shift
    rows = np.concatenate([rows, nr + np.arange(nc)])
    cols = np.concatenate([cols, np.arange(nc)])
    costs = np.concatenate([costs, np.full(nc, shift)])
    graph = csr_matrix((costs, (rows, cols)), shape=(size, size))
    _, matched = min_weight_full_bipartite_matching(graph)
    lookup = pd.Series(np.arange(len(r)), index=pd.MultiIndex.from_arrays([r, c]))
    picked_rows = np.arange(nr)
    picked_cols = matched[:nr]
    real = picked_cols < nc
    keys = pd.MultiIndex.from_arrays([picked_rows[real], picked_cols[real]])
    out_: npt.NDArray[np.int64] = lookup.reindex(keys).to_numpy(dtype=np.int64)
    return out_


def _episodes(edges: pd.DataFrame, pairs: pd.DataFrame, left: Side, right: Side) -> pd.DataFrame:
    """Unmatched rows whose best candidate is a multi-day row covering their day."""
    found = []
    for own, other, own_side, other_side in (
        ("left", "right", left, right),
        ("right", "left", right, left),
    ):
        free = edges[~edges[own].isin(pairs[own])]
        if free.empty:
            continue
        # each row's best by its rank (the order the pruning of candidates keeps)
        rank = "rank" if own == "left" else "rank_right"
        best = free.sort_values(rank, kind="stable").drop_duplicates(own)
        o = best[other].to_numpy(np.int64)
        s = best[own].to_numpy(np.int64)
        episode = other_side.end[o] > other_side.start[o]
        inside = (own_side.start[s] >= other_side.start[o]) & (own_side.end[s] <= other_side.end[o])
        found.append(best[episode & inside])
    if not found:
        nothing: pd.DataFrame = edges.iloc[:0].assign(kind=pd.Series(dtype=object))
        return nothing
    out = pd.concat(found).drop_duplicates(["left", "right"])
    out_: pd.DataFrame = out.assign(kind="episode")
    return out_
