from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from faulty_inputs import faulty_events, write_events_csv

import eventdata
import eventdata.dask
from eventdata import InputError, MissingExtraError
from eventdata.exceptions import RowsNotHeldError

dd = pytest.importorskip("dask.dataframe")


def _assert_same(dist: Any, single: Any) -> None:
    pd.testing.assert_frame_equal(dist.failures, single.failures)
    assert dist.summary() == single.summary()
    assert dist.invalid_rows.tolist() == single.invalid_rows.tolist()


@pytest.mark.parametrize("blocksize", [40_000, 10_000_000])
def test_failures_of_a_cut_csv_equal_single_machine_validate(
    client: Any, tmp_path: Path, blocksize: int
) -> None:
    src = write_events_csv(faulty_events(), tmp_path / "events.csv")

    dist = eventdata.dask.validate(src, client=client, blocksize=blocksize)

    single = eventdata.validate(src)
    assert not single.ok and single.counts()["duplicate.event_id_cnty"] >= 5
    _assert_same(dist, single)


def test_duplicates_across_dataframe_partitions_are_flagged_as_a_whole_run_flags_them(
    client: Any,
) -> None:
    frame = faulty_events().to_pandas()
    ddf = dd.from_pandas(frame, npartitions=5)

    dist = eventdata.dask.validate(ddf, client=client)

    single = eventdata.validate(frame)
    dup = dist.failures[dist.failures["rule"] == "duplicate.event_id_cnty"]
    assert {2, 595, 3, 300, 599} <= set(dup["row"].tolist())
    _assert_same(dist, single)


def test_a_glob_of_files_is_one_input_in_name_order(client: Any, tmp_path: Path) -> None:
    table = faulty_events()
    whole = write_events_csv(table, tmp_path / "whole.csv")
    write_events_csv(table.slice(0, 250), tmp_path / "part-1.csv")
    write_events_csv(table.slice(250), tmp_path / "part-2.csv")

    dist = eventdata.dask.validate(str(tmp_path / "part-*.csv"), client=client, blocksize=60_000)

    single = eventdata.validate(whole)
    pd.testing.assert_frame_equal(dist.failures, single.failures)
    assert dist.n_rows == 600 and dist.source is None


@pytest.mark.parametrize(
    ("select", "ignore"), [(["duplicate"], None), (None, ["duplicate"]), (["vocabulary"], None)]
)
def test_rules_are_selected_and_ignored_as_single_machine(
    client: Any, tmp_path: Path, select: list[str] | None, ignore: list[str] | None
) -> None:
    frame = faulty_events().to_pandas()

    dist = eventdata.dask.validate(
        dd.from_pandas(frame, npartitions=3), client=client, select=select, ignore=ignore
    )

    _assert_same(dist, eventdata.validate(frame, select=select, ignore=ignore))


def test_a_missing_column_is_reported_once_not_once_per_partition(client: Any) -> None:
    frame = faulty_events(120).to_pandas().drop(columns=["fatalities"])

    dist = eventdata.dask.validate(dd.from_pandas(frame, npartitions=4), client=client)

    missing = dist.failures[dist.failures["rule"] == "columns.missing"]
    assert missing["column"].tolist() == ["fatalities"]
    assert dist.summary()["n_invalid"] == 120
    _assert_same(dist, eventdata.validate(frame))


def test_clean_input_is_ok_and_empty_partitions_count_nothing(client: Any, tmp_path: Path) -> None:
    from eventdata.synthetic import generate_events

    src = write_events_csv(generate_events(50, seed=1), tmp_path / "clean.csv")
    header_only = tmp_path / "empty.csv"
    header_only.write_text(src.read_text().splitlines()[0] + "\n")

    dist = eventdata.dask.validate([header_only, src, header_only], client=client)

    assert dist.ok and dist.n_rows == 50 and dist.failures.empty
    assert dist.summary()["dialect"] == eventdata.validate(src).summary()["dialect"]


def test_the_report_holds_failures_not_rows(client: Any) -> None:
    frame = faulty_events(60).to_pandas()
    dist = eventdata.dask.validate(dd.from_pandas(frame, npartitions=2), client=client)

    with pytest.raises(RowsNotHeldError, match="eventdata.dask.to_parquet"):
        _ = dist.valid
    assert "row" in dist.to_json() and not dist.ok


def test_in_memory_tables_are_refused_with_what_to_pass(client: Any) -> None:
    with pytest.raises(InputError, match="dask DataFrame"):
        eventdata.dask.validate(pa.table({"event_id_cnty": ["A1"]}), client=client)


def test_without_a_running_client_the_error_says_how_to_start_one() -> None:
    code = (
        "import eventdata.dask, eventdata.exceptions\n"
        "try:\n    eventdata.dask.validate('events.csv')\n"
        "except eventdata.exceptions.NoClusterError as exc:\n    print(exc)"
    )

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert "no dask.distributed client is running" in out.stdout
    assert "LocalCluster" in out.stdout


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)

    with pytest.raises(MissingExtraError, match=r"pip install 'eventdata\[dask\]'"):
        eventdata.dask.validate("events.csv")


def test_importing_eventdata_and_its_dask_module_imports_no_dask() -> None:
    code = (
        "import sys, eventdata, eventdata.dask\n"
        "print(any(m.startswith(('dask', 'distributed')) for m in sys.modules))"
    )

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "False"


def _dialects(tmp_path: Path) -> dict[str, Path]:
    """One ACLED file as spreadsheets, R and other locales save it (each cut in partitions)."""
    from eventdata.synthetic import generate_events

    frame = generate_events(300, seed=3).to_pandas()
    files = {}
    files["r_na"] = tmp_path / "r_na.csv"
    frame.replace("", "NA").to_csv(files["r_na"], index=False)  # R's write.csv blanks
    european = frame.copy()
    for column in ("latitude", "longitude"):
        european[column] = european[column].str.replace(".", ",", regex=False)
    files["european"] = tmp_path / "european.csv"
    european.to_csv(files["european"], index=False, sep=";")
    # day-first dates, the first partitions holding only days 1-12 (read two ways alone)
    dated = frame.assign(day=pd.to_datetime(frame["event_date"]).dt.day).sort_values("day")
    dated["event_date"] = pd.to_datetime(dated["event_date"]).dt.strftime("%d/%m/%Y")
    files["day_first"] = tmp_path / "day_first.csv"
    dated.drop(columns="day").to_csv(files["day_first"], index=False)
    return files


@pytest.mark.parametrize("dialect", ["r_na", "european", "day_first"])
def test_a_file_in_another_dialect_reads_in_partitions_as_it_reads_whole(
    client: Any, tmp_path: Path, dialect: str
) -> None:
    src = _dialects(tmp_path)[dialect]

    dist = eventdata.dask.validate(src, client=client, blocksize=8_000)
    written = eventdata.dask.to_parquet(src, tmp_path / "out", client=client, blocksize=8_000)

    single = eventdata.validate(src)
    assert single.ok and single.n_rows == 300
    pd.testing.assert_frame_equal(dist.failures, single.failures)
    assert dist.counts() == single.counts()
    assert (dist.n_rows, dist.ok) == (single.n_rows, single.ok)
    assert dist.dialect.date_format == single.dialect.date_format
    whole = eventdata.read_acled(src)
    parts = eventdata.read_parquet(tmp_path / "out")
    assert written.rows_written == 300
    pd.testing.assert_series_equal(parts["event_date"], whole["event_date"])
    pd.testing.assert_series_equal(parts["latitude"], whole["latitude"])
    pd.testing.assert_series_equal(parts["actor2"], whole["actor2"])
