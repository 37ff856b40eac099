"""Inline SVG charts for the report: a point map, stacked weekly areas and bar lists.

Each function takes small, already aggregated arrays and returns one ``<svg>`` element as
text; every piece of data text is escaped. Nothing here reads events row by row: the map
gets at most a bounded number of points (see :mod:`eventdata.reporting.page`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

__all__ = [
    "EVENT_TYPE_COLOURS",
    "MapPoints",
    "bar_list",
    "colour_of",
    "nice_step",
    "point_map",
    "stacked_areas",
]

EVENT_TYPE_COLOURS: dict[str, str] = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
}
"""One colour per ACLED event type (others are drawn in dark grey)."""

_OTHER = "#34495e"
_FONT = "font-family:system-ui,sans-serif;font-size:11px"


def colour_of(event_type: str) -> str:
    """The colour of an event type on every chart."""
    return EVENT_TYPE_COLOURS.get(event_type, _OTHER)


def nice_step(span: float, *, target: int = 6) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``target`` ticks."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


@dataclass(frozen=True)
class MapPoints:
    """What the map draws: one circle per point.

    Attributes:
        lon: longitudes (degrees).
        lat: latitudes (degrees).
        event_type: event type of each point (colour).
        fatalities: fatalities of each point (area).
        label: hover text of each point, or an empty sequence for none.

    """

    lon: np.ndarray
    lat: np.ndarray
    event_type: Sequence[str]
    fatalities: np.ndarray
    label: Sequence[str] = ()


def _extent(lon: np.ndarray, lat: np.ndarray) -> tuple[float, float, float, float]:
    if lon.size == 0:
        return -180.0, 180.0, -60.0, 80.0
    west, east = float(lon.min()), float(lon.max())
    south, north = float(lat.min()), float(lat.max())
    pad = max(east - west, north - south, 1.0) * 0.06
    return (
        max(west - pad, -180.0),
        min(east + pad, 180.0),
        max(south - pad, -90.0),
        min(north + pad, 90.0),
    )


def _graticule(
    extent: tuple[float, float, float, float], project: _Projection, width: float, height: float
) -> list[str]:
    west, east, south, north = extent
    step = nice_step(max(east - west, north - south), target=6)
    parts = []
    lon = math.ceil(west / step) * step
    while lon <= east:
        x, _ = project(np.array([lon]), np.array([0.0]))
        parts.append(f'<line x1="{x[0]:.1f}" y1="0" x2="{x[0]:.1f}" y2="{height:.1f}"/>')
        parts.append(f'<text x="{x[0] + 2:.1f}" y="{height - 3:.1f}" class="tick">{lon:g}°</text>')
        lon += step
    lat = math.ceil(south / step) * step
    while lat <= north:
        _, y = project(np.array([0.0]), np.array([lat]))
        parts.append(f'<line x1="0" y1="{y[0]:.1f}" x2="{width:.1f}" y2="{y[0]:.1f}"/>')
        parts.append(f'<text x="3" y="{y[0] - 2:.1f}" class="tick">{lat:g}°</text>')
        lat += step
    return parts


class _Projection:
    """Equirectangular projection, x stretched by the cosine of the middle latitude."""

    def __init__(self, extent: tuple[float, float, float, float], width: float) -> None:
        west, east, south, north = extent
        self.west, self.north = west, north
        self.kx = math.cos(math.radians((south + north) / 2))
        self.scale = width / max((east - west) * self.kx, 1e-9)
        self.height = (north - south) * self.scale

    def __call__(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (lon - self.west) * self.kx * self.scale, (self.north - lat) * self.scale


def point_map(points: MapPoints, *, width: int = 900, max_height: int = 620) -> str:
    """A map of points: colour by event type, area proportional to fatalities.

    The frame is the points' bounding box (padded) with a longitude/latitude graticule;
    no coastline or border is drawn (eventdata ships no boundary data).
    """
    extent = _extent(points.lon, points.lat)
    project = _Projection(extent, width)
    if project.height > max_height:  # tall extents: shrink to fit
        project = _Projection(extent, width * max_height / project.height)
    w, h = _width(project, extent), project.height
    x, y = project(points.lon, points.lat)
    radius = 2.0 + 1.6 * np.sqrt(np.maximum(points.fatalities, 0))
    order = np.argsort(-radius, kind="stable")  # big circles first, small ones on top
    circles = []
    for i in order:
        title = f"<title>{escape(points.label[i])}</title>" if len(points.label) else ""
        circles.append(
            f'<circle cx="{x[i]:.1f}" cy="{y[i]:.1f}" r="{radius[i]:.1f}" '
            f'fill="{colour_of(points.event_type[i])}">{title}</circle>'
        )
    grid = "".join(_graticule(extent, project, w, h))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" '
        f'width="{w:.0f}" height="{h:.0f}" role="img" aria-label="map of events" '
        f'class="map" style="{_FONT}">'
        f'<rect width="{w:.0f}" height="{h:.0f}" fill="#f4f6f8" stroke="#95a5a6"/>'
        f'<g stroke="#d5dbdf" stroke-width="0.6">{grid}</g>'
        f'<g fill-opacity="0.7" stroke="#ffffff" stroke-width="0.5">{"".join(circles)}</g>'
        "</svg>"
    )


def _width(project: _Projection, extent: tuple[float, float, float, float]) -> float:
    west, east, _, _ = extent
    return (east - west) * project.kx * project.scale


def stacked_areas(
    periods: Sequence[str],
    series: dict[str, np.ndarray],
    *,
    title: str,
    width: int = 900,
    height: int = 220,
) -> str:
    """Stacked areas over periods, one layer per key of ``series`` (coloured by event type)."""
    n = len(periods)
    left, bottom, top = 56.0, 22.0, 18.0
    plot_w, plot_h = width - left - 10.0, height - bottom - top
    stack = np.zeros(n, dtype=np.float64)
    totals = sum((v.astype(np.float64) for v in series.values()), np.zeros(n))
    peak = float(totals.max()) if n else 0.0
    step = nice_step(peak or 1.0, target=4)
    ymax = max(math.ceil(peak / step) * step, step)
    xs = left + (np.arange(n) * plot_w / max(n - 1, 1))

    def y_of(values: np.ndarray) -> np.ndarray:
        result: np.ndarray = top + plot_h - values / ymax * plot_h
        return result

    layers = []
    for name, values in series.items():
        lower, stack = stack, stack + values
        upper_pts = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(xs, y_of(stack), strict=True))
        lower_pts = " ".join(
            f"{a:.1f},{b:.1f}" for a, b in zip(xs[::-1], y_of(lower)[::-1], strict=True)
        )
        layers.append(
            f'<polygon points="{upper_pts} {lower_pts}" fill="{colour_of(name)}" '
            f'fill-opacity="0.85"><title>{escape(name)}: {int(values.sum()):,}</title></polygon>'
        )
    ticks = []
    for k in range(int(ymax / step) + 1):
        y = y_of(np.array([k * step]))[0]
        ticks.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e8eb"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{k * step:,.0f}</text>'
        )
    for i in _label_positions(n):
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
        ticks.append(
            f'<text x="{xs[i]:.1f}" y="{height - 6}" text-anchor="{anchor}">'
            f"{escape(periods[i])}</text>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'style="{_FONT}"><text x="{left}" y="12" font-weight="bold">{escape(title)}</text>'
        f"{''.join(ticks)}{''.join(layers)}</svg>"
    )


def _label_positions(n: int, *, count: int = 7) -> list[int]:
    if n == 0:
        return []
    if n <= count:
        return list(range(n))
    return sorted({round(i * (n - 1) / (count - 1)) for i in range(count)})


def bar_list(
    labels: Sequence[str],
    values: Sequence[int],
    *,
    colours: Sequence[str] | None = None,
    notes: Sequence[str] | None = None,
    width: int = 440,
) -> str:
    """Horizontal bars, one line per label, largest first as given."""
    row, label_w = 20, 210
    height = row * len(labels) + 4
    peak = max(values, default=0) or 1
    bar_space = width - label_w - 60
    parts = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 2 + i * row
        length = max(value / peak * bar_space, 1.0)
        colour = colours[i] if colours else "#2c3e50"
        short = label if len(label) <= 34 else label[:33] + "…"
        note = escape(notes[i]) if notes else f"{value:,}"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(short)}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" '
            f'fill="{colour}"/><text x="{label_w + length + 4:.1f}" y="{y + 14}">{note}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" style="{_FONT}">{"".join(parts)}</svg>'
    )
