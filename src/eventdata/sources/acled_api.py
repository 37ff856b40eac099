"""Download ACLED events and deletions from ACLED's API into canonical tables.

:func:`fetch_acled` returns a DataFrame like :func:`eventdata.read_acled` (same columns and
dtypes); :func:`iter_acled` yields Arrow record batches page by page, so a whole-world
download streams to Parquet in bounded memory; :func:`fetch_deletions` lists the events
ACLED deleted since a time. Every page is validated on arrival: rows that break an error
rule are kept (or dropped, or refused, by ``on_invalid``) and always reported.

Queries use ACLED's filter syntax: several values of one filter are joined with ``:OR:``
(``country=Somalia:OR:Kenya``), dates as ``event_date=A|B&event_date_where=BETWEEN``,
``timestamp=T&timestamp_where=>=`` for events added or revised since ``T``; any other
ACLED filter passes through ``**filters`` (``iso=706``, ``admin1=Banaadir``,
``fatalities=0&fatalities_where=>``...). Pages of ``limit`` rows are read until a short
page. The session (token, retries) is :class:`eventdata.sources._http.AcledSession`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd
import pyarrow as pa

from eventdata.exceptions import ApiError
from eventdata.io.acled_api import read_deletions
from eventdata.schema.arrow import arrow_schema, table_to_pandas
from eventdata.sources._arguments import takes_arguments_of
from eventdata.sources._http import AcledSession, answer_object, new_session, session_settings
from eventdata.sources._query import (
    EVENT_TYPES,
    Moment,
    Value,
    acled_query,
    given_query,
    unix_seconds,
)
from eventdata.sources._stream import AcledBatches, OnInvalid

__all__ = [
    "EVENT_TYPES",
    "AcledBatches",
    "AcledSession",
    "acled_query",
    "fetch_acled",
    "fetch_deletions",
    "iter_acled",
    "open_session",
    "stream_query",
    "stream_table",
    "unix_seconds",
]

EVENTS_PATH = "/api/acled/read"
DELETED_PATH = "/api/deleted/read"
DEFAULT_PAGE_SIZE = 5000
"""ACLED's largest page (``limit``)."""
ROW_BYTES_BOUND = 32 * 1024
"""The most bytes one row of an answer may take (real rows take 1 to 3 KB): a page of
``limit`` rows larger than ``limit * ROW_BYTES_BOUND + 1 MB`` is refused unread."""


def _records(document: Any, what: str, session: AcledSession) -> list[dict[str, Any]]:
    """The ``data`` records of an answer, or ApiError naming what ACLED said instead."""
    data = answer_object(document, what, session).get("data")
    if not isinstance(data, list) or not all(isinstance(r, Mapping) for r in data):
        raise ApiError(f"{what}: the answer has no 'data' list of records")
    return [dict(r) for r in data]


def _fingerprint(records: list[dict[str, Any]]) -> int:
    """A hash of a page's records, to recognise a page that repeats an earlier one."""
    return hash(json.dumps(records, sort_keys=True, default=str))


def pages(
    session: AcledSession,
    path: str,
    params: Mapping[str, str],
    *,
    page_size: int,
    what: str,
) -> Iterator[list[dict[str, Any]]]:
    """Each page's records, ``page=1, 2, ...`` until a page shorter than ``page_size``.

    ACLED's ``count`` (sent only with ``with_total=true`` since May 2026) is never needed.

    Raises:
        ApiError: a page holds more rows than ``limit`` asked for, or repeats an earlier
            page exactly (a server or proxy that ignores ``page`` would loop forever).

    """
    if page_size < 1:
        raise ValueError(f"page_size must be at least 1, got {page_size}")
    number = 1
    seen: dict[int, int] = {}
    while True:
        query = {"_format": "json", **params, "limit": str(page_size), "page": str(number)}
        label = f"{what} page {number}"
        bound = page_size * ROW_BYTES_BOUND + 1024 * 1024
        document = session.get_json(path, query, what=label, max_bytes=bound)
        records = _records(document, label, session)
        if len(records) > page_size:
            raise ApiError(
                f"{label}: {len(records):,} rows, more than the {page_size:,} asked for "
                "(limit=); the server or a proxy ignores limit=, so paging cannot be trusted. "
                f"Check the base URL ({session.base_url})"
            )
        if records:
            mark = _fingerprint(records)
            if mark in seen:
                raise ApiError(
                    f"{label} repeats page {seen[mark]} row for row: the server or a proxy "
                    f"ignores page=, and reading on would never end. Check the base URL "
                    f"({session.base_url}) and any proxy between"
                )
            seen[mark] = number
        yield records
        if len(records) < page_size:
            return
        number += 1


