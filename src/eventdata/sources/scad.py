"""Reading the Social Conflict Analysis Database and mapping it onto the ACLED-style table.

:func:`scad_to_acled` turns SCAD's rows (read as :func:`eventdata.read_scad` reads them)
into rows of the canonical ACLED table, plus extra columns that keep what identifies the
SCAD row and its span. :data:`MAPPING` declares, once, how each output column is made
and what is approximated or lost; ``docs/scad.md`` shows it.
"""

from __future__ import annotations

import pyarrow as pa

from eventdata.datasets import DATASETS
from eventdata.sources import scad_columns as col
from eventdata.sources._contract import acled_mapper, frame_reader
from eventdata.sources._mapping import (
    AcledMapping,
    ColumnMapping,
    How,
    cast,
    column,
    constant,
    direct,
    lost,
)

__all__ = [
    "MAPPING",
    "lost_scad_columns",
    "read_scad",
    "scad_to_acled",
]

_SCAD = DATASETS["scad"]


read_scad = frame_reader(
    _SCAD,
    """Read Social Conflict Analysis Database rows into a typed DataFrame.

    The typed SCAD columns come first (:class:`~eventdata.datasets.scad.model.ScadEvent`),
    then the derived ``location_id`` and ``ndeath_once``, then every other column of the
    file as text. SCAD's ``-99`` (unknown) is a missing value in every column, never a
    number. Cross-field rules are not checked here: use
    ``eventdata.validate(source, dataset="scad")``.
    """,
)

_T: How = "approximated"
MAPPING: tuple[ColumnMapping, ...] = (
    ColumnMapping(
        "event_id_cnty", ("location_id",), "synthesized", "`SCAD` + location_id", col.event_id
    ),
    ColumnMapping(
        "event_date",
        ("startdate",),
        _T,
        "startdate, the first day; scad_date_end keeps the last (the span of an episode)",
        column("startdate"),
    ),
    ColumnMapping("year", ("styr",), "direct", "styr", cast("styr", pa.int64())),
    ColumnMapping(
        "time_precision",
        ("startdate", "enddate"),
        _T,
        "1 one day, 2 a span of up to a week, 3 a longer one",
        col.time_precision,
    ),
    ColumnMapping(
        "disorder_type", ("etype", "repress"), _T, "of the sub-event type", col.disorder_type
    ),
    ColumnMapping(
        "event_type",
        ("etype",),
        _T,
        "demonstrations and strikes (1, 2, 5, 6) Protests; riots (3, 4) Riots; pro- and "
        "extra-government violence (7, 9) Violence against civilians; anti- and "
        "intra-government violence (8, 10) Battles; other codes blank",
        col.event_type,
    ),
    ColumnMapping(
        "sub_event_type",
        ("etype", "repress"),
        _T,
        "Peaceful protest (repress 1: Protest with intervention, 2: Excessive force against "
        "protesters); Violent demonstration (3), Mob violence (4); Attack (7, 9); Armed "
        "clash (8, 10)",
        col.sub_event_type,
    ),
    ColumnMapping(
        "actor1",
        ("etype", "actor1", "countryname"),
        _T,
        "Protesters (country) or Rioters (country) for crowds; else actor1 (blank: "
        "Government of (country) for the state, Unidentified Armed Group (country))",
        col.actor1,
    ),
    ColumnMapping(
        "assoc_actor_1",
        ("etype", "actor1", "actor2", "actor3"),
        _T,
        "a crowd's actor1-3; actor2 and actor3 of other events",
        col.assoc_actor_1,
    ),
    ColumnMapping(
        "inter1",
        ("etype",),
        _T,
        "Protesters, Rioters, State forces (7, 10) or Political militia (8, 9)",
        col.inter1,
    ),
    ColumnMapping(
        "actor2",
        ("etype", "repress", "target1", "countryname"),
        _T,
        "Civilians (country) (7, 9); target1 (8, 10); Police Forces of (country) for a "
        "repressed crowd; else blank",
        col.actor2,
    ),
    ColumnMapping(
        "assoc_actor_2",
        ("etype", "target1", "target2"),
        _T,
        "target1-2 of violence against civilians; target2 of violence against the state",
        col.assoc_actor_2,
    ),
    ColumnMapping(
        "inter2",
        ("etype", "repress"),
        _T,
        "Civilians (7, 9), State forces (8, 10 and repressed crowds), else blank",
        col.inter2,
    ),
    ColumnMapping(
        "interaction",
        ("etype", "repress"),
        "synthesized",
        "of inter1 and inter2",
        col.interaction,
    ),
    ColumnMapping(
        "civilian_targeting",
        ("etype",),
        _T,
        "Civilian targeting when actor2 is civilians",
        col.civilian_targeting,
    ),
    ColumnMapping("iso", ("countryname",), _T, "ISO 3166 numeric of the country name", col.iso),
    ColumnMapping(
        "region",
        ("ccode",),
        _T,
        "SCAD's region of the country code: Africa (400-699), Latin America (2-199); not ACLED's",
        col.region,
    ),
    direct("country", "countryname"),
    lost("admin1", "blank: SCAD names no administrative unit"),
    lost("admin2", "blank"),
    lost("admin3", "blank"),
    ColumnMapping(
        "location",
        ("ilocal", "elocal", "countryname"),
        _T,
        "ilocal (this row's place), else elocal, else the country",
        col.location,
    ),
    direct("latitude"),
    direct("longitude"),
    ColumnMapping(
        "geo_precision",
        ("gislocnum", "locnum", "location_precision"),
        _T,
        "location type 1, 2, 4 (a city) -> 1; 3, 5 (rural) -> 2; 6, 7 or unknown -> 3; "
        "location_precision `no` makes a 1 a 2",
        col.geo_precision,
    ),
    lost("source", "empty: SCAD codes from AP and AFP, not per event"),
    lost("source_scale", "blank"),
    ColumnMapping(
        "notes", ("issuenote", "notes"), "synthesized", "issuenote, then notes", col.notes
    ),
    ColumnMapping(
        "fatalities",
        ("ndeath", "sublocal"),
        _T,
        "ndeath on the event's first place (ndeath_once), 0 on its other places and where "
        "unknown (-99); scad_ndeath keeps the event's count, blank when unknown",
        col.fatalities,
    ),
    lost("tags", "empty list"),
    constant("dataset", "scad"),
    direct("scad_eventid", "eventid"),
    direct("scad_etype", "etype"),
    direct("scad_ndeath", "ndeath", "ndeath, blank when unknown"),
    direct("scad_date_end", "enddate", "enddate, the last day"),
    direct("scad_gislocnum", "gislocnum"),
)
"""How each column of the ACLED-style table is made from SCAD's (docs/scad.md)."""

_ACLED = AcledMapping(_SCAD, MAPPING)


def lost_scad_columns() -> tuple[str, ...]:
    """SCAD columns no output column is made from, in file order."""
    return _ACLED.lost_columns()


scad_to_acled = acled_mapper(
    _ACLED,
    """Map SCAD rows onto ACLED's columns, as a DataFrame like ``read_acled``'s.

    Each row (one place of an event) becomes one row. :data:`MAPPING` says how each
    column is made and what is approximated or lost (docs/scad.md).
    """,
)
