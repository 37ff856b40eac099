"""The counts the page's filters recompute from: events and fatalities per mark and week.

One row per map mark, week, event type and area that has events (events without
coordinates have mark -1, undated events week -1). The page's script sums the rows that
pass the filters into the map's marks, the weekly bars, the area table and the key
figures. Its size is bounded by the map's marks times the weeks (see
:func:`eventdata.reporting.map.map_marks`), not by the number of events.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.reporting.frame import MISSING, Events
from eventdata.reporting.map import MapMarks

__all__ = ["MAX_SUB_ROWS", "actor_cube", "cube", "cube_json", "sub_event_cube"]

MAX_SUB_ROWS = 15_000
"""The most rows the page carries for each of its top tables (sub-event types, actors)."""


def cube(events: Events, marks: MapMarks) -> dict[str, list[int]]:
    """The rows, as columns: ``m`` mark, ``w`` week, ``t`` type, ``a`` area, ``n``, ``f``."""
    n_weeks = len(events.weeks) + 1
    n_types, n_areas = max(len(events.types), 1), max(len(events.areas), 1)
    mark = marks.event_mark + 1
    key = ((mark * n_weeks + (events.week + 1)) * n_types + events.type_code) * n_areas
    key = key + events.area_code
    if len(key) == 0:
        return {name: [] for name in ("m", "w", "t", "a", "n", "f")}
    keys, inverse = np.unique(key, return_inverse=True)
    inverse = inverse.reshape(-1)
    counts = np.bincount(inverse, minlength=len(keys))
    fatalities = np.bincount(
        inverse, weights=np.nan_to_num(events.fatalities, nan=0.0), minlength=len(keys)
    )
    area = keys % n_areas
    rest = keys // n_areas
    event_type = rest % n_types
    rest = rest // n_types
    week = rest % n_weeks - 1
    mark_of = rest // n_weeks - 1
    return {
        "m": mark_of.tolist(),
        "w": week.tolist(),
        "t": event_type.tolist(),
        "a": area.tolist(),
        "n": counts.tolist(),
        "f": np.rint(fatalities).astype(np.int64).tolist(),
    }


def _top_cube(
    events: Events, sides: list[Any], *, with_type: bool, max_rows: int
) -> dict[str, Any] | None:
    """Events, fatalities and unknown fatalities per week, area, event type and label.

    ``sides`` are label columns of the events (two for actor1 and actor2: an event counts
    once per side it names a label on, as in :func:`eventdata.to_monadic`); missing labels
    are left out. With ``with_type`` a label is counted within its row's event type
    (``types`` gives each label's type code). None when more than ``max_rows`` rows would
    be needed.
    """
    n_types, n_areas = max(len(events.types), 1), max(len(events.areas), 1)
    rows = np.arange(len(events))
    arrays = [s.combine_chunks() if isinstance(s, pa.ChunkedArray) else s for s in sides]
    labels = pa.concat_arrays([pc.cast(side, pa.string()) for side in arrays])
    row = np.concatenate([rows] * len(sides))
    valid = labels.is_valid().to_numpy(zero_copy_only=False)
    labels, row = labels.filter(pa.array(valid)), row[valid]
    if len(row) == 0:
        return None
    encoded = pc.dictionary_encode(labels)
    names = encoded.dictionary.to_pylist()
    label = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    event_type = events.type_code[row]
    pairs, k = np.unique(label * n_types + event_type if with_type else label, return_inverse=True)
    k = k.reshape(-1)
    n_labels = len(pairs)
    key = ((events.week[row] + 1) * n_areas + events.area_code[row]) * n_types + event_type
    keys, inverse = np.unique(key * n_labels + k, return_inverse=True)
    if len(keys) > max_rows:
        return None
    inverse = inverse.reshape(-1)
    fatalities = events.fatalities[row]
    rest = keys // n_labels
    return {
        "names": [str(names[p // n_types if with_type else p]) for p in pairs.tolist()],
        "types": (pairs % n_types).tolist() if with_type else None,
        "k": (keys % n_labels).tolist(),
        "t": (rest % n_types).tolist(),
        "a": ((rest // n_types) % n_areas).tolist(),
        "w": ((rest // n_types) // n_areas - 1).tolist(),
        "n": np.bincount(inverse, minlength=len(keys)).tolist(),
        "f": np.rint(np.bincount(inverse, weights=np.nan_to_num(fatalities), minlength=len(keys)))
        .astype(np.int64)
        .tolist(),
        "u": np.bincount(inverse, weights=np.isnan(fatalities), minlength=len(keys))
        .astype(np.int64)
        .tolist(),
    }


def sub_event_cube(events: Events, *, max_rows: int = MAX_SUB_ROWS) -> dict[str, Any] | None:
    """The sub-event type table's counts (see :func:`_top_cube`); None when too many."""
    sub = pc.fill_null(pa.array(events.frame["sub_event_type"].array).cast(pa.string()), MISSING)
    return _top_cube(events, [sub], with_type=True, max_rows=max_rows)


def actor_cube(events: Events, *, max_rows: int = MAX_SUB_ROWS) -> dict[str, Any] | None:
    """The actor table's counts, actor1 and actor2 (see :func:`_top_cube`); None when too many."""
    sides = [pa.array(events.frame[side].array) for side in ("actor1", "actor2")]
    return _top_cube(events, sides, with_type=False, max_rows=max_rows)


def cube_json(config: dict[str, Any]) -> str:
    """``config`` as JSON that is safe inside a ``<script type="application/json">``."""
    text = json.dumps(config, separators=(",", ":"), ensure_ascii=False)
    # "</" would end the script element; "<!--" would open a comment in it
    return text.replace("<", "\\u003c")
