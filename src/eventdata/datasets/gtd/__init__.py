"""The Global Terrorism Database (START, University of Maryland) as a dataset.

The model of a row (:mod:`.model`), its cross-field rules (:mod:`.rules`) and this
declaration, which the registry finds on its own; its public reader and its mapping to
the ACLED-style table are :mod:`eventdata.sources.gtd` (docs/gtd.md).
"""

from __future__ import annotations

from collections.abc import Mapping

from eventdata.datasets.base import Dataset, MatchHints, Profile
from eventdata.datasets.gtd.model import GtdEvent

__all__ = ["DATASET", "GTD", "GTD_CLASSES", "GTD_MARKERS", "GTD_SPECIFICITY_KM"]

GTD_MARKERS = frozenset({"eventid", "iyear", "imonth", "iday", "gname"})
"""Columns every GTD release has and no other dataset eventdata reads."""

GTD_SPECIFICITY_KM: Mapping[int, float] = {1: 10.0, 2: 50.0, 3: 50.0, 4: 150.0, 5: 500.0}
"""GTD ``specificity`` -> radius: 1 the city or village; 2 and 3 the centroid of the smallest
unit known (a city's coordinates were not found, or the event was outside a city); 4 the
first-order unit's centre; 5 no unit known."""

GTD_CLASSES = {
    "1": "attack",  # assassination
    "2": "attack",  # armed assault
    "3": "remote",  # bombing/explosion
    "4": "attack",  # hijacking
    "5": "attack",  # hostage taking (barricade incident)
    "6": "attack",  # hostage taking (kidnapping)
    "7": "nonviolent",  # facility/infrastructure attack
    "8": "attack",  # unarmed assault
    "9": "unknown",
}
"""``attacktype1`` -> matching class (GTD's codebook names the codes)."""

DATASET = GTD = Dataset(
    name="gtd",
    title="GTD",
    model=GtdEvent,
    id_column="eventid",
    markers=GTD_MARKERS,
    all_markers=True,
    identifying=frozenset({"eventid", "iyear", "imonth", "iday"}),
    excludes=frozenset({"event_id_cnty", "type_of_violence"}),
    dialect="gtd",
    failure_id_prefix="GTD",
    missing_hint="START's GTD codebook lists it",
    reader="eventdata.read_gtd",
    to_acled="eventdata.sources.gtd:gtd_to_acled",
    profile=Profile(
        kinds=(("attacktype1_txt", "attack types"), ("weaptype1_txt", "weapon types")),
        first_date="iyear",
        fatalities="nkill",
        actors=("gname",),
        country="country_txt",
        year="iyear",
    ),
    match=MatchHints(
        place_precision="specificity",
        place_km=GTD_SPECIFICITY_KM,
        event_code="attacktype1",
        event_classes=GTD_CLASSES,
    ),
    docs_page="gtd.md",
    description=(
        "START's Global Terrorism Database: one terrorist incident per row, about 135 "
        "columns; day and month 0 mean unknown, blank counts are unknown, not zero."
    ),
)
"""The Global Terrorism Database (docs/gtd.md)."""
