"""The page's filters: the form's choices and the small inline script that applies them.

The script (``filters.js``, about 200 lines, no library) is inlined into the page with the
counts it needs (:mod:`eventdata.reporting.cube`); the page stays one file that loads
nothing. Without scripts the form stays hidden and the page shows every event.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from eventdata.reporting.admin1 import MULTIPLE_COLOUR
from eventdata.reporting.charts import colour_of
from eventdata.reporting.cube import actor_cube, cube, cube_json, sub_event_cube
from eventdata.reporting.frame import Events
from eventdata.reporting.map import MapMarks
from eventdata.reporting.timeline import partial_weeks

__all__ = ["filter_data", "filters_script"]


@lru_cache(maxsize=1)
def filters_script() -> str:
    """The script's text."""
    return resources.files("eventdata.reporting").joinpath("filters.js").read_text("utf-8")


def filter_data(events: Events, marks: MapMarks, *, top: int = 12) -> dict[str, Any]:
    """What the template needs for the form, and the JSON the script reads."""
    subs = sub_event_cube(events)
    actors = actor_cube(events)
    weeks = [events.week_label(i) for i in range(len(events.weeks))]
    dated = events.day[events.dated]
    first = str(np.datetime64(int(dated.min()), "D")) if len(dated) else ""
    last = str(np.datetime64(int(dated.max()), "D")) if len(dated) else ""
    data = {
        "weeks": weeks,
        "firstDay": int(events.weeks[0]) if len(events.weeks) else 0,
        "types": events.types,
        "colours": [colour_of(t) for t in events.types],
        "areas": events.areas,
        "partial": {str(k): v for k, v in partial_weeks(events).items()},
        "marks": len(marks.lon),
        "binned": marks.cell is not None,
        "radiusFactor": marks.radius_factor(),
        "multipleColour": MULTIPLE_COLOUR,
        "total": len(events),
        "cube": cube(events, marks),
        "subs": subs,
        "actors": actors,
        "top": top,
    }
    return {
        "json": cube_json(data),
        "script": filters_script(),
        "first": first,
        "last": last,
        "types": [
            {"code": i, "name": t, "colour": colour_of(t)} for i, t in enumerate(events.types)
        ],
        "areas": [{"code": i, "name": a} for i, a in enumerate(events.areas)],
        "subs_follow": subs is not None,
        "actors_follow": actors is not None,
    }
