"""Shared test helpers for rich records: the places the record tests code events at."""

from __future__ import annotations

from typing import Any

from eventdata import Place

IRAQ = {"country": "Iraq", "iso": 368, "region": "Middle East"}
SYRIA = {"country": "Syria", "iso": 760, "region": "Middle East"}
NIGERIA = {"country": "Nigeria", "iso": 566, "region": "Western Africa"}


def place(
    name: str, country: dict[str, Any], latitude: float, longitude: float, **more: Any
) -> Place:
    """A place in ``country`` (one of the dicts above) at the given coordinates."""
    return Place(name=name, latitude=latitude, longitude=longitude, **country, **more)


GREEN_ZONE = place(
    "Baghdad - Green Zone", IRAQ, 33.299, 44.396, country_code="IRQ", admin1="Baghdad"
)
ABU_KAMAL = place("Abu Kamal", SYRIA, 34.45, 40.92)
ABUJA = place("Abuja", NIGERIA, 9.0833, 7.5333, admin1="Federal Capital Territory")
