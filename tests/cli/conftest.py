"""Fixtures for the command-line tests: a CLI runner and small ACLED files written per test."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip


def acled_row(number: int, **changes: str) -> dict[str, str]:
    """A valid current-dialect ACLED row (synthetic), with ``changes`` applied."""
    row = {
        "event_id_cnty": f"IRQ{number}",
        "event_date": "2024-01-03",
        "year": "2024",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Iraq (2022-)",
        "assoc_actor_1": "",
        "inter1": "State forces",
        "actor2": "Islamic State (Iraq)",
        "assoc_actor_2": "",
        "inter2": "Rebel group",
        "interaction": "State forces-Rebel group",
        "civilian_targeting": "",
        "iso": "368",
        "region": "Middle East",
        "country": "Iraq",
        "admin1": "Baghdad",
        "admin2": "Karkh",
        "admin3": "",
        "location": "Baghdad",
        "latitude": "33.3406",
        "longitude": "44.4009",
        "geo_precision": "1",
        "source": "Test Source",
        "source_scale": "National",
        "notes": f"On 3 January 2024, a synthetic clash number {number} took place.",
        "fatalities": str(number % 3),
        "tags": "",
        "timestamp": "1705379979",
    }
    row.update(changes)
    return row


def write_acled_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write rows as an ACLED CSV file and return its path."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def make_csv(tmp_path: Path) -> Callable[..., Path]:
    """Write ``tmp_path/NAME``: valid rows numbered 1..N, with per-row changes applied."""

    def make(name: str, *changes: dict[str, str]) -> Path:
        rows = [acled_row(i, **change) for i, change in enumerate(changes, start=1)]
        return write_acled_csv(tmp_path / name, rows)

    return make


@pytest.fixture
def valid_csv(tmp_path: Path) -> Path:
    """Five valid rows."""
    return write_acled_csv(tmp_path / "valid.csv", [acled_row(i) for i in range(1, 6)])


@pytest.fixture
def invalid_csv(tmp_path: Path) -> Path:
    """Five rows; row 1 (IRQ2) has fatalities 'many', row 3 (IRQ4) event_type 'Battle'."""
    rows = [acled_row(i) for i in range(1, 6)]
    rows[1]["fatalities"] = "many"
    rows[3]["event_type"] = "Battle"
    return write_acled_csv(tmp_path / "invalid.csv", rows)


@pytest.fixture
def garbage_file(tmp_path: Path) -> Path:
    """Binary bytes under a .csv name."""
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 8)
    return path


@pytest.fixture
def shared_data() -> Path:
    """The real exports in ../shared/data; skips when they are absent."""
    if not (SHARED_DATA / "acled").is_dir():
        pytest.skip(f"real exports not found at {SHARED_DATA}")
    return SHARED_DATA


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli() -> Run:
    """Run ``python -m eventdata ARGS`` in a subprocess; returns the completed process."""

    def run(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}
        env.pop("EVENTDATA_TRACEBACK", None)
        return subprocess.run(
            [sys.executable, "-m", "eventdata", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=120,
        )

    return run


@pytest.fixture
def run_python() -> Callable[[str], subprocess.CompletedProcess[str]]:
    """Run Python ``code`` in a fresh interpreter (what a command imports starts clean)."""

    def run(code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
        )

    return run
