"""The account and the events of the fake ACLED API used by the tests in this directory."""

from __future__ import annotations

from acled_fixtures import make_row

EMAIL = "analyst@example.org"
PASSWORD = "correct horse battery staple"


def event(number: int, *, country: str = "Somalia", **changes: str) -> dict[str, str]:
    """A valid API row: ``SOM<number>`` (or the country's prefix), timestamp 1700000000+n."""
    # since May 2026 an event in international waters names the sea as its country; the
    # id and iso stay those of the country whose desk codes it (here Yemen)
    prefix = {"Somalia": "SOM", "Kenya": "KEN", "Iraq": "IRQ", "Red Sea": "YEM"}[country]
    iso = {"Somalia": "706", "Kenya": "404", "Iraq": "368", "Red Sea": "887"}[country]
    region = {
        "Somalia": "Eastern Africa",
        "Kenya": "Eastern Africa",
        "Iraq": "Middle East",
        "Red Sea": "Middle East",
    }
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
