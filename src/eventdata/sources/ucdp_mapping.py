"""Mapping UCDP GED events onto the ACLED-style event table.

:func:`ged_to_acled` turns GED rows into rows of the canonical ACLED table (the 31 columns
of :func:`eventdata.read_acled`) plus extra columns that keep what identifies the GED row
(``dataset``, ``ged_id``, ``relid``, ...), so GED and ACLED events can share one table or
one Parquet dataset and be told apart by ``dataset``.

:data:`MAPPING` declares, once, how each output column is made: from which GED columns,
whether the value is carried as it is (``direct``), approximated, synthesized, a constant,
or lost (ACLED has the column, GED has nothing to fill it with). The same declaration
computes the columns and generates the table in ``docs/ucdp.md``
(:class:`~eventdata.sources._mapping.AcledMapping`). The vectorized builders it names
live in :mod:`eventdata.sources.ucdp_columns`.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from typing_extensions import Unpack

from eventdata.pipeline.read import ReaderOptions, check_reader_options
from eventdata.sources import ucdp_columns as col
from eventdata.sources._contract import acled_mapper, documented
from eventdata.sources._mapping import (
    AcledMapping,
    ColumnMapping,
    column,
    constant,
    direct,
    lost,
    repeat,
)
from eventdata.sources.ucdp import _GED
from eventdata.sources.ucdp_columns import UCDP_COUNTRY_ALPHA3
from eventdata.vocabulary.codebook import DisorderType

__all__ = [
    "DATASET",
    "EXTRA_COLUMNS",
    "MAPPING",
    "UCDP_COUNTRY_ALPHA3",
    "ColumnMapping",
    "ged_to_acled",
    "ged_to_acled_table",
    "lost_ged_columns",
]

DATASET = "ucdp-ged"
"""Value of the ``dataset`` column on rows mapped from GED."""

MAPPING: tuple[ColumnMapping, ...] = (
    ColumnMapping(
        "event_id_cnty", ("id",), "synthesized", "`GED` + id, e.g. GED300380", col.event_id
    ),
    ColumnMapping(
        "event_date",
        ("date_start",),
        "approximated",
        "date_start, the earliest possible day (ACLED would record the middle of a week or "
        "month); ged_date_end keeps the end of the span",
        column("date_start"),
    ),
    ColumnMapping("year", ("date_start",), "direct", "year of date_start", col.year),
    ColumnMapping(
        "time_precision",
        ("date_prec",),
        "approximated",
        "date_prec 1 -> 1; 2 (2-6 days), 3 (week) -> 2; 4 (month), 5 (year or longer) -> 3. "
        "ACLED records nothing vaguer than a month: date_prec 5 becomes 3",
        col.lookup(col.TIME_PRECISION, "date_prec"),
    ),
    ColumnMapping(
        "disorder_type",
        (),
        "constant",
        "Political violence (the disorder type of both sub-event types used)",
        repeat(DisorderType.POLITICAL_VIOLENCE.value),
    ),
    ColumnMapping(
        "event_type",
        ("type_of_violence",),
        "approximated",
        "type_of_violence 1 (state-based), 2 (non-state) -> Battles; 3 (one-sided) -> "
        "Violence against civilians",
        col.event_type,
    ),
    ColumnMapping(
        "sub_event_type",
        ("type_of_violence",),
        "approximated",
        "1, 2 -> Armed clash; 3 -> Attack. GED does not record the tactic (air strike, "
        "shelling, IED), so Explosions/Remote violence never occurs",
        col.sub_event_type,
    ),
    direct("actor1", "side_a"),
    lost("assoc_actor_1", "empty list: GED has no associated actors"),
    ColumnMapping(
        "inter1",
        ("side_a", "country"),
        "approximated",
        "`Government of <country>` -> State forces; another government -> External/Other "
        "forces; any other side -> Rebel group (GED's event file does not tell rebel groups "
        "from political or identity militias)",
        col.inter1,
    ),
    ColumnMapping(
        "actor2",
        ("side_b", "type_of_violence", "country"),
        "approximated",
        "side_b; in one-sided violence GED's `Civilians` becomes `Civilians (<country>)` as "
        "ACLED names them",
        col.actor2,
    ),
    lost("assoc_actor_2", "empty list: GED has no associated actors"),
    ColumnMapping(
        "inter2",
        ("side_b", "type_of_violence", "country"),
        "approximated",
        "as inter1; side_b of one-sided violence -> Civilians",
        col.inter2,
    ),
    ColumnMapping(
        "interaction",
        ("side_a", "side_b", "type_of_violence", "country"),
        "approximated",
        "ACLED's interaction label of inter1 and inter2",
        col.interaction,
    ),
    ColumnMapping(
        "civilian_targeting",
        ("type_of_violence",),
        "approximated",
        "`Civilian targeting` when type_of_violence is 3, else blank",
        col.civilian_targeting,
    ),
    ColumnMapping(
        "iso",
        ("country",),
        "approximated",
        "ISO 3166-1 numeric code found from the country name (GED's country_id is a "
        "Gleditsch-Ward code, not ISO); blank for a name neither ISO nor "
        "UCDP_COUNTRY_ALPHA3 knows",
        col.iso,
    ),
    ColumnMapping(
        "region",
        ("region",),
        "approximated",
        "GED's region (Africa, Americas, Asia, Europe, Middle East), coarser than ACLED's",
        column("region"),
    ),
    ColumnMapping(
        "country",
        ("country",),
        "approximated",
        "GED's country name, e.g. DR Congo (Zaire) where ACLED writes Democratic Republic of Congo",
        column("country"),
    ),
    ColumnMapping(
        "admin1",
        ("adm_1",),
        "approximated",
        "adm_1 without its unit word (`Idlib governorate` -> `Idlib`)",
        col.admin("adm_1"),
    ),
    ColumnMapping(
        "admin2",
        ("adm_2",),
        "approximated",
        "adm_2 without its unit word (`Ariha district` -> `Ariha`)",
        col.admin("adm_2"),
    ),
    lost("admin3", "blank: GED has no third-level unit"),
    ColumnMapping(
        "location",
        ("where_coordinates", "adm_2", "adm_1", "country"),
        "approximated",
        "where_coordinates (the place the coordinates mark), else adm_2, adm_1, country",
        col.location,
    ),
    direct("latitude"),
    direct("longitude"),
    ColumnMapping(
        "geo_precision",
        ("where_prec",),
        "approximated",
        "where_prec 1 -> 1; 2 (25 km), 3 (admin2) -> 2; 4 (admin1), 5, 6 (country), 7 (sea "
        "or air) -> 3",
        col.lookup(col.GEO_PRECISION, "where_prec"),
    ),
    ColumnMapping(
        "source",
        ("source_office", "source_original"),
        "approximated",
        "source_office split on `;`, duplicates dropped; source_original when "
        "source_office is blank",
        col.source,
    ),
    lost("source_scale", "blank: GED does not grade source scale"),
    ColumnMapping(
        "notes",
        ("source_headline", "where_description"),
        "synthesized",
        "`Headline: <source_headline>. Location: <where_description>`",
        col.notes,
    ),
    ColumnMapping(
        "fatalities",
        ("low", "best", "high"),
        "approximated",
        "the lowest of low, best and high: ACLED codes the lowest reported figure. "
        "ged_best keeps UCDP's best estimate",
        col.fatalities,
    ),
    lost("tags", "empty list: GED has no tags"),
    ColumnMapping(
        "timestamp",
        (),
        "constant",
        "the `timestamp=` argument (default 0): GED has no per-row revision time",
        repeat(0, pa.int64()),
    ),
    constant("dataset", DATASET),
    direct("ged_id", "id"),
    direct("relid"),
    direct("ged_best", "best", "best (UCDP's best estimate)"),
    direct("ged_date_end", "date_end", "date_end, the end of the span"),
)
"""How every output column is made, in output order: 31 ACLED columns, then extras."""

_ACLED = AcledMapping(_GED, MAPPING)

EXTRA_COLUMNS: tuple[str, ...] = _ACLED.extra_columns
"""Columns after the 31 ACLED ones: ``dataset``, ``ged_id``, ``relid``, ``ged_best``, ..."""


def lost_ged_columns() -> tuple[str, ...]:
    """GED columns no output column is made from, in GED file order."""
    return _ACLED.lost_columns()


@documented("to_acled_table", _GED, extra=EXTRA_COLUMNS)
def ged_to_acled_table(
    data: Any, /, *, timestamp: int = 0, **options: Unpack[ReaderOptions]
) -> pa.Table:
    """Map UCDP GED events onto ACLED's columns, as a pyarrow Table.

    Each GED row becomes one row. How each column is made, what is approximated and what
    is lost is declared in :data:`MAPPING` and tabulated in ``docs/ucdp.md``. The result
    validates with :func:`eventdata.validate` (a row whose country name has no ISO code
    fails ``required.iso``). ``timestamp`` may be the GED release date.
    """
    check_reader_options(options, function="eventdata.ged_to_acled_table", also=("timestamp",))
    return _ACLED.table(data, timestamp=timestamp, **options)


ged_to_acled = acled_mapper(
    _ACLED,
    """Map UCDP GED events onto ACLED's columns, as a DataFrame like ``read_acled``'s.

    The rows of :func:`ged_to_acled_table`.
    """,
)
