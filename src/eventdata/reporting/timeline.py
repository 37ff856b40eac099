"""Weekly bar charts: the timeline by event type and the small multiples by area.

One bar per ACLED week (Saturday to Friday), stacked by series; a week without events is
a gap at zero, never a slope. A first or last week the data covers only in part is drawn
paler and its label says how many of its days the data covers. Count axes have whole
numbers only. Every bar has a hover label. The page's script redraws the bars with the
same geometry (the ``data-*`` attributes of the ``<svg>``) when a filter changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

from eventdata.reporting.charts import colour_of, count_ticks, svg_open
from eventdata.reporting.frame import Events

__all__ = ["BarGeometry", "bar_chart", "partial_weeks", "weekly_matrix"]

WIDTH = 1000.0
"""Width of every bar chart's coordinate system; the page stretches it to the window."""


@dataclass(frozen=True)
class BarGeometry:
    """Where a bar chart draws: margins and the width of one week."""

    weeks: int
    height: float
    width: float = WIDTH
    left: float = 46.0
    right: float = 8.0
    top: float = 8.0
    bottom: float = 18.0

    @property
    def plot_height(self) -> float:
        """Height of the bars' area."""
        return self.height - self.top - self.bottom

    @property
    def band(self) -> float:
        """Width of one week."""
        return (self.width - self.left - self.right) / max(self.weeks, 1)

    def attributes(self, chart: str) -> str:
        """The ``data-*`` attributes the page's script reads."""
        return (
            f' data-chart="{escape(chart)}" data-left="{self.left}" data-top="{self.top}"'
            f' data-ph="{self.plot_height}" data-band="{self.band:.4f}" data-right="{self.right}"'
        )


def weekly_matrix(events: Events, values: np.ndarray, codes: np.ndarray, n: int) -> np.ndarray:
    """Sum ``values`` per week and code: an array of shape (weeks, n); undated rows left out."""
    weeks = len(events.weeks)
    dated = events.dated
    index = events.week[dated] * n + codes[dated]
    sums = np.bincount(index, weights=values[dated], minlength=weeks * n)
    matrix: np.ndarray = sums.reshape(weeks, n) if weeks else np.zeros((0, n))
    return matrix


def partial_weeks(events: Events) -> dict[int, str]:
    """The first and last week when the data covers only some of their days, with a note."""
    if not len(events.weeks):
        return {}
    first, last = int(events.day[events.dated].min()), int(events.day[events.dated].max())
    notes = {}
    covered_first = min(int(events.weeks[0]) + 7, last + 1) - first
    if covered_first < 7:
        notes[0] = f"partial week: the data covers {covered_first} of its 7 days"
    end = len(events.weeks) - 1
    covered_last = last - max(int(events.weeks[end]), first) + 1
    if covered_last < 7 and end not in notes:
        notes[end] = f"partial week: the data covers {covered_last} of its 7 days"
    return notes


def _axis(geometry: BarGeometry, top: int, step: int) -> str:
    parts = []
    for value in range(0, top + 1, step):
        y = geometry.top + geometry.plot_height * (1 - value / top)
        parts.append(
            f'<line x1="{geometry.left}" x2="{geometry.width - geometry.right}" y1="{y:.1f}" '
            f'y2="{y:.1f}"/><text x="{geometry.left - 4}" y="{y + 4:.1f}" '
            f'text-anchor="end">{value:,}</text>'
        )
    return f'<g class="axis" stroke="#e5e8eb">{"".join(parts)}</g>'


def _date_labels(geometry: BarGeometry, labels: Sequence[str]) -> str:
    count = max(int(geometry.width // 150), 2)
    n = len(labels)
    if n == 0:
        return ""
    chosen = (
        range(n) if n <= count else sorted({round(i * (n - 1) / (count - 1)) for i in range(count)})
    )
    parts = []
    for i in chosen:
        x = geometry.left + (i + 0.5) * geometry.band
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
        if anchor == "start":
            x = geometry.left + i * geometry.band
        elif anchor == "end":
            x = geometry.left + (i + 1) * geometry.band
        parts.append(
            f'<text x="{x:.1f}" y="{geometry.height - 4}" text-anchor="{anchor}">'
            f"{escape(labels[i])}</text>"
        )
    return "".join(parts)


def bar_label(series: str, value: float, unit: str, week: str, note: str | None) -> str:
    """The hover label of one bar (the script writes the same)."""
    text = f"{series}: {int(value):,} {unit}, week of {week} (Saturday to Friday)"
    return f"{text}; {note}" if note else text


def bar_chart(
    chart: str,
    matrix: np.ndarray,
    *,
    series: Sequence[str],
    week_labels: Sequence[str],
    unit: str,
    partial: dict[int, str],
    height: float = 200.0,
    width: float = WIDTH,
    peak: float | None = None,
    colours: Sequence[str] | None = None,
    label: str = "",
) -> str:
    """One SVG of stacked weekly bars.

    Args:
        chart: the chart's name for the page's script (``ev``, ``fa``, ``sm3``...).
        matrix: values of shape (weeks, series).
        series: the name of each column of ``matrix``.
        week_labels: the first day of each week.
        unit: what the values count ("events", "fatalities").
        partial: notes of the weeks the data covers only in part, by week index.
        height: the chart's height in its coordinate system.
        width: the chart's width in its coordinate system.
        peak: the axis top to reach (default: the highest stacked bar).
        colours: one per series (default: by event type).
        label: what the chart shows, for screen readers.

    """
    geometry = BarGeometry(weeks=len(week_labels), height=height, width=width)
    totals = matrix.sum(axis=1) if matrix.size else np.zeros(len(week_labels))
    step, top = count_ticks(
        float(peak if peak is not None else (totals.max() if len(totals) else 0))
    )
    bars = []
    fills = list(colours) if colours else [colour_of(s) for s in series]
    for w in range(matrix.shape[0]):
        base = 0.0
        x = geometry.left + w * geometry.band + geometry.band * 0.08
        bar_width = max(geometry.band * 0.84, 0.6)
        cls = ' class="partial"' if w in partial else ""
        for s in range(matrix.shape[1]):
            value = float(matrix[w, s])
            if value <= 0:
                continue
            y = geometry.top + geometry.plot_height * (1 - (base + value) / top)
            h = geometry.plot_height * value / top
            base += value
            text = bar_label(series[s], value, unit, week_labels[w], partial.get(w))
            bars.append(
                f'<rect{cls} x="{x:.2f}" y="{y:.2f}" width="{bar_width:.2f}" height="{h:.2f}" '
                f'fill="{fills[s]}"><title>{escape(text)}</title></rect>'
            )
    return (
        svg_open(width, height, label=label or chart, extra=geometry.attributes(chart))
        + _axis(geometry, top, step)
        + f'<g class="bars">{"".join(bars)}</g>'
        + _date_labels(geometry, week_labels)
        + "</svg>"
    )
