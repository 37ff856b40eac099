"""The Global Terrorism Database (START, University of Maryland) as a dataset.

The model of a row (:mod:`.model`), its cross-field rules (:mod:`.rules`) and this
declaration, which the registry finds on its own; its public reader and its mapping to
the ACLED-style table are :mod:`eventdata.sources.gtd` (docs/gtd.md).
"""

from __future__ import annotations

from eventdata.datasets.base import Dataset, MatchHints, Profile
from eventdata.datasets.gtd.model import GtdEvent

__all__ = ["DATASET", "GTD", "GTD_MARKERS"]

GTD_MARKERS = frozenset({"eventid", "iyear", "imonth", "iday", "gname"})
"""Columns every GTD release has and no other dataset eventdata reads."""

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
    match=MatchHints(place_precision="specificity", event_code="attacktype1"),
    docs_page="gtd.md",
    description=(
        "START's Global Terrorism Database: one terrorist incident per row, about 135 "
        "columns; day and month 0 mean unknown, blank counts are unknown, not zero."
    ),
)
"""The Global Terrorism Database (docs/gtd.md)."""
