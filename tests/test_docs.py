"""Every Python snippet in the README and docs/ runs as written.

A page's ```python blocks run in order, in one namespace, in a fresh folder that holds the
repository's ``examples/`` (so ``examples/data/sample_events.csv`` exists) and every file
the page's earlier blocks wrote. A block whose first line is ``# not run: <reason>`` is
skipped (it needs the network or credentials); every other block must run.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _blocks(page: Path) -> list[str]:
    return [b for b in _BLOCK.findall(page.read_text(encoding="utf-8"))]


RUNNABLE = [page for page in PAGES if _blocks(page)]


@pytest.mark.parametrize("page", RUNNABLE, ids=lambda p: p.name)
def test_every_python_snippet_runs(tmp_path, page, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}

    for number, block in enumerate(_blocks(page), start=1):
        if block.lstrip().startswith("# not run:"):
            continue
        try:
            exec(compile(block, f"{page.name} block {number}", "exec"), namespace)
        except ImportError as exc:  # an optional extra (report, dask, geopandas) not installed
            pytest.skip(f"{page.name}, python block {number} needs {exc.name or exc}")
        except Exception as exc:  # the failing block, named
            raise AssertionError(f"{page.name}, python block {number} fails: {exc!r}") from exc


def test_pages_that_install_from_pypi_say_how_the_wheel_is_built():
    mentions = [
        page.name
        for page in PAGES
        if re.search(r"pip install eventdata(?![\[\w-])", page.read_text(encoding="utf-8"))
    ]

    assert mentions == [] or os.environ.get("EVENTDATA_WHEEL_BUILT") == "1", mentions
