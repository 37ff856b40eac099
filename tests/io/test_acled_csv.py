from __future__ import annotations

import csv
import io

import pandas as pd
import pyarrow as pa
import pytest
from acled_fixtures import (
    CURRENT_FILES,
    LEGACY_FILES,
    PRE2023_FILES,
    make_row,
    read_rows,
    shared_file,
)

from eventdata import ACLED_COLUMNS, read_parquet, to_parquet, validate, write_acled
from eventdata.io.readers import read_raw
from eventdata.pipeline.acled_csv import acled_text_table
from eventdata.schema.arrow import conform
from eventdata.synthetic import generate_events
from eventdata.validation.parse import parse
from eventdata.vocabulary.pre2023 import PRE2023_COLUMNS


def _canonical(rows: list[dict[str, str]]) -> pa.Table:
    return conform(parse(read_raw(pa.Table.from_pylist(rows))).table())


def _read(path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_current_dialect_writes_acled_text(tmp_path):
    row = make_row(assoc_actor_1="A; B", tags="crowd size=no report", admin3="")
    path = tmp_path / "out.csv"

    count = write_acled(_canonical([row]), path)

    (written,) = _read(path)
    assert count.rows_written == 1
    assert count.path == path
    assert list(written) == list(ACLED_COLUMNS)
    assert written["event_date"] == "2021-07-06"
    assert written["inter1"] == "External/Other forces"
    assert written["assoc_actor_1"] == "A; B"
    assert written["source"] == "AFP; Reuters"
    assert written["latitude"] == "33.299" and written["longitude"] == "44.396"
    assert written["admin3"] == "" and written["tags"] == "crowd size=no report"
    assert written["notes"] == row["notes"]


def test_blanks_are_unquoted_empty_fields_and_text_with_newlines_is_quoted(tmp_path):
    path = tmp_path / "out.csv"

    write_acled(_canonical([make_row(notes='a, b\n"c"')]), path)

    text = path.read_text()
    assert ",," in text  # admin3 / civilian_targeting blank
    assert '"a, b\n""c"""' in text
    assert _read(path)[0]["notes"] == 'a, b\n"c"'


@pytest.mark.parametrize(
    ("date_format", "expected"),
    [("iso", "2021-07-06"), ("export-tool", "06 July 2021"), ("%d/%m/%Y", "06/07/2021")],
)
def test_date_formats(tmp_path, date_format, expected):
    path = tmp_path / "out.csv"

    write_acled(_canonical([make_row()]), path, date_format=date_format)

    assert _read(path)[0]["event_date"] == expected


def test_pre2023_dialect_writes_old_header_and_numeric_codes(tmp_path):
    rows = [
        {**make_row(), "data_id": "7001", "event_id_no_cnty": "90001", "iso3": "IRQ"},
        {
            **make_row(
                event_id_cnty="IRQ2", actor2="", inter2="", interaction="External/Other forces only"
            ),
            "data_id": "7002",
            "event_id_no_cnty": "2",
            "iso3": "IRQ",
        },
    ]
    path = tmp_path / "out.csv"

    write_acled(_canonical(rows), path, dialect="pre2023")

    written = _read(path)
    assert list(written[0]) == list(PRE2023_COLUMNS)
    assert [w["inter1"] for w in written] == ["8", "8"]
    assert [w["inter2"] for w in written] == ["3", "0"]
    assert [w["interaction"] for w in written] == ["38", "80"]
    assert written[0]["data_id"] == "7001" and written[0]["iso3"] == "IRQ"


def test_pre2023_warns_about_columns_it_cannot_hold(tmp_path):
    events = generate_events(40, seed=1)  # five of them target civilians
    assert "Civilian targeting" in events.column("civilian_targeting").to_pylist()

    with pytest.warns(UserWarning, match="no column.s. civilian_targeting"):
        write_acled(events, tmp_path / "out.csv", dialect="pre2023")

    assert list(_read(tmp_path / "out.csv")[0]) == list(PRE2023_COLUMNS)


def test_extra_columns_follow_and_derived_geometry_is_not_written(tmp_path):
    rows = [{**make_row(), "population_best": "1200"}]
    to_parquet(pa.Table.from_pylist(rows), tmp_path / "in.parquet")
    frame = read_parquet(tmp_path / "in.parquet", geometry=True)

    write_acled(frame, tmp_path / "out.csv")

    written = _read(tmp_path / "out.csv")[0]
    assert list(written)[-1] == "population_best" and written["population_best"] == "1200"
    assert "geometry" not in written and "bbox" not in written


@pytest.mark.parametrize("source", ["csv", "parquet", "frame", "text_table"])
def test_every_input_kind_gives_the_same_csv(tmp_path, source):
    rows = [make_row(), make_row(event_id_cnty="IRQ2", fatalities="3")]
    csv_path = tmp_path / "in.csv"
    with open(csv_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    to_parquet(csv_path, tmp_path / "in.parquet")
    data = {
        "csv": csv_path,
        "parquet": tmp_path / "in.parquet",
        "frame": read_parquet(tmp_path / "in.parquet"),
        "text_table": pa.Table.from_pylist(rows),
    }[source]

    write_acled(data, tmp_path / "out.csv")

    assert _read(tmp_path / "out.csv") == [
        {**r, "latitude": "33.299", "longitude": "44.396"} for r in rows
    ]


def test_unknown_dialect_is_refused(tmp_path):
    with pytest.raises(ValueError, match="dialect"):
        acled_text_table(_canonical([make_row()]), dialect="v6")  # type: ignore[arg-type]


def test_output_is_atomic_on_error(tmp_path):
    with pytest.raises(ValueError):
        write_acled(_canonical([make_row()]), tmp_path / "out.csv", dialect="v6")  # type: ignore[arg-type]

    assert list(tmp_path.iterdir()) == []


def test_csv_module_reads_what_was_written(tmp_path):
    path = tmp_path / "out.csv"
    write_acled(_canonical([make_row()]), path)

    rows = list(csv.reader(io.StringIO(path.read_text())))

    assert len(rows) == 2 and len(rows[0]) == 31


# --------------------------------------------------------------------------- plain frames

PANDAS_READABLE = [*CURRENT_FILES, *PRE2023_FILES, *LEGACY_FILES]
PANDAS_READABLE.remove("exporttool_sample_2024-11.csv")  # its "(Sample)" preamble


def _zero_errors(path) -> int:
    return int(validate(str(path)).summary()["n_errors"])


@pytest.mark.parametrize("name", PANDAS_READABLE)
def test_write_acled_of_a_pandas_text_frame_revalidates(tmp_path, name):
    source = shared_file(name)
    out = tmp_path / "out.csv"

    written = write_acled(pd.read_csv(source, dtype=str, keep_default_na=False), out)

    assert written.rows_written == len(read_rows(source))
    assert _zero_errors(out) == 0


@pytest.mark.parametrize("name", PANDAS_READABLE)
def test_write_acled_of_a_plain_pd_read_csv_frame_revalidates(tmp_path, name):
    source = shared_file(name)
    out = tmp_path / "out.csv"

    written = write_acled(pd.read_csv(source), out)

    assert written.rows_written == len(read_rows(source))
    assert _zero_errors(out) == 0


def test_write_acled_of_somalia_keeps_the_all_blank_admin3(tmp_path):
    source = shared_file("somalia_2025-04_2026-03.csv")
    frame = pd.read_csv(source)
    out = tmp_path / "out.csv"

    write_acled(frame, out)

    assert frame["admin3"].dtype == "float64"
    assert {row["admin3"] for row in _read(out)} == {""}


def test_write_acled_of_a_pre2023_frame_maps_the_dialect(tmp_path):
    source = shared_file("afghanistan_2020-03_pre2023_exporttool.csv")
    out = tmp_path / "out.csv"

    write_acled(pd.read_csv(source), out)

    rows = _read(out)
    assert list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert rows[0]["disorder_type"] != ""


def test_write_acled_refuses_values_that_would_be_lost(tmp_path):
    frame = pd.DataFrame(
        [
            make_row(event_id_cnty="IRQ1"),
            make_row(event_id_cnty="IRQ2", fatalities="many", latitude="33,29"),
        ]
    )
    out = tmp_path / "out.csv"

    with pytest.raises(ValueError) as excinfo:
        write_acled(frame, out)

    message = str(excinfo.value)
    assert "fatalities: row 1 'many'" in message
    assert "latitude: row 1 '33,29'" in message
    assert "writing them as ACLED CSV would lose them" in message
    assert "eventdata.validate" in message and "read_table" not in message
    assert not out.exists()


def test_write_acled_of_a_read_parquet_frame_with_geometry_drops_only_derived_columns(tmp_path):
    parquet = tmp_path / "events.parquet"
    to_parquet(pa.Table.from_pylist([make_row()]), parquet)
    out = tmp_path / "out.csv"

    write_acled(read_parquet(parquet, geometry=True), out)

    assert list(_read(out)[0]) == list(ACLED_COLUMNS)
