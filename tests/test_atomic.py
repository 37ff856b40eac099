from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventdata._atomic import TEMP_MARKER, atomic_path


def _entries(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_file_appears_only_on_success(tmp_path):
    target = tmp_path / "out.txt"

    with atomic_path(target) as temp:
        temp.write_text("done")
        assert not target.exists()
        assert temp.parent == tmp_path and TEMP_MARKER in temp.name

    assert target.read_text() == "done"
    assert _entries(tmp_path) == ["out.txt"]


def test_error_removes_temporary_file_and_keeps_old_target(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")

    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        temp.write_text("half")
        raise RuntimeError("writer failed")

    assert target.read_text() == "old"
    assert _entries(tmp_path) == ["out.txt"]


def test_directory_target_replaces_existing_dataset(tmp_path):
    target = tmp_path / "dataset"
    (target / "year=2020").mkdir(parents=True)
    (target / "year=2020" / "old.parquet").write_text("old")

    with atomic_path(target, directory=True) as temp:
        (temp / "year=2024").mkdir()
        (temp / "year=2024" / "part-0.parquet").write_text("new")

    assert [p.relative_to(target).as_posix() for p in sorted(target.rglob("*"))] == [
        "year=2024",
        "year=2024/part-0.parquet",
    ]
    assert _entries(tmp_path) == ["dataset"]


def test_directory_error_leaves_nothing(tmp_path):
    target = tmp_path / "dataset"

    with pytest.raises(ValueError), atomic_path(target, directory=True) as temp:
        (temp / "part.parquet").write_text("half")
        raise ValueError("boom")

    assert _entries(tmp_path) == []


def test_writer_that_produces_nothing_is_an_error(tmp_path):
    with (
        pytest.raises(FileNotFoundError, match="produced nothing"),
        atomic_path(tmp_path / "out.txt"),
    ):
        pass


def test_missing_parent_directory_is_reported(tmp_path):
    with (
        pytest.raises(FileNotFoundError, match="does not exist"),
        atomic_path(tmp_path / "missing" / "out.txt"),
    ):
        pass


_CONVERT = """
import sys
from eventdata import convert
convert(sys.argv[1], sys.argv[2], block_size=256 * 1024, partition_by=sys.argv[3:] or None)
"""


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    from eventdata.synthetic import generate_events, write_csv

    path = tmp_path_factory.mktemp("kill") / "events.csv"
    write_csv(generate_events(40_000, seed=3), path)
    return path


@pytest.mark.parametrize("partition_by", [[], ["year", "country"]])
def test_conversion_killed_midway_leaves_no_partial_target(big_csv, tmp_path, partition_by):
    target = tmp_path / ("dataset" if partition_by else "events.parquet")
    process = subprocess.Popen(
        [sys.executable, "-c", _CONVERT, str(big_csv), str(target), *partition_by]
    )
    try:
        deadline = time.monotonic() + 120
        while not any(TEMP_MARKER in name for name in os.listdir(tmp_path)):
            assert process.poll() is None, "conversion finished before it could be killed"
            assert time.monotonic() < deadline, "no temporary output appeared"
            time.sleep(0.02)
        time.sleep(0.3)  # let it write part of the output
        assert process.poll() is None, "conversion finished before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()

    assert process.returncode == -signal.SIGKILL
    assert not target.exists()
    assert all(TEMP_MARKER in name for name in os.listdir(tmp_path))


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_later_writes_remove_temporary_files_of_dead_processes_only(tmp_path):
    from eventdata._atomic import _HOST

    dead = tmp_path / f".old.parquet{TEMP_MARKER}{_HOST}-{_dead_pid()}-0123456789ab"
    dead.write_text("left by a killed run")
    aside = tmp_path / f".ds{TEMP_MARKER}{_HOST}-{_dead_pid()}-0123456789ab-old"
    aside.mkdir()
    alive = tmp_path / f".x.parquet{TEMP_MARKER}{_HOST}-{os.getppid()}-0123456789ab"
    alive.write_text("a running writer")
    other_host = tmp_path / f".y.parquet{TEMP_MARKER}ffffff-{_dead_pid()}-0123456789ab"
    other_host.write_text("another host's writer")
    unrelated = tmp_path / ".notes.tmp-draft"
    unrelated.write_text("not ours")

    with atomic_path(tmp_path / "new.txt") as temp:
        temp.write_text("done")

    assert _entries(tmp_path) == sorted([alive.name, other_host.name, unrelated.name, "new.txt"])


def test_an_existing_dataset_is_swapped_in_one_step(tmp_path):
    target = tmp_path / "dataset"
    (target / "year=2020").mkdir(parents=True)
    (target / "year=2020" / "old.parquet").write_text("old")
    log = tmp_path / "points.log"
    os.environ["_EVENTDATA_COMMIT_LOG"] = str(log)
    try:
        with atomic_path(target, directory=True) as temp:
            (temp / "new.parquet").write_text("new")
    finally:
        del os.environ["_EVENTDATA_COMMIT_LOG"]

    steps = [line.split()[1] for line in log.read_text().splitlines()]
    assert "exchanged" in steps and "aside" not in steps  # never absent in between
    assert _entries(target) == ["new.parquet"]
