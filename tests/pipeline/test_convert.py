from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from acled_fixtures import make_row, write_csv

from eventdata import InputError, OutputError, ValidationFailed
from eventdata.io.parquet import read_parquet
from eventdata.io.writers import failures_path, invalid_path
from eventdata.pipeline.checked_blocks import SeenIds
from eventdata.pipeline.convert import convert, iter_text_blocks
from eventdata.pipeline.id_index import id_hashes
from eventdata.pipeline.write import to_parquet

NOTES = 'Line one, with "quotes",\nline two; and a comma, at the end,'


def _rows(n: int, **changes: str) -> list[dict[str, str]]:
    return [make_row(event_id_cnty=f"IRQ{i}", notes=f"{i}: {NOTES}", **changes) for i in range(n)]


@pytest.mark.parametrize(
    ("reader", "block_size"),
    [
        ("ranges", 300),
        ("ranges", 1000),
        ("ranges", 4096),
        ("ranges", 1 << 20),
        ("open_csv", 1000),
        ("open_csv", 4096),
        ("open_csv", 1 << 20),
    ],
)
def test_blocks_split_at_record_boundaries_even_inside_quoted_newlines(
    tmp_path, reader, block_size
):
    src = write_csv(tmp_path / "in.csv", _rows(40))

    tables = [t for t, _, _ in iter_text_blocks(src, block_size=block_size, reader=reader)]

    whole = pa.concat_tables(tables)
    assert whole.column("event_id_cnty").to_pylist() == [f"IRQ{i}" for i in range(40)]
    assert whole.column("notes").to_pylist()[7] == f"7: {NOTES}"
    assert (len(tables) > 1) == (block_size < 10_000)


@pytest.mark.parametrize("reader", ["open_csv", "ranges"])
def test_streamed_file_equals_in_memory_write(tmp_path, reader):
    src = write_csv(tmp_path / "in.csv", _rows(60))
    to_parquet(src, tmp_path / "whole.parquet")

    result = convert(src, tmp_path / "streamed.parquet", block_size=2000, reader=reader)

    streamed = read_parquet(tmp_path / "streamed.parquet")
    pd.testing.assert_frame_equal(streamed, read_parquet(tmp_path / "whole.parquet"))
    assert result.rows_written == 60
    assert pq.ParquetFile(tmp_path / "streamed.parquet").num_row_groups > 1
    meta = json.loads(pq.read_metadata(tmp_path / "streamed.parquet").metadata[b"eventdata"])
    assert meta["rows"] == 60 and meta["validation"]["n_rows"] == 60
    geo = json.loads(pq.read_metadata(tmp_path / "streamed.parquet").metadata[b"geo"])
    assert geo["columns"]["geometry"]["bbox"] == [44.396, 33.299, 44.396, 33.299]


@pytest.mark.parametrize(
    "quirks",
    [{"preamble": True}, {"bom": True}, {"crlf": True}, {"hxl": "#event+code,#date+occurred"}],
)
def test_dialect_quirks_are_skipped(tmp_path, quirks):
    src = write_csv(tmp_path / "in.csv", _rows(5), **quirks)

    result = convert(src, tmp_path / "out.parquet", block_size=700)

    frame = read_parquet(tmp_path / "out.parquet")
    assert frame["event_id_cnty"].tolist() == [f"IRQ{i}" for i in range(5)]
    assert frame["notes"].tolist()[0] == f"0: {NOTES}"
    assert result.rows_written == 5


