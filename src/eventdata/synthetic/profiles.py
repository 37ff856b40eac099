"""Country profiles: what the generator knows about each country it writes events for.

Each :class:`Profile` holds ACLED's country label and ISO code, a rough bounding box,
named places (admin1 to location), actor names per actor type and news sources. The
weights set the country mix, close to that of a real multi-country export. The profiles
themselves are a table, ``profiles.json``, packaged beside this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["PROFILES", "WIRES", "Profile"]


@dataclass(frozen=True)
class Profile:
    """What the generator knows about one country."""

    country: str  # ACLED's country label
    iso: int
    region: str
    weight: float
    lat: tuple[float, float]  # rough bounding box
    lon: tuple[float, float]
    places: tuple[tuple[str, str, str, str], ...]  # admin1, admin2, admin3, location
    state_since: int
    rebels: tuple[str, ...]
    identity: tuple[str, ...]
    external: tuple[str, ...]
    sources: tuple[str, ...]

    def actors(self, code: int) -> tuple[str, ...]:
        """Actor names of one actor-type code (0 = no actor)."""
        c, since = self.country, self.state_since
        return {
            0: ("",),
            1: (
                f"Military Forces of {c} ({since}-)",
                f"Police Forces of {c} ({since}-)",
                f"Military Forces of {c} ({since}-) Special Forces",
                f"Government of {c} ({since}-)",
            ),
            2: self.rebels,
            3: (f"Unidentified Armed Group ({c})", f"Unidentified Political Militia ({c})"),
            4: self.identity,
            5: (f"Rioters ({c})",),
            6: (f"Protesters ({c})",),
            7: (f"Civilians ({c})",),
            8: self.external,
        }[code]

    def social_groups(self) -> tuple[str, ...]:
        """Associated actors for protesters, rioters and civilians."""
        c = self.country
        return tuple(
            f"{group} ({c})"
            for group in (
                "Women",
                "Labor Group",
                "Students",
                "Journalists",
                "Farmers",
                "Health Workers",
                "Refugees/IDPs",
                "Teachers",
                "Muslim Group",
                "Traders",
            )
        )


WIRES = ("Reuters", "AFP", "Xinhua", "Al Jazeera", "Undisclosed Source")


def _tuples(value: Any) -> Any:
    """JSON lists as tuples, nested ones too (profiles are frozen)."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _load_profiles() -> tuple[Profile, ...]:
    """The profiles of ``profiles.json``, a table beside this module (one entry a country)."""
    text = resources.files(__package__).joinpath("profiles.json").read_text(encoding="utf-8")
    return tuple(
        Profile(**{key: _tuples(value) for key, value in entry.items()})
        for entry in json.loads(text)
    )


PROFILES: tuple[Profile, ...] = _load_profiles()
"""Every country the generator writes events for, in ``profiles.json``'s order."""
