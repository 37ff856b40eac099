"""Real ACLED exports: CSV -> Parquet -> CSV gives back the same text in every column."""

from __future__ import annotations

import pytest
from acled_fixtures import CURRENT_FILES, PRE2023_FILES, read_rows, shared_file

from eventdata import convert, read_parquet, to_parquet, write_acled

COORDINATES = {"latitude", "longitude"}


def _assert_same_text(original: list[dict[str, str]], written: list[dict[str, str]]) -> None:
    assert len(written) == len(original)
    assert list(written[0]) == list(original[0])
    for i, (a, b) in enumerate(zip(original, written, strict=True)):
        for column, text in a.items():
            if column in COORDINATES:
                assert float(b[column]) == float(text), (i, column, text, b[column])
            else:
                assert b[column] == text, (i, column, text, b[column])


def _date_format(rows: list[dict[str, str]]) -> str:
    return "iso" if rows[0]["event_date"][:4].isdigit() else "export-tool"


@pytest.mark.parametrize(
    ("name", "dialect"),
    [(n, "current") for n in CURRENT_FILES] + [(n, "pre2023") for n in PRE2023_FILES],
)
def test_csv_parquet_csv_gives_the_same_text(tmp_path, name, dialect):
    src = shared_file(name)
    original = read_rows(src)

    to_parquet(src, tmp_path / "events.parquet", on_invalid="keep")
    write_acled(
        read_parquet(tmp_path / "events.parquet"),
        tmp_path / "back.csv",
        dialect=dialect,
        date_format=_date_format(original),
    )

    _assert_same_text(original, read_rows(tmp_path / "back.csv"))


@pytest.mark.parametrize("name", ["somalia_2025-04_2026-03.csv", *PRE2023_FILES])
def test_streamed_conversion_round_trips_too(tmp_path, name):
    src = shared_file(name)
    original = read_rows(src)
    dialect = "pre2023" if name in PRE2023_FILES else "current"

    convert(src, tmp_path / "events.parquet", block_size=64 * 1024, on_invalid="keep")
    write_acled(
        tmp_path / "events.parquet",
        tmp_path / "back.csv",
        dialect=dialect,
        date_format=_date_format(original),
    )

    _assert_same_text(original, read_rows(tmp_path / "back.csv"))


def test_unknown_pre2023_columns_survive_in_parquet(tmp_path):
    src = shared_file(PRE2023_FILES[0])
    original = read_rows(src)

    to_parquet(src, tmp_path / "events.parquet", on_invalid="keep")

    frame = read_parquet(tmp_path / "events.parquet")
    assert list(frame.columns[-3:]) == ["data_id", "event_id_no_cnty", "iso3"]
    assert frame["data_id"].tolist() == [r["data_id"] for r in original]
    assert frame["iso3"].tolist() == [r["iso3"] for r in original]
