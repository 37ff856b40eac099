"""Metamorphic tests: a file re-saved as users' tools save it reads as the same frame.

Every real file of the shared data (and a synthetic export, so the method runs without
it) is re-saved by each saver below, as R, pandas, Excel, a European spreadsheet, a JSON
export, ogr2ogr, a shapefile's DBF, a Windows editor and a broken download would. Reading
the re-saved file must give the frame the original gives, or a clear refusal where the
saver really lost information (a day-first date column whose days are all 12 or less).

A new saver is one function added to ``SAVERS``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from acled_fixtures import SHARED_DATA

from eventdata import CutRecordWarning, InputError, convert, read_acled, read_ged, write_acled
from eventdata.io.blanks import ZERO_BLANK_KINDS
from eventdata.io.dialects import known_column_names
from eventdata.io.readers import read_raw
from eventdata.schema.columns import FIELD_SPECS
from eventdata.synthetic import generate_events

REAL_FILES = sorted(
    f"{folder}/{p.name}"
    for folder in ("acled", "ucdp")
    if (SHARED_DATA / folder).is_dir()
    for p in (SHARED_DATA / folder).glob("*.csv")
)
SYNTHETIC = "synthetic/acled.csv"
HEAD_ROWS = 300
"""Rows of a large real file re-saved (the whole file is read by the conformance tests)."""
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE_COLUMNS = ("event_date", "date_start", "date_end")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass
class Source:
    """A file and what reading it gives."""

    name: str
    path: Path
    dataset: str
    text: pd.DataFrame  # every column as the user's tools see it: text, "" when blank
    expected: pd.DataFrame
    _numeric: dict[str, bool] = field(default_factory=dict)

    def numeric(self, column: str) -> bool:
        if column not in self._numeric:
            values = [v for v in self.text[column] if v != ""]
            self._numeric[column] = bool(values) and all(_NUMBER.match(v) for v in values)
        return self._numeric[column]

    def dates(self, column: str) -> list[dt.date | None]:
        values = pd.to_datetime(self.expected[column]).dt.date
        return [None if pd.isna(v) else v for v in values]


@dataclass
class Resaved:
    """A re-saved file, how it is read, and what may be lost."""

    path: Path
    options: dict[str, Any] = field(default_factory=dict)
    lost: str | None = None  # the refusal expected when information is really gone
    rows: int | None = None  # compare only the first rows (a cut-off file)


def read(path: Path, dataset: str, **options: Any) -> pd.DataFrame:
    raw = read_raw(path, **options)
    if dataset == "ucdp":
        return read_ged(raw, errors="coerce")
    return read_acled(raw, errors="coerce")


# -- the savers ----------------------------------------------------------------------------


def _csv_rows(out: Path, header: list[str], rows: list[list[str]], **options: Any) -> None:
    encoding = options.pop("encoding", "utf-8")
    with open(out, "w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh, **options)
        writer.writerow(header)
        writer.writerows(rows)


def r_write_csv(src: Source, out: Path) -> Resaved:
    """R's ``write.csv``: a row-name column headed ``""``, text quoted, blanks ``NA``."""
    numeric = {c for c in src.text.columns if src.numeric(c)}
    lines = [",".join(['""', *(f'"{c}"' for c in src.text.columns)])]
    for number, row in enumerate(src.text.itertuples(index=False), start=1):
        cells = [f'"{number}"']
        for column, value in zip(src.text.columns, row, strict=True):
            if value == "":
                cells.append("NA")
            elif column in numeric:
                cells.append(value)
            else:
                cells.append('"' + value.replace('"', '""') + '"')
        lines.append(",".join(cells))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Resaved(out)


def pandas_to_csv(src: Source, out: Path) -> Resaved:
    """pandas ``to_csv`` with its index, text blanks as ``nan``, coordinates with float noise."""
    frame = src.text.copy()
    for column in frame.columns:
        if src.numeric(column):
            numbers = pd.to_numeric(frame[column].replace("", np.nan))
            if column.lower() in ("latitude", "longitude"):
                numbers = numbers * (1 + 2e-16) + 1e-13  # 33.3128 -> 33.312800000000102
            frame[column] = numbers
        else:
            frame[column] = frame[column].replace("", np.nan).astype(str)
    frame.to_csv(out)
    return Resaved(out)


def _workbook(src: Source, out: Path, date_cell: Callable[[dt.date], Any]) -> Resaved:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Export")
    columns = list(src.text.columns)
    sheet.append(columns)
    numeric = {c for c in columns if src.numeric(c)}
    dates = {c: src.dates(c) for c in columns if c in _DATE_COLUMNS}
    for index, row in enumerate(src.text.itertuples(index=False)):
        cells: list[Any] = []
        for column, value in zip(columns, row, strict=True):
            if column in dates and dates[column][index] is not None:
                cells.append(date_cell(dates[column][index]))  # type: ignore[arg-type]
            elif value == "":
                cells.append(None)
            elif column in numeric:
                cells.append(float(value) if "." in value else int(value))
            else:
                cells.append(value)
        sheet.append(cells)
    book.save(out)
    return Resaved(out)


