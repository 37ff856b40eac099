"""Fixtures: a fake ACLED API on 127.0.0.1 with one account and a few events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from acled_events import EMAIL, PASSWORD, event
from acled_server import FakeAcled, serve_account


@pytest.fixture
def acled(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAcled]:
    """The fake API with one account; credentials and URL set in the environment."""
    events = [event(n) for n in range(1, 8)] + [event(n, country="Kenya") for n in (1, 2)]
    with serve_account(monkeypatch, EMAIL, PASSWORD, events) as running:
        yield running
