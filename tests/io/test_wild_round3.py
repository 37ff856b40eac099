"""Files as they are found in other people's repositories: GeoJSON, blank markers, two date
styles in one column, aggregates, cut-off downloads, workbooks with several sheets."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventdata import InputError, NotEventDataError, convert, read_acled, validate, write_acled
from eventdata.cli.app import cli
from eventdata.exceptions import CutRecordWarning, MixedDateOrder
from eventdata.io.formats import FORMATS, input_format, output_format
from eventdata.io.readers import read_raw
from eventdata.models.dates import decide_style, parse_with
from eventdata.synthetic import generate_events


def _original(tmp_path: Path, n: int = 40, seed: int = 3) -> Path:
    path = tmp_path / "original.csv"
    write_acled(generate_events(n, seed=seed), path)
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _write_rows(path: Path, rows: list[dict[str, str]], names: list[str] | None = None) -> Path:
    names = names or list(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
    return path


# -- the table of formats ------------------------------------------------------------------


def test_every_format_has_a_reader_and_one_row_per_suffix() -> None:
    suffixes = [s for f in FORMATS for s in f.suffixes]

    assert len(suffixes) == len(set(suffixes))
    assert {f.name for f in FORMATS} >= {"csv", "json", "jsonl", "geojson", "parquet", "excel"}
    assert output_format("out.parquet").name == "parquet"  # type: ignore[union-attr]
    assert output_format("out.geojson") is None  # read, not written


def test_formats_are_sniffed_where_the_suffix_does_not_settle_it(tmp_path: Path) -> None:
    collection = tmp_path / "events.json"
    collection.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    records = tmp_path / "records.json"
    records.write_text("[]")
    parquet = tmp_path / "events"
    pq.write_table(pa.table({"a": [1]}), parquet)

    assert input_format(collection).name == "geojson"
    assert input_format(records).name == "json"
    assert input_format(parquet).name == "parquet"
    with pytest.raises(InputError, match=r"unknown file type '\.docx'.*\.geojson"):
        input_format(tmp_path / "notes.docx")


# -- GeoJSON -------------------------------------------------------------------------------


def _features(rows: list[dict[str, str]], *, upper: bool, geometry: str) -> dict[str, object]:
    features = []
    for row in rows:
        properties: dict[str, object] = {(k.upper() if upper else k): v for k, v in row.items()}
        lat, lon = float(row["latitude"]), float(row["longitude"])
        if geometry == "point":
            properties.pop("LATITUDE" if upper else "latitude")
            properties.pop("LONGITUDE" if upper else "longitude")
            shape: object = {"type": "Point", "coordinates": [lon, lat]}
        else:
            shape = None
        features.append({"type": "Feature", "geometry": shape, "properties": properties})
    return {"type": "FeatureCollection", "features": features}


@pytest.mark.parametrize(
    ("name", "upper", "geometry"),
    [
        ("events.geojson", True, "point"),
        ("events.geojson", False, "null"),
        ("events.json", True, "null"),
    ],
)
def test_geojson_reads_as_the_csv_it_came_from(
    tmp_path: Path, name: str, upper: bool, geometry: str
) -> None:
    original = _original(tmp_path)
    path = tmp_path / name
    path.write_text(json.dumps(_features(_rows(original), upper=upper, geometry=geometry)))

    frame = read_acled(path)

    pd.testing.assert_frame_equal(frame, read_acled(original))
    assert validate(path).dialect.format == "geojson"


def test_ogr2ogr_geojson_with_typed_numbers_and_datetime_dates(tmp_path: Path) -> None:
    original = _original(tmp_path)
    rows = _rows(original)
    typed = []
    for row in rows:
        out: dict[str, object] = dict(row)
        for name in ("year", "fatalities", "time_precision", "geo_precision", "iso", "timestamp"):
            out[name] = float(row[name])  # ogr2ogr writes Real fields
        out["event_date"] = row["event_date"] + "T00:00:00"
        typed.append(out)
    document = _features(typed, upper=False, geometry="point")  # type: ignore[arg-type]
    path = tmp_path / "ogr.geojson"
    path.write_text(json.dumps(document))

    pd.testing.assert_frame_equal(read_acled(path), read_acled(original))


def test_geojson_point_and_properties_that_disagree_are_refused(tmp_path: Path) -> None:
    rows = _rows(_original(tmp_path, n=3))
    document = _features(rows, upper=False, geometry="null")
    feature = document["features"][1]  # type: ignore[index]
    feature["geometry"] = {"type": "Point", "coordinates": [10.0, 10.0]}
    path = tmp_path / "clash.geojson"
    path.write_text(json.dumps(document))

    with pytest.raises(InputError, match=r"1 feature\(s\).*disagree.*feature 1"):
        validate(path)


def test_geojson_converts_on_the_command_line(tmp_path: Path) -> None:
    original = _original(tmp_path)
    path = tmp_path / "events.geojson"
    path.write_text(json.dumps(_features(_rows(original), upper=True, geometry="point")))

    result = CliRunner().invoke(cli, ["convert", str(path), str(tmp_path / "out.parquet")])

    assert result.exit_code == 0, result.output
    assert len(read_acled(tmp_path / "out.parquet")) == 40


# -- blank markers -------------------------------------------------------------------------


def test_r_write_csv_blanks_are_blank_and_real_names_are_kept(tmp_path: Path) -> None:
    rows = _rows(_original(tmp_path, n=5))
    rows[0]["admin3"] = "NA (Mohammedia)"
    path = tmp_path / "r.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(",".join(['""', *(f'"{n}"' for n in rows[0])]) + "\n")
        for number, row in enumerate(rows, start=1):
            cells = [f'"{number}"'] + [f'"{v}"' if v else "NA" for v in row.values()]
            fh.write(",".join(cells) + "\n")

    report = validate(path)
    frame = read_acled(path)

    assert report.dialect.blank_markers == ["NA"]
    assert frame["admin3"].iloc[0] == "NA (Mohammedia)"
    assert "NA" not in set(frame["actor2"].dropna())
    assert list(frame.columns[:1]) == ["event_id_cnty"]  # the row names are dropped
    assert report.ok == validate(_original(tmp_path, n=5)).ok


def test_a_quoted_na_is_text_but_an_unquoted_one_is_blank(tmp_path: Path) -> None:
    rows = _rows(_original(tmp_path, n=2))
    rows[0]["admin3"] = "NA"
    rows[1]["admin3"] = "@unquoted@"
    path = tmp_path / "quoted.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    path.write_text(path.read_text(encoding="utf-8").replace('"@unquoted@"', "NA"))

    frame = read_acled(path)

    assert frame["admin3"].tolist()[0] == "NA"
    assert pd.isna(frame["admin3"].tolist()[1])


def test_json_zero_and_null_blanks_in_text_columns(tmp_path: Path) -> None:
    original = _original(tmp_path)
    records: list[dict[str, object]] = []
    for row in _rows(original):
        record: dict[str, object] = {k.upper(): v for k, v in row.items()}
        for name in ("ACTOR2", "ASSOC_ACTOR_1", "ASSOC_ACTOR_2", "ADMIN3", "CIVILIAN_TARGETING"):
            if not row[name.lower()]:
                record[name] = 0
        for name in ("TAGS", "INTER2", "ADMIN2"):
            if not row[name.lower()]:
                record[name] = None
        records.append(record)
    path = tmp_path / "v6.json"
    path.write_text(json.dumps(records))

    raw = read_raw(path)

    pd.testing.assert_frame_equal(read_acled(path), read_acled(original))
    assert "0" in raw.dialect.blank_markers


def test_pandas_nan_text_is_blank(tmp_path: Path) -> None:
    original = _original(tmp_path)
    frame = pd.read_csv(original, dtype=str, keep_default_na=False)
    frame = frame.replace("", "nan")

    pd.testing.assert_frame_equal(read_acled(frame), read_acled(original))
    assert read_raw(frame).dialect.blank_markers == ["nan"]


# -- a column in two date styles -----------------------------------------------------------


def test_excel_swapped_dates_are_read_in_the_order_the_other_values_prove() -> None:
    values = ["42370", "42371", "30/01/2016", "2016/09/02"]

    decision = decide_style(values)

    assert parse_with(decision, "2016/09/02") == dt.date(2016, 2, 9)
    assert parse_with(decision, "30/01/2016") == dt.date(2016, 1, 30)
    assert parse_with(decision, "42370") == dt.date(2016, 1, 1)


def test_a_column_proving_both_orders_is_refused_naming_a_row_of_each(tmp_path: Path) -> None:
    rows = _rows(_original(tmp_path, n=6))
    dates = ["30/01/2016", "2016/09/25", "42370", "42371", "42372", "42373"]
    for row, date in zip(rows, dates, strict=True):
        row["event_date"], row["year"] = date, "2016"
    path = _write_rows(tmp_path / "mixed.csv", rows)

    with pytest.raises(InputError, match=r"'30/01/2016' \(row 0\).*'2016/09/25' \(row 1\)"):
        validate(path)
    with pytest.raises(MixedDateOrder):
        decide_style(["30/01/2016", "2016/09/25"])


# -- ACLED's own export of 2020 ------------------------------------------------------------


def test_the_2020_export_tool_file_is_one_warning_not_every_row_invalid(tmp_path: Path) -> None:
    pre = tmp_path / "pre.csv"
    write_acled(generate_events(30, seed=4), pre, dialect="pre2023")
    rows = _rows(pre)
    names = [n for n in rows[0] if n not in ("timestamp", "data_id", "iso3")]
    path = _write_rows(tmp_path / "tool.csv", [{n: r[n] for n in names} for r in rows], names)

    report = validate(path)

    assert len(names) == 28
    assert report.n_rows == len(report.valid) == 30
    assert report.counts() == {"columns.missing": 1}
    assert report.n_warnings == 1


def test_a_conversion_that_writes_no_row_does_not_exit_0(tmp_path: Path) -> None:
    rows = _rows(_original(tmp_path, n=3))
    for row in rows:
        row["event_type"] = "Picnic"
    path = _write_rows(tmp_path / "bad.csv", rows)

    result = CliRunner().invoke(
        cli, ["convert", str(path), str(tmp_path / "out.parquet"), "--on-invalid", "drop"]
    )

    assert result.exit_code != 0
    assert "none of its 3 rows was written" in result.output


# -- aggregates ----------------------------------------------------------------------------


def test_daily_sums_with_an_incidents_column_are_refused_as_aggregates(tmp_path: Path) -> None:
    path = tmp_path / "daily.csv"
    rows = [
        {"event_date": f"2024-01-{d:02d}", "admin1": a, "event_type": "Battles", "incidents": "3"}
        for d in range(1, 11)
        for a in ("Baghdad", "Basra")
    ]
    _write_rows(path, rows)

    for call in (validate, read_acled):
        with pytest.raises(NotEventDataError, match="aggregate.*'incidents'"):
            call(path)
    result = CliRunner().invoke(cli, ["describe", str(path)])
    assert result.exit_code == 2 and "aggregate" in result.output


def test_weekly_aggregates_are_recognised_by_their_shape(tmp_path: Path) -> None:
    saturdays = [dt.date(2024, 1, 6) + dt.timedelta(weeks=w) for w in range(6)]
    rows = [
        {
            "event_date": day.isoformat(),
            "country": "Iraq",
            "admin1": admin1,
            "latitude": lat,
            "longitude": "44.4",
            "fatalities": "2",
        }
        for day in saturdays
        for admin1, lat in (("Baghdad", "33.3"), ("Basra", "30.5"))
        for _ in range(2)  # exact repeats
    ]
    path = _write_rows(tmp_path / "weekly.csv", rows)

    with pytest.raises(NotEventDataError, match="aggregate.*Saturday.*centroids.*repeated"):
        validate(path)


def test_events_without_ids_on_many_weekdays_are_not_aggregates(tmp_path: Path) -> None:
    rows = _rows(_original(tmp_path))
    for row in rows:
        del row["event_id_cnty"]
    path = _write_rows(tmp_path / "no_ids.csv", rows)

    assert validate(path).counts()["columns.missing"] == 1


# -- a file cut off mid-record -------------------------------------------------------------


def _record_lines(path: Path) -> list[int]:
    """The 1-based line where each data record of a CSV file starts."""
    starts = []
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        while True:
            line = reader.line_num + 1
            if next(reader, None) is None:
                return starts
            starts.append(line)


def _cut(tmp_path: Path, *, inside_quotes: bool) -> tuple[Path, Path, int]:
    original = _original(tmp_path, n=10)
    data = original.read_bytes()
    line = _record_lines(original)[-1]
    last = sum(len(x) for x in data.splitlines(keepends=True)[: line - 1])
    end = data.index(b'"', last) + 5 if inside_quotes else last + 40
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[:end])
    return original, cut, line


@pytest.mark.parametrize("inside_quotes", [False, True])
def test_a_cut_off_file_names_the_cause_and_line(tmp_path: Path, inside_quotes: bool) -> None:
    _original_path, cut, line = _cut(tmp_path, inside_quotes=inside_quotes)

    with pytest.raises(InputError, match=rf"last record \(line {line}\) is incomplete.*truncated"):
        validate(cut)


def test_a_cut_off_file_reads_its_complete_records_and_reports_the_cut_one(
    tmp_path: Path,
) -> None:
    original, cut, line = _cut(tmp_path, inside_quotes=False)

    report = validate(cut, on_truncated="invalid")
    with pytest.warns(CutRecordWarning, match=rf"last record \(line {line}\) is incomplete"):
        frame = read_acled(cut, on_truncated="invalid")

    assert report.n_rows == 10
    assert report.invalid["event_id_cnty"].tolist() == [_rows(original)[-1]["event_id_cnty"]]
    pd.testing.assert_frame_equal(frame.iloc[:9], read_acled(original).iloc[:9])
    assert any(f"line {line}" in note for note in report.dialect.notes)
    result = CliRunner().invoke(cli, ["validate", str(cut), "--on-truncated", "invalid"])
    assert result.exit_code == 1, result.output


def test_a_cut_off_json_lines_file_reads_its_complete_records(tmp_path: Path) -> None:
    rows = generate_events(5, seed=1).to_pylist()
    path = tmp_path / "cut.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows)[:-30])
    document = tmp_path / "cut.json"
    document.write_text(json.dumps(rows)[:-30])

    with pytest.raises(InputError, match=r"last record \(line 5\) is incomplete"):
        validate(path)
    with pytest.raises(InputError, match="ends inside its JSON document"):
        validate(document)
    report = validate(path, on_truncated="invalid")
    assert report.n_rows == 5
    assert report.invalid["event_id_cnty"].tolist() == [rows[-1]["event_id_cnty"]]


# -- workbooks -----------------------------------------------------------------------------


def _workbook(tmp_path: Path, original: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    book = openpyxl.Workbook()
    terms = book.active
    terms.title = "Terms of use"
    terms.append(["ACLED data are provided under these terms."])
    terms.append(["Cite ACLED when you use them."])
    data = book.create_sheet("Data")
    data.append(["Weekly events, downloaded 2024"])  # a title above the header
    rows = _rows(original)
    data.append(list(rows[0]))
    for row in rows:
        data.append(list(row.values()))
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


def test_the_sheet_holding_the_table_is_found_and_named(tmp_path: Path) -> None:
    original = _original(tmp_path)
    path = _workbook(tmp_path, original)

    raw = read_raw(path)

    assert raw.dialect.sheet == "Data"
    assert any("read sheet 'Data'" in note for note in raw.dialect.notes)
    pd.testing.assert_frame_equal(read_acled(path), read_acled(original))


def test_sheet_chooses_and_a_missing_sheet_is_named(tmp_path: Path) -> None:
    path = _workbook(tmp_path, _original(tmp_path))

    assert validate(path, sheet="Data").n_rows == 40
    assert validate(path, sheet=1).n_rows == 40
    with pytest.raises(InputError, match=r"no sheet 'Events'.*'Terms of use', 'Data'"):
        validate(path, sheet="Events")
    result = CliRunner().invoke(cli, ["validate", str(path), "--sheet", "Data"])
    assert result.exit_code == 0, result.output


# -- smaller -------------------------------------------------------------------------------


def test_shapefile_names_are_matched(tmp_path: Path) -> None:
    original = _original(tmp_path)
    rows = _rows(original)
    names = {n: n.upper()[:10] for n in rows[0]}
    names["assoc_actor_2"] = "ASSOC_AC_1"
    path = _write_rows(
        tmp_path / "dbf.csv",
        [{names[k]: v for k, v in r.items()} for r in rows],
        list(names.values()),
    )

    assert "GEO_PRECIS" in names.values() and "EVENT_ID_C" in names.values()
    pd.testing.assert_frame_equal(read_acled(path), read_acled(original))


def test_a_headerless_file_is_said_to_have_no_header(tmp_path: Path) -> None:
    original = _original(tmp_path)
    path = tmp_path / "headerless.csv"
    path.write_bytes(original.read_bytes().split(b"\n", 1)[1])

    with pytest.raises(InputError, match="has no header line"):
        validate(path)


def test_absent_required_text_columns_are_null(tmp_path: Path) -> None:
    rows = _rows(_original(tmp_path, n=4))
    names = [n for n in rows[0] if n not in ("region", "location")]
    path = _write_rows(
        tmp_path / "cut_columns.csv", [{n: r[n] for n in names} for r in rows], names
    )

    frame = read_acled(path)

    assert frame["region"].isna().all() and frame["location"].isna().all()


def test_legacy_spellings_acled_published_are_accepted(tmp_path: Path) -> None:
    rows = _rows(_original(tmp_path, n=4))
    rows[0]["source_scale"] = "Local"
    rows[1]["source_scale"] = "Other-Local"
    path = _write_rows(tmp_path / "scale.csv", rows)

    assert "vocabulary.source_scale" not in validate(path).counts()
    from eventdata.vocabulary.legacy import LEGACY_EVENT_TYPES

    assert "Battle-Non-state actors overtake territory" in LEGACY_EVENT_TYPES


def test_european_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    original = _original(tmp_path)
    frame = pd.read_csv(original, dtype=str, keep_default_na=False)
    for name in ("latitude", "longitude"):
        frame[name] = frame[name].str.replace(".", ",", regex=False)
    path = tmp_path / "eu.csv"
    frame.to_csv(path, sep=";", index=False)

    pd.testing.assert_frame_equal(read_acled(path), read_acled(original))


@pytest.mark.parametrize("inside_quotes", [False, True])
def test_a_streamed_convert_refuses_a_cut_off_file_as_validate_does(
    tmp_path: Path, inside_quotes: bool
) -> None:
    _original_path, cut, line = _cut(tmp_path, inside_quotes=inside_quotes)
    with pytest.raises(InputError) as whole:
        validate(cut)

    with pytest.raises(InputError) as streamed:
        convert(cut, tmp_path / "out.parquet")

    assert str(streamed.value) == str(whole.value)
    assert f"last record (line {line}) is incomplete" in str(streamed.value)
    assert not (tmp_path / "out.parquet").exists()


def test_a_cut_record_longer_than_the_tail_first_read_is_found(tmp_path: Path) -> None:
    original = _original(tmp_path, n=5)
    rows = _rows(original)
    rows[-1]["notes"] = "A report, " + "with a very long account of the day; " * 60_000
    whole = _write_rows(tmp_path / "long.csv", rows)
    data = whole.read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: data.index(b"very long account") + 2_000_000])  # inside the notes
    line = data.count(b"\n", 0, data.index(rows[-1]["event_id_cnty"].encode())) + 1

    with pytest.raises(InputError, match=rf"last record \(line {line}\) is incomplete: the file"):
        convert(cut, tmp_path / "out.parquet")


def test_the_cut_record_warning_points_at_the_callers_line_from_every_reader(
    tmp_path: Path,
) -> None:
    from dataset_fixtures import ged_row, write_ged

    from eventdata import ged_to_acled, read_ged

    ged = write_ged(tmp_path / "ged.csv", [ged_row(), ged_row(id="300381")])
    ged_cut = tmp_path / "ged_cut.csv"
    ged_cut.write_bytes(ged.read_bytes().rstrip(b"\r\n")[:-3])
    _original, acled_cut, _line = _cut(tmp_path, inside_quotes=False)

    with pytest.warns(CutRecordWarning) as seen:
        read_acled(acled_cut, on_truncated="invalid")
        read_ged(ged_cut, errors="coerce", on_truncated="invalid")
        ged_to_acled(ged_cut, on_truncated="invalid")

    assert [w.filename for w in seen] == [__file__] * 3


def test_a_package_named_like_eventdata_is_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _original, cut, _line = _cut(tmp_path, inside_quotes=False)
    helper = tmp_path / "eventdata_helpers"
    helper.mkdir()
    (helper / "__init__.py").write_text(
        "import eventdata\n\n"
        "def load(path):\n"
        "    return eventdata.read_acled(path, on_truncated='invalid')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import eventdata_helpers  # type: ignore[import-not-found]

    with pytest.warns(CutRecordWarning) as seen:
        eventdata_helpers.load(cut)

    assert [(w.filename, w.lineno) for w in seen] == [(str(helper / "__init__.py"), 4)]
