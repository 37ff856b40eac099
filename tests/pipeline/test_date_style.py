"""A streamed convert decides the date style as the whole-file read does, whatever the blocks."""

from __future__ import annotations

import warnings
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from acled_fixtures import make_row, write_csv

from eventdata import InputError, convert, to_parquet

N = 12  # rows of each kind: a 4 KiB block holds about five

CASES = {
    "day-first proven first, month-first proven later": (["25/12/2021"] * N + ["12/25/2021"] * N),
    "ambiguous first block, proven later": ["05/06/2021"] * N + ["25/06/2021"] * N,
    "blank first block, then day-first": [""] * N + ["25/06/2021"] * N,
    "ISO first block, then day-first": ["2021-06-05"] * N + ["25/06/2021"] * N,
    "blank first block, then ambiguous": [""] * N + ["05/06/2021"] * N,
    "a blank marker first, ambiguous, then day-first": (
        ["n/a"] * N + ["05/06/2021"] * N + ["25/06/2021"] * N
    ),
    "two-digit years settled by the year column": ["05/06/21"] * N + ["25/06/21"] * N,
}


def _outcome(write: object, src: Path, dst: Path) -> tuple[int, list[str]] | str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            write(src, dst, on_invalid="drop")  # type: ignore[operator]
    except InputError as exc:
        return str(exc).split(": ", 1)[1]
    table = pq.read_table(dst)
    return table.num_rows, sorted({str(d) for d in table.column("event_date").to_pylist()})


@pytest.mark.parametrize("case", list(CASES))
def test_a_streamed_convert_reads_dates_as_the_whole_file_read(tmp_path: Path, case: str) -> None:
    dates = CASES[case]
    rows = [
        make_row(event_id_cnty=f"IRQ{k}", event_date=value, year="2021", timestamp="1625580000")
        for k, value in enumerate(dates)
    ]
    src = write_csv(tmp_path / "in.csv", rows)

    whole = _outcome(to_parquet, src, tmp_path / "whole.parquet")
    streamed = _outcome(
        lambda s, d, **kw: convert(s, d, block_size=4096, **kw), src, tmp_path / "streamed.parquet"
    )

    assert streamed == whole
    if isinstance(whole, str):  # refused: nothing left behind
        assert not (tmp_path / "streamed.parquet").exists()
