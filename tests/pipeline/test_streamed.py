"""Streamed conversion gives the same duplicate-id results as whole-file writing."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from acled_fixtures import make_row, write_csv

from eventdata import ValidationFailed, convert, read_parquet, to_parquet
from eventdata.io.writers import failures_path, invalid_path

NOTES = 'Line one, with "quotes",\nline two; and a comma'
BLOCK = 1500  # bytes: four or five rows per block


def _rows(n: int) -> list[dict[str, str]]:
    return [make_row(event_id_cnty=f"IRQ{i}", notes=f"{i}: {NOTES}") for i in range(n)]


# input row -> the row whose id it takes (so both rows share one id)
CASES = {
    "within one block": {1: 0},
    "across blocks": {25: 3},
    "first block written long before": {39: 0},
    "group over three blocks": {12: 2, 30: 2},
    "in-block pair repeated later": {1: 0, 33: 0},
    "late row also breaks another rule": {28: 4},
    "two late groups, one of many rows": {20: 5, 7: 6, 8: 6, 21: 6, 35: 6},
}


def _input(tmp_path, repeats: dict[int, int]):
    rows = _rows(40)
    for row, source in repeats.items():
        rows[row]["event_id_cnty"] = rows[source]["event_id_cnty"]
    if 28 in repeats:  # the first row of that group is invalid for a reason of its own
        rows[4]["fatalities"] = "many"
    return write_csv(tmp_path / "in.csv", rows)


def _failures(path):
    table = pq.read_table(failures_path(path))
    keys = ("row", "event_id_cnty", "column", "rule", "severity", "value", "message")
    return sorted(tuple(r[k] for k in keys) for r in table.to_pylist())


def _rejected(path):
    return sorted(pq.read_table(invalid_path(path)).to_pylist(), key=lambda r: r["row"])


def _validation(path):
    return json.loads(pq.read_metadata(path).metadata[b"eventdata"])


@pytest.mark.parametrize(
    ("case", "on_invalid", "reader"),
    [(case, policy, "open_csv") for case in CASES for policy in ("drop", "keep")]
    + [("group over three blocks", "drop", "ranges"), ("across blocks", "keep", "ranges")],
)
def test_streamed_duplicates_equal_whole_file(tmp_path, case, on_invalid, reader):
    src = _input(tmp_path, CASES[case])
    whole, streamed = tmp_path / "whole.parquet", tmp_path / "streamed.parquet"
    reference = to_parquet(src, whole, on_invalid=on_invalid)

    result = convert(src, streamed, on_invalid=on_invalid, block_size=BLOCK, reader=reader)

    assert pq.ParquetFile(streamed).num_row_groups > 3  # really streamed in blocks
    assert read_parquet(streamed).equals(read_parquet(whole))
    assert _rejected(streamed) == _rejected(whole)
    assert _failures(streamed) == _failures(whole)
    counts = ("rows_written", "rows_invalid", "rows_dropped")
    assert [getattr(result, k) for k in counts] == [getattr(reference, k) for k in counts]
    summary_keys = ("ok", "n_rows", "n_valid", "n_invalid", "n_errors", "n_warnings", "counts")
    assert {k: result.summary[k] for k in summary_keys} == {
        k: reference.summary[k] for k in summary_keys
    }
    assert _validation(streamed) == _validation(whole)


def test_late_duplicates_leave_the_dataset_as_whole_file_writing_does(tmp_path):
    src = _input(tmp_path, {25: 3, 39: 0})
    whole, streamed = tmp_path / "whole", tmp_path / "streamed"
    to_parquet(src, whole, on_invalid="drop", partition_by=["event_type"])

    result = convert(
        src, streamed, on_invalid="drop", block_size=BLOCK, partition_by=["event_type"]
    )

    ids = sorted(read_parquet(streamed)["event_id_cnty"])
    assert ids == sorted(read_parquet(whole)["event_id_cnty"])
    assert "IRQ0" not in ids and "IRQ3" not in ids and len(ids) == 36
    assert result.rows_written == 36 and result.rows_dropped == 4
    assert _rejected(streamed) == _rejected(whole)


def test_raise_on_a_late_duplicate_writes_nothing(tmp_path):
    src = _input(tmp_path, {39: 0})

    with pytest.raises(ValidationFailed, match=r"row 39 \(IRQ0\)"):
        convert(src, tmp_path / "out.parquet", block_size=BLOCK)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_block_is_checked_as_one_chunk_per_column_whatever_the_reader_batches(tmp_path):
    from eventdata.io.blocks import iter_text_blocks
    from eventdata.pipeline.checked_blocks import _block_raw

    rows = [make_row(event_id_cnty=f"IRQ{i}", notes="x" * 200) for i in range(3000)]
    src = write_csv(tmp_path / "in.csv", rows)
    assert src.stat().st_size > 1 << 20  # more than one of the reader's 1 MiB batches
    (text, _, flags), *_ = iter_text_blocks(src, block_size=1 << 30)
    assert {column.num_chunks for column in text.columns} == {1}  # gathered by the reader
    batched = pa.Table.from_batches(text.to_batches(max_chunksize=1000))
    assert batched.column("notes").num_chunks > 1

    raw = _block_raw(batched, flags, None)

    assert {column.num_chunks for column in raw.table.columns} == {1}
    assert raw.table.equals(text)
