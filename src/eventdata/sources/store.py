"""Keep a local Parquet store of ACLED events current: :func:`update` and :class:`UpdateSummary`.

A store is a Parquet file or a hive-partitioned dataset directory written by eventdata.
Besides the usual ``eventdata`` metadata, a store made or updated from the API carries the
``eventdata.acled`` metadata entry (JSON): the ACLED ``query`` it holds (so that
``update(store)`` needs no filters), ``last_update`` (Unix seconds when the last download
started: deletions are requested from then on) and ``newest_timestamp``.

An update requests the events with a ``timestamp`` at or after the store's newest, replaces
the revised ones (same ``event_id_cnty``), appends the new ones, removes the events ACLED
deleted since the last update (:func:`eventdata.apply_deletions`), and writes the result
atomically: until the new store is complete the old one stays as it was, also when the
process is killed.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypedDict

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import InputError, StoreBusyError
from eventdata.io.acled_api import apply_deletions
from eventdata.io.writers import failures_path
from eventdata.sources._http import session_settings
from eventdata.sources._lock import check_unchanged, fingerprint, store_lock
from eventdata.sources._query import Value, describe_query, given_query
from eventdata.sources._store_io import (
    STORE_KEY,
    create_store,
    newest_timestamp,
    read_store_info,
    read_store_meta,
    rewrite_store,
    store_metadata,
    write_stream,
)
from eventdata.sources._stream import AcledBatches, OnInvalid
from eventdata.sources.acled_api import (
    DEFAULT_PAGE_SIZE,
    AcledSession,
    acled_query,
    fetch_deletions,
    open_session,
    stream_query,
    stream_table,
)
from eventdata.sources.history import changes_between, write_history
from eventdata.sources.update_summary import UpdateSummary

__all__ = [
    "STORE_KEY",
    "UpdateSummary",
    "create_store",
    "read_store_info",
    "update",
    "write_stream",
]


_RECORDED = ("query", "last_update", "newest_timestamp", "history")
"""The fields of :class:`UpdateSummary` that the store's :data:`STORE_KEY` entry records."""


class _Counts(TypedDict):
    """What an update did to the store's events (fields of :class:`UpdateSummary`)."""

    added: int
    updated: int
    unchanged: int
    deleted: int


def _merge(old: pa.Table, fresh: pa.Table, deletions: pa.Table) -> tuple[pa.Table, _Counts]:
    """Replace revised events, append new ones, drop deleted ones; count each."""
    from eventdata.analysis.diff import diff_tables, ids_of
    from eventdata.schema.arrow import conform

    old_ids = ids_of(old, "the store")
    fresh_ids = ids_of(fresh, "the download")
    revised = pc.is_in(old_ids, value_set=fresh_ids)
    existed = pc.is_in(fresh_ids, value_set=old_ids)
    n_existed = pc.sum(existed).as_py() or 0
    changes = diff_tables(old.filter(revised), fresh.filter(existed))
    updated = changes.summary()["changed_events"]
    kept = conform(old.filter(pc.invert(revised)))
    merged = pa.concat_tables([kept, conform(fresh)], promote_options="permissive")
    merged, deleted = apply_deletions(merged, deletions)
    return merged, {
        "added": fresh.num_rows - n_existed,
        "updated": updated,
        "unchanged": n_existed - updated,
        "deleted": deleted,
    }


def _create(
    path: Path,
    query: dict[str, str],
    *,
    started: int,
    partition_by: list[str] | None,
    stream_options: dict[str, Any],
) -> UpdateSummary:
    stream = stream_query(query, **stream_options)
    stream.failures_hint = str(failures_path(path))
    rows = create_store(stream, path, partition_by=partition_by, started=started)
    newest = json.loads(read_store_meta(path).get(STORE_KEY, "{}")).get("newest_timestamp")
    meta = store_metadata(query=query, last_update=started, newest=newest, history=1)
    summary = _summary(path, stream, meta)
    return replace(summary, created=True, added=rows, rows_after=rows, note=stream.empty_note)


def _summary(path: Path, stream: AcledBatches, meta: Mapping[str, str]) -> UpdateSummary:
    """What a download into a store did: the rows that arrived, and the store's state.

    The state is the store's metadata ``meta`` (its :data:`STORE_KEY` entry: the query,
    ``last_update``, ``newest_timestamp`` and the number of the update).
    """
    recorded = json.loads(meta.get(STORE_KEY, "{}"))
    state = {k: recorded[k] for k in _RECORDED if recorded.get(k) is not None}
    return UpdateSummary(store=path, received=stream.rows, n_invalid=stream.n_invalid, **state)


