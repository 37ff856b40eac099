from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from acled_fixtures import make_row, write_csv
from click.testing import CliRunner

from eventdata import SCHEMA_VERSION, SchemaVersionError, ValidationFailed, __version__
from eventdata._atomic import TEMP_MARKER
from eventdata.cli.app import cli
from eventdata.exceptions import InputError
from eventdata.io.parquet import read_parquet
from eventdata.io.readers import read_raw
from eventdata.io.writers import failures_path, invalid_path
from eventdata.models.event import ACLED_COLUMNS
from eventdata.pipeline.write import to_parquet
from eventdata.schema.arrow import arrow_schema


def _rows() -> list[dict[str, str]]:
    return [
        make_row(event_id_cnty="IRQ1"),
        make_row(event_id_cnty="IRQ2", fatalities="many"),  # error: type.fatalities
        make_row(event_id_cnty="IRQ3", latitude="0", longitude="0"),  # warning only
        make_row(event_id_cnty="IRQ4", time_precision="4"),  # error: range.time_precision
    ]


def _table(rows: list[dict[str, str]] | None = None) -> pa.Table:
    return pa.Table.from_pylist(rows or [make_row()])


def _meta(path) -> dict:
    return json.loads(pq.read_metadata(path).metadata[b"eventdata"])


def test_metadata_records_versions_dialect_rows_and_validation(tmp_path):
    path = tmp_path / "events.parquet"

    to_parquet(_table([make_row(event_id_cnty="IRQ1"), make_row(event_id_cnty="IRQ2")]), path)

    meta = _meta(path)
    assert meta["eventdata_version"] == __version__
    assert meta["schema_version"] == SCHEMA_VERSION
    assert meta["source_dialect"] == "current"
    assert meta["rows"] == 2
    assert meta["validation"]["ok"] is True
    assert meta["validation"]["counts"] == {}
    assert (
        pq.read_schema(path).metadata[b"eventdata"] == pq.read_metadata(path).metadata[b"eventdata"]
    )


def test_written_schema_is_canonical_plus_geometry(tmp_path):
    path = tmp_path / "events.parquet"

    to_parquet(_table(), path)

    schema = pq.read_schema(path)
    assert schema.names == [*ACLED_COLUMNS, "geometry", "bbox"]
    for field in arrow_schema():
        assert schema.field(field.name).type == field.type
    assert schema.field("notes").metadata[b"description"]


def test_round_trip_from_path_dataframe_and_table_agree(tmp_path):
    src = write_csv(
        tmp_path / "in.csv", [make_row(event_id_cnty="IRQ1"), make_row(event_id_cnty="IRQ2")]
    )

    to_parquet(src, tmp_path / "a.parquet")
    first = read_parquet(tmp_path / "a.parquet")
    to_parquet(first, tmp_path / "b.parquet")
    second = read_parquet(tmp_path / "b.parquet")

    pd.testing.assert_frame_equal(first, second)
    assert first.loc[0, "source"] == "AFP; Reuters"
    assert first.loc[0, "latitude"] == 33.299


def test_raise_policy_writes_nothing(tmp_path):
    path = tmp_path / "events.parquet"

    with pytest.raises(ValidationFailed, match="Nothing was written") as info:
        to_parquet(_table(_rows()), path)

    assert "IRQ2" in str(info.value) and "on_invalid='drop'" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_drop_policy_writes_valid_rows_and_saves_the_rest(tmp_path):
    path = tmp_path / "events.parquet"

    result = to_parquet(_table(_rows()), path, on_invalid="drop")

    kept = read_parquet(path)
    rejected = pq.read_table(invalid_path(path))
    failures = pq.read_table(failures_path(path)).to_pandas()
    assert kept["event_id_cnty"].tolist() == ["IRQ1", "IRQ3"]
    assert rejected.column("row").to_pylist() == [1, 3]
    assert rejected.column("fatalities").to_pylist() == ["many", "0"]  # original text kept
    assert set(zip(failures["row"], failures["rule"], strict=True)) == {
        (1, "type.fatalities"),
        (2, "coordinates.null_island"),
        (3, "range.time_precision"),
    }
    assert (result.rows_written, result.rows_invalid, result.rows_dropped) == (2, 2, 2)
    assert _meta(path)["validation"]["rows_dropped"] == 2


def test_keep_policy_writes_every_row_and_saves_invalid_text(tmp_path):
    path = tmp_path / "events.parquet"

    result = to_parquet(_table(_rows()), path, on_invalid="keep")

    kept = read_parquet(path)
    assert kept["event_id_cnty"].tolist() == ["IRQ1", "IRQ2", "IRQ3", "IRQ4"]
    assert kept["fatalities"].isna().tolist() == [False, True, False, False]
    assert pq.read_table(invalid_path(path)).column("row").to_pylist() == [1, 3]
    assert result.rows_written == 4 and result.rows_dropped == 0
    assert _meta(path)["validation"]["n_invalid"] == 2


