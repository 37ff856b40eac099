"""A store's history: what each update changed, and the store as it was on a day.

ACLED has no endpoint for revised events; :func:`eventdata.update` compares the store
before and after each update and keeps the differences in ``NAME.history.parquet`` beside
the store: one row per added event, per changed cell of a revised event (old and new value
as text), and per cell of a deleted event (so that it can be restored), each with the
update's number and the time it was seen. A deleted event that shares its date, place and
event type with an event added or revised in the same update is recorded as ``merged``
into it (ACLED merges two reports of one event by deleting one of them).

Atomic with the store: the history file is written first, then the store, whose
``eventdata.acled`` metadata names the last update it holds (``history``); entries of a
later update (a run killed between the two renames) are ignored when read and replaced by
the next update. Compact: cells, not copies of the table.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eventdata._atomic import atomic_path
from eventdata.analysis._cells import plain, text
from eventdata.exceptions import InputError
from eventdata.sources._query import unix_seconds

__all__ = [
    "HISTORY_SCHEMA",
    "changes_between",
    "history_path",
    "read_as_of",
    "read_history",
    "store_as_of",
    "write_history",
]

HISTORY_SCHEMA = pa.schema(
    [
        pa.field("update", pa.int32(), nullable=False),
        pa.field("seen_at", pa.timestamp("s", tz="UTC"), nullable=False),
        pa.field("event_id_cnty", pa.string()),
        pa.field("change", pa.string(), nullable=False),
        pa.field("column", pa.string()),
        pa.field("old", pa.string()),
        pa.field("new", pa.string()),
    ]
)
"""``change`` is ``created``, ``updated`` (one row per update, ``new`` its summary),
``added``, ``revised``, ``deleted`` or ``merged`` (``new``: the event merged into)."""

_MERGE_KEYS = ("event_date", "location", "event_type")
_SKIPPED = frozenset({"geometry", "bbox"})


def history_path(store: str | os.PathLike[str], /) -> Path:
    """Where a store's history goes: ``NAME.history.parquet`` beside the file or directory."""
    path = Path(store)
    stem = path.name[: -len(".parquet")] if path.name.endswith(".parquet") else path.name
    return path.with_name(f"{stem}.history.parquet")


def _rows(
    update: int, seen_at: int, ids: Any, change: str, column: Any, old: Any, new: Any
) -> pa.Table:
    count = len(ids)

    def col(value: Any) -> pa.Array:
        if value is None or isinstance(value, str):
            return pa.array([value] * count, pa.string())
        return (
            text(plain(value))
            if isinstance(value, (pa.Array, pa.ChunkedArray))
            else (pa.array(value, pa.string()))
        )

    return pa.table(
        [
            pa.array(np.full(count, update, dtype=np.int32)),
            pa.array(np.full(count, seen_at, dtype=np.int64)).cast(pa.timestamp("s", tz="UTC")),
            col(ids),
            pa.array([change] * count, pa.string()),
            col(column),
            col(old),
            col(new),
        ],
        schema=HISTORY_SCHEMA,
    )


def _cells(table: pa.Table, change: str, update: int, seen_at: int, into: Any) -> pa.Table:
    """One row per non-null cell of ``table`` (deleted events, to restore them)."""
    ids = table.column("event_id_cnty").combine_chunks()
    parts = []
    for name in table.column_names:
        if name in _SKIPPED:
            continue
        values = text(plain(table.column(name)))
        present = pc.is_valid(values)
        parts.append(
            _rows(
                update,
                seen_at,
                ids.filter(present),
                change,
                name,
                values.filter(present),
                into.filter(present) if into is not None else None,
            )
        )
    return pa.concat_tables(parts) if parts else HISTORY_SCHEMA.empty_table()


def _merged_into(deleted: pa.Table, fresh: pa.Table) -> pa.Array | None:
    """Per deleted event, the id of a received event with its date, place and type."""
    if not deleted.num_rows or not fresh.num_rows:
        return None
    if any(k not in deleted.column_names or k not in fresh.column_names for k in _MERGE_KEYS):
        return None

    def keys(table: pa.Table) -> pa.Array:
        return pc.binary_join_element_wise(
            *[pc.fill_null(text(plain(table.column(k))), "") for k in _MERGE_KEYS], "\x1f"
        )

    found = pc.index_in(keys(deleted), value_set=keys(fresh))
    return pc.take(fresh.column("event_id_cnty").combine_chunks(), found)


