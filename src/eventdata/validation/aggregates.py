"""Aggregate tables recognised by their shape, so that no command counts their rows as events.

A table of counts can carry an ``event_date`` column and pass for events: a user's daily
sums per admin1 and event type (with an ``incidents`` column), or a cut of ACLED's weekly
aggregates (every date a Saturday, centroid coordinates repeated, rows repeated exactly).
Event data has an id per row; a table without one is looked at for the signs of an
aggregate, all decided with Arrow kernels on whole columns:

* a column of counts (``events``, ``incidents``, ``count``, ...) and no ``notes``;
* every date on one weekday, over at least four weeks;
* a few coordinates repeated across many rows (centroids, not places of events);
* rows repeated exactly.

A count column is enough; otherwise two of the other signs are.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import NotEventDataError

__all__ = ["COUNT_COLUMNS", "ID_COLUMNS", "aggregate_signs", "refuse_aggregate"]

ID_COLUMNS = frozenset({"event_id_cnty", "data_id", "event_id_no_cnty", "id", "eventid"})
"""Columns holding an event's id (ACLED, UCDP GED, GTD): their tables are events."""

COUNT_COLUMNS = frozenset(
    {
        "events",
        "incidents",
        "count",
        "n",
        "n_events",
        "num_events",
        "event_count",
        "events_count",
        "number_of_events",
        "total_events",
        "political_violence_events",
        "demonstration_events",
    }
)
"""Column names that hold a number of events per row."""

_MIN_ROWS = 20
_MIN_WEEKS = 4
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def aggregate_signs(table: pa.Table) -> list[str]:
    """The signs that a text table holds aggregates, in words; empty for event data."""
    lowered = {name.lower(): name for name in table.column_names}
    if ID_COLUMNS & set(lowered):
        return []
    counts = sorted(name for low, name in lowered.items() if low in COUNT_COLUMNS)
    if counts and "notes" not in lowered:
        return [f"a count column ({', '.join(repr(c) for c in counts)}) and no notes"]
    if table.num_rows < _MIN_ROWS:
        return []
    signs = []
    weekday = _one_weekday(table.column(lowered["event_date"])) if "event_date" in lowered else None
    if weekday:
        signs.append(weekday)
    if "latitude" in lowered and "longitude" in lowered:
        centroids = _repeated_centroids(table, lowered["latitude"], lowered["longitude"])
        if centroids:
            signs.append(centroids)
    duplicates = table.num_rows - table.group_by(table.column_names).aggregate([]).num_rows
    if duplicates:
        signs.append(f"{duplicates} row(s) repeated exactly")
    return signs if len(signs) >= 2 else []


def _one_weekday(column: pa.ChunkedArray) -> str | None:
    try:
        dates = pc.cast(pc.utf8_slice_codeunits(column, 0, 10), pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # not ISO dates: the date parser decides their style later
    distinct = pc.unique(dates.combine_chunks().drop_null())
    if len(distinct) < _MIN_WEEKS:
        return None
    days = pc.unique(pc.day_of_week(distinct))
    span = (pc.max(distinct).as_py() - pc.min(distinct).as_py()).days
    if len(days) != 1 or span < 7 * (_MIN_WEEKS - 1):
        return None
    return f"every date a {_WEEKDAYS[days[0].as_py()]} ({len(distinct)} weeks)"


def _repeated_centroids(table: pa.Table, latitude: str, longitude: str) -> str | None:
    pairs = pa.table({"a": table.column(latitude), "b": table.column(longitude)})
    places = pairs.group_by(["a", "b"]).aggregate([]).num_rows
    if places * 4 > table.num_rows:
        return None
    return f"{table.num_rows} rows at only {places} coordinate pair(s) (centroids)"


def refuse_aggregate(table: pa.Table, *, source: object | None = None) -> None:
    """Raise when a text table is an aggregate, naming its signs.

    Raises:
        NotEventDataError: the table holds counts per place and period, not events.
    """
    signs = aggregate_signs(table)
    if signs:
        raise NotEventDataError(
            f"is not event data but an aggregate table (not one event per row): "
            f"{'; '.join(signs)}. eventdata "
            "reads event-level data (one row per event, with its id); pass ACLED's event "
            "export instead, or analyse the counts as a table of their own",
            path=source,
        )
