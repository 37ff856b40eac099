"""The pre-commit hook: what it declares, and its entry run as pre-commit runs it."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "sample_events.csv"


def _hook() -> dict[str, object]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "eventdata-validate"]
    return hook


def test_the_hook_runs_the_installed_command_on_event_data_files():
    hook = _hook()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

    assert hook["language"] == "python"  # pre-commit installs this repository to run it
    command = shlex.split(str(hook["entry"]))
    assert command == ["eventdata", "validate"]
    assert re.search(r'^eventdata = "eventdata\.cli:main"$', pyproject, re.MULTILINE)
    files = re.compile(str(hook["files"]))
    taken = ["a.csv", "data/b.json", "c.jsonl", "d.ndjson", "events/e.parquet"]
    left = ["README.md", "f.csv.gz", "g.py", "h.parquet.bak", "notes.txt"]
    assert [name for name in taken + left if files.search(name)] == taken


def test_the_entry_fails_a_commit_of_broken_rows_and_passes_clean_ones(tmp_path: Path):
    import eventdata
    from eventdata.synthetic import generate_events, write_csv

    clean = tmp_path / "clean.csv"
    write_csv(generate_events(30, seed=3), clean)
    eventdata.to_parquet(clean, tmp_path / "clean.parquet")
    _, *args = shlex.split(str(_hook()["entry"]))

    def run(*files: Path) -> subprocess.CompletedProcess[str]:
        # pre-commit appends the staged file names to the entry
        return subprocess.run(
            [sys.executable, "-m", "eventdata", *args, *map(str, files)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    passing = run(clean, tmp_path / "clean.parquet")
    failing = run(clean, SAMPLE)

    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert failing.returncode == 1
    assert "sample_events.csv: FAILED - 240 rows" in failing.stdout
    assert "row 185 [AFG1002]" in failing.stdout
