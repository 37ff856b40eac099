from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventdata import read_parquet
from eventdata.cli.app import cli
from eventdata.io.writers import invalid_path

pytest.importorskip("distributed")


def _convert(*args: object) -> Any:
    return CliRunner().invoke(cli, ["convert", *map(str, args)])


def test_convert_on_a_scheduler_writes_the_dataset_and_sums_up(
    invalid_csv: Path, tmp_path: Path, cluster: Any
) -> None:
    dst = tmp_path / "events"

    result = _convert(
        invalid_csv, dst, "--on-invalid", "drop", "--scheduler", cluster.scheduler_address
    )

    assert result.exit_code == 0, result.output
    assert "read 5 rows, wrote 3, 2 invalid (dropped" in result.stdout
    assert read_parquet(dst)["event_id_cnty"].tolist() == ["IRQ1", "IRQ3", "IRQ5"]
    assert pq.read_table(invalid_path(dst))["row"].to_pylist() == [1, 3]


def test_rows_breaking_rules_exit_1_and_nothing_is_written(
    invalid_csv: Path, tmp_path: Path, cluster: Any
) -> None:
    dst = tmp_path / "events"

    result = _convert(invalid_csv, dst, "--scheduler", cluster.scheduler_address)

    assert result.exit_code == 1
    assert "IRQ2" in result.stderr and "--on-invalid drop" in result.stderr
    assert not list(tmp_path.glob("events*"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "1", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
        (["--workers", "0"], "0 is not in the range"),
        (["--workers", "1", "--partition-by", "year"], "missing.csv: no such file"),
    ],
)
def test_bad_cluster_options_and_missing_inputs_exit_2(
    valid_csv: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    src = valid_csv if "missing" not in message else tmp_path / "missing.csv"

    result = _convert(src, tmp_path / "events", *args)

    assert result.exit_code == 2
    assert message in result.stderr


def test_an_unreachable_scheduler_exits_2_naming_it(valid_csv: Path, tmp_path: Path) -> None:
    result = _convert(valid_csv, tmp_path / "events", "--scheduler", "tcp://127.0.0.1:9")

    assert result.exit_code == 2
    assert "cannot reach the dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert not list(tmp_path.glob("events*"))


def test_workers_start_a_local_cluster_for_the_run(valid_csv: Path, tmp_path: Path) -> None:
    result = _convert(valid_csv, tmp_path / "events", "--workers", "1")

    assert result.exit_code == 0, result.output
    assert "read 5 rows, wrote 5, 0 invalid" in result.stdout
    assert len(read_parquet(tmp_path / "events")) == 5
