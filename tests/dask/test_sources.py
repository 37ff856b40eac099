from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from faulty_inputs import faulty_events, write_events_csv

import eventdata
import eventdata.dask
from eventdata.dask._sources import record_start

pytest.importorskip("distributed")


@pytest.mark.parametrize(
    ("offset", "parity", "expected"),
    [(0, 0, 4), (5, 0, 18), (9, 1, 18), (19, 0, 22), (22, 0, 22)],
)
def test_a_record_starts_after_a_newline_outside_quotes(
    tmp_path: Path, offset: int, parity: int, expected: int
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b'a,b\n1,"x\ny\n""z"""\n2,c\n')  # records at 4 and 18; 22 bytes

    assert record_start(str(path), offset, parity) == expected


def test_quoted_line_breaks_bom_and_preamble_survive_tiny_ranges(
    client: Any, tmp_path: Path
) -> None:
    table = faulty_events(40, seed=5)
    notes = [f'line one, "quoted"\nline {i}\r\nend' for i in range(table.num_rows)]
    table = table.set_column(table.schema.get_field_index("notes"), "notes", pa.array(notes))
    plain = write_events_csv(table, tmp_path / "plain.csv")
    src = tmp_path / "sample.csv"
    src.write_bytes(b"\xef\xbb\xbf(Sample)\n" + plain.read_bytes())

    dist = eventdata.dask.validate(src, client=client, blocksize=1_500)

    single = eventdata.validate(src)
    assert single.dialect.bom and single.dialect.preamble
    pd.testing.assert_frame_equal(dist.failures, single.failures)
    assert dist.summary() == single.summary()


def test_parquet_and_json_lines_files_are_read_whole_in_order(client: Any, tmp_path: Path) -> None:
    table = faulty_events(90, seed=6)
    whole = write_events_csv(table, tmp_path / "whole.csv")
    pq.write_table(table.slice(0, 50), tmp_path / "a.parquet")
    (tmp_path / "b.jsonl").write_text(
        table.slice(50).to_pandas().to_json(orient="records", lines=True)
    )

    dist = eventdata.dask.validate([tmp_path / "a.parquet", tmp_path / "b.jsonl"], client=client)

    pd.testing.assert_frame_equal(dist.failures, eventdata.validate(whole).failures)
