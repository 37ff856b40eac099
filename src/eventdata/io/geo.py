"""GeoParquet 1.1 point geometry for event tables, with pyarrow and numpy alone.

Events carry WGS84 ``latitude``/``longitude``. Written files add two derived columns:

* ``geometry``: the point as little-endian ISO WKB (21 bytes: byte order, type 1, x=lon,
  y=lat), packed for all rows at once with a numpy structured array;
* ``bbox``: a ``struct<xmin, ymin, xmax, ymax>`` covering column, so readers can skip
  row groups by extent (GeoParquet 1.1 ``covering``).

The ``geo`` file metadata follows GeoParquet 1.1.0: ``crs`` is omitted, which the
specification defines as OGC:CRS84 (longitude, latitude on WGS84), exactly ACLED's
coordinates. Rows without coordinates get a null geometry and a null bbox.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "BBOX_COLUMN",
    "GEOMETRY_COLUMN",
    "GEOPARQUET_VERSION",
    "add_geometry",
    "bbox_of",
    "geo_metadata",
    "merge_bbox",
    "strip_geometry",
]

GEOPARQUET_VERSION = "1.1.0"
GEOMETRY_COLUMN = "geometry"
BBOX_COLUMN = "bbox"
BBOX_TYPE = pa.struct([(name, pa.float64()) for name in ("xmin", "ymin", "xmax", "ymax")])

_WKB_POINT = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])
_WKB_SIZE = _WKB_POINT.itemsize  # 21: no padding in a numpy structured dtype by default
_MAX_ROWS_PER_CHUNK = (2**31 - 1) // _WKB_SIZE  # int32 binary offsets

BBox = tuple[float, float, float, float]


def _coordinates(table: pa.Table) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lon_col = pc.cast(table.column("longitude"), pa.float64())
    lat_col = pc.cast(table.column("latitude"), pa.float64())
    valid = pc.and_(pc.is_valid(lon_col), pc.is_valid(lat_col))
    lon = np.asarray(pc.fill_null(lon_col, 0.0).to_numpy(), dtype=np.float64)
    lat = np.asarray(pc.fill_null(lat_col, 0.0).to_numpy(), dtype=np.float64)
    mask = np.asarray(valid.to_numpy(zero_copy_only=False), dtype=bool)
    return lon, lat, mask


def _wkb_points(lon: np.ndarray, lat: np.ndarray, valid: np.ndarray) -> pa.Array:
    n = len(lon)
    packed = np.empty(n, dtype=_WKB_POINT)
    packed["order"] = 1
    packed["kind"] = 1
    packed["x"] = lon
    packed["y"] = lat
    offsets = np.arange(0, (n + 1) * _WKB_SIZE, _WKB_SIZE, dtype=np.int32)
    validity = None
    if not valid.all():
        validity = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(
        pa.binary(),
        n,
        [validity, pa.py_buffer(offsets), pa.py_buffer(packed.view(np.uint8))],
        null_count=int(n - valid.sum()),
    )


def _bbox_struct(lon: np.ndarray, lat: np.ndarray, valid: np.ndarray) -> pa.Array:
    x = pa.array(lon)
    y = pa.array(lat)
    mask = pa.array(~valid) if not valid.all() else None
    return pa.StructArray.from_arrays([x, y, x, y], fields=list(BBOX_TYPE), mask=mask)


def add_geometry(table: pa.Table, /) -> pa.Table:
    """Append the ``geometry`` (WKB point) and ``bbox`` columns, replacing stale ones.

    Args:
        table: a table with ``latitude`` and ``longitude`` columns.

    Returns:
        The table with ``geometry`` and ``bbox`` as its last two columns.

    """
    table = strip_geometry(table)
    lon, lat, valid = _coordinates(table)
    geometry: list[pa.Array] = []
    boxes: list[pa.Array] = []
    for start in range(0, max(len(lon), 1), _MAX_ROWS_PER_CHUNK):
        stop = start + _MAX_ROWS_PER_CHUNK
        geometry.append(_wkb_points(lon[start:stop], lat[start:stop], valid[start:stop]))
        boxes.append(_bbox_struct(lon[start:stop], lat[start:stop], valid[start:stop]))
    table = table.append_column(
        pa.field(GEOMETRY_COLUMN, pa.binary()), pa.chunked_array(geometry, pa.binary())
    )
    return table.append_column(pa.field(BBOX_COLUMN, BBOX_TYPE), pa.chunked_array(boxes, BBOX_TYPE))


def strip_geometry(table: pa.Table, /) -> pa.Table:
    """Drop the derived ``geometry`` and ``bbox`` columns if present."""
    derived = [c for c in (GEOMETRY_COLUMN, BBOX_COLUMN) if c in table.column_names]
    return table.drop_columns(derived) if derived else table


def bbox_of(table: pa.Table, /) -> BBox | None:
    """``(xmin, ymin, xmax, ymax)`` of the table's coordinates, None when it has none."""
    lon, lat, valid = _coordinates(table)
    if not valid.any():
        return None
    x, y = lon[valid], lat[valid]
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())


def merge_bbox(a: BBox | None, b: BBox | None, /) -> BBox | None:
    """The box covering two boxes (None means empty)."""
    if a is None:
        return b
    if b is None:
        return a
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def geo_metadata(bbox: BBox | None = None, /) -> dict[str, str]:
    """The GeoParquet 1.1 ``geo`` metadata entry.

    Args:
        bbox: extent of the file's geometries; omitted (it is optional) when None, e.g.
            for the files of a partitioned dataset.

    Returns:
        ``{"geo": <JSON>}``, to merge into the schema or file metadata.

    """
    column: dict[str, Any] = {
        "encoding": "WKB",
        "geometry_types": ["Point"],
        "covering": {
            "bbox": {
                "xmin": [BBOX_COLUMN, "xmin"],
                "ymin": [BBOX_COLUMN, "ymin"],
                "xmax": [BBOX_COLUMN, "xmax"],
                "ymax": [BBOX_COLUMN, "ymax"],
            }
        },
    }
    if bbox is not None:
        column["bbox"] = list(bbox)
    document = {
        "version": GEOPARQUET_VERSION,
        "primary_column": GEOMETRY_COLUMN,
        "columns": {GEOMETRY_COLUMN: column},
    }
    return {"geo": json.dumps(document)}
