"""The map: country outlines, one mark per event or per grid cell, the frame on the events.

With at most ``max_points`` events with coordinates, every event is a circle whose area
grows with its fatalities. With more, events are binned to a grid of square
longitude/latitude cells (the page states the cell size): one circle per cell and event
type, at the mean position of its events, its area growing with their number. The
frame holds where most events are (between the 1st and 99th percentiles, with a margin);
an event outside it is drawn as a triangle on the frame's edge, and its label says where it
is. Every mark has a hover label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import numpy as np

from eventdata.reporting.charts import colour_of, nice_step, svg_open
from eventdata.reporting.frame import Events
from eventdata.reporting.outlines import outline_paths

__all__ = ["CELL_SIZES", "MapMarks", "draw_map", "map_extent", "map_marks"]

CELL_SIZES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 45.0, 90.0)
"""The grid cells binning may use, in degrees; the smallest that fits is chosen."""

NOTE_WORDS = 14
"""How many words of an event's notes its hover label quotes."""

WIDTH = 1000.0
MAX_HEIGHT = 700.0
BINNED_RADIUS = 16.0
"""Radius of the binned circle with the most events (the others by area)."""


@dataclass(frozen=True)
class MapMarks:
    """What the map draws.

    Attributes:
        lon: longitude of each mark.
        lat: latitude of each mark.
        type_code: event type of each mark (index into ``Events.types``).
        events: events in each mark.
        fatalities: sum of reported fatalities in each mark.
        labels: hover label of each mark.
        event_mark: the mark of each event (-1 for events without coordinates).
        cell: the grid cell size in degrees, or None when every event is its own mark.

    """

    lon: np.ndarray
    lat: np.ndarray
    type_code: np.ndarray
    events: np.ndarray
    fatalities: np.ndarray
    labels: list[str]
    event_mark: np.ndarray
    cell: float | None

    def radius(self) -> np.ndarray:
        """Circle radii: by fatalities for single events, by events for cells."""
        if self.cell is None:
            result: np.ndarray = 2.0 + 1.6 * np.sqrt(np.maximum(self.fatalities, 0))
            return result
        binned: np.ndarray = 2.0 + self.radius_factor() * np.sqrt(self.events)
        return binned

    def radius_factor(self) -> float:
        """Radius per square root of events, for cells (the script uses the same)."""
        peak = float(self.events.max()) if len(self.events) else 1.0
        return (BINNED_RADIUS - 2.0) / math.sqrt(max(peak, 1.0))


def map_extent(lon: np.ndarray, lat: np.ndarray) -> tuple[float, float, float, float]:
    """West, east, south, north: where most of the points are, with a margin."""
    if lon.size == 0:
        return -180.0, 180.0, -60.0, 80.0
    lo_x, hi_x = np.quantile(lon, [0.01, 0.99])
    lo_y, hi_y = np.quantile(lat, [0.01, 0.99])
    core = max(hi_x - lo_x, hi_y - lo_y, 0.5)
    keep = (
        (lon >= lo_x - core * 0.25)
        & (lon <= hi_x + core * 0.25)
        & (lat >= lo_y - core * 0.25)
        & (lat <= hi_y + core * 0.25)
    )
    west, east = float(lon[keep].min()), float(lon[keep].max())
    south, north = float(lat[keep].min()), float(lat[keep].max())
    pad = max(east - west, north - south, 1.0) * 0.06
    return (
        max(west - pad, -180.0),
        min(east + pad, 180.0),
        max(south - pad, -85.0),
        min(north + pad, 85.0),
    )


def _event_labels(events: Events, rows: np.ndarray) -> list[str]:
    frame = events.frame.iloc[rows]

    def text(column: str) -> list[str]:
        values: list[str] = frame[column].astype("string").fillna("").tolist()
        return values

    dates = [
        str(np.datetime64(int(d), "D")) if ok else "no readable date"
        for d, ok in zip(events.day[rows], events.dated[rows], strict=True)
    ]
    fatal = events.fatalities[rows]
    labels = []
    for i, (date, kind, sub, loc, admin1, country, a1, a2, note) in enumerate(
        zip(
            dates,
            text("event_type"),
            text("sub_event_type"),
            text("location"),
            text("admin1"),
            text("country"),
            text("actor1"),
            text("actor2"),
            text("notes"),
            strict=True,
        )
    ):
        words = note.split()
        quote = " ".join(words[:NOTE_WORDS]) + ("…" if len(words) > NOTE_WORDS else "")
        f = "unknown" if math.isnan(fatal[i]) else f"{int(fatal[i]):,}"
        place = ", ".join(p for p in (loc, admin1, country) if p)
        actors = " vs ".join(a for a in (a1, a2) if a)
        lines = [f"{date} · {kind}" + (f" ({sub})" if sub else ""), place, actors]
        lines += [f"fatalities: {f}", quote]
        labels.append("\n".join(line for line in lines if line))
    return labels