def test_clean_rewrite_removes_stale_side_files(tmp_path):
    path = tmp_path / "events.parquet"
    to_parquet(_table(_rows()), path, on_invalid="drop")

    to_parquet(_table([make_row()]), path)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.parquet"]


def test_validate_false_skips_rules_but_still_parses(tmp_path):
    path = tmp_path / "events.parquet"

    result = to_parquet(_table(_rows()), path, validate=False)

    assert result.rows_written == 4
    assert _meta(path)["validation"] is None


def test_unknown_policy_is_refused(tmp_path):
    with pytest.raises(ValueError, match="on_invalid"):
        to_parquet(_table(), tmp_path / "x.parquet", on_invalid="ignore")  # type: ignore[arg-type]


def _versioned_file(tmp_path, version: str):
    path = tmp_path / f"v{version}.parquet"
    to_parquet(_table(), path)
    table = pq.read_table(path)
    meta = {**table.schema.metadata, b"eventdata": json.dumps({"schema_version": version}).encode()}
    pq.write_table(table.replace_schema_metadata(meta), path)
    return path


@pytest.mark.parametrize("version", ["2.0", "10.3"])
def test_newer_major_schema_is_refused(tmp_path, version):
    path = _versioned_file(tmp_path, version)

    with pytest.raises(SchemaVersionError, match=f"schema {version}.*Upgrade eventdata"):
        read_parquet(path)


@pytest.mark.parametrize("version", ["0.9", "1.0", "1.7"])
def test_same_or_older_major_schema_reads(tmp_path, version):
    path = _versioned_file(tmp_path, version)

    assert len(read_parquet(path)) == 1


COUNTRIES = [
    ("Cote d'Ivoire", "Western Africa", "384"),
    ("Red Sea", "Middle East", "0"),
    ("Bosnia and Herzegovina", "Europe", "70"),
    ("Guinea/Bissau 50%", "Western Africa", "624"),
]


def _partition_rows() -> list[dict[str, str]]:
    rows = []
    for i, (country, region, iso) in enumerate(COUNTRIES):
        for year in ("2023", "2024"):
            rows.append(
                make_row(
                    event_id_cnty=f"X{i}{year}",
                    country=country,
                    region=region,
                    iso=iso,
                    event_date=f"{year}-05-01",
                    year=year,
                )
            )
    return rows


def test_partitioned_dataset_round_trips_every_row_value_and_type(tmp_path):
    src = _table(_partition_rows())
    to_parquet(src, tmp_path / "flat.parquet")
    flat = read_parquet(tmp_path / "flat.parquet")

    to_parquet(src, tmp_path / "ds", partition_by=["year", "country"])
    back = read_parquet(tmp_path / "ds")

    back = back.sort_values("event_id_cnty").reset_index(drop=True)
    flat = flat.sort_values("event_id_cnty").reset_index(drop=True)
    pd.testing.assert_frame_equal(back, flat, check_categorical=False)
    assert list(back.columns) == list(ACLED_COLUMNS)
    assert back.dtypes.equals(flat.dtypes)


def test_partition_directories_are_percent_encoded(tmp_path):
    to_parquet(_table(_partition_rows()), tmp_path / "ds", partition_by=["year", "country"])

    names = sorted(p.name for p in (tmp_path / "ds" / "year=2024").iterdir())

    assert names == [
        "country=Bosnia%20and%20Herzegovina",
        "country=Cote%20d%27Ivoire",
        "country=Guinea%2FBissau%2050%25",
        "country=Red%20Sea",
    ]


def test_partition_files_carry_geo_and_eventdata_metadata(tmp_path):
    to_parquet(_table(_partition_rows()), tmp_path / "ds", partition_by=["year"])

    files = sorted((tmp_path / "ds").rglob("*.parquet"))
    meta = pq.read_metadata(files[0]).metadata

    assert len(files) == 2
    assert json.loads(meta[b"eventdata"])["partition_by"] == ["year"]
    assert json.loads(meta[b"geo"])["primary_column"] == "geometry"


def test_read_columns_and_filters(tmp_path):
    to_parquet(_table(_partition_rows()), tmp_path / "ds", partition_by=["year", "country"])

    frame = read_parquet(
        tmp_path / "ds",
        columns=["event_id_cnty", "country", "year"],
        filters=[("country", "=", "Cote d'Ivoire"), ("year", "=", 2024)],
    )

    assert frame.to_dict("list") == {
        "event_id_cnty": ["X02024"],
        "country": ["Cote d'Ivoire"],
        "year": [2024],
    }


def test_partition_by_unknown_column_is_reported_and_nothing_left(tmp_path):
    with pytest.raises(ValueError, match="unknown column"):
        to_parquet(_table(), tmp_path / "ds", partition_by=["province"])

    assert not any(TEMP_MARKER in p.name or p.name == "ds" for p in tmp_path.iterdir())