def update(
    store: str | os.PathLike[str],
    /,
    *,
    country: Value | None = None,
    region: Value | None = None,
    start_date: str | Any | None = None,
    end_date: str | Any | None = None,
    event_types: Value | None = None,
    email: str | None = None,
    password: str | None = None,
    base_url: str | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    on_invalid: OnInvalid = "keep",
    progress: bool | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    backoff: float | None = None,
    session: AcledSession | None = None,
    partition_by: Iterable[str] | None = None,
    **filters: Any,
) -> UpdateSummary:
    """Bring a local store of ACLED events up to date with ACLED's API.

    Requests the events added or revised since the store's newest ``timestamp``,
    replaces the revised ones (same ``event_id_cnty``), appends the new ones and removes
    those ACLED deleted since the store's last update, then rewrites the store atomically
    (a failed or killed update leaves the old store as it was). One update runs at a time:
    the store is locked, and the result is committed only if the store is still the one
    read. What changed (added, revised cells with old and new values, deleted, merged) is
    kept in ``NAME.history.parquet`` (:func:`eventdata.read_history`; the store as it was:
    ``read_parquet(store, as_of=DATE)``).

    Args:
        store: a Parquet file or partitioned dataset directory written by eventdata. When
            it does not exist it is created from a full download of the query (then
            filters are required).
        country: as :func:`eventdata.fetch_acled`. Filters replace the query recorded in
            the store; without any, the recorded one is used.
        region: as :func:`eventdata.fetch_acled`.
        start_date: as :func:`eventdata.fetch_acled`.
        end_date: as :func:`eventdata.fetch_acled`.
        event_types: as :func:`eventdata.fetch_acled`.
        email: as :func:`eventdata.fetch_acled` (default ``$ACLED_API_EMAIL``).
        password: as :func:`eventdata.fetch_acled` (default ``$ACLED_API_PASSWORD``).
        base_url: as :func:`eventdata.fetch_acled` (default ``$ACLED_API_URL``).
        page_size: rows per request.
        on_invalid: received rows breaking error rules: ``"keep"`` (default, reported in
            ``NAME.failures.parquet``), ``"drop"`` or ``"raise"`` (nothing is written).
        progress: draw rows-so-far on stderr; default: when stderr is a terminal.
        timeout: as :func:`eventdata.fetch_acled`.
        max_retries: as :func:`eventdata.fetch_acled`.
        backoff: as :func:`eventdata.fetch_acled`.
        session: an open :class:`~eventdata.sources.acled_api.AcledSession` to reuse.
        partition_by: when creating the store, write a dataset partitioned by these
            columns (an existing store keeps its partitioning).
        **filters: other ACLED filters, e.g. ``iso=706``.

    Returns:
        An :class:`UpdateSummary` with the added, updated and deleted counts.

    Raises:
        InputError: the store cannot be read, or has no recorded query and none is given.
        AuthenticationError: missing or refused credentials.
        ApiError: the API failed after retries.
        ValidationFailed: ``on_invalid="raise"`` and a received row breaks an error rule.
        StoreBusyError: another update of the store is running, or another program changed
            the store while this one ran (nothing is written; run it again).

    """
    arguments = dict(locals())  # first: the arguments as given
    path = Path(store)
    given = given_query(arguments)
    started = int(time.time())
    exists = path.exists()
    info = read_store_info(path) if exists else None
    query = acled_query(**given) if given else (info or {}).get("query")
    if query is None:
        raise InputError(
            "does not exist; pass the ACLED query to download into it, e.g. country='Somalia'"
            if not exists
            else "has no recorded ACLED query (it was not written by eventdata fetch or "
            "update); pass the query it holds, e.g. country='Somalia'",
            path=path,
        )
    query = {k: v for k, v in query.items() if k not in ("timestamp", "timestamp_where")}
    if not path.parent.is_dir():
        raise InputError(f"the directory {path.parent} does not exist; create it first", path=path)
    with store_lock(path):
        return _locked_update(
            path,
            query,
            exists=exists,
            started=started,
            session=session,
            options=session_settings(arguments),
            stream_options=dict(page_size=page_size, on_invalid=on_invalid, progress=progress),
            partition_by=list(partition_by) if partition_by else None,
        )


def _locked_update(
    path: Path,
    query: dict[str, str],
    *,
    exists: bool,
    started: int,
    session: AcledSession | None,
    options: dict[str, Any],
    stream_options: dict[str, Any],
    partition_by: list[str] | None,
) -> UpdateSummary:
    """The update proper, while the store's lock is held."""
    from eventdata.analysis.diff import read_side

    if exists and not path.exists():
        raise StoreBusyError("was removed while this update waited", path=path)
    before = fingerprint(path)
    info = read_store_info(path) if path.exists() else None
    active, owned = open_session(session, options)
    stream_options = {**stream_options, "session": active}
    page_size = stream_options["page_size"]
    try:
        if info is None:
            return _create(
                path,
                query,
                started=started,
                partition_by=partition_by,
                stream_options=stream_options,
            )
        old = read_side(path)
        newest = newest_timestamp(old)
        since = {"timestamp": str(newest), "timestamp_where": ">="} if newest is not None else {}
        stream = stream_query({**query, **since}, **stream_options)
        stream.failures_hint = str(failures_path(path))
        stream.warn_empty = False  # nothing new since the last update is the usual case
        fresh = stream_table(stream)
        cutoff = info["last_update"] or newest
        deletions = fetch_deletions(since=cutoff, page_size=page_size, session=active)
    finally:
        if owned:
            active.close()
    merged, counts = _merge(old, fresh, deletions)
    newest_after = newest_timestamp(merged)
    committed = int(info.get("history") or 0)
    changes = changes_between(
        old,
        merged,
        fresh,
        update=committed + 1,
        seen_at=started,
        summary=(
            f"{counts['added']} added, {counts['updated']} updated, {counts['deleted']} "
            f"deleted; {stream.rows} received"
        ),
    )
    check_unchanged(path, before)
    write_history(path, changes, committed=committed)  # the store's metadata commits it
    meta = store_metadata(
        query=query, last_update=started, newest=newest_after, history=committed + 1
    )
    rewrite_store(merged, path, info, meta)
    return replace(
        _summary(path, stream, meta),
        rows_before=old.num_rows,
        rows_after=merged.num_rows,
        deletions_listed=deletions.num_rows,
        note=(
            f"no event added or revised since the last update for {describe_query(stream.query)}"
            if not stream.rows
            else None
        ),
        **counts,
    )