def open_session(
    session: AcledSession | None, options: Mapping[str, Any]
) -> tuple[AcledSession, bool]:
    """The session to use, and whether it was opened here (and must be closed here).

    ``options`` holds the session settings (:func:`~eventdata.sources._http.new_session`).
    """
    if session is not None:
        return session, False
    return new_session(options), True


def iter_acled(
    *,
    country: Value | None = None,
    region: Value | None = None,
    start_date: str | dt.date | None = None,
    end_date: str | dt.date | None = None,
    timestamp: Moment | None = None,
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
    **filters: Any,
) -> AcledBatches:
    """Stream ACLED events page by page as canonical Arrow record batches.

    Takes the arguments of :func:`fetch_acled`. Memory holds one page (plus the ids seen,
    to drop an event a page repeats, and the invalid rows). Nothing is requested before
    the first batch is asked for.

    Returns:
        An :class:`~eventdata.sources._stream.AcledBatches` iterator; its ``schema`` is the
        batches' schema (canonical, every field nullable), and after (or during)
        iteration ``rows``, ``failures``, ``invalid_rows``, ``n_invalid``, ``n_dropped`` and
        ``n_repeated`` say what arrived.

    Example:
        >>> import pyarrow.parquet as pq
        >>> stream = iter_acled(country="Somalia", start_date="2025-01-01")  # doctest: +SKIP
        >>> with pq.ParquetWriter("somalia.parquet", stream.schema) as out:  # doctest: +SKIP
        ...     for batch in stream:
        ...         out.write_batch(batch)

    """
    arguments = dict(locals())  # first: the arguments as given
    return stream_query(
        acled_query(**given_query(arguments)),
        page_size=page_size,
        on_invalid=on_invalid,
        progress=progress,
        session=session,
        **session_settings(arguments),
    )


def stream_query(
    params: Mapping[str, str],
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    on_invalid: OnInvalid = "keep",
    progress: bool | None = None,
    session: AcledSession | None = None,
    **options: Any,
) -> AcledBatches:
    """:func:`iter_acled` for query parameters already built (see :func:`acled_query`).

    Args:
        params: the ACLED query parameters (without paging).
        page_size: rows per request.
        on_invalid: as :func:`fetch_acled`.
        progress: as :func:`fetch_acled`.
        session: an open session to reuse; else one is opened (and closed) from
            ``options`` (``email``, ``password``, ``base_url``, ``timeout``,
            ``max_retries``, ``backoff``).
        **options: the session settings.

    """
    query = dict(params)

    def opener() -> tuple[AcledSession, bool]:
        return open_session(session, options)

    return AcledBatches(
        opener,
        lambda s: pages(s, EVENTS_PATH, query, page_size=page_size, what="ACLED events"),
        on_invalid=on_invalid,
        progress=progress,
        query=query,
    )


