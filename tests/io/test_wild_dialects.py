"""Files as other people's tools save them: encodings, separators, headers, HXL, GED, Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from acled_fixtures import make_row, write_csv

from eventdata import (
    InputError,
    NotEventDataError,
    read_acled,
    read_parquet,
    to_parquet,
    validate,
    write_acled,
)


def _rows(n: int = 3, **changes: str) -> list[dict[str, str]]:
    return [make_row(event_id_cnty=f"IRQ{i}", **changes) for i in range(1, n + 1)]


# -- encodings and headers -------------------------------------------------------------


def test_acled_v6_style_file_reads_cp1252_uppercase_and_trailing_empty_columns(tmp_path):
    rows = _rows(actor1="Forces de Sécurité (Côte d’Ivoire)")
    path = write_csv(
        tmp_path / "v6.csv", rows, encoding="cp1252", upper=True, trailing_empty=7, crlf=True
    )

    report = validate(path)
    frame = read_acled(path)

    assert report.ok, report.format_text()
    assert report.dialect.encoding == "cp1252"
    assert any("case-insensitively" in note for note in report.dialect.notes)
    assert "dropped 7 unnamed empty column(s)" in report.dialect.notes
    assert list(frame.columns) == list(rows[0])
    assert frame["actor1"].iloc[0] == "Forces de Sécurité (Côte d’Ivoire)"


def test_a_later_non_utf8_line_switches_the_whole_file_to_cp1252(tmp_path):
    rows = _rows(2000)
    rows[-1]["notes"] = "Caf\u00e9"  # beyond the first 64 KiB
    path = write_csv(tmp_path / "late.csv", rows, encoding="cp1252")

    frame = read_acled(path)

    assert frame["notes"].iloc[-1] == "Caf\u00e9"


def test_an_explicit_encoding_is_used(tmp_path):
    path = write_csv(
        tmp_path / "latin.csv",
        _rows(actor1="Gendarmerie Nationale (Niger) \u00e9"),
        encoding="latin-1",
    )

    frame = read_acled(path, encoding="latin-1")

    assert frame["actor1"].iloc[0].endswith("\u00e9")


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_files_read(tmp_path, delimiter):
    path = write_csv(tmp_path / "sep.csv", _rows(), delimiter=delimiter)

    report = validate(path)

    assert report.ok, report.format_text()
    assert report.dialect.delimiter == delimiter
    assert report.n_rows == 3


def test_bom_and_yyyymmdd_dates(tmp_path):
    path = write_csv(tmp_path / "kenya.csv", _rows(event_date="20210106"), bom=True)

    report = validate(path)

    assert report.ok, report.format_text()
    assert report.dialect.bom
    assert report.dialect.date_format == "%Y%m%d"


# -- blank required text and the no-actor code ------------------------------------------


@pytest.mark.parametrize("column", ["country", "region", "location", "actor1"])
@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_required_text_is_an_error(tmp_path, column, blank):
    rows = _rows()
    rows[1][column] = blank
    path = write_csv(tmp_path / "blank.csv", rows)

    failures = validate(path).failures

    assert failures[["row", "rule"]].values.tolist() == [[1, f"not_empty.{column}"]]


def test_inter2_code_0_is_blank_exactly_when_actor2_is(tmp_path):
    numeric = {"inter1": "8", "interaction": "80", "actor2": "", "assoc_actor_2": ""}
    rows = [make_row(event_id_cnty="IRQ1", inter2="0", **numeric)]
    rows.append(make_row(event_id_cnty="IRQ2", inter1="8", inter2="3", interaction="38"))
    path = write_csv(tmp_path / "numeric.csv", rows)

    frame = read_acled(path)
    to_parquet(path, tmp_path / "e.parquet")
    write_acled(path, tmp_path / "back.csv")

    assert frame["inter2"].isna().tolist() == [True, False]
    assert read_parquet(tmp_path / "e.parquet")["inter2"].isna().tolist() == [True, False]
    back = list(csv.DictReader(io.StringIO((tmp_path / "back.csv").read_text())))
    assert [r["inter2"] for r in back] == ["", "Political militia"]


def test_inter2_code_0_with_a_named_actor2_is_reported(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [make_row(inter1="8", inter2="0", interaction="80")])

    assert "actor2.inter2" in validate(path).failures["rule"].tolist()


# -- tables that are not events ----------------------------------------------------------


AGGREGATES = {
    "hdx_country_month.csv": "Country,Month,Year,Events,Fatalities\nKenya,January,2021,50,12\n",
    "hdx_hapi.csv": (
        "location_code,admin1_name,event_type,events,fatalities,reference_period_start,"
        "reference_period_end\nKEN,Nairobi,political_violence,3,1,2024-01-01,2024-01-31\n"
    ),
}


@pytest.mark.parametrize("name", list(AGGREGATES))
def test_aggregate_tables_are_refused_saying_what_they_look_like(tmp_path, name):
    path = tmp_path / name
    path.write_text(AGGREGATES[name])

    with pytest.raises(NotEventDataError, match="aggregate table") as caught:
        validate(path)
    with pytest.raises(NotEventDataError):
        read_acled(path)

    assert name in str(caught.value)


# -- UCDP GED as HDX and older releases publish it --------------------------------------

GED_HEADER = (
    "id,year,active_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,"
    "dyad_name,side_a_new_id,side_a,side_b_new_id,side_b,number_of_sources,source_article,"
    "source_office,source_date,source_headline,source_original,where_prec,where_coordinates,"
    "adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,iso3,country_id,region,"
    "event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,"
    "deaths_unknown,best,high,low,gwnoa,gwnob"
)
GED_ROW = (
    "147997,2014,1,1,13219,Ukraine: Government,14085,Government of Ukraine - Maidan,61,"
    'Government of Ukraine,5817,Maidan,5,"AFP,2014-01-22",AFP,2014-01-22,Police disperse,'
    "Maidan,1,Kiev city,Kiev city,,50.45,30.52333,POINT (30.52333 50.45),202022,Ukraine,UKR,"
    "369.0,Europe,1,1,2014-01-22 00:00:00.000,2014-01-22 00:00:00.000,0,5,0,0,5,5,5,369.0,"
)


def _hxl_row() -> str:
    cells = ["" for _ in GED_HEADER.split(",")]
    cells[1], cells[9], cells[22] = "#date+year", "#group+name+first", "#geo+lat"
    return ",".join(cells)


def test_an_older_ged_layout_from_hdx_reads_and_validates(tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text(f"{GED_HEADER}\r\n{_hxl_row()}\r\n{GED_ROW}\r\n")

    report = validate(path)

    assert report.dialect.name == "ucdp-ged"
    assert report.dialect.hxl
    assert report.dialect.date_format == "iso-datetime"
    assert report.ok, report.format_text()
    assert report.valid["date_start"].iloc[0] == pd.Timestamp("2014-01-22")
    assert report.valid["country_id"].iloc[0] == 369


def test_read_acled_refuses_ged_naming_the_readers_that_take_it(tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text(f"{GED_HEADER}\n{GED_ROW}\n")

    with pytest.raises(InputError, match=r"UCDP GED.*read_ged\(\).*ged_to_acled\(\)"):
        read_acled(path)


def test_ged_converts_to_a_typed_parquet_file(tmp_path):
    path = tmp_path / "ged.csv"
    path.write_text(f"{GED_HEADER}\n{GED_ROW}\n")

    to_parquet(path, tmp_path / "ged.parquet")

    table = pq.read_table(tmp_path / "ged.parquet")
    assert table.column("best").to_pylist() == [5]
    assert table.column("gwnoa").to_pylist() == [[369]]
    assert validate(tmp_path / "ged.parquet").dialect.name == "ucdp-ged"


# -- spreadsheets ------------------------------------------------------------------------


def test_excel_workbooks_read_like_csv(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    rows = _rows(2)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        values: list[object] = list(row.values())
        values[1] = dt.datetime(2021, 7, 6)  # a real date cell
        values[2] = 2021  # numbers are floats in Excel
        sheet.append(values)
    book.save(tmp_path / "export.xlsx")

    report = validate(tmp_path / "export.xlsx")

    assert report.ok, report.format_text()
    assert report.dialect.format == "excel"
    assert report.valid["event_date"].tolist()[0].isoformat()[:10] == "2021-07-06"


def test_to_parquet_refuses_a_csv_name_and_its_own_input(tmp_path):
    path = write_csv(tmp_path / "a.csv", _rows())

    with pytest.raises(InputError, match="writes Parquet"):
        to_parquet(path, tmp_path / "x.csv")
    with pytest.raises(InputError, match="both the input and the output"):
        to_parquet(path, path)
    assert Path(path).read_text().startswith("event_id_cnty")
