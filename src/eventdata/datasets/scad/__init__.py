"""The Social Conflict Analysis Database (SCAD; Salehyan et al. 2012) as a dataset.

The model of a row (:mod:`.model`), its cross-field rules (:mod:`.rules`) and this
declaration, which the registry finds on its own; its public reader and its mapping to
the ACLED-style table are :mod:`eventdata.sources.scad` (docs/scad.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.datasets.base import Dataset, Derived, MatchHints, Profile
from eventdata.datasets.scad.model import ScadEvent
from eventdata.datasets.scad.rules import SCAD_RULES
from eventdata.schema.columns import model_specs

__all__ = ["DATASET", "SCAD", "SCAD_CLASSES", "SCAD_LOCATION_KM", "SCAD_MARKERS"]

SCAD_MARKERS = frozenset({"eventid", "etype", "styr", "ndeath", "npart", "repress"})
"""Columns every SCAD release has and no other dataset eventdata reads."""

SCAD_LOCATION_KM: Mapping[int, float] = {
    1: 10.0,
    2: 10.0,
    3: 25.0,
    4: 10.0,
    5: 25.0,
    6: 150.0,
    7: 500.0,
}
"""SCAD ``gislocnum`` (its location type) -> radius: 1 the capital and 2 another city (a
city's events spread over its districts); 3 a rural place, often a village or "somewhere
near" a town; 4 and 5 one of several cities or rural places (each row has its own point);
6 a province, the exact place unknown (as GED's first-order unit); 7 nationwide."""

SCAD_CLASSES = {
    "1": "protest",  # organized demonstration
    "2": "protest",  # spontaneous demonstration
    "3": "unrest",  # organized violent riot
    "4": "unrest",  # spontaneous violent riot
    "5": "protest",  # general strike
    "6": "protest",  # limited strike
    "7": "attack",  # pro-government violence
    "8": "clash",  # anti-government violence
    "9": "attack",  # extra-government violence
    "10": "clash",  # intra-government violence
}
"""``etype`` -> matching class (SCAD's codebook names the codes)."""


def _day(year: str, month: str, day: str) -> Any:
    def compute(columns: Mapping[str, Any]) -> pa.Array:
        def part(name: str, width: int) -> pa.Array:
            return pc.utf8_lpad(pc.cast(columns[name], pa.string()), width, "0")

        text = pc.binary_join_element_wise(part(year, 4), part(month, 2), part(day, 2), "-")
        return pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True).cast(pa.date32())

    return compute


def _location_id(columns: Mapping[str, Any]) -> pa.Array:
    eventid = pc.utf8_trim_whitespace(columns["eventid"])
    place = pc.cast(columns["sublocal"], pa.string())
    joined = pc.binary_join_element_wise(eventid, place, "-")
    return pc.coalesce(joined, eventid)


def _ndeath_once(columns: Mapping[str, Any]) -> pa.Array:
    first = pc.fill_null(pc.equal(columns["sublocal"], 1), True)
    return pc.if_else(first, columns["ndeath"], pa.scalar(None, pa.int64()))


def _skippable() -> frozenset[str]:
    """Free text no rule reads (actors, targets, places, notes): validation may skip it.

    A column every dataset having it may skip is skipped before the dataset is known, so
    SCAD's ``notes`` must be skippable for ACLED's (about half an export's bytes) to be.
    """
    read_by_rules = {name for rule in SCAD_RULES for name in rule.inputs}
    return frozenset(
        spec.name
        for spec in model_specs(ScadEvent)
        if spec.kind == "text" and not spec.min_length and spec.name not in read_by_rules
    )


DATASET = SCAD = Dataset(
    name="scad",
    title="SCAD",
    model=ScadEvent,
    id_column="location_id",
    markers=SCAD_MARKERS,
    all_markers=True,
    identifying=frozenset({"eventid", "etype", "styr"}),
    excludes=frozenset({"event_id_cnty", "type_of_violence", "iyear"}),
    aliases={"ACD_questionable": "acd_questionable"},  # the case of SCAD's own files
    dialect="scad",
    failure_id_prefix="SCAD",
    missing_hint="SCAD's codebook lists it",
    reader="eventdata.read_scad",
    to_acled="eventdata.sources.scad:scad_to_acled",
    derived=(
        Derived(
            "startdate", _day("styr", "stmo", "stday"), "derived startdate from styr/stmo/stday"
        ),
        Derived("enddate", _day("eyr", "emo", "eday"), "derived enddate from eyr/emo/eday"),
        Derived("location_id", _location_id, "derived location_id from eventid and sublocal"),
        Derived("ndeath_once", _ndeath_once, "derived ndeath_once from ndeath and sublocal"),
        Derived("gislocnum", lambda c: c["locnum"], "derived gislocnum from locnum"),
    ),
    profile=Profile(
        kinds=(("etype", "event types (1-10, docs/scad.md)"), ("locnum", "location types")),
        first_date="startdate",
        last_date="enddate",
        fatalities="ndeath_once",
        actors=("actor1",),
        country="countryname",
        year="styr",
    ),
    match=MatchHints(
        place_precision="gislocnum",
        place_km=SCAD_LOCATION_KM,
        event_code="etype",
        event_classes=SCAD_CLASSES,
        mapped_date_end="scad_date_end",
    ),
    skippable=_skippable(),
    docs_page="scad.md",
    description=(
        "The Social Conflict Analysis Database: protests, riots, strikes and government "
        "and communal violence in Africa and Latin America, one row per place of an "
        "event; -99 is unknown, never a number."
    ),
)
"""The Social Conflict Analysis Database (docs/scad.md)."""
