from __future__ import annotations

import json
import struct

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from acled_fixtures import make_row, placed_row

from eventdata import read_parquet, to_parquet
from eventdata.io.geo import (
    DerivedColumnClash,
    add_geometry,
    bbox_of,
    derived_columns,
    geo_metadata,
    merge_bbox,
    strip_geometry,
)


def _coords(lat: list[float | None], lon: list[float | None]) -> pa.Table:
    return pa.table(
        {"latitude": pa.array(lat, pa.float64()), "longitude": pa.array(lon, pa.float64())}
    )


def test_geometry_is_little_endian_wkb_point_x_lon_y_lat():
    table = add_geometry(_coords([33.3128], [44.3615]))

    wkb = table.column("geometry")[0].as_py()

    assert wkb == struct.pack("<BIdd", 1, 1, 44.3615, 33.3128)


def test_bbox_covering_column_equals_the_point():
    table = add_geometry(_coords([10.5, -1.25], [49.75, 41.0]))

    boxes = table.column("bbox").to_pylist()

    assert boxes == [
        {"xmin": 49.75, "ymin": 10.5, "xmax": 49.75, "ymax": 10.5},
        {"xmin": 41.0, "ymin": -1.25, "xmax": 41.0, "ymax": -1.25},
    ]


def test_missing_coordinates_give_null_geometry_and_bbox():
    table = add_geometry(_coords([1.0, None, 3.0], [2.0, 5.0, None]))

    assert table.column("geometry").null_count == 2
    assert table.column("bbox").to_pylist()[1:] == [None, None]
    assert bbox_of(table) == (2.0, 1.0, 2.0, 1.0)


def test_add_geometry_replaces_stale_columns_and_strip_removes_them():
    once = add_geometry(_coords([1.0], [2.0]))

    twice = add_geometry(once)

    assert twice.column_names == ["latitude", "longitude", "geometry", "bbox"]
    assert strip_geometry(twice).column_names == ["latitude", "longitude"]


@pytest.mark.parametrize(
    ("a", "b", "merged"),
    [
        (None, None, None),
        ((0.0, 0.0, 1.0, 1.0), None, (0.0, 0.0, 1.0, 1.0)),
        ((0.0, 0.0, 1.0, 1.0), (-1.0, 0.5, 0.5, 2.0), (-1.0, 0.0, 1.0, 2.0)),
    ],
)
def test_merge_bbox(a, b, merged):
    assert merge_bbox(a, b) == merged


def test_geo_metadata_follows_geoparquet_1_1():
    document = json.loads(geo_metadata((41.0, -1.6, 51.5, 11.9))["geo"])

    column = document["columns"]["geometry"]
    assert document["version"] == "1.1.0"
    assert document["primary_column"] == "geometry"
    assert column["encoding"] == "WKB"
    assert column["geometry_types"] == ["Point"]
    assert "crs" not in column  # omitted means OGC:CRS84, ACLED's lon/lat on WGS84
    assert column["bbox"] == [41.0, -1.6, 51.5, 11.9]
    assert column["covering"]["bbox"]["xmin"] == ["bbox", "xmin"]


def _rows() -> list[dict[str, str]]:
    return [
        make_row(),
        placed_row("Mogadishu", event_id_cnty="SOM1"),
    ]


def test_written_file_reads_with_geopandas_and_points_equal_coordinates(tmp_path):
    gpd = pytest.importorskip("geopandas")
    path = tmp_path / "events.parquet"
    to_parquet(pa.Table.from_pylist(_rows()), path)

    frame = gpd.read_parquet(path)

    assert frame.crs.to_string() == "OGC:CRS84"
    assert list(frame.geometry.x) == [44.396, 45.3182]
    assert list(frame.geometry.y) == [33.299, 2.0469]
    assert list(frame.geometry.x) == list(frame["longitude"])


def test_file_bbox_is_the_extent_and_read_parquet_drops_derived_columns(tmp_path):
    path = tmp_path / "events.parquet"
    to_parquet(pa.Table.from_pylist(_rows()), path)

    document = json.loads(pq.read_metadata(path).metadata[b"geo"])
    plain = read_parquet(path)
    with_geo = read_parquet(path, geometry=True)

    assert document["columns"]["geometry"]["bbox"] == [44.396, 2.0469, 45.3182, 33.299]
    assert "geometry" not in plain.columns and "bbox" not in plain.columns
    assert list(with_geo.columns[-2:]) == ["geometry", "bbox"]


def test_geo_false_writes_plain_parquet(tmp_path):
    path = tmp_path / "events.parquet"

    to_parquet(pa.Table.from_pylist(_rows()), path, geo=False)

    assert b"geo" not in pq.read_metadata(path).metadata
    assert "geometry" not in pq.read_schema(path).names


def test_geopandas_bbox_filter_uses_the_covering_column(tmp_path):
    gpd = pytest.importorskip("geopandas")
    path = tmp_path / "events.parquet"
    to_parquet(pa.Table.from_pylist(_rows()), path)

    frame = gpd.read_parquet(path, bbox=(45.0, 2.0, 45.5, 2.1))

    assert frame["event_id_cnty"].tolist() == ["SOM1"]


def test_strip_geometry_keeps_columns_the_geo_metadata_does_not_declare():
    table = _coords([1.0], [2.0]).append_column("geometry", pa.array(["POINT (2 1)"]))

    stripped = strip_geometry(table)

    assert stripped.column_names == ["latitude", "longitude", "geometry"]


def test_derived_columns_are_the_primary_column_and_its_covering_bbox(tmp_path):
    path = tmp_path / "events.parquet"
    to_parquet(pa.Table.from_pylist([make_row(bbox="mine")]), path, geo=False)
    plain = pq.read_schema(path)
    to_parquet(pa.Table.from_pylist([make_row()]), path)

    declared = derived_columns(pq.read_schema(path))

    assert declared == ["geometry", "bbox"]
    assert derived_columns(plain) == []


def test_add_geometry_refuses_an_input_column_named_bbox():
    table = _coords([1.0], [2.0]).append_column("bbox", pa.array(["1,2,1,2"]))

    with pytest.raises(DerivedColumnClash, match="'bbox'.*geo=False"):
        add_geometry(table)