def test_duplicate_ids_across_blocks_are_found_with_global_rows(tmp_path):
    rows = _rows(30)
    rows[25]["event_id_cnty"] = "IRQ3"  # repeats row 3, in a later block
    src = write_csv(tmp_path / "in.csv", rows)

    result = convert(src, tmp_path / "out.parquet", block_size=1500, on_invalid="drop")

    failures = pq.read_table(failures_path(tmp_path / "out.parquet")).to_pylist()
    assert sorted((f["row"], f["rule"], f["value"]) for f in failures) == [
        (3, "duplicate.event_id_cnty", "IRQ3"),
        (25, "duplicate.event_id_cnty", "IRQ3"),
    ]
    assert result.rows_dropped == 2 and result.rows_written == 28
    rejected = pq.read_table(invalid_path(tmp_path / "out.parquet"))
    assert sorted(rejected.column("row").to_pylist()) == [3, 25]
    assert "IRQ3" not in read_parquet(tmp_path / "out.parquet")["event_id_cnty"].tolist()


def test_raise_stops_and_writes_nothing(tmp_path):
    rows = _rows(30)
    rows[22]["fatalities"] = "many"
    src = write_csv(tmp_path / "in.csv", rows)

    with pytest.raises(ValidationFailed, match=r"(?s)row 22 \(IRQ22\).*Nothing was written"):
        convert(src, tmp_path / "out.parquet", block_size=1500)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_keep_writes_all_rows_and_global_failure_rows(tmp_path):
    rows = _rows(30)
    rows[22]["fatalities"] = "many"
    rows[4]["latitude"] = "95"
    src = write_csv(tmp_path / "in.csv", rows)

    result = convert(src, tmp_path / "out.parquet", block_size=1500, on_invalid="keep")

    failures = pq.read_table(failures_path(tmp_path / "out.parquet")).to_pylist()
    assert sorted((f["row"], f["rule"]) for f in failures) == [
        (4, "range.latitude"),
        (22, "type.fatalities"),
    ]
    assert result.rows_written == 30 and result.rows_invalid == 2
    assert result.summary["counts"]["type.fatalities"]["count"] == 1
    assert len(read_parquet(tmp_path / "out.parquet")) == 30


def test_progress_reports_bytes_up_to_the_total(tmp_path):
    src = write_csv(tmp_path / "in.csv", _rows(30))
    seen: list[tuple[int, int]] = []

    convert(
        src, tmp_path / "out.parquet", block_size=1500, progress=lambda d, t: seen.append((d, t))
    )

    assert len(seen) > 2
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1] == (src.stat().st_size, src.stat().st_size)


def test_partitioned_streaming_output_reads_back(tmp_path):
    rows = _rows(20)
    for row in rows[10:]:
        row.update(
            country="Kuwait", iso="414", event_id_cnty=row["event_id_cnty"].replace("IRQ", "KWT")
        )
    src = write_csv(tmp_path / "in.csv", rows)

    convert(src, tmp_path / "ds", block_size=1500, partition_by=["country"])

    back = read_parquet(tmp_path / "ds").sort_values("event_id_cnty")
    assert sorted(p.name for p in (tmp_path / "ds").iterdir()) == ["country=Iraq", "country=Kuwait"]
    assert back["event_id_cnty"].tolist() == sorted(r["event_id_cnty"] for r in rows)


def test_json_lines_stream(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in _rows(12)) + "\n")

    result = convert(src, tmp_path / "out.parquet", block_size=1500)

    assert result.rows_written == 12
    assert read_parquet(tmp_path / "out.parquet")["notes"].tolist()[3] == f"3: {NOTES}"


