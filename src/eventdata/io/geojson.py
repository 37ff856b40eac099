"""GeoJSON FeatureCollections of events, as all-text tables.

ACLED rows and UCDP GED events are shared as GeoJSON: each feature's ``properties`` are
the columns (UPPERCASE in ACLED's v6 files, matched like any header), its geometry a Point
``[longitude, latitude]``, or ``null`` with ``LATITUDE``/``LONGITUDE`` in the properties.
ogr2ogr writes typed numbers and ``2009-02-20T00:00:00`` dates; both become text as a
CSV would hold them. Coordinates come from the geometry when the properties lack them;
when both are there and disagree the file is refused, naming the features.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventdata.exceptions import InputError
from eventdata.io.formats import ReadOptions
from eventdata.io.json_input import table_from_records
from eventdata.schema.text import Dialect

__all__ = ["COORDINATE_TOLERANCE", "read_geojson"]

COORDINATE_TOLERANCE = 1e-4
"""Degrees by which a Point and the properties' coordinates may differ (ACLED's 4 decimals)."""

_LATITUDE = ("latitude", "lat")
_LONGITUDE = ("longitude", "lon", "long", "lng")


def _plain(value: Any) -> Any:
    """A typed property as the text a CSV would hold: whole floats without ``.0``."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _key(properties: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for key in properties:
        if key.strip().lower() in names:
            return key
    return None


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def read_geojson(path: Path, options: ReadOptions) -> tuple[pa.Table, Dialect]:
    """A GeoJSON FeatureCollection (the ``geojson`` row of the format table).

    Raises:
        InputError: the document is not a FeatureCollection, or a feature's Point and its
            properties give different coordinates.
    """
    with open(path, encoding="utf-8-sig") as fh:
        document = json.load(fh)
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise InputError(
            "is not a GeoJSON FeatureCollection (expected "
            '{"type": "FeatureCollection", "features": [...]})',
            path=path,
        )
    features = document.get("features") or []
    if not isinstance(features, list) or not features:
        raise InputError("is a GeoJSON FeatureCollection without features", path=path)
    records, filled, other_geometry, disagree = _records(features)
    if disagree:
        shown = "; ".join(disagree[:3]) + (
            f"; and {len(disagree) - 3} more" if len(disagree) > 3 else ""
        )
        raise InputError(
            f"{len(disagree)} feature(s) have a Point geometry and latitude/longitude "
            f"properties that disagree ({shown}); fix the properties or the geometry",
            path=path,
        )
    dialect = Dialect(format="geojson")
    dialect.notes.append(f"read {len(records)} features of a GeoJSON FeatureCollection")
    if filled:
        dialect.notes.append(f"took latitude/longitude of {filled} feature(s) from their Point")
    if other_geometry:
        dialect.notes.append(
            f"{other_geometry} feature(s) have a geometry other than a Point; their "
            "coordinates come from the properties only"
        )
    return table_from_records(records), dialect


def _records(features: list[Any]) -> tuple[list[dict[str, Any]], int, int, list[str]]:
    """The properties of each feature, coordinates filled in from Points; the disagreements."""
    records: list[dict[str, Any]] = []
    filled = other = 0
    disagree: list[str] = []
    lat_key = lon_key = None
    for number, feature in enumerate(features):
        properties = {k: _plain(v) for k, v in ((feature or {}).get("properties") or {}).items()}
        if lat_key is None:
            lat_key = _key(properties, _LATITUDE)
            lon_key = _key(properties, _LONGITUDE)
        geometry = (feature or {}).get("geometry")
        point = _point(geometry)
        if geometry is not None and point is None:
            other += 1
        if point is not None:
            lon, lat = point
            have_lat = _number(properties.get(lat_key)) if lat_key else None
            have_lon = _number(properties.get(lon_key)) if lon_key else None
            if have_lat is None and have_lon is None:
                upper = lat_key is not None and lat_key.isupper() or _upper(properties)
                properties[lat_key or ("LATITUDE" if upper else "latitude")] = _plain(lat)
                properties[lon_key or ("LONGITUDE" if upper else "longitude")] = _plain(lon)
                filled += 1
            elif (
                have_lat is None
                or have_lon is None
                or abs(have_lat - lat) > COORDINATE_TOLERANCE
                or abs(have_lon - lon) > COORDINATE_TOLERANCE
            ):
                disagree.append(
                    f"feature {number} (row {number}): Point ({lat}, {lon}), properties "
                    f"({have_lat}, {have_lon})"
                )
        records.append(properties)
    return records, filled, other, disagree


def _upper(properties: dict[str, Any]) -> bool:
    letters = [k for k in properties if any(c.isalpha() for c in k)]
    return bool(letters) and all(k.isupper() for k in letters)


def _point(geometry: Any) -> tuple[float, float] | None:
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return None
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return None
    lon, lat = _number(coordinates[0]), _number(coordinates[1])
    return None if lon is None or lat is None else (lon, lat)
