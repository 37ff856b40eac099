"""Fixtures: a fake ACLED API on 127.0.0.1 with one account and a few events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from acled_fixtures import make_row
from acled_server import FakeAcled, serve

EMAIL = "analyst@example.org"
PASSWORD = "correct horse battery staple"


def event(number: int, *, country: str = "Somalia", **changes: str) -> dict[str, str]:
    """A valid API row: ``SOM<number>`` (or the country's prefix), timestamp 1700000000+n."""
    prefix = {"Somalia": "SOM", "Kenya": "KEN", "Iraq": "IRQ"}[country]
    iso = {"Somalia": "706", "Kenya": "404", "Iraq": "368"}[country]
    region = {"Somalia": "Eastern Africa", "Kenya": "Eastern Africa", "Iraq": "Middle East"}
    row = make_row(
        event_id_cnty=f"{prefix}{number}",
        country=country,
        iso=iso,
        region=region[country],
        timestamp=str(1_700_000_000 + number),
        event_date=f"2025-01-{1 + number % 28:02d}",
        year="2025",
    )
    row.update(changes)
    return row


@pytest.fixture
def acled(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAcled]:
    """The fake API with one account; credentials and URL set in the environment."""
    state = FakeAcled(users={EMAIL: PASSWORD})
    state.events = [event(n) for n in range(1, 8)] + [event(n, country="Kenya") for n in (1, 2)]
    with serve(state) as running:
        monkeypatch.setenv("ACLED_API_EMAIL", EMAIL)
        monkeypatch.setenv("ACLED_API_PASSWORD", PASSWORD)
        monkeypatch.setenv("ACLED_API_URL", running.url)
        yield running
