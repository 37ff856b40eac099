"""The ``chromium`` fixture: real headless Chromium for the report tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from chromium_harness import Chromium


@pytest.fixture
def chromium(tmp_path: Path) -> Chromium:
    """Headless Chromium on files; skips when Chromium is not installed."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return Chromium(binary, tmp_path)
