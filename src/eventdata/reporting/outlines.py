"""Country outlines from Natural Earth (public domain), shipped with eventdata.

The asset ``data/countries-50m.json.gz`` is made by ``scripts/natural_earth.py`` from the
npm package ``world-atlas`` (Natural Earth 4.1.0, 1:50 million); ``data/PROVENANCE.md``
says how. It keeps TopoJSON's shared arcs (quantized, delta-encoded) and, per country, its
ISO 3166-1 numeric id, name, bounding box and polygons as arc indices. :func:`outline_paths`
draws the countries that reach into a map's frame as SVG path data.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

__all__ = ["ASSET", "Country", "countries", "outline_paths"]

ASSET = "countries-50m.json.gz"
"""The file, in ``eventdata/reporting/data``."""


@dataclass(frozen=True)
class Country:
    """One country of the asset: id, name, bounding box and polygons (arc indices)."""

    id: int | None
    name: str
    bbox: tuple[float, float, float, float]
    polygons: tuple[tuple[tuple[int, ...], ...], ...]

    def rings(self) -> list[np.ndarray]:
        """Every ring of the country as an array of (lon, lat) rows, in degrees."""
        arcs = _arcs()
        rings = []
        for polygon in self.polygons:
            for ring in polygon:
                parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in ring]
                points = np.concatenate(parts)
                # unwrap longitudes so a ring that crosses 180° stays in one piece
                points[:, 0] = np.unwrap(points[:, 0], period=360.0)
                rings.append(points)
        return rings


@lru_cache(maxsize=1)
def _asset() -> dict[str, Any]:
    data = resources.files("eventdata.reporting").joinpath(f"data/{ASSET}").read_bytes()
    asset: dict[str, Any] = json.loads(gzip.decompress(data))
    return asset


@lru_cache(maxsize=1)
def _arcs() -> list[np.ndarray]:
    """The shared arcs, decoded from quantized deltas to degrees."""
    asset = _asset()
    scale = np.asarray(asset["transform"]["scale"], dtype=np.float64)
    translate = np.asarray(asset["transform"]["translate"], dtype=np.float64)
    return [
        np.cumsum(np.asarray(arc, dtype=np.int64).reshape(-1, 2), axis=0) * scale + translate
        for arc in asset["arcs"]
    ]


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of the asset (rings are decoded when asked for)."""
    return tuple(
        Country(
            id=int(country["id"]) if country["id"] is not None else None,
            name=str(country["name"]),
            bbox=tuple(country["bbox"]),
            polygons=tuple(
                tuple(tuple(ring) for ring in polygon) for polygon in country["polygons"]
            ),
        )
        for country in _asset()["countries"]
    )


def source_note() -> str:
    """Where the outlines come from, for the page."""
    asset = _asset()
    return f"{asset['source']} (public domain), from {asset['package']}"


_MARGIN = 12.0

Projector = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def outline_paths(
    extent: tuple[float, float, float, float],
    project: Projector,
    *,
    size: tuple[float, float],
    tolerance: float = 1.0,
) -> list[tuple[Country, str]]:
    """SVG path data of every country whose bounding box meets ``extent``.

    Args:
        extent: west, east, south, north in degrees.
        project: (lon, lat) arrays to (x, y) arrays in the map's units.
        size: width and height of the map; points beyond it (and a margin) are moved onto
            a box just outside the map, which keeps what is inside it as it is.
        tolerance: points closer than this (map units) to the last one kept are dropped.

    Returns:
        ``(country, path data)`` pairs; rings too small to see are left out.

    """
    west, east, south, north = extent
    out = []
    for country in countries():
        c_west, c_south, c_east, c_north = country.bbox
        if c_west > east or c_east < west or c_south > north or c_north < south:
            continue
        pieces = []
        for ring in country.rings():
            x, y = project(ring[:, 0], ring[:, 1])
            x = np.clip(x, -_MARGIN, size[0] + _MARGIN)
            y = np.clip(y, -_MARGIN, size[1] + _MARGIN)
            piece = _relative_path(x, y, tolerance)
            if piece:
                pieces.append(piece)
        if pieces:
            out.append((country, "".join(pieces)))
    return out


def _relative_path(x: np.ndarray, y: np.ndarray, tolerance: float) -> str:
    """One closed ring as compact path data: whole units of ``tolerance``, relative moves."""
    xi = np.rint(x / tolerance).astype(np.int64)
    yi = np.rint(y / tolerance).astype(np.int64)
    keep = np.ones(len(xi), dtype=bool)
    keep[1:] = (np.diff(xi) != 0) | (np.diff(yi) != 0)
    xi, yi = xi[keep], yi[keep]
    if len(xi) < 3:
        return ""
    dx, dy = np.diff(xi), np.diff(yi)
    steps = " ".join(f"{a} {b}" for a, b in zip(dx.tolist(), dy.tolist(), strict=True))
    first = f"M{xi[0] * tolerance:g} {yi[0] * tolerance:g}"
    if tolerance == 1.0:
        return f"{first}l{steps}z".replace(" -", "-")
    # path data has no scale: multiply back by the tolerance
    scaled = " ".join(
        f"{a * tolerance:g} {b * tolerance:g}"
        for a, b in zip(dx.tolist(), dy.tolist(), strict=True)
    )
    return f"{first}l{scaled}z".replace(" -", "-")
