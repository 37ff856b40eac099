"""``eventdata match``: pairs written, coverage printed, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import Run, acled_row, write_acled_csv

pytest.importorskip("rapidfuzz")
pytest.importorskip("scipy")


@pytest.fixture
def sources(tmp_path: Path) -> tuple[Path, Path]:
    a = write_acled_csv(
        tmp_path / "a.csv",
        [acled_row(1), acled_row(2, event_date="2024-01-09", latitude="36.34",
                                 longitude="43.13", location="Mosul", admin1="Ninewa")],
    )  # fmt: skip
    b = write_acled_csv(
        tmp_path / "b.csv",
        [acled_row(7, latitude="33.35", longitude="44.41", fatalities="1"),
         acled_row(8, event_date="2024-02-20", event_type="Protests",
                   sub_event_type="Peaceful protest", disorder_type="Demonstrations",
                   actor1="Protesters (Iraq)", inter1="Protesters", actor2="", inter2="",
                   interaction="Sole protesters action")],
    )  # fmt: skip
    return a, b


def test_match_writes_pairs_and_prints_coverage(
    run_cli: Run, sources: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = sources
    out = tmp_path / "pairs.parquet"

    done = run_cli("match", a, b, out)

    assert done.returncode == 0, done.stderr
    assert "a.csv (2 events) x b.csv (2 events)" in done.stdout
    assert "matched pairs   1 (1 one-to-one, 0 episode rows)" in done.stdout
    assert "only in A       1 (a.csv)" in done.stdout
    assert "only in B       1 (b.csv)" in done.stdout
    assert "fatalities      equal in 1 of 1 pairs (100%)" in done.stdout
    assert "By event type" in done.stdout and "By country-month" in done.stdout
    table = pq.read_table(out).to_pylist()
    assert [(r["status"], r["left_id"], r["right_id"]) for r in table] == [
        ("matched", "IRQ1", "IRQ7"),
        ("only_left", "IRQ2", None),
        ("only_right", None, "IRQ8"),
    ]


def test_json_output_holds_summary_and_tables(
    run_cli: Run, sources: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = sources

    done = run_cli("match", a, b, tmp_path / "pairs.parquet", "--format", "json")

    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["summary"]["pairs"] == 1
    assert document["coverage"]["total"][0] == {
        "matched": 1, "only_left": 1, "only_right": 1, "fatalities_left": 3.0,
        "fatalities_right": 3.0, "fatalities_equal": 1,
    }  # fmt: skip
    months = {(r["country"], r["month"]) for r in document["coverage"]["country_month"]}
    assert months == {("Iraq", "2024-01"), ("Iraq", "2024-02")}


def test_fixed_windows_leave_the_pair_apart(
    run_cli: Run, sources: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = sources

    done = run_cli("match", a, b, tmp_path / "p.parquet", "--no-precision", "--km", "1")

    assert done.returncode == 0, done.stderr
    assert "matched pairs   0" in done.stdout  # the two Baghdad points are 1.1 km apart


def test_an_unreadable_input_exits_2(
    run_cli: Run, sources: tuple[Path, Path], tmp_path: Path
) -> None:
    a, _ = sources

    done = run_cli("match", a, tmp_path / "missing.csv", tmp_path / "p.parquet")

    assert done.returncode == 2
    assert "missing.csv" in done.stderr
    assert not (tmp_path / "p.parquet").exists()


def test_block_rows_and_workers_change_memory_not_the_pairs(
    run_cli: Run, sources: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = sources
    default, small = tmp_path / "default.parquet", tmp_path / "small.parquet"

    first = run_cli("match", a, b, default, "--format", "json")
    second = run_cli(
        "match", a, b, small, "--block-rows", "1", "--workers", "2", "--format", "json"
    )
    refused = run_cli("match", a, b, small, "--block-rows", "0")

    assert first.returncode == second.returncode == 0, second.stderr
    assert pq.read_table(small).to_pylist() == pq.read_table(default).to_pylist()
    assert refused.returncode == 2 and "--block-rows" in refused.stderr
