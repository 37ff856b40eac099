"""Start-up of the command line: numpy's BLAS threads, which no command uses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import eventdata

SRC = str(Path(eventdata.__file__).resolve().parents[1])

_PROBE = """
import os, sys
from eventdata.cli import _single_thread_blas
_single_thread_blas(sys.argv[1:])
print("numpy" in sys.modules, os.environ.get("OPENBLAS_NUM_THREADS"))
"""


def _probe(*argv: str, env: dict[str, str] | None = None) -> str:
    environ = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    environ["PYTHONPATH"] = SRC
    environ.update(env or {})
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_a_data_command_loads_numpy_and_leaves_the_environment_as_it_was() -> None:
    assert _probe("validate", "x.csv") == "True None"
    assert _probe("convert", "a.csv", "b.parquet") == "True None"


def test_other_commands_and_help_do_not_load_numpy() -> None:
    assert _probe("--help") == "False None"
    assert _probe("schema") == "False None"


def test_a_users_choice_of_blas_threads_is_kept() -> None:
    assert _probe("validate", "x.csv", env={"OPENBLAS_NUM_THREADS": "4"}) == "False 4"
