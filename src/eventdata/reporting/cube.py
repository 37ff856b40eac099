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

from eventdata.reporting.frame import Events
from eventdata.reporting.map import MapMarks

__all__ = ["cube", "cube_json"]


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


def cube_json(config: dict[str, Any]) -> str:
    """``config`` as JSON that is safe inside a ``<script type="application/json">``."""
    text = json.dumps(config, separators=(",", ":"), ensure_ascii=False)
    # "</" would end the script element; "<!--" would open a comment in it
    return text.replace("<", "\\u003c")
