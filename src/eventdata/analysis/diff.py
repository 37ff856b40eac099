"""Compare two versions of an event dataset: events added, deleted, and cells changed.

:func:`diff` reads both sides into canonical Arrow tables and matches rows on
``event_id_cnty`` with a hash lookup (``pyarrow.compute.index_in``); each shared column is
compared as a whole array, so a million-row diff takes about as long as reading the two
tables. Nothing loops over rows in Python.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.analysis._cells import (
    aligned,
    comparable,
    differs,
    plain,
    selection,
    text,
)
from eventdata.exceptions import InputError

__all__ = ["CHANGE_SCHEMA", "Diff", "diff", "diff_tables", "read_side"]

KEY = "event_id_cnty"
CHANGE_SCHEMA = pa.schema(
    [
        pa.field(KEY, pa.string()),
        pa.field("column", pa.string()),
        pa.field("old", pa.string()),
        pa.field("new", pa.string()),
    ]
)
"""One row per changed cell; values as text (dates ISO, lists ``; ``-joined)."""

Source: TypeAlias = "str | os.PathLike[str] | pd.DataFrame | pa.Table"


def _is_parquet(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() in {".parquet", ".pq", ".geoparquet"}


def read_side(source: Source, /) -> pa.Table:
    """One side of a diff as a canonical Arrow table (files of any supported format)."""
    from eventdata.io.parquet import read_parquet
    from eventdata.pipeline.read import read_canonical_table
    from eventdata.schema.arrow import pandas_to_table

    if isinstance(source, (str, os.PathLike)) and _is_parquet(Path(source)):
        if not Path(source).exists():
            raise InputError("no such file or directory", path=source)
        return pandas_to_table(read_parquet(source, lists=True))
    if isinstance(source, pd.DataFrame):
        source = pa.Table.from_pandas(source, preserve_index=False)
    table, _parsed = read_canonical_table(source)
    return table


def _label(source: Source, side: str) -> str:
    return str(source) if isinstance(source, (str, os.PathLike)) else f"the {side} table"


def ids_of(table: pa.Table, side: str) -> pa.Array:
    if KEY not in table.column_names:
        raise InputError(f"{side} has no {KEY} column; a diff matches events on it")
    ids = text(plain(table.column(KEY)))
    if ids.null_count:
        raise InputError(f"{side}: {ids.null_count} rows have no {KEY}; every event needs an id")
    counts = pc.value_counts(ids)
    repeated = pc.filter(counts, pc.greater(counts.field("counts"), 1))
    if len(repeated):
        first = repeated[0].as_py()
        raise InputError(
            f"{side}: {KEY} {first['values']!r} appears {first['counts']} times "
            f"({len(repeated)} ids repeat); a diff needs one row per event"
        )
    return ids


@dataclass(frozen=True, eq=False, kw_only=True)
class Diff:
    """What changed from one version of a dataset to another.

    Attributes:
        n_old: rows in the old version.
        n_new: rows in the new version.
        columns_added: columns only the new version has (not compared cell by cell).
        columns_removed: columns only the old version has.
        compared: the columns compared cell by cell.
        added_table: new rows whose id the old version lacks (canonical Arrow table).
        deleted_table: old rows whose id the new version lacks.
        changed_table: one row per changed cell (:data:`CHANGE_SCHEMA`), in the new
            version's row order, then column order.

    """

    n_old: int
    n_new: int
    added_table: pa.Table = field(repr=False)
    deleted_table: pa.Table = field(repr=False)
    changed_table: pa.Table = field(repr=False)
    compared: list[str] = field(repr=False)
    columns_added: list[str] = field(repr=False)
    columns_removed: list[str] = field(repr=False)

    def __repr__(self) -> str:
        s = self.summary()
        return (
            f"<Diff {s['n_old']} -> {s['n_new']} rows: {s['added']} added, "
            f"{s['deleted']} deleted, {s['changed_events']} changed>"
        )

    def _repr_html_(self) -> str:
        from eventdata._display import Detail, html_view

        s = self.summary()
        return html_view(
            f"Diff: {s['n_old']:,} -> {s['n_new']:,} rows",
            [
                ("added", s["added"]),
                ("deleted", s["deleted"]),
                ("changed events", s["changed_events"]),
                ("changed cells", s["changed_cells"]),
                ("unchanged", s["unchanged"]),
                ("columns added", ", ".join(s["columns_added"]) or None),
                ("columns removed", ", ".join(s["columns_removed"]) or None),
            ],
            details=[
                Detail(
                    "Changed cells by column",
                    ("column", "cells"),
                    list(s["changed_by_column"].items()),
                )
            ],
        )

    @cached_property
    def added(self) -> pd.DataFrame:
        """The added rows, canonical columns and dtypes (as :func:`eventdata.read_acled`)."""
        from eventdata.schema.arrow import table_to_pandas

        return table_to_pandas(self.added_table)

    @cached_property
    def deleted(self) -> pd.DataFrame:
        """The deleted rows as the old version had them."""
        from eventdata.schema.arrow import table_to_pandas

        return table_to_pandas(self.deleted_table)

    @cached_property
    def changed(self) -> pd.DataFrame:
        """One row per changed cell: ``event_id_cnty``, ``column``, ``old``, ``new`` (text)."""
        frame: pd.DataFrame = self.changed_table.to_pandas(types_mapper=pd.ArrowDtype)
        return frame

    @property
    def identical(self) -> bool:
        """No event added, deleted or changed, and the same columns."""
        return not (
            self.added_table.num_rows
            or self.deleted_table.num_rows
            or self.changed_table.num_rows
            or self.columns_added
            or self.columns_removed
        )

    def by_column(self) -> dict[str, int]:
        """Changed cells per column, most first."""
        if not self.changed_table.num_rows:
            return {}
        counts = pc.value_counts(self.changed_table.column("column")).to_pylist()
        ordered = sorted(counts, key=lambda c: (-c["counts"], self.compared.index(c["values"])))
        return {c["values"]: c["counts"] for c in ordered}

    def summary(self) -> dict[str, Any]:
        """Counts: rows on each side, events added/deleted/changed, changed cells per column."""
        changed_events = (
            pc.count_distinct(self.changed_table.column(KEY)).as_py()
            if self.changed_table.num_rows
            else 0
        )
        return {
            "n_old": self.n_old,
            "n_new": self.n_new,
            "added": self.added_table.num_rows,
            "deleted": self.deleted_table.num_rows,
            "changed_events": changed_events,
            "changed_cells": self.changed_table.num_rows,
            "unchanged": self.n_new - self.added_table.num_rows - changed_events,
            "changed_by_column": self.by_column(),
            "columns_added": self.columns_added,
            "columns_removed": self.columns_removed,
        }

    def format_text(self, *, max_rows: int = 20) -> str:
        """A readable report: the counts, then the first changes, additions and deletions."""
        s = self.summary()
        lines = [
            f"{s['n_old']} -> {s['n_new']} events: {s['added']} added, {s['deleted']} deleted, "
            f"{s['changed_events']} changed ({s['changed_cells']} cells), "
            f"{s['unchanged']} unchanged"
        ]
        if s["changed_by_column"]:
            lines.append(
                "  changed cells by column: "
                + ", ".join(f"{c} {n}" for c, n in s["changed_by_column"].items())
            )
        for label, names in (("new", self.columns_added), ("removed", self.columns_removed)):
            if names:
                lines.append(f"  {label} columns (not compared): {', '.join(names)}")
        for title, table in (("added", self.added_table), ("deleted", self.deleted_table)):
            if table.num_rows:
                ids = table.column(KEY).slice(0, max_rows).to_pylist()
                more = f" ... {table.num_rows - len(ids)} more" if table.num_rows > max_rows else ""
                lines.append(f"  {title}: {', '.join(map(str, ids))}{more}")
        shown = self.changed_table.slice(0, max_rows).to_pylist()
        if shown:
            lines.append("  changes:")
            lines += [f"    {c[KEY]} {c['column']}: {c['old']!r} -> {c['new']!r}" for c in shown]
            if self.changed_table.num_rows > max_rows:
                lines.append(f"    ... {self.changed_table.num_rows - max_rows} more")
        return "\n".join(lines)

    def to_dict(self, *, max_rows: int | None = None) -> dict[str, Any]:
        """A JSON-ready document: the summary, ids added and deleted, and the changes."""

        def head(table: pa.Table) -> pa.Table:
            return table if max_rows is None else table.slice(0, max_rows)

        return {
            **self.summary(),
            "added_ids": head(self.added_table).column(KEY).to_pylist(),
            "deleted_ids": head(self.deleted_table).column(KEY).to_pylist(),
            "changes": head(self.changed_table).to_pylist(),
        }


def _changes(
    old: pa.Table,
    new: pa.Table,
    old_rows: np.ndarray,
    new_rows: np.ndarray,
    ids: pa.Array,
    names: list[str],
) -> pa.Table:
    """The changed cells of the events at ``old_rows`` and ``new_rows`` (the same events)."""
    parts: list[pa.Table] = []
    order: list[np.ndarray] = []
    take_old = selection(old_rows, old.num_rows)
    take_new = selection(new_rows, new.num_rows)
    for position, name in enumerate(names):
        a, b = aligned(old.column(name), take_old), aligned(new.column(name), take_new)
        changed = differs(*comparable(a, b))
        if not changed.any():
            continue
        where = np.flatnonzero(changed)
        rows = pa.array(where)
        parts.append(
            pa.table(
                [
                    pc.take(ids, rows),
                    pa.array(np.full(len(rows), name, dtype=object), pa.string()),
                    text(plain(pc.take(a, rows))),
                    text(plain(pc.take(b, rows))),
                ],
                schema=CHANGE_SCHEMA,
            )
        )
        order.append(where * len(names) + position)
    if not parts:
        return CHANGE_SCHEMA.empty_table()
    changed = pa.concat_tables(parts)
    return changed.take(pa.array(np.argsort(np.concatenate(order), kind="stable")))


def diff(old: Source, new: Source, /, *, ignore: Sequence[str] = ()) -> Diff:
    """Compare two versions of an event dataset, matching events on ``event_id_cnty``.

    Args:
        old: the earlier version: a path to any file eventdata reads (CSV, JSON, JSON
            Lines, Parquet file or dataset directory), a DataFrame or a pyarrow Table.
        new: the later version, likewise (the two may be of different formats).
        ignore: columns not to compare cell by cell, e.g. ``["timestamp"]``.

    Returns:
        A :class:`Diff`: ``.added`` and ``.deleted`` rows, ``.changed`` cells and
        ``.summary()``. Values are compared after reading into canonical types, so
        ``"5"`` in a CSV and ``5`` in Parquet are equal, and so are an ``inter1`` code and
        its label.

    Raises:
        InputError: a side cannot be read, lacks ``event_id_cnty``, or repeats an id.

    """
    return diff_tables(
        read_side(old),
        read_side(new),
        ignore=ignore,
        labels=(_label(old, "old"), _label(new, "new")),
    )


def diff_tables(
    old_table: pa.Table,
    new_table: pa.Table,
    /,
    *,
    ignore: Sequence[str] = (),
    labels: tuple[str, str] = ("the old table", "the new table"),
) -> Diff:
    """:func:`diff` of two canonical Arrow tables (as :func:`read_side` returns them).

    Args:
        old_table: the earlier version.
        new_table: the later version.
        ignore: columns not to compare.
        labels: how messages call the two sides.

    Raises:
        InputError: a side lacks ``event_id_cnty`` or repeats an id.

    """
    old_ids, new_ids = ids_of(old_table, labels[0]), ids_of(new_table, labels[1])
    in_old = pc.index_in(new_ids, value_set=old_ids)
    shared = np.asarray(pc.is_valid(in_old), dtype=bool)
    kept_old = np.asarray(pc.is_in(old_ids, value_set=new_ids), dtype=bool)
    added = new_table.filter(pa.array(~shared))
    deleted = old_table.filter(pa.array(~kept_old))
    new_rows = np.flatnonzero(shared)
    old_rows = np.asarray(pc.take(in_old, pa.array(new_rows)), dtype=np.int64)
    skip = {KEY, *ignore}
    names = [c for c in new_table.column_names if c in old_table.column_names and c not in skip]
    ids = pc.take(new_ids, pa.array(new_rows))
    changed = _changes(old_table, new_table, old_rows, new_rows, ids, names)
    return Diff(
        n_old=old_table.num_rows,
        n_new=new_table.num_rows,
        added_table=added,
        deleted_table=deleted,
        changed_table=changed,
        compared=names,
        columns_added=[c for c in new_table.column_names if c not in old_table.column_names],
        columns_removed=[c for c in old_table.column_names if c not in new_table.column_names],
    )
