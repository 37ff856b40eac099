from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from faulty_inputs import faulty_events, write_events_csv

import eventdata.dask
from eventdata import ValidationFailed, read_parquet, to_parquet
from eventdata._atomic import TEMP_MARKER
from eventdata.io.writers import failures_path, invalid_path
from eventdata.schema.arrow import METADATA_KEY

dd = pytest.importorskip("dask.dataframe")


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*.parquet") if not p.name.startswith("."))


def _meta(file: Path) -> dict[str, Any]:
    meta = pq.read_schema(file).metadata
    document = json.loads(meta[METADATA_KEY.encode()])
    geo = json.loads(meta[b"geo"])
    for column in geo["columns"].values():
        column.pop("bbox", None)  # each file has the bounding box of its own rows
    return {"eventdata": document, "geo": geo}


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["event_id_cnty", "event_date"], kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_events_csv(faulty_events(), tmp_path_factory.mktemp("in") / "events.csv")


@pytest.mark.parametrize("on_invalid", ["drop", "keep"])
def test_dataset_rows_schema_metadata_and_side_files_equal_single_machine(
    client: Any, src: Path, tmp_path: Path, on_invalid: str
) -> None:
    single = to_parquet(src, tmp_path / "one.parquet", on_invalid=on_invalid)  # type: ignore[arg-type]

    dist = eventdata.dask.to_parquet(
        src,
        tmp_path / "many",
        on_invalid=on_invalid,
        client=client,
        blocksize=60_000,  # type: ignore[arg-type]
    )

    files = _files(tmp_path / "many")
    assert len(files) > 2
    pd.testing.assert_frame_equal(read_parquet(tmp_path / "many"), read_parquet(single.path))
    for file in files:
        assert pq.read_schema(file).equals(pq.read_schema(single.path))
        assert _meta(file) == _meta(single.path)
    for side in (failures_path, invalid_path):
        assert pq.read_table(side(dist.path)).equals(pq.read_table(side(single.path)))
    assert (dist.rows_written, dist.rows_invalid, dist.rows_dropped) == (
        single.rows_written,
        single.rows_invalid,
        single.rows_dropped,
    )
    assert dist.summary == single.summary


def test_partitioned_dataset_holds_the_rows_of_single_machine(
    client: Any, src: Path, tmp_path: Path
) -> None:
    single = to_parquet(src, tmp_path / "one", on_invalid="drop", partition_by=["year"])

    eventdata.dask.to_parquet(
        src, tmp_path / "many", on_invalid="drop", partition_by=["year"], client=client,
        blocksize=60_000,
    )  # fmt: skip

    assert sorted(p.name for p in (tmp_path / "many").iterdir()) == ["year=2024", "year=2025"]
    pd.testing.assert_frame_equal(
        _sorted(read_parquet(tmp_path / "many")), _sorted(read_parquet(single.path))
    )
    for file in _files(tmp_path / "many"):
        assert _meta(file) == _meta(_files(single.path)[0])


def test_raise_writes_nothing_and_leaves_an_earlier_output_as_it_was(
    client: Any, src: Path, tmp_path: Path
) -> None:
    from eventdata.synthetic import generate_events

    out = tmp_path / "out"
    clean = write_events_csv(generate_events(40, seed=2), tmp_path / "clean.csv")
    eventdata.dask.to_parquet(clean, out, client=client)
    before = sorted(p.name for p in out.iterdir())

    with pytest.raises(ValidationFailed, match="Nothing was written"):
        eventdata.dask.to_parquet(src, out, client=client, blocksize=60_000)

    assert sorted(p.name for p in out.iterdir()) == before == ["part-00000.parquet"]
    assert len(read_parquet(out)) == 40
    assert not any(TEMP_MARKER in p.name for p in tmp_path.iterdir())
    assert not failures_path(out).exists()


def test_a_dask_dataframe_is_written_with_duplicates_dropped_across_partitions(
    client: Any, tmp_path: Path
) -> None:
    frame = faulty_events().to_pandas()
    ddf = dd.from_pandas(frame, npartitions=4)

    dist = eventdata.dask.to_parquet(ddf, tmp_path / "many", on_invalid="drop", client=client)

    single = to_parquet(frame, tmp_path / "one.parquet", on_invalid="drop")
    written = read_parquet(tmp_path / "many")
    assert not written["event_id_cnty"].duplicated().any()
    pd.testing.assert_frame_equal(written, read_parquet(single.path))
    assert dist.rows_dropped == single.rows_dropped > 0


def test_a_null_in_one_partition_makes_the_field_nullable_in_every_file(
    client: Any, tmp_path: Path
) -> None:
    import pyarrow as pa

    from eventdata.synthetic import generate_events

    table = generate_events(200, seed=4)
    fatalities = table.column("fatalities").to_pylist()
    fatalities[190] = ""  # required: an error, kept as null under "keep"
    table = table.set_column(
        table.schema.get_field_index("fatalities"), "fatalities", pa.array(fatalities)
    )
    src = write_events_csv(table, tmp_path / "events.csv")
    single = to_parquet(src, tmp_path / "one.parquet", on_invalid="keep")

    eventdata.dask.to_parquet(src, tmp_path / "many", on_invalid="keep", client=client,
                              blocksize=30_000)  # fmt: skip

    files = _files(tmp_path / "many")
    assert len(files) > 2
    assert pq.read_schema(single.path).field("fatalities").nullable
    assert all(pq.read_schema(f).equals(pq.read_schema(single.path)) for f in files)
    pd.testing.assert_frame_equal(read_parquet(tmp_path / "many"), read_parquet(single.path))