def excel_date_cells(src: Source, out: Path) -> Resaved:
    """Excel: dates as date cells, numbers as numbers."""
    return _workbook(src, out.with_suffix(".xlsx"), lambda d: dt.datetime(d.year, d.month, d.day))


def excel_serials(src: Source, out: Path) -> Resaved:
    """Excel: dates as serial day numbers (a date column formatted as General)."""
    return _workbook(src, out.with_suffix(".xlsx"), lambda d: (d - _EXCEL_EPOCH).days)


def _text_dates(src: Source, out: Path, pattern: str) -> Resaved:
    frame = src.text.copy()
    lost = None
    for column in _DATE_COLUMNS:
        if column in frame.columns:
            dates = src.dates(column)
            frame[column] = [d.strftime(pattern) if d else "" for d in dates]
            if all(d.day <= 12 for d in dates if d):  # no value proves the order
                lost = "date_format"
    frame.to_csv(out, index=False)
    return Resaved(out, lost=lost)


def locale_day_first(src: Source, out: Path) -> Resaved:
    """A spreadsheet in a day-first locale: ``31/12/2019``."""
    return _text_dates(src, out, "%d/%m/%Y")


def locale_month_first(src: Source, out: Path) -> Resaved:
    """A spreadsheet in a month-first locale: ``12/31/2019``."""
    return _text_dates(src, out, "%m/%d/%Y")


def european(src: Source, out: Path) -> Resaved:
    """A European spreadsheet: ``;`` between fields, decimal commas in the coordinates."""
    frame = src.text.copy()
    for column in frame.columns:
        if column.lower() in ("latitude", "longitude"):
            frame[column] = frame[column].str.replace(".", ",", regex=False)
    _csv_rows(out, list(frame.columns), frame.values.tolist(), delimiter=";")
    return Resaved(out)


KNOWN = frozenset(known_column_names().values())
_TEXT_COLUMNS = frozenset(s.name for s in FIELD_SPECS if s.kind in ZERO_BLANK_KINDS)


def _typed(src: Source, column: str, value: str) -> Any:
    if src.numeric(column) and value:
        return float(value) if "." in value else int(value)
    return value


def json_records(src: Source, out: Path) -> Resaved:
    """A JSON export: typed numbers, text blanks as ``0``, other blanks ``null``."""
    records = []
    for row in src.text.to_dict(orient="records"):
        record: dict[str, Any] = {}
        for column, value in row.items():
            if value == "":
                zero = src.dataset == "acled" and column in _TEXT_COLUMNS
                record[column.upper()] = 0 if zero and column != "event_id_cnty" else None
            else:
                record[column.upper()] = _typed(src, column, value)
        records.append(record)
    path = out.with_suffix(".json")
    path.write_text(json.dumps(records), encoding="utf-8")
    return Resaved(path)


def geojson(src: Source, out: Path) -> Resaved:
    """ogr2ogr's GeoJSON: Point geometry, the other columns as typed properties."""
    features = []
    for row in src.text.to_dict(orient="records"):
        lat, lon = row.get("latitude", ""), row.get("longitude", "")
        geometry = None
        properties = {c: None if v == "" else _typed(src, c, v) for c, v in row.items()}
        if lat and lon:
            geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]}
            del properties["latitude"], properties["longitude"]
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    path = out.with_suffix(".geojson")
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return Resaved(path)


def shapefile_names(src: Source, out: Path) -> Resaved:
    """A shapefile's DBF names: UPPERCASE, cut to 10 characters, repeats numbered by ogr."""
    names: list[str] = []
    for column in src.text.columns:
        name = column.upper()[:10]
        number = 1
        while name in names:
            name = f"{column.upper()[:8]}_{number}"
            number += 1
        names.append(name)
    _csv_rows(out, names, src.text.values.tolist())
    return Resaved(out)


def windows_1252(src: Source, out: Path) -> Resaved:
    """A Windows editor's save: Windows-1252 text."""
    try:
        _csv_rows(out, list(src.text.columns), src.text.values.tolist(), encoding="cp1252")
    except UnicodeEncodeError:
        pytest.skip("the file holds characters Windows-1252 cannot hold")
    return Resaved(out)


def cut_off(src: Source, out: Path) -> Resaved:
    """A broken download: the file stops inside its last record."""
    _csv_rows(out, list(src.text.columns), src.text.values.tolist())
    data = out.read_bytes().rstrip(b"\r\n")
    last = data.rfind(b"\n") + 1
    while data.count(b'"', 0, last) % 2:  # a line break inside a quoted value
        last = data.rfind(b"\n", 0, last - 1) + 1
    first_field = data.find(b",", last)
    out.write_bytes(data[: first_field + 4])
    return Resaved(out, options={"on_truncated": "invalid"}, rows=len(src.text) - 1)


