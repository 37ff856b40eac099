"""Reading and writing stores: the ``eventdata.acled`` metadata, streamed and merged writes."""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from eventdata._atomic import TEMP_MARKER
from eventdata.exceptions import InputError
from eventdata.io.parquet_meta import file_metadata, merge_metadata, validation_metadata
from eventdata.io.readers import read_raw
from eventdata.io.writers import output_schema, write_event_dataset, write_event_file
from eventdata.pipeline.write import apply_policy, check_raw, side_files
from eventdata.sources._query import describe_query
from eventdata.sources._stream import AcledBatches
from eventdata.sources.history import write_history

__all__ = [
    "STORE_KEY",
    "create_store",
    "history_marker",
    "newest_timestamp",
    "read_store_info",
    "read_store_meta",
    "rewrite_store",
    "store_metadata",
    "write_stream",
]

STORE_KEY = "eventdata.acled"
"""Key of the store's update metadata (JSON) in the Parquet key-value metadata."""
_DEFAULT_KEY = "eventdata"


def _first_file(path: Path) -> Path | None:
    if path.is_file():
        return path
    for parent, dirs, files in sorted(os.walk(path)):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".parquet") and not name.startswith((".", "_")):
                return Path(parent) / name
    return None


def read_store_info(store: str | os.PathLike[str], /) -> dict[str, Any]:
    """The store's metadata: ``partition_by``, ``geo`` and the ``eventdata.acled`` entry.

    Returns:
        ``{"partition_by": [...] | None, "geo": bool, "query": {...} | None,
        "last_update": int | None}``.

    Raises:
        InputError: the store does not exist or is not Parquet.

    """
    path = Path(store)
    first = _first_file(path) if path.exists() else None
    if first is None:
        raise InputError("no such Parquet file or dataset directory", path=path)
    try:
        schema = pq.read_schema(first)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"cannot read as Parquet: {exc}", path=first) from None
    metadata = {k.decode(): v.decode() for k, v in (schema.metadata or {}).items()}
    general = json.loads(metadata.get(_DEFAULT_KEY, "{}"))
    acled = json.loads(metadata.get(STORE_KEY, "{}"))
    return {
        "partition_by": general.get("partition_by") or None,
        "geo": "geometry" in schema.names,
        "query": acled.get("query"),
        "last_update": acled.get("last_update"),
        "history": acled.get("history"),
    }


def newest_timestamp(table: pa.Table) -> int | None:
    if "timestamp" not in table.column_names or not table.num_rows:
        return None
    value = pc.max(pc.cast(table.column("timestamp"), pa.int64())).as_py()
    return int(value) if value is not None else None


def store_metadata(
    *, query: Mapping[str, str], last_update: int, newest: int | None, history: int | None = None
) -> dict[str, str]:
    """The ``eventdata.acled`` entry: the query, times, and the last update of the history."""
    document = {
        "query": dict(query),
        "last_update": last_update,
        "newest_timestamp": newest,
        "history": history,
    }
    return {STORE_KEY: json.dumps(document)}


def stream_summary(stream: AcledBatches) -> dict[str, Any]:
    """A validation summary of a stream, in the shape the ``eventdata`` metadata records."""
    failures = stream.failures
    counts: dict[str, dict[str, Any]] = {}
    for row in failures.group_by(["rule", "severity"]).aggregate([("row", "count")]).to_pylist():
        counts[row["rule"]] = {"severity": row["severity"], "count": row["row_count"]}
    errors = sum(c["count"] for c in counts.values() if c["severity"] == "error")
    return {
        "ok": stream.n_invalid == 0,
        "n_rows": stream.rows,
        "n_invalid": stream.n_invalid,
        "n_errors": errors,
        "n_warnings": sum(c["count"] for c in counts.values()) - errors,
        "counts": counts,
    }


class _counting:
    """An iterator of tables that counts the rows it passed on."""

    def __init__(self, tables: Iterator[pa.Table]) -> None:
        self.rows = 0
        self._tables = tables

    def __iter__(self) -> Iterator[pa.Table]:
        for table in self._tables:
            self.rows += table.num_rows
            yield table


