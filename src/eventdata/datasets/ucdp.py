"""UCDP's Georeferenced Event Dataset (docs/ucdp.md): the declaration of the dataset."""

from __future__ import annotations

from collections.abc import Mapping

from eventdata.datasets.base import Dataset, MatchHints, Profile
from eventdata.models.ged import GedEvent

__all__ = ["GED_CLASSES", "GED_MARKERS", "GED_WHERE_KM", "UCDP_GED"]

GED_MARKERS = frozenset({"type_of_violence", "side_a", "side_b", "best"})
"""Columns every UCDP GED release has (older ones lack ``relid``) and ACLED never has."""

GED_WHERE_KM: Mapping[int, float] = {
    1: 10.0,
    2: 25.0,
    3: 50.0,
    4: 150.0,
    5: 150.0,
    6: 500.0,
    7: 500.0,
}
"""UCDP GED ``where_prec`` -> radius: 1 the exact place; 2 within 25 km; 3 the second-order
unit (district); 4 the first-order unit (province); 5 a line or area between places;
6 the country; 7 international waters or air space."""

GED_CLASSES = {"1": "clash", "2": "clash", "3": "attack"}
"""``type_of_violence`` -> matching class: state-based and non-state conflict are clashes,
one-sided violence is an attack on civilians."""

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
        place_km=GED_WHERE_KM,
        event_code="type_of_violence",
        event_classes=GED_CLASSES,
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
