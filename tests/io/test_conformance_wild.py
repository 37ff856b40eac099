"""Every real export in ../shared/data: read right, only true failures, lossless round trip.

The expected failures are the files' own problems, checked by hand:

- africa_2014-2016_v6_cp1252.csv: event 6757RTA is dated 28/12/2015 with YEAR 2016.
- bangladesh_2022-2024_excel_long.csv: one row per actor (actor2 and inter2 removed), so
  3,304 rows share an event id with another row.
- UCDP GED files: ``deaths.low_best_high`` warnings where UCDP's best estimate lies
  outside its own low-high range.
"""

from __future__ import annotations

import pandas as pd
import pytest
from acled_fixtures import SHARED_DATA

from eventdata import (
    NotEventDataError,
    read_acled,
    read_ged,
    read_gtd,
    read_parquet,
    read_scad,
    to_parquet,
    validate,
    write_acled,
)

ISO = "iso"
EXPECTED: dict[str, tuple[str, str, dict[str, int]]] = {
    # file: (dialect, date style, failures by rule)
    "acled/afghanistan_2020-03_pre2023_exporttool.csv": ("pre2023", "export-tool", {}),
    "acled/africa_2014-2016_v6_cp1252.csv": ("legacy", "%d/%m/%Y", {"year.event_date": 1}),
    "acled/africa_2016_v6_pandas.csv": ("legacy", ISO, {}),
    "acled/bangladesh_2022-2024_excel_long.csv": (
        "current",
        "%d-%b-%y",
        {"duplicate.event_id_cnty": 3304},
    ),
    "acled/exporttool_sample_2024-11.csv": ("current", "export-tool", {}),
    "acled/iraq_2024-01_2024-03_prefix.csv": ("current", ISO, {}),
    "acled/kenya_2016-2021_bom_yyyymmdd.csv": ("pre2023", "%Y%m%d", {}),
    "acled/middle_east_2024_kuwait.csv": ("current", ISO, {}),
    "acled/middle_east_2024_oman.csv": ("current", ISO, {}),
    "acled/middle_east_2024_qatar.csv": ("current", ISO, {}),
    "acled/middle_east_2024_saudi_arabia.csv": ("current", ISO, {}),
    "acled/middle_east_2024_united_arab_emirates.csv": ("current", ISO, {}),
    "acled/somalia_2025-04_2026-03.csv": ("current", ISO, {}),
    "acled/ukraine_2022-2024_exporttool_numeric.csv": ("current-numeric", "export-tool", {}),
    "ucdp/ged231_iraq_syria.csv": ("ucdp-ged", ISO, {"deaths.low_best_high": 2}),
    "ucdp/ged231_sample1000.csv": ("ucdp-ged", ISO, {"deaths.low_best_high": 13}),
    "ucdp/hdx_ged_ukraine_2014-2021_hxl.csv": (
        "ucdp-ged",
        "iso-datetime",
        {"deaths.low_best_high": 13},
    ),
    # MELTT's Nigeria 2011 set: ACLED v5 (2015), a GED 2.0-era file (best_est, 1-100 ids)
    "match/nigeria_2011_meltt_acled.csv": ("legacy", ISO, {"vocabulary.event_type": 77}),
    "match/nigeria_2011_meltt_ged.csv": ("ucdp-ged", ISO, {"deaths.low_best_high": 4}),
    "match/nigeria_2011_meltt_gtd.csv": ("gtd", "%m/%d/%y", {}),
    "match/nigeria_2011_meltt_scad.csv": ("scad", ISO, {}),
}
REFUSED: dict[str, str] = {
    # file: words the refusal must use (none of these is one event per row of a dataset
    # eventdata reads: the taxonomies are lookup tables)
    "match/nigeria_2011_meltt_taxonomy_actor.csv": "is not event data",
    "match/nigeria_2011_meltt_taxonomy_event.csv": "is not event data",
    "match/nigeria_2011_meltt_taxonomy_prec.csv": "is not event data",
}
ACLED = [name for name in EXPECTED if name.startswith("acled/")]
UCDP = [name for name, expected in EXPECTED.items() if expected[0] == "ucdp-ged"]
GTD = [name for name, expected in EXPECTED.items() if expected[0] == "gtd"]
SCAD = [name for name, expected in EXPECTED.items() if expected[0] == "scad"]


def _real(name: str):
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"real data not available: {name}")
    return path


def test_every_shared_file_has_an_expectation():
    if not SHARED_DATA.exists():
        pytest.skip("real data not available")
    found = {f"{p.parent.name}/{p.name}" for p in SHARED_DATA.glob("*/*.csv")}

    known = set(EXPECTED) | set(REFUSED)
    assert found <= known, f"new real files need an expectation: {found - known}"


@pytest.mark.parametrize("name", list(REFUSED))
def test_files_of_no_registered_dataset_are_refused_in_words(name):
    with pytest.raises(NotEventDataError) as refused:
        validate(_real(name))

    assert REFUSED[name] in str(refused.value)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_file_reads_in_its_dialect_with_only_its_true_failures(name):
    dialect, dates, failures = EXPECTED[name]

    report = validate(_real(name))

    assert report.dialect.name == dialect
    assert report.dialect.date_format == dates
    assert report.failures.groupby("rule").size().to_dict() == failures
    assert len(report.valid) + len(report.invalid) == report.n_rows


@pytest.mark.parametrize("name", ACLED)
def test_acled_files_round_trip_through_parquet_and_csv(tmp_path, name):
    src = _real(name)
    expected = read_acled(src)

    to_parquet(src, tmp_path / "e.parquet", on_invalid="keep")
    from_parquet = read_parquet(tmp_path / "e.parquet")
    write_acled(tmp_path / "e.parquet", tmp_path / "back.csv")
    from_csv = read_acled(tmp_path / "back.csv")

    pd.testing.assert_frame_equal(from_parquet, expected, check_categorical=False)
    pd.testing.assert_frame_equal(from_csv, expected, check_categorical=False)


@pytest.mark.parametrize("name", UCDP)
def test_ged_files_round_trip_through_parquet(tmp_path, name):
    src = _real(name)

    to_parquet(src, tmp_path / "g.parquet", on_invalid="keep")

    pd.testing.assert_frame_equal(read_ged(tmp_path / "g.parquet"), read_ged(src))


@pytest.mark.parametrize("name", GTD)
def test_gtd_files_round_trip_through_parquet(tmp_path, name):
    src = _real(name)

    to_parquet(src, tmp_path / "t.parquet", on_invalid="keep")

    pd.testing.assert_frame_equal(read_gtd(tmp_path / "t.parquet"), read_gtd(src))


@pytest.mark.parametrize("name", SCAD)
def test_scad_files_round_trip_through_parquet(tmp_path, name):
    src = _real(name)

    to_parquet(src, tmp_path / "s.parquet", on_invalid="keep")

    pd.testing.assert_frame_equal(read_scad(tmp_path / "s.parquet"), read_scad(src))


def test_the_v6_file_keeps_its_accented_text():
    frame = read_acled(_real("acled/africa_2014-2016_v6_cp1252.csv"))

    accented = frame["location"].str.contains("[éèôç]", regex=True, na=False)
    assert accented.sum() > 0
    assert not frame["location"].str.contains("\ufffd", regex=False, na=False).any()