def map_marks(events: Events, *, max_points: int, max_cube: int = 60_000) -> MapMarks:
    """One mark per placed event, or per grid cell and event type when there are more.

    The cell is the smallest of :data:`CELL_SIZES` giving at most ``max_points`` marks and
    at most ``max_cube`` mark-and-week groups (what the page's filters recompute).
    """
    placed = np.flatnonzero(events.placed)
    event_mark = np.full(len(events), -1, dtype=np.int64)
    if len(placed) <= max_points:
        event_mark[placed] = np.arange(len(placed))
        f = events.fatalities[placed]
        return MapMarks(
            lon=events.lon[placed],
            lat=events.lat[placed],
            type_code=events.type_code[placed],
            events=np.ones(len(placed)),
            fatalities=np.nan_to_num(f, nan=0.0),
            labels=_event_labels(events, placed),
            event_mark=event_mark,
            cell=None,
        )
    lon, lat = events.lon[placed], events.lat[placed]
    n_types = len(events.types)
    group = events.type_code[placed]
    # the filters' counts keep the area of each event (mark, week and area)
    week_area = (events.week[placed] + 1) * len(events.areas) + events.area_code[placed]
    span = max(float(lon.max() - lon.min()), float(lat.max() - lat.min()), 0.01)
    sizes = [c for c in CELL_SIZES if c >= span / 512] or [CELL_SIZES[-1]]
    for cell in sizes:
        col = np.floor((lon + 180.0) / cell).astype(np.int64)
        row = np.floor((lat + 90.0) / cell).astype(np.int64)
        key = (col * 100_000 + row) * n_types + group
        keys, inverse = np.unique(key, return_inverse=True)
        if len(keys) > max_points:
            continue
        stride = (len(events.weeks) + 1) * len(events.areas)
        cube_rows = len(np.unique(inverse.reshape(-1) * stride + week_area))
        if cube_rows <= max_cube:
            break
    inverse = inverse.reshape(-1)
    count = np.bincount(inverse, minlength=len(keys)).astype(np.float64)
    fatalities = np.bincount(
        inverse, weights=np.nan_to_num(events.fatalities[placed], nan=0.0), minlength=len(keys)
    )
    mean_lon = np.bincount(inverse, weights=lon, minlength=len(keys)) / count
    mean_lat = np.bincount(inverse, weights=lat, minlength=len(keys)) / count
    type_code = keys % n_types
    event_mark[placed] = inverse
    labels = [
        f"{events.types[t]}: {int(n):,} events, {int(f):,} fatalities\n"
        f"grid cell of {cell:g}° around {x:.2f}° {y:.2f}°"
        for t, n, f, x, y in zip(type_code, count, fatalities, mean_lon, mean_lat, strict=True)
    ]
    return MapMarks(
        lon=mean_lon,
        lat=mean_lat,
        type_code=type_code,
        events=count,
        fatalities=fatalities,
        labels=labels,
        event_mark=event_mark,
        cell=cell,
    )