def changes_between(
    old: pa.Table, new: pa.Table, fresh: pa.Table, *, update: int, seen_at: int, summary: str
) -> pa.Table:
    """The history rows of one update: ``old`` store, ``new`` store, ``fresh`` received."""
    from eventdata.analysis.diff import diff_tables

    delta = diff_tables(old, new, labels=("the store", "the updated store"))
    parts = [_rows(update, seen_at, [None], "updated", None, None, [summary])]
    added = delta.added_table.column("event_id_cnty").combine_chunks()
    parts.append(_rows(update, seen_at, added, "added", None, None, None))
    changed = delta.changed_table
    parts.append(
        _rows(
            update,
            seen_at,
            changed.column(0).combine_chunks(),
            "revised",
            changed.column("column").combine_chunks(),
            changed.column("old").combine_chunks(),
            changed.column("new").combine_chunks(),
        )
    )
    deleted = delta.deleted_table
    # candidates: received events that stay in the store (not the deleted ones re-sent)
    staying = pc.is_in(fresh.column("event_id_cnty"), value_set=new.column("event_id_cnty"))
    into = _merged_into(deleted, fresh.filter(staying))
    if into is not None and into.null_count < len(into):
        merged = pc.is_valid(into)
        parts.append(_cells(deleted.filter(merged), "merged", update, seen_at, into.filter(merged)))
        deleted = deleted.filter(pc.invert(merged))
    parts.append(_cells(deleted, "deleted", update, seen_at, None))
    return pa.concat_tables(parts)


def _read_all(store: Path) -> pa.Table:
    path = history_path(store)
    if not path.exists():
        return HISTORY_SCHEMA.empty_table()
    try:
        return pq.read_table(path).cast(HISTORY_SCHEMA)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"cannot read the store's history: {exc}", path=path) from None


def write_history(store: str | os.PathLike[str], rows: pa.Table, *, committed: int) -> None:
    """Keep the history of updates up to ``committed`` and append ``rows``, atomically."""
    store = Path(store)
    kept = _read_all(store)
    kept = kept.filter(pc.less_equal(kept.column("update"), committed))
    table = pa.concat_tables([kept, rows.cast(HISTORY_SCHEMA)])
    with atomic_path(history_path(store)) as temporary:
        pq.write_table(table, temporary, compression="zstd", write_statistics=False)


def committed_update(store: Path) -> int:
    """The number of the last update the store holds (0 before any history)."""
    from eventdata.sources._store_io import read_store_info

    return int(read_store_info(store).get("history") or 0)


def read_history(store: str | os.PathLike[str], /, *, event: str | None = None) -> pd.DataFrame:
    """The history of a store that :func:`eventdata.update` keeps current.

    Args:
        store: the store (Parquet file or dataset directory).
        event: only the changes of this ``event_id_cnty``.

    Returns:
        One row per change: ``update`` (1 for the download that created the store),
        ``seen_at`` (UTC), ``event_id_cnty``, ``change`` (``created``, ``updated``,
        ``added``, ``revised``, ``deleted``, ``merged``), ``column``, ``old`` and ``new``
        (cells as text; for ``merged``, ``new`` is the event it was merged into).

    Raises:
        InputError: the store does not exist or its history cannot be read.

    """
    path = Path(store)
    table = _read_all(path)
    table = table.filter(pc.less_equal(table.column("update"), committed_update(path)))
    if event is not None:
        table = table.filter(pc.equal(table.column("event_id_cnty"), event))
    frame: pd.DataFrame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    return frame


def _cutoff(moment: Any) -> int:
    """Unix seconds up to which updates count: the end of a day, or the moment itself."""
    if isinstance(moment, dt.datetime) or (isinstance(moment, str) and "T" in moment):
        value = moment if isinstance(moment, dt.datetime) else dt.datetime.fromisoformat(moment)
        return unix_seconds(value, name="as_of")
    return unix_seconds(moment, name="as_of") + 86_399


