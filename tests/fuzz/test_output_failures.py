"""Outputs that cannot be written: a full stdout, a file over the size limit, CSV formulas."""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from acled_fixtures import make_row, write_csv

from eventdata import convert
from eventdata.pipeline.acled_csv import write_acled

_CLI = [sys.executable, "-m", "eventdata"]


def _small_files_only() -> None:
    """In the child: files may not grow past 64 KiB (writes then fail with EFBIG)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.fixture
def events_csv(tmp_path: Path) -> Path:
    notes = [random.Random(i).randbytes(300).hex() for i in range(400)]  # no compression
    rows = [make_row(event_id_cnty=f"IRQ{i}", notes=notes[i]) for i in range(400)]
    rows[5]["fatalities"] = "-1"
    return write_csv(tmp_path / "events.csv", rows)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_validate_report_to_a_full_disk_exits_2_naming_stdout(events_csv, fmt):
    with open("/dev/full", "w") as full:
        process = subprocess.run(
            [*_CLI, "validate", str(events_csv), "--format", fmt],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )

    assert process.returncode == 2  # not 1, the verdict on the data
    assert "cannot write to standard output (No space left on device)" in process.stderr


def test_convert_output_over_the_size_limit_names_the_output(events_csv, tmp_path):
    dst = tmp_path / "out.parquet"

    process = subprocess.run(
        [*_CLI, "convert", str(events_csv), str(dst), "--on-invalid", "keep"],
        preexec_fn=_small_files_only,
        capture_output=True,
        text=True,
        check=False,
    )

    assert process.returncode == 2
    assert f"{dst}: cannot be written (File too large)" in process.stderr
    assert f"{events_csv}:" not in process.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


def test_escape_formulas_prefixes_cells_a_spreadsheet_would_evaluate(tmp_path):
    rows = [
        make_row(event_id_cnty="IRQ1", notes='=HYPERLINK("http://example.com","x")'),
        make_row(event_id_cnty="IRQ2", notes="@SUM(A1:A9)", actor2="+cmd"),
        make_row(event_id_cnty="IRQ3", notes="-2+3", location="\t=1"),
        make_row(event_id_cnty="IRQ4", notes="Plain text, a - inside"),
    ]
    src = write_csv(tmp_path / "in.csv", rows)

    convert(src, tmp_path / "plain.csv")
    convert(src, tmp_path / "safe.csv", escape_formulas=True)
    written = write_acled(src, tmp_path / "direct.csv", escape_formulas=True)

    plain = (tmp_path / "plain.csv").read_text(encoding="utf-8")
    safe = (tmp_path / "safe.csv").read_text(encoding="utf-8")
    assert '=HYPERLINK(""http' in plain and "'=HYPERLINK" not in plain
    for escaped in ("'=HYPERLINK", "'@SUM(A1:A9)", "'+cmd", "'-2+3", "'\t=1"):
        assert escaped in safe
    assert "Plain text, a - inside" in safe and "'Plain" not in safe
    assert ",33.299,44.396," in safe  # numbers are not text: never prefixed
    assert written.rows_written == 4
    assert (tmp_path / "direct.csv").read_text(encoding="utf-8") == safe


def test_escape_formulas_on_the_command_line(tmp_path):
    src = write_csv(tmp_path / "in.csv", [make_row(notes="=1+1")])

    process = subprocess.run(
        [*_CLI, "convert", str(src), str(tmp_path / "out.csv"), "--escape-formulas"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    refused = subprocess.run(
        [*_CLI, "convert", str(src), str(tmp_path / "out.parquet"), "--escape-formulas"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert process.returncode == 0, process.stderr
    assert "'=1+1" in (tmp_path / "out.csv").read_text(encoding="utf-8")
    assert refused.returncode == 2 and "applies to a .csv output" in refused.stderr
