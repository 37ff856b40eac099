"""Monadic form: one row per actor of an event, and back to one row per event.

ACLED rows are dyadic: ``actor1`` (with ``inter1`` and its associated actors
``assoc_actor_1``) and, where there is one, ``actor2``. Actor tables ("who was involved
in how many events, with how many fatalities") need one row per actor. :func:`to_monadic`
stacks the two sides, columnar; :func:`to_dyadic` undoes it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.analysis.frames import arrow_array, as_events, require_columns
from eventdata.models.fields import LIST_SEPARATOR

__all__ = ["MONADIC_COLUMNS", "SIDE_COLUMNS", "to_dyadic", "to_monadic"]

SIDE_COLUMNS: dict[str, tuple[str, str, str]] = {
    "actor1": ("actor1", "inter1", "assoc_actor_1"),
    "actor2": ("actor2", "inter2", "assoc_actor_2"),
}
"""Per side: its actor, actor type and associated-actors columns."""

MONADIC_COLUMNS = ("event_row", "actor", "actor_role", "inter")
"""Columns that lead a monadic frame (``assoc_actors`` follows without ``associated``)."""

_ROLES = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
_ATTR = "eventdata.dyadic"


@dataclass
class _Pieces:
    """The actor columns of the monadic rows, before they are put in event order."""

    rows: list[np.ndarray] = field(default_factory=list)
    roles: list[np.ndarray] = field(default_factory=list)
    actors: list[pa.Array] = field(default_factory=list)
    inters: list[pa.Array] = field(default_factory=list)
    assocs: list[pa.Array] = field(default_factory=list)

    def add(self, rows: np.ndarray, role: int, actor: pa.Array, inter: pa.Array) -> None:
        self.rows.append(rows.astype(np.int64))
        self.roles.append(np.full(len(rows), role, dtype=np.int8))
        self.actors.append(actor.cast(pa.string()))
        self.inters.append(inter.cast(pa.string()))


def _text(frame: pd.DataFrame, column: str, rows: np.ndarray) -> pa.Array:
    return arrow_array(frame[column]).take(pa.array(rows, pa.int64()))


def _side(
    frame: pd.DataFrame, side: str, keep: np.ndarray, associated: bool, pieces: _Pieces
) -> None:
    actor, inter, assoc = SIDE_COLUMNS[side]
    rows = np.flatnonzero(keep)
    pieces.add(rows, _ROLES.index(side), _text(frame, actor, rows), _text(frame, inter, rows))
    lists = _text(frame, assoc, rows)
    if not associated:
        pieces.assocs.append(lists)
        return
    parents = np.asarray(pc.list_parent_indices(lists).to_numpy(zero_copy_only=False))
    names = pc.list_flatten(lists)
    role = _ROLES.index(f"assoc_{actor[:-1]}_{actor[-1]}")
    pieces.add(rows[parents], role, names, pa.nulls(len(parents), pa.string()))


def _arrow(chunks: list[pa.Array], order: np.ndarray) -> pd.arrays.ArrowExtensionArray:
    joined = pa.concat_arrays(chunks).take(pa.array(order, pa.int64()))
    return pd.arrays.ArrowExtensionArray(joined)


def to_monadic(data: Any, /, *, associated: bool = False) -> pd.DataFrame:
    """One row per actor of each event, with the event's other columns.

    Args:
        data: anything :func:`eventdata.read_acled` accepts, or a DataFrame it returned.
        associated: also give one row per associated actor (split from the ``; ``-joined
            ``assoc_actor_1`` / ``assoc_actor_2``), with ``actor_role``
            ``assoc_actor_1`` / ``assoc_actor_2`` and a missing ``inter`` (ACLED codes
            the type of the named actors only).

    Returns:
        A DataFrame with ``event_row`` (the event's 0-based position in the input),
        ``actor``, ``actor_role`` (``actor1``, ``actor2``, and with ``associated`` the
        two associated roles), ``inter`` (the actor's type, from ``inter1``/``inter2``),
        ``assoc_actors`` (the side's associated actors, as a list; only without
        ``associated``), then every other column of the event. Rows are in event order,
        actor1's side first. An ``actor2`` row is present where the event has a second
        side (``actor2``, ``inter2`` or associated actors of side 2). ``interaction`` is
        kept: it describes the event, not the actor.

    Raises:
        InputError: the input cannot be read or lacks the actor columns.

    Example:
        >>> import eventdata
        >>> actors = eventdata.to_monadic("acled.csv")  # doctest: +SKIP
        >>> actors.groupby("actor")["fatalities"].sum()  # doctest: +SKIP

    """
    frame = as_events(data)
    side_columns = [c for cols in SIDE_COLUMNS.values() for c in cols]
    require_columns(frame, tuple(side_columns), needed_for="to_monadic")
    given = {c: frame[c].dtype for c in side_columns}
    frame = _split_associated(frame)
    rest = [c for c in frame.columns if c not in side_columns]
    second = (
        frame["actor2"].notna().to_numpy()
        | frame["inter2"].notna().to_numpy()
        | (frame["assoc_actor_2"].list.len().fillna(0).to_numpy() > 0)
    )
    pieces = _Pieces()
    _side(frame, "actor1", np.ones(len(frame), dtype=bool), associated, pieces)
    _side(frame, "actor2", second, associated, pieces)
    rows = np.concatenate(pieces.rows)
    order = np.argsort(rows, kind="stable")  # pieces are in role order: stable keeps it
    roles = list(_ROLES) if associated else ["actor1", "actor2"]
    codes: npt.NDArray[np.int64] = np.concatenate(pieces.roles)[order].astype(np.int64)
    head = {
        "event_row": rows[order],
        "actor": _arrow(pieces.actors, order),
        "actor_role": pd.Categorical.from_codes(
            codes if associated else codes // 2, categories=pd.Index(roles)
        ),
        "inter": _arrow(pieces.inters, order),
    }
    if not associated:
        head["assoc_actors"] = _arrow(pieces.assocs, order)
    monadic = pd.concat(
        [pd.DataFrame(head), frame[rest].iloc[rows[order]].reset_index(drop=True)], axis=1
    )
    monadic.attrs = {
        **frame.attrs,
        _ATTR: {
            "columns": list(frame.columns),
            "dtypes": given,
            "index": frame.index,
        },
    }
    result: pd.DataFrame = monadic
    return result


def to_dyadic(monadic: pd.DataFrame, /) -> pd.DataFrame:
    """Rebuild one row per event from :func:`to_monadic`'s result, exactly.

    Args:
        monadic: a frame :func:`to_monadic` returned (with or without ``associated``);
            rows may have been reordered (associated actors keep their order through the
            index ``to_monadic`` gave), but each event's rows must all be there.

    Returns:
        The events as they went in: same rows, columns, order, dtypes and index when
        ``monadic`` still carries the attributes ``to_monadic`` set; otherwise the ACLED
        columns in the order of the monadic frame, with a fresh index.

    Raises:
        InputError: ``monadic`` lacks ``event_row``, ``actor``, ``actor_role`` or ``inter``.

    """
    require_columns(monadic, MONADIC_COLUMNS, needed_for="to_dyadic")
    ordered = monadic.sort_index(kind="stable").sort_values(["event_row"], kind="stable")
    role = ordered["actor_role"].astype(str)
    rest = [c for c in ordered.columns if c not in (*MONADIC_COLUMNS, "assoc_actors")]
    events = ordered[role == "actor1"].set_index("event_row")
    out = events[rest].copy()
    for side, (actor, inter, assoc) in SIDE_COLUMNS.items():
        rows = ordered[role == side].set_index("event_row")
        out[actor] = rows["actor"].reindex(out.index)
        out[inter] = rows["inter"].reindex(out.index)
        if "assoc_actors" in ordered.columns:
            lists = rows["assoc_actors"].reindex(out.index)
        else:
            lists = _collect(ordered[role == f"assoc_{actor[:-1]}_{actor[-1]}"], out.index)
        out[assoc] = _empty_for_missing(lists)
    return _restore(out, monadic.attrs.get(_ATTR))


def _collect(rows: pd.DataFrame, index: pd.Index) -> pd.Series:
    """Associated actors of each event, as lists in their original order."""
    names = arrow_array(rows["actor"]).cast(pa.string())
    events = rows["event_row"].to_numpy()
    positions = index.get_indexer(pd.Index(events))
    counts = (
        np.bincount(positions, minlength=len(index))
        if len(positions)
        else np.zeros(len(index), dtype=np.int64)
    )
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    order = np.argsort(positions, kind="stable")
    values = names.take(pa.array(order, pa.int64()))
    lists = pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values)
    series: pd.Series = pd.Series(pd.arrays.ArrowExtensionArray(lists), index=index)
    return series


def _empty_for_missing(lists: pd.Series) -> pd.Series:
    array = arrow_array(lists)
    if not pa.types.is_list(array.type):
        array = array.cast(pa.list_(pa.string()))
    if array.null_count:
        empty = pa.array([[]] * len(array), array.type)
        array = pc.if_else(array.is_null(), empty, array)
    series: pd.Series = pd.Series(pd.arrays.ArrowExtensionArray(array), index=lists.index)
    return series


def _is_list_dtype(dtype: Any) -> bool:
    return isinstance(dtype, pd.ArrowDtype) and pa.types.is_list(dtype.pyarrow_dtype)


def _split_associated(frame: pd.DataFrame) -> pd.DataFrame:
    """The associated-actor columns as lists (``read_acled`` gives ACLED's joined text)."""
    columns = {}
    for _actor, _inter, assoc in SIDE_COLUMNS.values():
        array = arrow_array(frame[assoc])
        if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
            text = array.cast(pa.string())
            blank = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(text), ""), True)
            split = pc.split_pattern(pc.if_else(blank, "", text), LIST_SEPARATOR)
            empty = pa.array([[]] * len(text), pa.list_(pa.string()))
            columns[assoc] = pd.Series(
                pd.arrays.ArrowExtensionArray(pc.if_else(blank, empty, split)), index=frame.index
            )
    return frame.assign(**columns) if columns else frame


def _joined(lists: pd.Series) -> pd.Series:
    """Lists back to ACLED's ``; ``-joined text; an empty list is blank."""
    array = arrow_array(lists)
    text = pc.binary_join(array, LIST_SEPARATOR)
    empty = pc.fill_null(pc.equal(pc.list_value_length(array), 0), True)
    text = pc.if_else(empty, pa.scalar(None, pa.string()), text)
    series: pd.Series = pd.Series(pd.arrays.ArrowExtensionArray(text), index=lists.index)
    return series


def _restore(out: pd.DataFrame, meta: dict[str, Any] | None) -> pd.DataFrame:
    listed = {assoc for _a, _i, assoc in SIDE_COLUMNS.values()}
    if meta is None:  # without to_monadic's attributes: associated actors as lists
        out = out.reset_index(drop=True)
        out.columns.name = None
        return out
    for column, dtype in meta["dtypes"].items():
        if column in listed and not _is_list_dtype(dtype):
            out[column] = _joined(out[column])
        out[column] = out[column].astype(dtype)
    out = out[[c for c in meta["columns"] if c in out.columns]]
    out.index = meta["index"][out.index.to_numpy()]
    return out
