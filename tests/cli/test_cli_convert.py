import csv
import os
import pty
import subprocess
import sys
from io import StringIO

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventdata._progress import ProgressBar, show_progress
from eventdata.cli.app import cli


def test_invalid_rows_refused_exit_1_nothing_written(run_cli, invalid_csv, tmp_path):
    dst = tmp_path / "out.parquet"

    result = run_cli("convert", invalid_csv, dst)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "IRQ2" in result.stderr
    assert "--on-invalid drop" in result.stderr
    assert not dst.exists()
    assert not list(tmp_path.glob("out*"))


def test_real_export_to_parquet_and_back_to_csv(run_cli, shared_data, tmp_path):
    src = shared_data / "acled" / "iraq_2024-01_2024-03_prefix.csv"
    parquet = tmp_path / "iraq.parquet"
    back = tmp_path / "iraq.csv"

    to_parquet = run_cli("convert", src, parquet)
    to_csv = CliRunner().invoke(cli, ["convert", str(parquet), str(back)])

    assert to_parquet.returncode == 0, to_parquet.stderr
    assert pq.read_metadata(parquet).num_rows == 299
    assert "read 299 rows, wrote 299, 0 invalid" in to_parquet.stdout
    assert "\r" not in to_parquet.stderr  # not a terminal: no progress bar
    assert to_csv.exit_code == 0, to_csv.output
    with back.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["event_id_cnty", "event_date", "year"]
    assert len(rows) == 300


@pytest.mark.parametrize(
    ("policy", "written", "summary"),
    [("drop", 3, "2 invalid (dropped"), ("keep", 5, "2 invalid (kept")],
)
def test_on_invalid_drop_and_keep(invalid_csv, tmp_path, policy, written, summary):
    dst = tmp_path / "out.parquet"

    result = CliRunner().invoke(
        cli, ["convert", str(invalid_csv), str(dst), "--on-invalid", policy]
    )

    assert result.exit_code == 0, result.output
    assert pq.read_metadata(dst).num_rows == written
    assert f"read 5 rows, wrote {written}, {summary}" in result.output
    assert result.output.count("read 5 rows") == 1  # the summary is printed once


def test_partitioned_dataset(valid_csv, tmp_path):
    dst = tmp_path / "events"

    result = CliRunner().invoke(
        cli, ["convert", str(valid_csv), str(dst), "--partition-by", "year,country"]
    )

    assert result.exit_code == 0, result.output
    assert (dst / "year=2024" / "country=Iraq").is_dir()


def test_csv_output_of_valid_rows(valid_csv, tmp_path):
    dst = tmp_path / "out.csv"

    result = CliRunner().invoke(cli, ["convert", str(valid_csv), str(dst)])

    assert result.exit_code == 0, result.output
    assert len(dst.read_text().splitlines()) == 6


@pytest.mark.parametrize(
    "args",
    [
        ["convert", "{src}", "{tmp}/out.xlsx"],
        ["convert", "{src}", "{tmp}/out.csv", "--partition-by", "year"],
        ["convert", "{src}", "{tmp}/out.parquet", "--on-invalid", "ignore"],
        ["convert", "{tmp}/missing.csv", "{tmp}/out.parquet"],
        ["convert", "{garbage}", "{tmp}/out.parquet"],
        ["convert", "{src}", "{tmp}/no/such/dir/out.parquet"],
    ],
)
def test_bad_usage_or_input_exits_2(valid_csv, garbage_file, tmp_path, args):
    argv = [a.format(src=valid_csv, tmp=tmp_path, garbage=garbage_file) for a in args]

    result = CliRunner().invoke(cli, argv)

    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out.parquet").exists()


@pytest.mark.parametrize(
    ("forced", "tty", "expected"),
    [(None, True, True), (None, False, False), (True, False, True), (False, True, False)],
)
def test_progress_shown_on_terminals_only(forced, tty, expected):
    class Stream(StringIO):
        def isatty(self) -> bool:
            return tty

    assert show_progress(forced, Stream()) is expected


def test_progress_bar_draws_and_clears():
    stream = StringIO()
    bar = ProgressBar(stream, enabled=True, label="converting", interval=0)

    bar(50, 100)
    bar(100, 100)
    bar.close()

    text = stream.getvalue()
    assert "50%" in text and "100%" in text
    assert text.endswith("\r")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_pseudo_terminal(valid_csv, tmp_path):
    primary, secondary = pty.openpty()
    dst = tmp_path / "out.parquet"
    with subprocess.Popen(
        [sys.executable, "-m", "eventdata", "convert", str(valid_csv), str(dst)],
        stdout=subprocess.PIPE,
        stderr=secondary,
        text=True,
    ) as process:
        os.close(secondary)
        stdout, _ = process.communicate(timeout=120)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    stderr = b"".join(chunks).decode()

    assert process.returncode == 0
    assert "converting valid.csv [" in stderr
    assert "wrote 5" in stdout
