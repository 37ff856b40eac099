"""The page's assembly: every section's values for the template, from one validated input.

:func:`build_context` turns a :class:`~eventdata.ValidationReport` into the plain values
the template needs (numbers, small tables, SVG text, the filters' data). Rows without a
readable date or coordinates never stop the page: they are counted wherever they can be,
and the page says how many it could not place in time or on the map.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from eventdata.reporting.admin1 import areas_section
from eventdata.reporting.charts import EVENT_TYPE_COLOURS, colour_of
from eventdata.reporting.filters import filter_data
from eventdata.reporting.frame import Events, events_frame
from eventdata.reporting.map import draw_map, map_marks, map_note
from eventdata.reporting.outlines import source_note
from eventdata.reporting.tables import hdx_rows, top_actors, top_sub_events, validation_section
from eventdata.reporting.timeline import bar_chart, partial_weeks, weekly_matrix

if TYPE_CHECKING:
    from eventdata.models.collection import EventCollection
    from eventdata.validation.report import ValidationReport

__all__ = ["build_context"]


def _timeline(events: Events) -> dict[str, Any]:
    if not len(events.weeks):
        return {"weeks": 0}
    n = len(events.types)
    counts = weekly_matrix(events, np.ones(len(events)), events.type_code, n)
    fatal = weekly_matrix(events, np.nan_to_num(events.fatalities, nan=0.0), events.type_code, n)
    labels = [events.week_label(i) for i in range(len(events.weeks))]
    partial = partial_weeks(events)
    by_type = functools.partial(bar_chart, series=events.types, week_labels=labels, partial=partial)
    return {
        "events": by_type("ev", counts, unit="events", label="events per week"),
        "fatalities": by_type("fa", fatal, unit="fatalities", label="reported fatalities per week"),
        "weeks": len(labels),
        "first": labels[0],
        "last": labels[-1],
        "partial": [
            f"the week of {labels[w]} ({note.removeprefix('partial week: ')})"
            for w, note in partial.items()
        ],
        "empty": int((counts.sum(axis=1) == 0).sum()),
        "unknown": int(np.isnan(events.fatalities).sum()),
    }


def _iso_codes(events: Events) -> set[int]:
    values = events.frame["iso"].to_numpy(dtype="float64", na_value=np.nan)
    return {int(v) for v in np.unique(values[np.isfinite(values)])}


def build_context(
    validation: ValidationReport,
    *,
    title: str | None,
    max_points: int,
    top: int,
    max_failures: int,
    records: EventCollection | None = None,
    compare: tuple[Any, Any, tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """Everything the template shows, for one validated input.

    Args:
        validation: the validated input.
        title: the page title (default "Events in <file name>").
        max_points: the most marks the map draws before it bins events to a grid.
        top: how many actors, sub-event types and small multiples to show.
        max_failures: how many failing rows to list.
        records: the rich records the input was lowered from, when it is a records file.
        compare: the input as given, another source to match it with, and the two names.

    """
    frame = events_frame(validation)
    events = Events.of(frame)
    marks = map_marks(events, max_points=max_points)
    map_svg, outside = (
        draw_map(marks, types=events.types, iso_codes=_iso_codes(events))
        if events.placed.any()
        else ("", 0)
    )
    fatalities = events.fatalities
    dated = events.day[events.dated]
    # the file's name, not its path: pages get shared, paths say where they were made
    source = Path(validation.source).name if validation.source else "data"
    present = set(events.types)
    return {
        "title": title or f"Events in {source}",
        "source": source,
        "n_rows": len(events),
        "n_undated": events.n_undated,
        "n_unplaced": events.n_unplaced,
        "first_date": str(np.datetime64(int(dated.min()), "D")) if len(dated) else None,
        "last_date": str(np.datetime64(int(dated.max()), "D")) if len(dated) else None,
        "fatalities": None if np.isnan(fatalities).any() else int(fatalities.sum()),
        "countries": int(frame["country"].nunique()),
        "map": map_svg,
        "map_note": map_note(events, marks, outside),
        "outline_source": source_note(),
        "legend": [
            {"name": name, "colour": colour}
            for name, colour in EVENT_TYPE_COLOURS.items()
            if name in present
        ]
        + [
            {"name": name, "colour": colour_of(name)}
            for name in events.types
            if name not in EVENT_TYPE_COLOURS
        ],
        "timeline": _timeline(events),
        "areas": areas_section(events, top=top),
        "actors": top_actors(frame, top),
        "sub_events": top_sub_events(frame, top),
        "hdx": hdx_rows(frame),
        "validation": validation_section(validation, max_failures),
        "filters": filter_data(events, marks, top=top),
        "records": None if records is None else _records(records),
        "compare": None if compare is None else _compare(frame, *compare),
    }


def _compare(frame: Any, a: Any, b: Any, names: tuple[str, str]) -> dict[str, Any]:
    from eventdata.reporting.comparison import compare_section

    return compare_section(frame, a, b, names=names)


def _records(collection: EventCollection) -> dict[str, Any]:
    from eventdata.reporting.records import records_section

    return records_section(collection)
