"""The command line on files from the wild: date styles, encodings, GED, non-event tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import Run, acled_row, write_acled_csv


def _dated(tmp_path: Path, *dates: str, year: str = "2019") -> Path:
    rows = [acled_row(i, event_date=d, year=year) for i, d in enumerate(dates, start=1)]
    return write_acled_csv(tmp_path / "dated.csv", rows)


@pytest.mark.parametrize("command", ["validate", "describe"])
def test_an_ambiguous_date_column_exits_2_naming_the_option(tmp_path, run_cli: Run, command):
    path = _dated(tmp_path, "03-04-19", "05-06-19")

    result = run_cli(command, path)

    assert result.returncode == 2
    assert "--date-format" in result.stderr
    assert "Traceback" not in result.stderr


def test_date_format_settles_it_for_validate_and_convert(tmp_path, run_cli: Run):
    path = _dated(tmp_path, "03-04-19", "05-06-19")

    validated = run_cli("validate", path, "--date-format", "%m-%d-%y", "--format", "json")
    converted = run_cli("convert", path, tmp_path / "out.parquet", "--date-format", "%m-%d-%y")

    assert validated.returncode == 0, validated.stderr
    assert json.loads(validated.stdout)["dialect_details"].endswith("%m-%d-%y dates")
    assert converted.returncode == 0, converted.stderr
    dates = pq.read_table(tmp_path / "out.parquet").column("event_date").to_pylist()
    assert [d.isoformat() for d in dates] == ["2019-03-04", "2019-05-06"]


def test_day_first_dates_are_described_in_the_right_year(tmp_path, run_cli: Run):
    path = _dated(tmp_path, "31-12-19", "03-04-19")

    result = run_cli("describe", path, "--format", "json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["date_range"] == ["2019-04-03", "2019-12-31"]


def test_an_unknown_date_format_is_bad_usage(tmp_path, run_cli: Run):
    path = _dated(tmp_path, "2019-12-31")

    result = run_cli("validate", path, "--date-format", "dd/mm")

    assert result.returncode == 2
    assert "unknown date format 'dd/mm'" in result.stderr


def test_encoding_option_reads_a_latin1_file(tmp_path, run_cli: Run):
    path = tmp_path / "latin1.csv"
    text = write_acled_csv(tmp_path / "u.csv", [acled_row(1, location="Baghdad \u00e9")])
    path.write_bytes(text.read_text(encoding="utf-8").encode("latin-1"))

    result = run_cli("describe", path, "--encoding", "latin-1", "--format", "json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["dialect_details"] == "current CSV, latin-1"


def test_an_aggregate_table_is_refused_with_exit_2(tmp_path, run_cli: Run):
    path = tmp_path / "country_month.csv"
    path.write_text("Country,Month,Year,Events,Fatalities\nKenya,January,2021,50,12\n")

    for command in ("validate", "describe", "convert"):
        args = [command, path] + ([tmp_path / "x.parquet"] if command == "convert" else [])
        result = run_cli(*args)
        assert result.returncode == 2, (command, result.stderr)
        assert "aggregate table" in result.stderr
    assert not (tmp_path / "x.parquet").exists()


def test_describe_gives_no_fatalities_for_a_file_without_the_column(tmp_path, run_cli: Run):
    rows = [acled_row(1), acled_row(2)]
    for row in rows:
        del row["fatalities"]
    path = tmp_path / "nofat.csv"
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    text = run_cli("describe", path)
    document = json.loads(run_cli("describe", path, "--format", "json").stdout)

    assert "fatalities  none: the input has no fatalities column" in text.stdout
    assert document["fatalities"] is None
    assert "fatalities" in document["absent_columns"]


def test_convert_refuses_to_overwrite_its_input(tmp_path, run_cli: Run):
    path = write_acled_csv(tmp_path / "same.csv", [acled_row(1)])
    before = path.read_bytes()

    result = run_cli("convert", path, path)

    assert result.returncode == 2
    assert "both the input and the output" in result.stderr
    assert path.read_bytes() == before


def test_convert_writes_a_ged_file_as_ged(tmp_path, run_cli: Run, shared_data: Path):
    src = shared_data / "ucdp" / "ged231_iraq_syria.csv"

    result = run_cli("convert", src, tmp_path / "ged.parquet")

    assert result.returncode == 0, result.stderr
    table = pq.read_table(tmp_path / "ged.parquet")
    assert table.num_rows == 284
    assert {"type_of_violence", "side_a", "best", "geometry"} <= set(table.column_names)


@pytest.mark.parametrize(
    ("command", "exit_code"), [("validate", 1), ("describe", 0), ("convert", 1)]
)
def test_every_reading_command_hands_on_truncated_to_the_reader(
    tmp_path, run_cli: Run, command, exit_code
):
    whole = write_acled_csv(tmp_path / "whole.csv", [acled_row(i) for i in range(1, 4)])
    data = whole.read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: data.rindex(b"\n", 0, len(data) - 1) + 40])  # the last row cut off
    out = [tmp_path / "out.parquet"] if command == "convert" else []

    refused = run_cli(command, cut, *out)
    read = run_cli(command, cut, *out, "--on-truncated", "invalid")

    assert refused.returncode == 2, refused.stderr
    assert read.returncode == exit_code, read.stderr
    assert "Traceback" not in read.stderr