def write_stream(
    stream: AcledBatches,
    path: str | os.PathLike[str],
    /,
    *,
    partition_by: list[str] | None = None,
    geo: bool = True,
    started: int | None = None,
    history: int | None = None,
) -> int:
    """Write a download to a store (file or partitioned dataset), page by page, atomically.

    The store gets the ``eventdata.acled`` metadata (the query, ``last_update``), so that
    :func:`update` can keep it current. When rows break error rules, their failures go to
    ``NAME.failures.parquet`` and their text to ``NAME.invalid.parquet`` beside it.

    Returns:
        The number of rows written.

    """
    path = Path(path)
    started = int(time.time()) if started is None else started
    batches = iter(stream)
    first = next(batches, None)
    schema = output_schema(stream.schema, geo=geo, relax=True)
    newest: list[int | None] = [None]

    def tables() -> Iterator[pa.Table]:
        for batch in [first, *batches] if first is not None else []:
            table = pa.Table.from_batches([batch])
            stamp = newest_timestamp(table)
            if stamp is not None:
                newest[0] = max(stamp, newest[0] or stamp)
            yield table

    def metadata(rows: int) -> dict[str, str]:
        summary = validation_metadata(
            stream_summary(stream), on_invalid=stream.on_invalid, rows_dropped=stream.n_dropped
        )
        return merge_metadata(
            file_metadata(
                dialect="acled_api", rows=rows, validation=summary, partition_by=partition_by
            ),
            store_metadata(
                query=stream.query, last_update=started, newest=newest[0], history=history
            ),
        )

    options: dict[str, Any] = dict(geo=geo, compression="zstd", compression_level=1)
    if partition_by:
        # every file's metadata is written before the totals are known: streamed, the
        # dataset records the query and the partitioning (all update needs), no totals
        meta = merge_metadata(
            file_metadata(
                dialect="acled_api", rows=None, validation=None, partition_by=partition_by
            ),
            store_metadata(query=stream.query, last_update=started, newest=None, history=history),
        )
        counted = _counting(tables())
        write_event_dataset(
            counted, path, schema, partition_by=partition_by, metadata=meta, **options
        )
        rows = counted.rows
    else:
        rows = int(write_event_file(tables(), path, schema, metadata=metadata, **options))
    write_sides(stream, path)
    return rows


def write_sides(stream: AcledBatches, path: Path) -> None:
    from eventdata.io.writers import failures_path, invalid_path, remove_stale, write_side_table

    remove_stale(failures_path(path), invalid_path(path))
    if stream.failures.num_rows:
        write_side_table(stream.failures, failures_path(path))
    if stream.invalid_rows.num_rows:
        write_side_table(stream.invalid_rows, invalid_path(path))


def rewrite_store(table: pa.Table, path: Path, info: dict[str, Any], extra: dict[str, str]) -> None:
    """Write the merged store: validated again, side files renewed, atomically."""
    checked = check_raw(read_raw(table))
    out, result, sides = apply_policy(checked, path, on_invalid="keep")
    partition_by = info["partition_by"]
    meta = merge_metadata(
        file_metadata(
            dialect=checked.dialect,
            rows=out.num_rows,
            validation=validation_metadata(checked.summary, on_invalid="keep", rows_dropped=0),
            partition_by=partition_by,
        ),
        extra,
    )
    geo = bool(info["geo"])
    schema = output_schema(out.schema, geo=geo, relax=False)
    options: dict[str, Any] = dict(geo=geo, compression="zstd", compression_level=1)
    with side_files(path, sides):
        if partition_by:
            write_event_dataset(
                out, path, schema, partition_by=partition_by, metadata=meta, **options
            )
        else:
            write_event_file([out], path, schema, metadata=lambda _rows: meta, **options)


def read_store_meta(path: Path) -> dict[str, str]:
    """The key-value metadata of the store's first file, as text."""
    first = _first_file(path)
    if first is None:
        return {}
    return {k.decode(): v.decode() for k, v in (pq.read_schema(first).metadata or {}).items()}


def history_marker(update: int, started: int, change: str, text: str) -> pa.Table:
    from eventdata.sources.history import HISTORY_SCHEMA

    return pa.table(
        {
            "update": [update],
            "seen_at": pa.array([started], pa.int64()).cast(pa.timestamp("s", tz="UTC")),
            "event_id_cnty": pa.array([None], pa.string()),
            "change": [change],
            "column": pa.array([None], pa.string()),
            "old": pa.array([None], pa.string()),
            "new": [text],
        },
        schema=HISTORY_SCHEMA,
    )


def create_store(
    stream: AcledBatches,
    path: str | os.PathLike[str],
    /,
    *,
    partition_by: list[str] | None = None,
    started: int | None = None,
) -> int:
    """Write a download to a new store with its history begun (update 1, ``created``).

    The history file is written first; if the download fails, the previous history (of a
    store written over) comes back, or none: a failed creation leaves nothing behind.

    Returns:
        The number of rows written.

    """
    from eventdata.sources.history import history_path

    path = Path(path)
    started = int(time.time()) if started is None else started
    marker = f"created from {describe_query(stream.query)}"
    history = history_path(path)
    previous = history.with_name(f".{history.name}{TEMP_MARKER}{uuid.uuid4().hex[:8]}")
    kept = history.exists()
    if kept:
        os.replace(history, previous)
    try:
        write_history(path, history_marker(1, started, "created", marker), committed=0)
        rows = write_stream(stream, path, partition_by=partition_by, started=started, history=1)
    except BaseException:
        history.unlink(missing_ok=True)
        if kept:
            os.replace(previous, history)
        raise
    if kept:
        previous.unlink(missing_ok=True)
    return rows
