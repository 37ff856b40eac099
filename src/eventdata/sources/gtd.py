"""Reading the Global Terrorism Database and mapping it onto the ACLED-style table.

:func:`gtd_to_acled` turns incidents (read as :func:`eventdata.read_gtd` reads them) into
rows of the canonical ACLED table, plus extra columns that keep what identifies the GTD
row. :data:`MAPPING` declares, once, how each output column is made and what is
approximated or lost; ``docs/gtd.md`` shows it.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.datasets import DATASETS
from eventdata.sources import gtd_columns as col
from eventdata.sources._contract import acled_mapper, frame_reader
from eventdata.sources._mapping import (
    AcledMapping,
    ColumnMapping,
    How,
    cast,
    constant,
    direct,
    lost,
)

__all__ = ["MAPPING", "gtd_to_acled", "read_gtd"]

_GTD = DATASETS["gtd"]


read_gtd = frame_reader(
    _GTD,
    """Read Global Terrorism Database incidents into a typed DataFrame.

    The typed GTD columns come first (:class:`~eventdata.datasets.gtd.model.GtdEvent`),
    every other column of the file after them as text. Blank counts stay missing (an
    unknown number of deaths is not zero); ``imonth``/``iday`` keep GTD's ``0`` for
    unknown. Cross-field rules are not checked here: use
    ``eventdata.validate(source, dataset="gtd")``.
    """,
)

_T: How = "approximated"
MAPPING: tuple[ColumnMapping, ...] = (
    ColumnMapping(
        "event_id_cnty",
        ("eventid",),
        "synthesized",
        "`GTD` + eventid",
        lambda g: pc.binary_join_element_wise("GTD", g["eventid"], ""),
    ),
    ColumnMapping(
        "event_date",
        ("iyear", "imonth", "iday"),
        _T,
        "the day; an unknown day or month (0) becomes the first",
        col.event_date,
    ),
    ColumnMapping("year", ("iyear",), "direct", "iyear", cast("iyear", pa.int64())),
    ColumnMapping(
        "time_precision",
        ("imonth", "iday", "approxdate"),
        _T,
        "1 a known day, 2 when approxdate qualifies it, 3 an unknown day or month",
        col.time_precision,
    ),
    ColumnMapping(
        "disorder_type", ("attacktype1_txt",), _T, "of the sub-event type", col.disorder_type
    ),
    ColumnMapping(
        "event_type",
        ("attacktype1_txt", "targtype1_txt"),
        _T,
        "the attack type, as a battle when the target is armed (crosswalk in docs/gtd.md)",
        lambda g: col.types(g, 0),
    ),
    ColumnMapping(
        "sub_event_type",
        ("attacktype1_txt", "targtype1_txt", "suicide"),
        _T,
        "the attack type (Suicide bomb for suicide bombings)",
        lambda g: col.types(g, 1),
    ),
    ColumnMapping(
        "actor1", ("gname",), _T, "gname; Unknown as Unidentified Armed Group (country)", col.actor1
    ),
    lost("assoc_actor_1", "empty: GTD's gname2/3 are other groups"),
    ColumnMapping(
        "inter1", ("gname",), _T, "Rebel group for a named group, Political militia", col.inter1
    ),
    ColumnMapping(
        "actor2",
        ("targtype1_txt", "country_txt"),
        _T,
        "Military/Police Forces of (country), Unidentified Armed Group, else Civilians",
        col.actor2,
    ),
    lost("assoc_actor_2", "empty"),
    ColumnMapping(
        "inter2", ("targtype1_txt",), _T, "State forces, Political militia or Civilians", col.inter2
    ),
    ColumnMapping(
        "interaction",
        ("gname", "targtype1_txt"),
        "synthesized",
        "of inter1 and inter2",
        col.interaction,
    ),
    ColumnMapping(
        "civilian_targeting",
        ("targtype1_txt",),
        _T,
        "Civilian targeting when actor2 is civilians",
        col.civilian_targeting,
    ),
    ColumnMapping("iso", ("country_txt",), _T, "ISO 3166 numeric of the country name", col.iso),
    ColumnMapping(
        "region",
        ("region_txt",),
        _T,
        "GTD's region (not ACLED's)",
        cast("region_txt", pa.string()),
    ),
    direct("country", "country_txt"),
    direct("admin1", "provstate"),
    lost("admin2", "blank: GTD has no second level"),
    lost("admin3", "blank"),
    ColumnMapping(
        "location", ("city", "provstate"), _T, "city, else provstate, else country", col.location
    ),
    direct("latitude"),
    direct("longitude"),
    ColumnMapping(
        "geo_precision",
        ("specificity",),
        _T,
        "specificity 1 -> 1, 2-3 -> 2, 4-5 (or blank) -> 3",
        col.geo_precision,
    ),
    ColumnMapping(
        "source", ("scite1", "dbsource"), _T, "the first citation, else dbsource", col.source
    ),
    lost("source_scale", "blank: GTD does not grade sources"),
    direct("notes", "summary"),
    ColumnMapping(
        "fatalities",
        ("nkill",),
        _T,
        "nkill rounded; blank (unknown) as 0, kept in gtd_nkill",
        col.fatalities,
    ),
    lost("tags", "empty list"),
    constant("dataset", "gtd"),
    direct("gtd_eventid", "eventid"),
    direct("gtd_nkill", "nkill", "nkill, blank when unknown"),
    direct("gtd_specificity", "specificity"),
    direct("gtd_approxdate", "approxdate"),
)
"""How each column of the ACLED-style table is made from GTD's (docs/gtd.md)."""

_ACLED = AcledMapping(_GTD, MAPPING)


gtd_to_acled = acled_mapper(
    _ACLED,
    """Map GTD incidents onto ACLED's columns, as a DataFrame like ``read_acled``'s.

    Each incident becomes one row. :data:`MAPPING` says how each column is made and
    what is approximated or lost (docs/gtd.md).
    """,
)