class _Projection:
    """Equirectangular, x stretched by the cosine of the middle latitude."""

    def __init__(self, extent: tuple[float, float, float, float]) -> None:
        west, east, south, north = extent
        self.west, self.north = west, north
        self.kx = math.cos(math.radians((south + north) / 2))
        self.scale = WIDTH / max((east - west) * self.kx, 1e-9)
        if (north - south) * self.scale > MAX_HEIGHT:
            self.scale = MAX_HEIGHT / (north - south)
        self.width = (east - west) * self.kx * self.scale
        self.height = (north - south) * self.scale

    def __call__(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (lon - self.west) * self.kx * self.scale, (self.north - lat) * self.scale


def _graticule(extent: tuple[float, float, float, float], project: _Projection) -> str:
    west, east, south, north = extent
    step = nice_step(max(east - west, north - south), target=6)
    parts = []
    for lon in np.arange(math.ceil(west / step) * step, east + 1e-9, step):
        x = project(np.array([lon]), np.array([0.0]))[0][0]
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{project.height:.1f}"/>')
        parts.append(
            f'<text x="{x + 2:.1f}" y="{project.height - 3:.1f}" stroke="none">{lon:g}°</text>'
        )
    for lat in np.arange(math.ceil(south / step) * step, north + 1e-9, step):
        y = project(np.array([0.0]), np.array([lat]))[1][0]
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{project.width:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text x="3" y="{y - 2:.1f}" stroke="none">{lat:g}°</text>')
    return "".join(parts)


def draw_map(marks: MapMarks, *, types: list[str], iso_codes: set[int]) -> tuple[str, int]:
    """The map's SVG and how many marks lie outside its frame.

    Countries of ``iso_codes`` (those of the data) are drawn a shade darker.
    """
    placed = marks.lon if len(marks.lon) else np.zeros(0)
    extent = map_extent(placed, marks.lat)
    project = _Projection(extent)
    w, h = project.width, project.height
    # the page stretches the map to the window's width, up to 82% of its height: size the
    # labels for a window of about 1300 by 900 pixels
    font = 12.0 / min(1250.0 / w, 740.0 / h)
    land = []
    for country, path in outline_paths(extent, project, size=(w, h)):
        fill = "#e3e0d6" if country.id in iso_codes else "#f1efe9"
        land.append(f'<path d="{path}" fill="{fill}"><title>{escape(country.name)}</title></path>')
    x, y = project(marks.lon, marks.lat)
    radius = marks.radius()
    outside = (x < 0) | (x > w) | (y < 0) | (y > h)
    order = np.argsort(-radius, kind="stable")
    shapes = []
    for i in order:
        title = f"<title>{escape(marks.labels[i])}</title>"
        fill = colour_of(types[int(marks.type_code[i])])
        if outside[i]:
            cx, cy = min(max(x[i], 6.0), w - 6.0), min(max(y[i], 6.0), h - 6.0)
            where = f"\noutside the frame, at {marks.lon[i]:.2f}° {marks.lat[i]:.2f}°"
            shapes.append(
                f'<path class="outside" data-m="{i}" d="M{cx:.1f},{cy - 7:.1f}l6,11h-12z" '
                f'fill="{fill}"><title>{escape(marks.labels[i] + where)}</title></path>'
            )
            continue
        shapes.append(
            f'<circle data-m="{i}" cx="{x[i]:.1f}" cy="{y[i]:.1f}" r="{radius[i]:.1f}" '
            f'fill="{fill}">{title}</circle>'
        )
    svg = (
        svg_open(w, h, label="map of events", extra=' class="map" id="map-svg"')
        + f'<rect width="{w:.0f}" height="{h:.0f}" fill="#eaf2f8"/>'
        + f'<g stroke="#ffffff" stroke-width="0.7">{"".join(land)}</g>'
        + f'<g stroke="#c5d3de" stroke-width="0.4" fill="#6c7a89" font-size="{font:.1f}">'
        + f"{_graticule(extent, project)}</g>"
        + '<g class="marks" fill-opacity="0.75" stroke="#ffffff" stroke-width="0.5">'
        + "".join(shapes)
        + "</g>"
        + f'<rect width="{w:.0f}" height="{h:.0f}" fill="none" stroke="#95a5a6"/></svg>'
    )
    return svg, int(np.asarray(marks.events)[outside].sum())


def map_note(events: Events, marks: MapMarks, outside: int) -> str:
    """What the map shows, in words."""
    placed = int(events.placed.sum())
    if marks.cell is None:
        text = (
            f"Every one of the {placed:,} events with coordinates is drawn, its area growing "
            "with its reported fatalities."
        )
    else:
        text = (
            f"{placed:,} events are more than the circles the map draws, so they are binned "
            f"into square cells of {marks.cell:g}° of longitude by {marks.cell:g}° of "
            "latitude: one circle per cell and event type, at the mean position of "
            f"its events, its area growing with their number ({len(marks.lon):,} circles)."
        )
    missing = events.n_unplaced
    if missing:
        text += (
            f" {missing:,} event{'s' if missing > 1 else ''} without coordinates "
            f"{'are' if missing > 1 else 'is'} not on the map."
        )
    if outside:
        text += (
            f" {outside:,} event{'s' if outside > 1 else ''} outside the frame, which holds "
            f"where most events are, {'are' if outside > 1 else 'is'} drawn as triangles "
            "on its edge."
        )
    return text
