"""Every dialect read from a small fixture the tests write themselves."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from acled_fixtures import make_row, write_csv

from eventdata import InputError, MissingExtraError, read_acled, validate
from eventdata.io.readers import read_raw

PRE2023_HEADER = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,"
    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,timestamp,iso3"
).split(",")


def _rows(n: int = 3, **overrides: str) -> list[dict[str, str]]:
    return [make_row(event_id_cnty=f"IRQ{100 + i}", **overrides) for i in range(n)]


def _pre2023(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for i, row in enumerate(rows):
        legacy = {
            **row,
            "data_id": str(7000 + i),
            "event_id_no_cnty": row["event_id_cnty"][3:],
            "iso3": "IRQ",
            "inter1": "8",
            "inter2": "3",
            "interaction": "38",
            "event_date": "06 July 2021",
        }
        out.append({name: legacy[name] for name in PRE2023_HEADER})
    return out


def _legacy(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    columns = sorted(
        [
            "actor1",
            "actor2",
            "admin1",
            "admin2",
            "admin3",
            "ally_actor_1",
            "ally_actor_2",
            "country",
            "data_id",
            "event_date",
            "event_id_cnty",
            "event_id_no_cnty",
            "event_type",
            "fatalities",
            "geo_precision",
            "gwno",
            "inter1",
            "inter2",
            "interaction",
            "latitude",
            "location",
            "longitude",
            "notes",
            "source",
            "time_precision",
            "year",
        ]
    )
    out = []
    for i, row in enumerate(rows):
        legacy = {
            **row,
            "ally_actor_1": "",
            "ally_actor_2": "",
            "gwno": "645",
            "data_id": str(i),
            "event_id_no_cnty": "",
            "event_type": "Remote violence",
            "inter1": "8",
            "inter2": "3",
            "interaction": "38",
        }
        out.append({"": str(i), **{c: legacy[c] for c in columns}})
    return out


def _fixture(tmp_path: Path, kind: str) -> Path:
    """Write three valid rows in the dialect ``kind``."""
    rows = _rows()
    options: dict[str, Any] = {}
    if kind == "api_numeric":
        rows = [{**r, "inter1": "8", "inter2": "3", "interaction": "38"} for r in rows]
    elif kind == "pre2023":
        rows = _pre2023(rows)
    elif kind == "export_tool":
        rows = [{**r, "event_date": "06 July 2021"} for r in rows]
        options = {"preamble": True}
    elif kind == "bom_crlf":
        options = {"bom": True, "crlf": True}
    elif kind == "hxl":
        options = {"hxl": ",".join("#event+code" if c == "event_id_cnty" else "" for c in rows[0])}
    elif kind == "legacy":
        rows = _legacy(rows)
    return write_csv(tmp_path / f"{kind}.csv", rows, **options)


@pytest.mark.parametrize(
    ("kind", "dialect", "details"),
    [
        ("current", "current", "current CSV"),
        ("api_numeric", "current-numeric", "current-numeric CSV"),
        ("pre2023", "pre2023", "pre2023 CSV, export-tool dates"),
        ("export_tool", "current", "current CSV, export-tool dates, (Sample) preamble"),
        ("bom_crlf", "current", "current CSV, BOM"),
        ("hxl", "current", "current CSV, HXL row"),
        ("legacy", "legacy", "legacy CSV"),
    ],
)
def test_each_csv_dialect_is_detected_and_validates(
    tmp_path: Path, kind: str, dialect: str, details: str
) -> None:
    path = _fixture(tmp_path, kind)

    report = validate(path)

    assert report.dialect.name == dialect
    assert report.dialect.describe() == details
    assert report.ok, report.format_text()
    assert report.n_rows == 3


@pytest.mark.parametrize(
    "kind", ["current", "api_numeric", "pre2023", "export_tool", "bom_crlf", "hxl"]
)
def test_read_acled_gives_canonical_columns_whatever_the_dialect(tmp_path: Path, kind: str) -> None:
    path = _fixture(tmp_path, kind)

    frame = read_acled(path)

    assert list(frame.columns[:31]) == list(make_row())
    assert frame["inter1"].astype(str).tolist() == ["External/Other forces"] * 3
    assert (
        frame["interaction"].astype(str).tolist() == ["Political militia-External/Other forces"] * 3
    )
    assert frame["event_date"].iloc[0] == pd.Timestamp("2021-07-06")
    assert frame["fatalities"].tolist() == [0, 0, 0]
    assert frame["latitude"].tolist() == [33.299] * 3
    assert frame["disorder_type"].astype(str).tolist() == ["Strategic developments"] * 3
    if kind == "pre2023":
        assert list(frame.columns[31:]) == ["data_id", "event_id_no_cnty", "iso3"]


def test_legacy_files_keep_their_event_types_and_invent_no_sub_event_types(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "v6.csv", _legacy(_rows()))

    raw = read_raw(path)
    frame = read_acled(path)

    assert "pandas index" in " ".join(raw.dialect.notes)
    assert "mapped ally_actor_1 -> assoc_actor_1" in raw.dialect.notes
    assert frame["event_type"].astype(str).tolist() == ["Remote violence"] * 3
    assert frame["sub_event_type"].isna().all() and frame["disorder_type"].isna().all()
    assert frame["gwno"].tolist() == ["645"] * 3


def test_hxl_tags_name_columns_that_use_other_headers(tmp_path: Path) -> None:
    rows = [{("Event ID" if k == "event_id_cnty" else k): v for k, v in r.items()} for r in _rows()]
    tags = ",".join("#event+code" if k == "Event ID" else "" for k in rows[0])
    path = write_csv(tmp_path / "hdx.csv", rows, hxl=tags, bom=True, crlf=True)

    report = validate(path)

    assert report.ok
    assert report.dialect.hxl and report.dialect.bom
    assert any("Event ID -> event_id_cnty" in note for note in report.dialect.notes)


def test_api_json_response_with_all_string_values(tmp_path: Path) -> None:
    document = {"success": True, "last_update": 1, "count": 3, "data": _rows()}
    path = tmp_path / "page1.json"
    path.write_text(json.dumps(document))

    report = validate(path)
    frame = read_acled(path)

    assert report.ok and report.dialect.format == "json"
    assert frame["iso"].tolist() == [368] * 3


def test_json_lines_and_typed_json_values(tmp_path: Path) -> None:
    rows = [{**r, "fatalities": 2, "latitude": 33.299, "year": 2021} for r in _rows()]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")

    frame = read_acled(path)

    assert frame["fatalities"].tolist() == [2, 2, 2]
    assert read_raw(path).dialect.format == "jsonl"


def test_parquet_and_in_memory_inputs_validate_the_same(tmp_path: Path) -> None:
    frame = pd.DataFrame(_rows(fatalities="x"))
    path = tmp_path / "plain.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)

    reports = [validate(frame), validate(pa.Table.from_pandas(frame)), validate(path)]

    assert [r.counts() for r in reports] == [{"type.fatalities": 3}] * 3


def test_unknown_columns_survive_reading(tmp_path: Path) -> None:
    rows = [{**r, "population_best": "1200", "my_note": "x, y"} for r in _rows()]
    path = write_csv(tmp_path / "extra.csv", rows)

    frame = read_acled(path)

    assert list(frame.columns[31:]) == ["population_best", "my_note"]
    assert frame["my_note"].tolist() == ["x, y"] * 3


def test_notes_with_quotes_commas_and_newlines_keep_row_numbers(tmp_path: Path) -> None:
    rows = _rows(5)
    rows[1]["notes"] = 'Line one, "quoted"\nline two\r\nline three'
    rows[3]["year"] = "1999"
    path = write_csv(tmp_path / "multiline.csv", rows)

    report = validate(path)
    frame = read_acled(path, errors="coerce")

    assert report.failures["row"].tolist() == [3]
    assert frame["notes"].iloc[1] == 'Line one, "quoted"\nline two\r\nline three'


@pytest.mark.parametrize(
    ("content", "suffix", "fragment"),
    [
        (b"\x00\x01\x02garbage\xff", ".csv", "NUL bytes"),
        (b"", ".csv", "no header"),
        (b"{not json", ".json", "is not valid JSON"),
        (b"PAR1garbage", ".parquet", "cannot be read"),
        (b"a,b\n1,2\n", ".xlsx", "spreadsheet"),  # unreadable, or the excel extra missing
        (b"a,b\n1,2\n", ".docx", "unknown file type"),
    ],
)
def test_unreadable_input_raises_input_error_naming_the_file(
    tmp_path: Path, content: bytes, suffix: str, fragment: str
) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    expected: type[Exception] = InputError
    if suffix == ".xlsx" and importlib.util.find_spec("python_calamine") is None:
        expected = MissingExtraError  # the excel extra is what is missing

    with pytest.raises(expected, match=fragment) as info:
        validate(path)

    assert str(path) in str(info.value)


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        validate(tmp_path / "nope.csv")


def test_read_acled_refuses_values_it_would_lose(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lossy.csv", _rows(fatalities="several"))

    with pytest.raises(
        InputError, match=r"(?s)fatalities: row 0 'several', row 1.*errors='coerce'"
    ):
        read_acled(path)
    assert read_acled(path, errors="coerce")["fatalities"].isna().all()


@pytest.mark.parametrize(
    ("content", "name", "fragment"),
    [
        (b"a,b,c\n1,2,3\n4,5\n", "short.csv", "different number of fields"),
        (b'{"a": 1}\n{"a": 2}\n', "lines.json", r"name it \.jsonl"),
    ],
)
def test_unreadable_files_say_where_and_how_to_fix(
    tmp_path: Path, content: bytes, name: str, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(InputError, match=fragment):
        validate(path)


def test_a_file_not_in_the_given_encoding_names_the_column_and_the_option(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"event_id_cnty,actor1\nIRQ1,Caf\xe9\n")

    with pytest.raises(InputError, match="not utf-8 text in column 'actor1'.*encoding="):
        validate(path, encoding="utf-8")


def test_read_keywords_are_the_fields_of_read_options() -> None:
    import dataclasses

    from eventdata.io.formats import ReadOptions
    from eventdata.io.readers import ReadKeywords

    fields = [f.name for f in dataclasses.fields(ReadOptions)]

    assert list(ReadKeywords.__annotations__) == fields


def test_read_raw_names_an_option_it_does_not_take() -> None:
    from eventdata.io.readers import read_raw

    with pytest.raises(TypeError, match="read_raw\\(\\) takes no option delimiter"):
        read_raw(pa.table({"a": ["1"]}), delimiter=";")  # type: ignore[call-arg]


def test_zero_cells_found_from_the_offsets_as_by_comparing_text() -> None:
    import pyarrow.compute as pc

    from eventdata.io.blanks import _holds_zero

    columns = [
        pa.array(["a", "0", "b"]),
        pa.array(["a", None, "b"]),
        pa.array(["00", "0 ", "", " 0"]),
        pa.array(["x", "0"]).slice(1),
        pa.array(["0", "x"]).slice(1),
        pa.chunked_array([pa.array(["a"]), pa.array(["b", "0"])]),
        pa.array([None, None], pa.string()),
        pa.array([], pa.string()),
        pa.array(["", ""]),
        # a null slot over the byte "0": no cell
        pa.Array.from_buffers(
            pa.string(),
            2,
            [
                pa.py_buffer(bytes([0b10])),
                pa.py_buffer(np.array([0, 1, 2], np.int32).tobytes()),
                pa.py_buffer(b"0a"),
            ],
        ),
    ]
    for column in columns:
        assert _holds_zero(column) == bool(pc.any(pc.equal(column, "0")).as_py()), column