def test_header_only_file_gives_empty_parquet(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(",".join(make_row()) + "\n")

    result = convert(src, tmp_path / "out.parquet")

    assert result.rows_written == 0
    assert pq.read_metadata(tmp_path / "out.parquet").num_rows == 0


def test_record_longer_than_the_read_block_reads_as_with_ranges(tmp_path):
    src = write_csv(tmp_path / "in.csv", _rows(3))

    by_open_csv = convert(src, tmp_path / "a.parquet", block_size=200).rows_written
    by_ranges = convert(src, tmp_path / "b.parquet", block_size=200, reader="ranges").rows_written

    assert by_open_csv == by_ranges == 3
    assert pq.read_table(tmp_path / "a.parquet").equals(pq.read_table(tmp_path / "b.parquet"))


def test_missing_input_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        convert(tmp_path / "nope.csv", tmp_path / "out.parquet")


def test_parquet_to_csv_destination(tmp_path):
    src = write_csv(tmp_path / "in.csv", _rows(3))
    convert(src, tmp_path / "mid.parquet")

    result = convert(tmp_path / "mid.parquet", tmp_path / "out.csv")

    assert result.rows_written == 3
    assert (tmp_path / "out.csv").read_text().count("IRQ") >= 3


def test_seen_ids_finds_repeats_across_many_blocks():
    seen = SeenIds()
    for block in range(20):
        ids = pa.array([f"SOM{i}" for i in range(block * 100, block * 100 + 100)])
        hashes = id_hashes(ids)
        assert not seen.contains(hashes).any()
        seen.add(hashes)

    probe = id_hashes(pa.array(["SOM0", "SOM1999", "SOM2000", "IRQ5"]))

    assert seen.contains(probe).tolist() == [True, True, False, False]


def test_partitioned_raise_writes_nothing(tmp_path):
    rows = _rows(30)
    rows[25]["latitude"] = "95"
    src = write_csv(tmp_path / "in.csv", rows)

    with pytest.raises(ValidationFailed, match="row 25"):
        convert(src, tmp_path / "ds", block_size=1500, partition_by=["country"])

    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def _files(directory) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.suffix == ".parquet"}


def test_streamed_convert_that_fails_midway_keeps_the_previous_output_and_side_files(tmp_path):
    dst = tmp_path / "out.parquet"
    first = _rows(5)
    first[1]["fatalities"] = "many"
    convert(write_csv(tmp_path / "first.csv", first), dst, on_invalid="drop")
    before = _files(tmp_path)
    rows = _rows(60)
    rows[0]["fatalities"] = "many"  # invalid in the first block: side files get started
    records = [json.dumps(r) for r in rows]
    records[-1] = json.dumps(rows[-1] | {"late_column": "x"})  # fails in a later block
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(records) + "\n", encoding="utf-8")

    with pytest.raises(InputError, match="late_column"):
        convert(src, dst, on_invalid="drop", block_size=4096)

    assert sorted(before) == ["out.failures.parquet", "out.invalid.parquet", "out.parquet"]
    assert _files(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_convert_to_csv_that_fails_while_writing_leaves_no_side_files(tmp_path, monkeypatch):
    rows = _rows(3)
    rows[1]["fatalities"] = "many"
    src = write_csv(tmp_path / "in.csv", rows)
    dst = tmp_path / "out.csv"
    dst.write_text("previous output\n", encoding="utf-8")

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("eventdata.pipeline.acled_csv.write_acled", disk_full)

    with pytest.raises((OSError, OutputError), match="No space left"):
        convert(src, dst, on_invalid="drop")

    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]
    assert dst.read_text(encoding="utf-8") == "previous output\n"


def test_streamed_duplicates_across_blocks_report_every_row_as_whole_file_does(tmp_path):
    rows = _rows(60)
    rows[59]["event_id_cnty"] = "IRQ0"  # same id as row 0, many blocks later
    src = write_csv(tmp_path / "in.csv", rows)
    streamed, whole = tmp_path / "streamed.parquet", tmp_path / "whole.parquet"

    result = convert(src, streamed, on_invalid="drop", block_size=4096)
    reference = to_parquet(src, whole, on_invalid="drop")

    failures = pq.read_table(failures_path(streamed)).to_pylist()
    assert sorted((f["row"], f["rule"]) for f in failures) == [
        (0, "duplicate.event_id_cnty"),
        (59, "duplicate.event_id_cnty"),
    ]
    assert {f["message"] for f in failures} == {
        f["message"] for f in pq.read_table(failures_path(whole)).to_pylist()
    }
    assert result.rows_dropped == reference.rows_dropped == 2
    assert "IRQ0" not in read_parquet(whole)["event_id_cnty"].tolist()
