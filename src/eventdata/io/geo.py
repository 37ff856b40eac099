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

from eventdata.exceptions import DerivedColumnClash

__all__ = [
    "BBOX_COLUMN",
    "GEOMETRY_COLUMN",
    "GEOPARQUET_VERSION",
    "derived_by_type",
    "add_geometry",
    "DerivedColumnClash",
    "bbox_of",
    "check_no_clash",
    "derived_columns",
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

DERIVED_COLUMNS = (GEOMETRY_COLUMN, BBOX_COLUMN)

BBox = tuple[float, float, float, float]


def check_no_clash(names: list[str] | tuple[str, ...], /) -> None:
    """Refuse input columns named like the derived ``geometry``/``bbox`` columns.

    Args:
        names: the column names of the table to write with geometry.

    Raises:
        DerivedColumnClash: a column is named ``geometry`` or ``bbox``; the message says
            which and how to fix it (rename the column, or write without geometry).

    """
    clash = [name for name in DERIVED_COLUMNS if name in names]
    if clash:
        shown = ", ".join(repr(name) for name in clash)
        renames = ", ".join(f"{name!r}: '{name}_input'" for name in clash)
        raise DerivedColumnClash(
            f"the input has column(s) {shown}, the name(s) of the GeoParquet column(s) "
            "eventdata derives from longitude/latitude; writing both would lose the "
            f"input's values. Rename the column(s) (e.g. df.rename(columns={{{renames}}})), "
            "or pass geo=False to write without derived geometry (the column(s) are then "
            "kept as they are)."
        )


def derived_by_type(schema: pa.Schema, /) -> list[str]:
    """The derived columns of a file re-saved without its ``geo`` metadata, by type.

    pandas (``read_parquet`` then ``to_parquet``) keeps eventdata's ``geometry`` (WKB,
    ``binary``) and ``bbox`` (the covering struct) but drops the metadata that declares
    them; columns of those names with other types are the input's own.
    """
    found = []
    if GEOMETRY_COLUMN in schema.names and schema.field(GEOMETRY_COLUMN).type == pa.binary():
        found.append(GEOMETRY_COLUMN)
    if BBOX_COLUMN in schema.names and _is_bbox(schema.field(BBOX_COLUMN).type):
        found.append(BBOX_COLUMN)
    return [name for name in schema.names if name in found]


def _is_bbox(kind: pa.DataType) -> bool:
    """The covering struct, its fields in any order (older pandas sorts them by name)."""
    if not pa.types.is_struct(kind):
        return False
    fields = {kind.field(i).name: kind.field(i).type for i in range(kind.num_fields)}
    wanted = {BBOX_TYPE.field(i).name for i in range(BBOX_TYPE.num_fields)}
    return set(fields) == wanted and all(pa.types.is_floating(t) for t in fields.values())


def derived_columns(schema: pa.Schema, /) -> list[str]:
    """The derived geometry columns a schema's GeoParquet ``geo`` metadata declares.

    Only the ``primary_column`` and the column of its ``covering.bbox`` count; a column
    merely named ``geometry`` or ``bbox`` without such metadata is an ordinary column.

    Args:
        schema: a table or file schema (its metadata is read).

    Returns:
        The names, among ``schema.names``, in schema order.

    """
    raw = (schema.metadata or {}).get(b"geo")
    if raw is None:
        return []
    try:
        document = json.loads(raw)
    except ValueError:
        return []
    if not isinstance(document, dict):
        return []
    declared: set[str] = set()
    primary = document.get("primary_column")
    if isinstance(primary, str):
        declared.add(primary)
        columns = document.get("columns")
        column = columns.get(primary) if isinstance(columns, dict) else None
        covering = column.get("covering") if isinstance(column, dict) else None
        bbox = covering.get("bbox") if isinstance(covering, dict) else None
        if isinstance(bbox, dict):
            for path in bbox.values():
                if isinstance(path, list) and path and isinstance(path[0], str):
                    declared.add(path[0])
    return [name for name in schema.names if name in declared]


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
    """Append the ``geometry`` (WKB point) and ``bbox`` columns, replacing derived ones.

    Args:
        table: a table with ``latitude`` and ``longitude`` columns. Derived columns its
            ``geo`` metadata declares (e.g. from an earlier ``add_geometry``) are replaced.

    Returns:
        The table with ``geometry`` and ``bbox`` as its last two columns, and ``geo``
        metadata declaring them.

    Raises:
        DerivedColumnClash: the table has an ordinary column named ``geometry`` or ``bbox``.

    """
    table = strip_geometry(table)
    check_no_clash(table.column_names)
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
    table = table.append_column(
        pa.field(BBOX_COLUMN, BBOX_TYPE), pa.chunked_array(boxes, BBOX_TYPE)
    )
    metadata = dict(table.schema.metadata or {})
    metadata[b"geo"] = geo_metadata()["geo"].encode()
    return table.replace_schema_metadata(metadata)


def strip_geometry(table: pa.Table, /) -> pa.Table:
    """Drop the derived geometry columns the table's ``geo`` metadata declares.

    Columns named ``geometry`` or ``bbox`` that the metadata does not declare are the
    input's own and are kept; so is everything when there is no ``geo`` metadata.
    """
    derived = derived_columns(table.schema)
    if not derived:
        return table
    table = table.drop_columns(derived)
    metadata = {k: v for k, v in (table.schema.metadata or {}).items() if k != b"geo"}
    return table.replace_schema_metadata(metadata or None)


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
