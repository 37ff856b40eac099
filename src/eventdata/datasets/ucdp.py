"""UCDP's Georeferenced Event Dataset (docs/ucdp.md): the declaration of the dataset."""

from __future__ import annotations

from eventdata.datasets.base import Dataset, MatchHints, Profile
from eventdata.models.ged import GedEvent

__all__ = ["GED_MARKERS", "UCDP_GED"]

GED_MARKERS = frozenset({"type_of_violence", "side_a", "side_b", "best"})
"""Columns every UCDP GED release has (older ones lack ``relid``) and ACLED never has."""

DATASET = UCDP_GED = Dataset(
    name="ucdp",
    title="UCDP GED",
    model=GedEvent,
    id_column="id",
    markers=GED_MARKERS,
    profile=Profile(
        kinds=(
            ("type_of_violence", "types of violence (1 state-based, 2 non-state, 3 one-sided)"),
            ("region", "regions"),
        ),
        first_date="date_start",
        fatalities="best",
        actors=("side_a", "side_b"),
        last_date="date_end",
        full_listing=("type_of_violence", "region", "year"),
    ),
    all_markers=True,
    identifying=frozenset({"type_of_violence", "side_a", "side_b"}),
    excludes=frozenset({"event_id_cnty"}),
    aliases={"best_est": "best", "high_est": "high", "low_est": "low"},  # GED 2.0 to 4.0
    dialect="ucdp-ged",
    failure_id_prefix="GED",
    missing_hint="GED releases have it, old and new",
    reader="eventdata.read_ged",
    to_acled="eventdata.sources.ucdp_mapping:ged_to_acled",
    match=MatchHints(
        place_precision="where_prec",
        event_code="type_of_violence",
        actor_pair="dyad_name",
        mapped_date_end="ged_date_end",
    ),
    docs_page="ucdp.md",
    description=(
        "UCDP's Georeferenced Event Dataset: one lethal event per row, 49 columns, "
        "releases 5.0 to today and HDX's country files."
    ),
)
"""UCDP's Georeferenced Event Dataset (docs/ucdp.md)."""
