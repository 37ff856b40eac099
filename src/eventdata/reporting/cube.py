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

__all__ = ["MAX_SUB_ROWS", "cube", "cube_json", "sub_event_cube"]

MAX_SUB_ROWS = 40_000
"""The most week, admin1 and sub-event type rows the page carries for its sub-event table."""


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


def sub_event_cube(events: Events, *, max_rows: int = MAX_SUB_ROWS) -> dict[str, Any] | None:
    """Events, fatalities and unknown fatalities per week, area and sub-event type.

    ``names`` and ``types`` give each sub-event type's name and event type code (a
    sub-event type is counted within its row's event type). None when more than
    ``max_rows`` rows would be needed: the table then stays that of the whole file.
    """
    if len(events) == 0:
        return None
    sub = pc.fill_null(
        pc.cast(pa.array(events.frame["sub_event_type"].array), pa.string()), MISSING
    )
    encoded = pc.dictionary_encode(sub)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    sub_names = encoded.dictionary.to_pylist()
    n_types = max(len(events.types), 1)
    pair = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64) * n_types
    pairs, s = np.unique(pair + events.type_code, return_inverse=True)
    s = s.reshape(-1)
    n_subs, n_areas = len(pairs), max(len(events.areas), 1)
    key = ((events.week + 1) * n_areas + events.area_code) * n_subs + s
    keys, inverse = np.unique(key, return_inverse=True)
    if len(keys) > max_rows:
        return None
    inverse = inverse.reshape(-1)
    unknown = np.isnan(events.fatalities)
    return {
        "names": [str(sub_names[p // n_types]) for p in pairs.tolist()],
        "types": (pairs % n_types).tolist(),
        "s": (keys % n_subs).tolist(),
        "a": ((keys // n_subs) % n_areas).tolist(),
        "w": ((keys // n_subs) // n_areas - 1).tolist(),
        "n": np.bincount(inverse, minlength=len(keys)).tolist(),
        "f": np.rint(
            np.bincount(inverse, weights=np.nan_to_num(events.fatalities), minlength=len(keys))
        )
        .astype(np.int64)
        .tolist(),
        "u": np.bincount(inverse, weights=unknown, minlength=len(keys)).astype(np.int64).tolist(),
    }


def cube_json(config: dict[str, Any]) -> str:
    """``config`` as JSON that is safe inside a ``<script type="application/json">``."""
    text = json.dumps(config, separators=(",", ":"), ensure_ascii=False)
    # "</" would end the script element; "<!--" would open a comment in it
    return text.replace("<", "\\u003c")
