"""Areas: a table of events and fatalities by admin1, and the weekly trend of the top ones.

The small multiples share one count axis, so their heights compare; each bar has a label.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from eventdata.reporting.frame import Events
from eventdata.reporting.timeline import bar_chart, partial_weeks, weekly_matrix

__all__ = ["areas_section"]

MULTIPLE_COLOUR = "#2c3e50"


def areas_section(events: Events, *, top: int, max_rows: int = 60) -> dict[str, Any]:
    """The area table's rows and the small multiples of the ``top`` areas."""
    n = len(events.areas)
    counts = np.bincount(events.area_code, minlength=n)
    fatal = np.bincount(
        events.area_code, weights=np.nan_to_num(events.fatalities, nan=0.0), minlength=n
    )
    unknown = np.bincount(events.area_code, weights=np.isnan(events.fatalities), minlength=n)
    total = max(len(events), 1)
    rows = [
        {
            "code": a,
            "area": events.areas[a],
            "events": int(counts[a]),
            "share": f"{100 * counts[a] / total:.1f}%",
            "fatalities": None if unknown[a] else int(fatal[a]),
        }
        for a in range(min(n, max_rows))
    ]
    shown = list(range(min(n, top)))
    multiples = []
    if len(events.weeks):
        matrix = weekly_matrix(events, np.ones(len(events)), events.area_code, n)
        peak = float(matrix[:, shown].max()) if shown else 0.0
        labels = [events.week_label(i) for i in range(len(events.weeks))]
        partial = partial_weeks(events)
        for a in shown:
            multiples.append(
                {
                    "area": events.areas[a],
                    "code": a,
                    "svg": bar_chart(
                        f"sm{a}",
                        matrix[:, [a]],
                        series=[events.areas[a]],
                        week_labels=labels,
                        unit="events",
                        partial=partial,
                        height=100.0,
                        width=480.0,
                        peak=peak,
                        colours=[MULTIPLE_COLOUR],
                        label=f"events per week in {events.areas[a]}",
                    ),
                }
            )
    return {"rows": rows, "n_areas": n, "multiples": multiples}