@takes_arguments_of(iter_acled)  # so the Args below are the signature's, not **arguments
def fetch_acled(**arguments: Any) -> pd.DataFrame:  # noqa: D417
    """Download ACLED events into a canonical DataFrame (as :func:`eventdata.read_acled`).

    Logs in with ACLED's OAuth password grant, reads ``/api/acled/read`` page by page and
    validates each page on arrival. Rows that break an error rule are handled by
    ``on_invalid`` and always reported: a warning says how many, and ``df.attrs`` holds
    ``"eventdata.n_invalid"`` and ``"eventdata.failures"``, the failures as a list of
    records (``row`` in arrival order, ``event_id_cnty``, ``column``, ``rule``,
    ``severity``, ``value``, ``message``; ``pd.DataFrame(df.attrs["eventdata.failures"])``
    makes a table of them). Records, not DataFrames, keep ``pd.concat`` of such frames
    working. For the failures as an Arrow table, use :func:`iter_acled`'s ``failures``.

    Args:
        country: country name(s) (ACLED's spelling, e.g. ``"Somalia"``).
        region: ACLED region code(s) or name(s).
        start_date: first event date (``YYYY-MM-DD`` or a date).
        end_date: last event date, inclusive.
        timestamp: only events added or revised at or after this time (Unix seconds, a
            date or a datetime).
        event_types: event type(s), e.g. ``["Battles", "Riots"]``.
        email: myACLED email; default ``$ACLED_API_EMAIL``.
        password: myACLED password; default ``$ACLED_API_PASSWORD``.
        base_url: API host; default ``$ACLED_API_URL`` or ``https://acleddata.com``.
        page_size: rows per request (ACLED's ``limit``; at most 5000).
        on_invalid: ``"keep"`` (default) every row (values that do not parse become
            missing, and are reported), ``"drop"`` invalid rows (reported, and their text
            kept as records in ``attrs["eventdata.invalid_rows"]``), or ``"raise"``
            :class:`~eventdata.ValidationFailed` at the first page with one.
        progress: draw rows-so-far on stderr; default: when stderr is a terminal.
        timeout: seconds to wait for each answer (default 60).
        max_retries: retries of a request answered 429/5xx or timed out (default 5).
        backoff: first wait between retries in seconds, doubled each time (default 1).
        session: an open :class:`AcledSession` to reuse (its token and settings).
        **filters: any other ACLED filter, e.g. ``iso=706`` or ``admin1="Banaadir"``.

    Returns:
        The events, canonical columns and dtypes, in the order ACLED sent them; an event
        that a later page repeats (ACLED updated during the download) appears once. No
        event is never silent: an :class:`~eventdata.EmptyResultWarning` (and
        ``df.attrs["eventdata.empty"]``) names the filters that matched none.

    Raises:
        AuthenticationError: missing or refused credentials, or no API access.
        ApiError: the API failed after retries or answered something unreadable.
        ValidationFailed: ``on_invalid="raise"`` and a row breaks an error rule.
        MissingExtraError: httpx is not installed (``pip install 'eventdata[api]'``).

    """
    stream = iter_acled(**arguments)
    stream.failures_hint = "df.attrs['eventdata.failures']"
    frame = table_to_pandas(stream_table(stream))
    frame.attrs["eventdata.dialect"] = "acled_api"
    frame.attrs["eventdata.n_invalid"] = stream.n_invalid
    frame.attrs["eventdata.failures"] = stream.failures.to_pylist()
    if stream.empty_note is not None:
        frame.attrs["eventdata.empty"] = stream.empty_note
    if stream.invalid_rows.num_rows:
        frame.attrs["eventdata.invalid_rows"] = stream.invalid_rows.to_pylist()
    return frame


def fetch_deletions(
    *,
    since: Moment | None = None,
    email: str | None = None,
    password: str | None = None,
    base_url: str | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    timeout: float | None = None,
    max_retries: int | None = None,
    backoff: float | None = None,
    session: AcledSession | None = None,
) -> pa.Table:
    """List the events ACLED deleted at or after ``since`` (``/api/deleted/read``).

    Args:
        since: Unix seconds, a date or a datetime; None lists every deletion.
        email: as :func:`fetch_acled`.
        password: as :func:`fetch_acled`.
        base_url: as :func:`fetch_acled`.
        page_size: rows per request.
        timeout: as :func:`fetch_acled`.
        max_retries: as :func:`fetch_acled`.
        backoff: as :func:`fetch_acled`.
        session: an open :class:`AcledSession` to reuse.

    Returns:
        A table of ``event_id_cnty`` (string) and ``deleted_timestamp`` (int64 Unix
        seconds), ready for :func:`eventdata.apply_deletions`.

    Raises:
        AuthenticationError: as :func:`fetch_acled`.
        ApiError: as :func:`fetch_acled`, or a record is not a deletion.

    """
    arguments = dict(locals())  # first: the arguments as given
    params: dict[str, str] = {}
    if since is not None:
        params["deleted_timestamp"] = str(unix_seconds(since, name="since"))
        params["deleted_timestamp_where"] = ">="
    active, owned = open_session(session, arguments)
    try:
        documents = [
            {"success": True, "data": records}
            for records in pages(
                active, DELETED_PATH, params, page_size=page_size, what="ACLED deletions"
            )
        ]
    finally:
        if owned:
            active.close()
    try:
        return read_deletions(documents)
    except Exception as exc:
        raise ApiError(f"ACLED deletions: {exc}") from None


def stream_table(stream: AcledBatches, /) -> pa.Table:
    """Read a whole stream into one canonical table (the canonical schema when empty)."""
    batches = list(stream)
    if not batches:
        return arrow_schema().empty_table()
    return pa.Table.from_batches(batches, schema=stream.schema)
