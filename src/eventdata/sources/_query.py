"""ACLED's query syntax: the parameters of an events request, built from Python values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "EVENT_TYPES",
    "QUERY_ARGUMENTS",
    "Moment",
    "Value",
    "acled_query",
    "describe_query",
    "given_query",
    "unix_seconds",
]

Value = str | int | dt.date | Iterable[str | int]
Moment = int | str | dt.date | dt.datetime

_RESERVED = frozenset({"_format", "limit", "page"})
EVENT_TYPES = (
    "Battles",
    "Violence against civilians",
    "Explosions/Remote violence",
    "Riots",
    "Protests",
    "Strategic developments",
)


def _values(value: Value) -> list[str]:
    if isinstance(value, (str, int, dt.date)):
        return [str(value)]
    return [str(v) for v in value]


def _or(value: Value) -> str:
    """ACLED's several-values syntax: ``A:OR:B``."""
    return ":OR:".join(_values(value))


def _day(value: str | dt.date, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a date; expected YYYY-MM-DD") from None


def unix_seconds(value: Moment, *, name: str = "timestamp") -> int:
    """Unix seconds of an int, a ``YYYY-MM-DD`` text or date (UTC midnight), or a datetime."""
    if isinstance(value, bool):
        raise ValueError(f"{name}={value!r} is not a time")
    if isinstance(value, int):
        return value
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
        return int(moment.timestamp())
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    day = _day(value, name)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def _event_types(value: Value) -> str:
    wanted = _values(value)
    known = {t.lower(): t for t in EVENT_TYPES}
    unknown = [v for v in wanted if v.lower() not in known]
    if unknown:
        raise ValueError(
            f"unknown event type(s) {', '.join(map(repr, unknown))}; choose from "
            f"{', '.join(EVENT_TYPES)}"
        )
    return ":OR:".join(known[v.lower()] for v in wanted)


def acled_query(
    *,
    country: Value | None = None,
    region: Value | None = None,
    start_date: str | dt.date | None = None,
    end_date: str | dt.date | None = None,
    timestamp: Moment | None = None,
    event_types: Value | None = None,
    **filters: Any,
) -> dict[str, str]:
    """The query parameters of an ACLED events request (without paging).

    Args:
        country: country name(s), e.g. ``"Somalia"`` or ``["Somalia", "Kenya"]``.
        region: ACLED region code(s) or name(s).
        start_date: first event date; alone, ``event_date_where=>=`` (open-ended: a
            store recording the query keeps receiving new events).
        end_date: last event date (inclusive); with ``start_date``, ``BETWEEN``.
        timestamp: only events added or revised at or after this time (Unix seconds, a
            date, or a datetime; naive means UTC).
        event_types: event type(s), any letter case.
        **filters: other ACLED filters as sent, e.g. ``iso=706``, ``admin1="Banaadir"``,
            ``fatalities=0, fatalities_where=">"``; lists are joined with ``:OR:``.

    Returns:
        The parameters, every value as text.

    Raises:
        ValueError: a date is not ``YYYY-MM-DD``, ``start_date`` is after ``end_date``, an
            event type is unknown, or a filter is named ``limit``, ``page`` or ``_format``.

    """
    params: dict[str, str] = {}
    if country is not None:
        params["country"] = _or(country)
    if region is not None:
        params["region"] = _or(region)
    start = _day(start_date, "start_date") if start_date is not None else None
    end = _day(end_date, "end_date") if end_date is not None else None
    if start is not None and end is not None:
        if start > end:
            raise ValueError(f"start_date {start} is after end_date {end}")
        params["event_date"] = f"{start.isoformat()}|{end.isoformat()}"
        params["event_date_where"] = "BETWEEN"
    elif start is not None:  # open-ended, so that a store's recorded query keeps growing
        params["event_date"] = start.isoformat()
        params["event_date_where"] = ">="
    elif end is not None:
        params["event_date"] = end.isoformat()
        params["event_date_where"] = "<="
    if timestamp is not None:
        params["timestamp"] = str(unix_seconds(timestamp))
        params["timestamp_where"] = ">="
    if event_types is not None:
        params["event_type"] = _event_types(event_types)
    for key, value in filters.items():
        if key in _RESERVED:
            raise ValueError(f"{key} is set by eventdata (paging and format); do not pass it")
        if value is not None:
            params[key] = _or(value) if not isinstance(value, str) else value
    return params


QUERY_ARGUMENTS = ("country", "region", "start_date", "end_date", "timestamp", "event_types")
"""The named query arguments of :func:`acled_query`, which the public functions pass through."""


def given_query(arguments: Mapping[str, Any], /) -> dict[str, Any]:
    """The query arguments among a function's arguments that are given (not None).

    Args:
        arguments: the arguments of a function taking :data:`QUERY_ARGUMENTS` and
            ``**filters`` (its ``locals()`` on entry); the ``filters`` are merged in.

    Returns:
        Keyword arguments for :func:`acled_query`.

    """
    named = {k: arguments.get(k) for k in QUERY_ARGUMENTS}
    merged = {**named, **arguments.get("filters", {})}
    return {k: v for k, v in merged.items() if v is not None}


def describe_query(params: dict[str, str] | Any, /) -> str:
    """The filters of a query in words: ``country=Somalia, event_date >= 2025-01-01``.

    Paging and format parameters are left out; an empty query reads ``no filter``.
    """
    parts: list[str] = []
    for key, value in params.items():
        if key in _RESERVED or key.endswith("_where") or key == "with_total":
            continue
        where = params.get(f"{key}_where")
        if where and where.upper() == "BETWEEN" and "|" in value:
            low, high = value.split("|", 1)
            parts.append(f"{key} from {low} to {high}")
        elif key == "timestamp" and value.isdigit():
            moment = dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)
            parts.append(f"timestamp {where or '='} {value} ({moment:%Y-%m-%d %H:%M} UTC)")
        elif where:
            parts.append(f"{key} {where} {value}")
        else:
            parts.append(f"{key}={value.replace(':OR:', ' or ')}")
    return ", ".join(parts) if parts else "no filter"
