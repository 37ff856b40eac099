"""The examples run as they are, as a user runs them."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from eventdata import ged_to_acled_table, read_ged, read_parquet, validate, validate_ged
from eventdata.models.ged import GED_COLUMNS
from eventdata.sources.ucdp import read_ged_table

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "sample_events.csv"
SAMPLE_FAULT_ROWS = [136, 149, 163, 185, 211, 219]
SAMPLE_GED = ROOT / "examples" / "data" / "sample_ged.csv"


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )


def test_bundled_sample_has_exactly_its_documented_faults() -> None:
    report = validate(SAMPLE)

    assert report.n_rows == 240
    assert report.invalid_rows.tolist() == SAMPLE_FAULT_ROWS
    assert report.n_errors == 6 and report.n_warnings == 0


def test_bundled_sample_is_what_its_script_writes(tmp_path: Path) -> None:
    result = _run(ROOT / "examples" / "data" / "make_sample.py", tmp_path / "sample.csv")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "sample.csv").read_bytes() == SAMPLE.read_bytes()


def test_bundled_ged_sample_is_what_its_script_writes(tmp_path: Path) -> None:
    result = _run(ROOT / "examples" / "data" / "make_sample_ged.py", tmp_path / "ged.csv")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ged.csv").read_bytes() == SAMPLE_GED.read_bytes()


def test_bundled_ged_sample_has_the_49_columns_and_only_its_documented_warnings() -> None:
    frame = read_ged(SAMPLE_GED)
    report = validate_ged(SAMPLE_GED)
    low_above_best = frame["low"] > frame["best"]
    best_above_high = frame["best"] > frame["high"]

    assert list(frame.columns) == list(GED_COLUMNS) and len(frame) == 50
    assert report.n_errors == 0 and report.counts() == {"deaths.low_best_high": 3}
    assert int(low_above_best.sum()) == 2 and int(best_above_high.sum()) == 1
    assert sorted(report.failures["row"]) == sorted(frame.index[low_above_best | best_above_high])
    assert frame["source_headline"].str.contains("\n").any()
    assert [645, 2, 200] in frame["gwnoa"].dropna().tolist()


def test_bundled_ged_sample_maps_to_acled_rows_that_validate() -> None:
    mapped = ged_to_acled_table(read_ged_table(SAMPLE_GED))

    report = validate(mapped)

    assert report.ok and report.n_rows == 50 and report.counts() == {}


def test_quickstart_validates_converts_and_codes_the_baghdad_example(tmp_path: Path) -> None:
    result = _run(ROOT / "examples" / "quickstart.py", tmp_path)

    assert result.returncode == 0, result.stderr
    assert "wrote 234 rows" in result.stdout
    assert "6 invalid rows" in result.stdout
    assert len(read_parquet(tmp_path / "sample_events.parquet")) == 234
    assert pq.read_table(tmp_path / "sample_events.invalid.parquet").num_rows == 6
    assert (tmp_path / "baghdad_2021_acled.csv").exists()
    assert "political_violence" in result.stdout
    if importlib.util.find_spec("jinja2") is not None:  # the report extra
        html = (tmp_path / "report.html").read_text(encoding="utf-8")
        assert "<title>Bundled sample events</title>" in html and "240 events" in html


def test_pipeline_gate_publishes_valid_rows_and_keeps_the_rest(tmp_path: Path) -> None:
    result = _run(ROOT / "examples" / "pipeline_gate.py", SAMPLE, tmp_path)

    assert result.returncode == 1, result.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    rejected = pq.read_table(tmp_path / "rejected.parquet")
    published = read_parquet(tmp_path / "events")
    assert report["n_rows"] == 240 and report["n_invalid"] == 6
    assert sorted(rejected.column("row").to_pylist()) == SAMPLE_FAULT_ROWS
    assert len(published) == 234
    assert sorted({int(y) for y in published["year"]}) == [2024, 2025]


def test_pipeline_gate_exits_2_on_unreadable_input(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\x00\xff\x00garbage")

    result = _run(ROOT / "examples" / "pipeline_gate.py", garbage, tmp_path / "out")

    assert result.returncode == 2
    assert "garbage.csv" in result.stderr and "Traceback" not in result.stderr


def test_quickstart_says_first_that_the_sample_fails_and_prints_paths_as_given(
    tmp_path: Path,
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")

    result = subprocess.run(
        [sys.executable, "examples/quickstart.py", "out"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    first = result.stdout.split("== 1. validate")[0]
    assert "examples/data/sample_events.csv" in first
    assert "6 of them are\nbroken on purpose: this is what a failing gate looks like" in first
    assert "examples/data/sample_events.csv: FAILED - 240 rows" in result.stdout
    assert "wrote 234 rows to out/sample_events.parquet" in result.stdout
    assert "-> out/sample_events.invalid.parquet" in result.stdout
    assert str(tmp_path) not in result.stdout