def test_extra_columns_survive(tmp_path):
    rows = [{**make_row(), "iso3": "IRQ", "population_best": "1200"}]
    path = tmp_path / "events.parquet"

    to_parquet(_table(rows), path)

    frame = read_parquet(path)
    assert list(frame.columns[-2:]) == ["iso3", "population_best"]
    assert frame.loc[0, "population_best"] == "1200"


def test_read_missing_path_is_an_input_error(tmp_path):
    from eventdata import InputError

    with pytest.raises(InputError, match="no such file"):
        read_parquet(tmp_path / "nope.parquet")


# --------------------------------------------------------------------------- review fixes


def _files(directory) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_failed_write_leaves_no_side_files_beside_the_previous_output(tmp_path):
    out = tmp_path / "out.parquet"
    to_parquet(_table([make_row(event_id_cnty="IRQ1")]), out)
    before = _files(tmp_path)

    with pytest.raises(Exception, match="bogus"):
        to_parquet(_table(_rows()), out, on_invalid="drop", compression="bogus")

    assert _files(tmp_path) == before
    assert not failures_path(out).exists()
    assert not invalid_path(out).exists()


def test_failed_write_keeps_the_previous_side_files(tmp_path):
    out = tmp_path / "out.parquet"
    to_parquet(_table(_rows()), out, on_invalid="drop")
    before = _files(tmp_path)
    clash = [make_row(event_id_cnty="IRQ9", fatalities="many") | {"geometry": "POINT (1 2)"}]

    with pytest.raises(ValueError, match="geometry"):
        to_parquet(_table(clash), out, on_invalid="drop")

    assert sorted(before) == ["out.failures.parquet", "out.invalid.parquet", "out.parquet"]
    assert _files(tmp_path) == before


def test_user_column_named_geometry_is_refused_with_how_to_fix(tmp_path):
    rows = [make_row() | {"geometry": "POINT (44.396 33.299)", "bbox": "44,33,45,34"}]

    with pytest.raises(ValueError) as excinfo:
        to_parquet(_table(rows), tmp_path / "out.parquet")

    message = str(excinfo.value)
    assert "'geometry', 'bbox'" in message
    assert "Rename" in message
    assert "geo=False" in message
    assert isinstance(excinfo.value, InputError)
    assert list(tmp_path.iterdir()) == []


def test_user_columns_named_geometry_and_bbox_survive_a_round_trip_without_geo(tmp_path):
    out = tmp_path / "out.parquet"
    rows = [make_row() | {"geometry": "POINT (44.396 33.299)", "bbox": "44,33,45,34"}]
    to_parquet(_table(rows), out, geo=False)

    raw = read_raw(out)
    frame = read_parquet(out)

    assert raw.table.column("geometry").to_pylist() == ["POINT (44.396 33.299)"]
    assert raw.table.column("bbox").to_pylist() == ["44,33,45,34"]
    assert frame["geometry"].tolist() == ["POINT (44.396 33.299)"]
    assert frame["bbox"].tolist() == ["44,33,45,34"]


def test_reading_drops_only_the_geometry_the_geo_metadata_declares(tmp_path):
    out = tmp_path / "out.parquet"
    to_parquet(_table([make_row()]), out)

    raw = read_raw(out)

    assert "geometry" not in raw.table.column_names
    assert "bbox" not in raw.table.column_names
    assert raw.dialect.notes == ["ignored derived column(s) geometry, bbox"]


def test_read_raw_of_a_directory_without_parquet_files_is_an_input_error(tmp_path):
    empty = tmp_path / "emptydir"
    empty.mkdir()
    (empty / "notes.txt").write_text("not data")

    with pytest.raises(InputError, match="no Parquet files in this directory"):
        read_raw(empty)


def test_cli_validate_of_an_empty_directory_exits_2(tmp_path):
    empty = tmp_path / "emptydir"
    empty.mkdir()

    result = CliRunner().invoke(cli, ["validate", str(empty)])

    assert result.exit_code == 2
    assert "no Parquet files in this directory" in result.output
    assert "columns.missing" not in result.output


def test_a_flat_directory_of_files_reads_as_their_rows_in_name_order(tmp_path):
    table = _table([make_row(event_id_cnty=f"IRQ{i}") for i in range(4)])
    (tmp_path / "dir").mkdir()
    to_parquet(table.slice(0, 2), tmp_path / "dir" / "part-0.parquet")
    to_parquet(table.slice(2), tmp_path / "dir" / "part-1.parquet")

    frame = read_parquet(tmp_path / "dir")

    assert frame["event_id_cnty"].tolist() == table.column("event_id_cnty").to_pylist()
    assert "part" not in frame.columns