def store_as_of(store: str | os.PathLike[str], frame: pd.DataFrame, moment: Any) -> pd.DataFrame:
    """The store as it was at ``moment``: ``frame`` (its current rows) with later updates undone.

    A date counts every update seen on that day (UTC); a datetime, those seen until it.
    Row order: the rows no undone update touched, in store order, then the restored ones.

    A store created after ``moment`` gives no rows.

    Raises:
        InputError: the store has no history, or the history is unreadable.

    """
    from eventdata.pipeline.read import read_acled
    from eventdata.schema.arrow import pandas_to_table

    path = Path(store)
    committed = committed_update(path)
    history = _read_all(path)
    history = history.filter(pc.less_equal(history.column("update"), committed))
    if not history.num_rows:
        raise InputError(
            "has no history (it was not created or updated by eventdata update), so "
            "as_of= cannot be answered; read it without as_of",
            path=path,
        )
    cutoff = _cutoff(moment)
    seen = pc.cast(history.column("seen_at"), pa.int64())
    undo = history.filter(pc.greater(seen, cutoff)).to_pylist()
    if any(r["change"] == "created" for r in undo):
        empty: pd.DataFrame = frame.iloc[0:0].copy()
        return empty
    if not undo:
        return frame
    touched = {r["event_id_cnty"] for r in undo if r["event_id_cnty"] is not None}
    ids = frame["event_id_cnty"].astype(str)
    inside = ids.isin(touched).to_numpy()
    as_text = pandas_to_table(frame[inside].reset_index(drop=True))
    rows: dict[str, dict[str, Any]] = {}
    names = [n for n in as_text.column_names if n not in _SKIPPED]
    columns = {n: text(plain(as_text.column(n))).to_pylist() for n in names}
    for i, key in enumerate(columns["event_id_cnty"]):
        rows[key] = {n: columns[n][i] for n in names}
    for record in sorted(undo, key=lambda r: -int(r["update"])):
        key, change = record["event_id_cnty"], record["change"]
        if change == "added":
            rows.pop(key, None)
        elif change == "revised" and key in rows:
            rows[key][record["column"]] = record["old"]
        elif change in ("deleted", "merged"):
            rows.setdefault(key, {})[record["column"]] = record["old"]
    kept = frame[~inside]
    if not rows:
        unchanged: pd.DataFrame = kept.reset_index(drop=True)
        return unchanged
    restored_text = pa.Table.from_pylist(
        [{n: row.get(n) for n in names} for row in rows.values()],
        schema=pa.schema([pa.field(n, pa.string()) for n in names]),
    )
    restored = read_acled(restored_text, errors="coerce")
    restored = restored[[c for c in frame.columns if c in restored.columns]]
    combined = pd.concat([kept, restored], ignore_index=True)
    for name, dtype in frame.dtypes.items():
        if name in combined.columns and combined[name].dtype != dtype:
            try:
                combined[name] = combined[name].astype(dtype)
            except (TypeError, ValueError):
                pass
    result: pd.DataFrame = combined
    return result


def read_as_of(
    store: str | os.PathLike[str],
    moment: Any,
    /,
    *,
    columns: Any = None,
    filters: Any = None,
    geometry: bool = False,
    lists: bool = False,
) -> pd.DataFrame:
    """``read_parquet(store, as_of=moment)``: the whole store read, later updates undone.

    Raises:
        ValueError: ``filters`` or ``geometry`` are asked for with ``as_of`` (a revised
            event may enter or leave a filter; restored rows have no geometry).
        InputError: the store or its history cannot be read.

    """
    from eventdata.io.parquet import read_parquet
    from eventdata.schema.arrow import pandas_to_table, table_to_pandas

    if filters is not None or geometry:
        raise ValueError(
            "as_of= reads the whole store as it was; filter the result instead of passing "
            "filters=, and leave geometry=False"
        )
    frame = store_as_of(store, read_parquet(store), moment)
    if columns is not None:
        frame = frame[list(columns)]
    if lists:
        frame = table_to_pandas(pandas_to_table(frame), lists=True)
    return frame
