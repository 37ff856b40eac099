"""Fixtures of the matching tests: synthetic events and their second coder's version."""

from __future__ import annotations

import pandas as pd
import pytest

pytest.importorskip("rapidfuzz")
pytest.importorskip("scipy")

from eventdata import read_acled  # noqa: E402
from eventdata.matching.simulate import KnownAnswer, second_coder  # noqa: E402
from eventdata.synthetic import generate_events  # noqa: E402


@pytest.fixture(scope="session")
def synthetic_rows() -> pd.DataFrame:
    """3,000 synthetic events over two years in nine countries (seed 5)."""
    return read_acled(generate_events(3000, seed=5))


@pytest.fixture(scope="session")
def known(synthetic_rows: pd.DataFrame) -> KnownAnswer:
    """A second coder's version of the synthetic events (seed 11)."""
    return second_coder(synthetic_rows, seed=11)
