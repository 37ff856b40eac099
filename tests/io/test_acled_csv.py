from __future__ import annotations

import csv
import io

import pyarrow as pa
import pytest
from acled_fixtures import make_row

from eventdata.io.acled_csv import PRE2023_COLUMNS, acled_text_table, write_acled
from eventdata.io.arrow import conform
from eventdata.io.parquet import read_parquet, to_parquet
from eventdata.io.readers import read_raw
from eventdata.models.event import ACLED_COLUMNS
from eventdata.validation.engine import parse


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
    assert count == 1
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
    row = make_row(
        event_type="Violence against civilians",
        sub_event_type="Attack",
        disorder_type="Political violence",
        civilian_targeting="Civilian targeting",
        inter2="Civilians",
        actor2="Civilians (Iraq)",
        interaction="External/Other forces-Civilians",
    )

    with pytest.warns(UserWarning, match="civilian_targeting"):
        write_acled(_canonical([row]), tmp_path / "out.csv", dialect="pre2023")


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