SAVERS: dict[str, Callable[[Source, Path], Resaved]] = {
    "r_write_csv": r_write_csv,
    "pandas_to_csv": pandas_to_csv,
    "excel_date_cells": excel_date_cells,
    "excel_serials": excel_serials,
    "locale_day_first": locale_day_first,
    "locale_month_first": locale_month_first,
    "european": european,
    "json_records": json_records,
    "geojson": geojson,
    "shapefile_names": shapefile_names,
    "windows_1252": windows_1252,
    "cut_off": cut_off,
}


# -- the sources ---------------------------------------------------------------------------


_SOURCES: dict[str, Source | None] = {}


def _source(name: str, folder: Path) -> Source | None:
    if name not in _SOURCES:
        _SOURCES[name] = _load(name, folder)
    return _SOURCES[name]


def _load(name: str, folder: Path) -> Source | None:
    if name == SYNTHETIC:
        path = folder / "synthetic.csv"
        write_acled(generate_events(300, seed=11), path)
    else:
        path = SHARED_DATA / name
    dataset = "ucdp" if name.startswith("ucdp/") else "acled"
    try:
        table = read_raw(path).complete().table
        if table.num_rows > HEAD_ROWS:  # the first records, as the file holds them
            text = _text_frame(table.slice(0, HEAD_ROWS))
            path = folder / Path(name).name
            _csv_rows(path, list(text.columns), text.values.tolist())
        expected = read(path, dataset)
    except InputError:
        return None  # refused as it is: nothing to compare a re-save with
    text = _text_frame(read_raw(path).complete().table)
    return Source(name, path, dataset, text, expected)


def _text_frame(table: pa.Table) -> pd.DataFrame:
    return table.to_pandas(types_mapper=None).fillna("").astype(str)


def _compared(frame: pd.DataFrame, columns: list[str], rows: int | None) -> pd.DataFrame:
    frame = frame[columns].reset_index(drop=True)
    return frame.iloc[:rows] if rows is not None else frame


@pytest.mark.parametrize("saver", list(SAVERS))
@pytest.mark.parametrize("name", [SYNTHETIC, *REAL_FILES])
def test_a_resaved_file_reads_as_the_original(
    name: str, saver: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    source = _source(name, tmp_path_factory.mktemp("sources"))
    if source is None:
        pytest.skip(f"{name} is refused as it is")
    resaved = SAVERS[saver](source, tmp_path / "resaved.csv")

    if resaved.lost is not None:
        with pytest.raises(InputError, match=resaved.lost):
            read(resaved.path, source.dataset, **resaved.options)
        return
    cut = resaved.options.get("on_truncated") == "invalid"
    with pytest.warns(CutRecordWarning) if cut else contextlib.nullcontext():
        got = read(resaved.path, source.dataset, **resaved.options)

    # the dataset's columns compare by value; columns it does not know are kept as text,
    # so a saver may rewrite them (pandas' 1191.0 for 1191, a DBF's cut names)
    known = [c for c in source.expected.columns if c in KNOWN]
    assert len(got.columns) == len(source.expected.columns)
    assert [c for c in got.columns if c in KNOWN] == known
    assert len(got) == len(source.expected)
    pd.testing.assert_frame_equal(
        _compared(got, known, resaved.rows),
        _compared(source.expected, known, resaved.rows),
        check_exact=False,
        rtol=1e-9,
    )


def test_a_cut_off_file_is_refused_without_the_option(tmp_path: Path) -> None:
    source = _source(SYNTHETIC, tmp_path)
    assert source is not None
    resaved = cut_off(source, tmp_path / "cut.csv")

    with pytest.raises(InputError, match=r"last record \(line \d+\) is incomplete"):
        read(resaved.path, "acled")


WHOLE_ONLY = frozenset({"excel_date_cells", "excel_serials", "json_records", "geojson", "cut_off"})
"""Savers whose file ``convert`` reads whole (a workbook, a JSON document), or refuses."""


@pytest.mark.parametrize("saver", [s for s in SAVERS if s not in WHOLE_ONLY])
@pytest.mark.parametrize("name", [SYNTHETIC, *(f for f in REAL_FILES if f.startswith("acled/"))])
def test_a_resaved_file_converts_block_by_block_as_it_reads_whole(
    name: str, saver: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    source = _source(name, tmp_path_factory.mktemp("sources"))
    if source is None or source.dataset != "acled":
        pytest.skip(f"{name} is refused as it is, or not ACLED's (convert streams ACLED)")
    resaved = SAVERS[saver](source, tmp_path / "resaved.csv")
    if resaved.lost is not None:  # refused whole: refused block by block, in the same words
        with pytest.raises(InputError, match=resaved.lost):
            convert(resaved.path, tmp_path / "out.parquet", block_size=16 << 10)
        assert not (tmp_path / "out.parquet").exists()
        return
    whole = read(resaved.path, source.dataset, **resaved.options)

    convert(
        resaved.path,
        tmp_path / "out.parquet",
        on_invalid="keep",
        block_size=16 << 10,  # many blocks
        **resaved.options,
    )
    streamed = read_acled(tmp_path / "out.parquet", errors="coerce")

    known = [c for c in whole.columns if c in KNOWN]
    pd.testing.assert_frame_equal(
        _compared(streamed, known, None), _compared(whole, known, None), check_exact=False
    )
