"""The README's table of extras and pyproject.toml's optional dependencies say the same."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]
INTERNAL = {"bench"}  # extras for the project's own tooling, not for users


def test_the_readme_names_every_extra_a_user_installs_and_no_other():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    table = re.findall(r"^\| `([a-z][a-z0-9-]*)` \| ", readme, re.MULTILINE)

    assert sorted(table) == sorted(set(extras) - INTERNAL)
    for line in re.findall(r"pip install -e '\.\[([^\]]*)\]'", readme):
        assert set(line.split(",")) <= set(extras), line


def test_make_run_installs_only_the_report_extra_and_make_test_the_dev_extra():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")

    run_stamp = re.search(r"^\$\(RUN_STAMP\):.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    test_stamp = re.search(r"^\$\(STAMP\):.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE)

    assert run_stamp and test_stamp
    assert re.findall(r"pip install -q -e \"(.*?)\"", run_stamp.group(1)) == [".[report]"]
    assert re.findall(r"pip install -q -e \"(.*?)\"", test_stamp.group(1)) == [".[dev]"]
    assert re.search(r"^run: \$\(RUN_STAMP\)$", makefile, re.MULTILINE)
    assert re.search(r"^test: \$\(STAMP\)$", makefile, re.MULTILINE)
