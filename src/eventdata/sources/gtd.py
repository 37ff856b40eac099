"""Reading the Global Terrorism Database and mapping it onto the ACLED-style table.

:func:`read_gtd` reads any GTD input (START's CSV, which is Latin-1 and about 135
columns wide, its Excel workbook, Parquet, a DataFrame) into typed columns;
:func:`gtd_to_acled` turns incidents into rows of the canonical ACLED table, plus extra
columns that keep what identifies the GTD row. :data:`MAPPING` declares, once, how each
output column is made and what is approximated or lost; ``docs/gtd.md`` shows it.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.datasets import DATASETS
from eventdata.pipeline.read import read_dataset_table
from eventdata.schema.arrow import table_to_pandas
from eventdata.sources import gtd_columns as col
from eventdata.sources._mapping import ColumnMapping, How, map_rows, typed_frame
from eventdata.sources._mapping import mapping_markdown as render_mapping

__all__ = ["MAPPING", "gtd_to_acled", "gtd_to_acled_table", "read_gtd"]

_GTD = DATASETS["gtd"]


_T: How = "approximated"
_LIST = pa.list_(pa.string())
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
    ColumnMapping("year", ("iyear",), "direct", "iyear", col.cast("iyear", pa.int64())),
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
    ColumnMapping(
        "assoc_actor_1", (), "lost", "empty: GTD's gname2/3 are other groups", col.none(_LIST)
    ),
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
    ColumnMapping("assoc_actor_2", (), "lost", "empty", col.none(_LIST)),
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
        col.cast("region_txt", pa.string()),
    ),
    ColumnMapping("country", ("country_txt",), "direct", "country_txt", col.column("country_txt")),
    ColumnMapping("admin1", ("provstate",), "direct", "provstate", col.column("provstate")),
    ColumnMapping("admin2", (), "lost", "blank: GTD has no second level", col.text(None)),
    ColumnMapping("admin3", (), "lost", "blank", col.text(None)),
    ColumnMapping(
        "location", ("city", "provstate"), _T, "city, else provstate, else country", col.location
    ),
    ColumnMapping("latitude", ("latitude",), "direct", "latitude", col.column("latitude")),
    ColumnMapping("longitude", ("longitude",), "direct", "longitude", col.column("longitude")),
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
    ColumnMapping("source_scale", (), "lost", "blank: GTD does not grade sources", col.text(None)),
    ColumnMapping("notes", ("summary",), "direct", "summary", col.column("summary")),
    ColumnMapping(
        "fatalities",
        ("nkill",),
        _T,
        "nkill rounded; blank (unknown) as 0, kept in gtd_nkill",
        col.fatalities,
    ),
    ColumnMapping("tags", (), "lost", "empty list", col.none(_LIST)),
    ColumnMapping("dataset", (), "constant", "`gtd`", col.text("gtd")),
    ColumnMapping("gtd_eventid", ("eventid",), "direct", "eventid", col.column("eventid")),
    ColumnMapping(
        "gtd_nkill", ("nkill",), "direct", "nkill, blank when unknown", col.column("nkill")
    ),
    ColumnMapping(
        "gtd_specificity", ("specificity",), "direct", "specificity", col.column("specificity")
    ),
    ColumnMapping(
        "gtd_approxdate", ("approxdate",), "direct", "approxdate", col.column("approxdate")
    ),
)
"""How each column of the ACLED-style table is made from GTD's (docs/gtd.md)."""


def read_gtd_table(source: Any, /, *, errors: Literal["raise", "coerce"] = "raise") -> pa.Table:
    """Read a GTD file or table into its typed Arrow table (``arrow_schema()``).

    Args:
        source: a path to a GTD CSV (Latin-1 or UTF-8), Excel, JSON or Parquet file, a
            pandas DataFrame or a pyarrow Table.
        errors: ``"raise"`` (default) refuses values that would be lost because they do
            not parse; ``"coerce"`` reads them as missing values.

    Raises:
        InputError: the input cannot be read, or holds values that do not parse.
        NotEventDataError: the input is not GTD (naming the reader that fits).
    """
    return read_dataset_table(source, dataset=_GTD, errors=errors)


def read_gtd(source: Any, /, *, errors: Literal["raise", "coerce"] = "raise") -> pd.DataFrame:
    """Read Global Terrorism Database incidents into a typed DataFrame.

    The typed GTD columns come first (:class:`~eventdata.datasets.gtd.model.GtdEvent`),
    every other column of the file after them as text. Blank counts stay missing (an
    unknown number of deaths is not zero); ``imonth``/``iday`` keep GTD's ``0`` for
    unknown. Cross-field rules are not checked here: use
    ``eventdata.validate(source, dataset="gtd")``.

    Args:
        source: a path, DataFrame or Arrow table (see :func:`read_gtd_table`).
        errors: ``"raise"`` (default) or ``"coerce"``, see :func:`read_gtd_table`.

    Raises:
        InputError: the input cannot be read, or holds values that do not parse.
        NotEventDataError: the input is not GTD (naming the reader that fits).
    """
    return typed_frame(read_gtd_table(source, errors=errors), _GTD)


def gtd_to_acled_table(data: Any, /, *, timestamp: int = 0) -> pa.Table:
    """Map GTD incidents onto ACLED's columns, as a pyarrow Table.

    Each incident becomes one row with the 31 canonical ACLED columns, then ``dataset``
    (``"gtd"``), ``gtd_eventid``, ``gtd_nkill``, ``gtd_specificity`` and
    ``gtd_approxdate``. :data:`MAPPING` says how each column is made and what is
    approximated or lost (docs/gtd.md).

    Args:
        data: a path to a GTD file, a DataFrame or an Arrow table (text or typed).
        timestamp: the ``timestamp`` written on every row (GTD has no revision time).

    Raises:
        InputError: ``data`` cannot be read or holds GTD values that do not parse.
        NotEventDataError: ``data`` is not GTD.
    """
    return map_rows(read_gtd_table(data), MAPPING, timestamp=timestamp)


def gtd_to_acled(data: Any, /, *, timestamp: int = 0) -> pd.DataFrame:
    """Map GTD incidents onto ACLED's columns, as a DataFrame like ``read_acled``'s.

    The same rows as :func:`gtd_to_acled_table` (see there for ``data`` and
    ``timestamp``).

    Raises:
        InputError: ``data`` cannot be read or holds GTD values that do not parse.
        NotEventDataError: ``data`` is not GTD.
    """
    return table_to_pandas(gtd_to_acled_table(data, timestamp=timestamp))


def mapping_markdown() -> str:
    """Render :data:`MAPPING` as a Markdown table (for docs/gtd.md)."""
    return render_mapping(MAPPING, source="GTD")
