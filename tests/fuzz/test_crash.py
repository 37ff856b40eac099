"""Crash tests: ``convert`` killed (SIGKILL) at every commit step leaves old or new, never a mix.

The commit points are those of ``eventdata._atomic`` (written, side files of the earlier
run removed, renamed, datasets exchanged); the internal environment variable
``_EVENTDATA_KILL_AT=N`` makes the process kill itself at the N-th one, and
``_EVENTDATA_COMMIT_LOG`` lists them.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from acled_fixtures import make_row, write_csv

from eventdata import convert
from eventdata._atomic import TEMP_MARKER

_CONVERT = """
import sys
from eventdata import convert
convert(sys.argv[1], sys.argv[2], on_invalid="drop", partition_by=sys.argv[3:] or None)
"""


def _input(path: Path, n: int, *, broken: int | None) -> Path:
    rows = [make_row(event_id_cnty=f"IRQ{i}") for i in range(n)]
    if broken is not None:
        rows[broken]["fatalities"] = "-1"
    if path.suffix == ".json":  # read whole: to_parquet's side files, not the stream's
        path.write_text(json.dumps(rows), encoding="utf-8")
        return path
    return write_csv(path, rows)


def _run(src: Path, dst: Path, partition_by: list[str], **env: str) -> int:
    process = subprocess.run(
        [sys.executable, "-c", _CONVERT, str(src), str(dst), *partition_by],
        env={**os.environ, **env},
        capture_output=True,
        check=False,
    )
    return process.returncode


def _rows(path: Path) -> int:
    return pq.read_table(path).num_rows


def _failed_rows(path: Path) -> tuple[int, ...] | None:
    side = path.with_name(path.name.removesuffix(".parquet") + ".failures.parquet")
    return tuple(pq.read_table(side).column("row").to_pylist()) if side.exists() else None


def _commit_points(
    monkeypatch: pytest.MonkeyPatch, src: Path, dst: Path, partition_by: list[str]
) -> int:
    """How many commit points a run passes (run here, logging them)."""
    log = dst.parent / "points.log"
    with monkeypatch.context() as patch:
        patch.setenv("_EVENTDATA_COMMIT_LOG", str(log))
        convert(src, dst, on_invalid="drop", partition_by=partition_by or None)
    points = len(log.read_text().splitlines())
    log.unlink()
    return points


@pytest.mark.parametrize(
    ("suffix", "new_broken"),
    [(".csv", None), (".csv", 7), (".json", None)],
    ids=["streamed-new-clean", "streamed-new-with-failures", "whole-file-new-clean"],
)
def test_killed_at_every_commit_point_leaves_old_or_new_never_a_mix(
    tmp_path, monkeypatch, suffix, new_broken
):
    old_src = _input(tmp_path / f"old{suffix}", 20, broken=3)
    new_src = _input(tmp_path / f"new{suffix}", 30, broken=new_broken)
    template = tmp_path / "template"
    template.mkdir()
    convert(old_src, template / "out.parquet", on_invalid="drop")
    old = (19, (3,))
    new = (29 if new_broken is not None else 30, None if new_broken is None else (7,))
    probe = tmp_path / "probe"
    shutil.copytree(template, probe)
    points = _commit_points(monkeypatch, new_src, probe / "out.parquet", [])
    assert points >= 3

    seen = set()
    for point in range(1, points + 1):
        work = tmp_path / f"kill{point}"
        shutil.copytree(template, work)
        code = _run(new_src, work / "out.parquet", [], _EVENTDATA_KILL_AT=str(point))

        assert code == -signal.SIGKILL
        state = (_rows(work / "out.parquet"), _failed_rows(work / "out.parquet"))
        assert state[0] in (old[0], new[0])
        if state[0] == old[0]:
            assert state[1] in (old[1], None), f"killed at {point}: {state}"
        else:
            assert state[1] in (new[1], None), f"killed at {point}: {state} (stale side file)"
        seen.add(state)
        # a later run finishes and removes what the killed one left behind
        convert(new_src, work / "out.parquet", on_invalid="drop")
        assert not [p.name for p in work.iterdir() if TEMP_MARKER in p.name]
        assert (_rows(work / "out.parquet"), _failed_rows(work / "out.parquet")) == new
    assert old in seen and (new[0], None) in seen  # kills before and after the commit


def test_killed_dataset_is_never_absent(tmp_path, monkeypatch):
    old_src = _input(tmp_path / "old.csv", 20, broken=3)
    new_src = _input(tmp_path / "new.csv", 30, broken=None)
    template = tmp_path / "template"
    template.mkdir()
    convert(old_src, template / "events", on_invalid="drop", partition_by=["year"])
    shutil.copytree(template, tmp_path / "probe")
    points = _commit_points(monkeypatch, new_src, tmp_path / "probe" / "events", ["year"])

    for point in range(1, points + 1):
        work = tmp_path / f"kill{point}"
        shutil.copytree(template, work)
        code = _run(new_src, work / "events", ["year"], _EVENTDATA_KILL_AT=str(point))

        assert code == -signal.SIGKILL
        assert (work / "events").is_dir(), f"killed at {point}: the dataset is absent"
        assert _rows(work / "events") in (19, 30)
        convert(new_src, work / "events", on_invalid="drop", partition_by=["year"])
        assert not [p.name for p in work.iterdir() if TEMP_MARKER in p.name]
        assert _rows(work / "events") == 30
