"""Reading the Global Terrorism Database and mapping it onto the ACLED-style table.

:func:`read_gtd` reads any GTD input (START's CSV, which is Latin-1 and about 135
columns wide, its Excel workbook, Parquet, a DataFrame) into typed columns;
:func:`gtd_to_acled` turns incidents into rows of the canonical ACLED table, plus extra
columns that keep what identifies the GTD row. :data:`MAPPING` declares, once, how each
output column is made and what is approximated or lost; ``docs/gtd.md`` shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.datasets import DATASETS
from eventdata.pipeline.read import read_dataset_table
from eventdata.rules import lookups as codebook_arrays
from eventdata.rules.lookups import INTERACTION_CODES, INTERACTION_LABELS, actor_codes
from eventdata.schema.arrow import conform, table_to_pandas
from eventdata.sources._mapping import ColumnMapping, How
from eventdata.sources._mapping import mapping_markdown as render_mapping
from eventdata.vocabulary.acled_countries import numerics_of_name
from eventdata.vocabulary.codebook import CIVILIAN_TARGETING, ActorType

__all__ = ["MAPPING", "gtd_to_acled", "gtd_to_acled_table", "read_gtd"]

_GTD = DATASETS["gtd"]
Gtd = Mapping[str, pa.Array]


_ARMED_TARGETS = ("Military", "Police", "Terrorists/Non-State Militia", "Violent Political Party")
"""GTD target types ACLED codes as armed actors (so an attack on them is a battle)."""

_STATE_TARGETS = {"Military": "Military Forces of ", "Police": "Police Forces of "}

# attack type -> (event type, sub-event type) against civilians / against armed targets
_CROSSWALK: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "Assassination": (
        ("Violence against civilians", "Attack"),
        ("Battles", "Armed clash"),
    ),
    "Armed Assault": (("Violence against civilians", "Attack"), ("Battles", "Armed clash")),
    "Bombing/Explosion": (
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ),
    "Hijacking": (("Violence against civilians", "Abduction/forced disappearance"),) * 2,
    "Hostage Taking (Barricade Incident)": (
        ("Violence against civilians", "Abduction/forced disappearance"),
    )
    * 2,
    "Hostage Taking (Kidnapping)": (
        ("Violence against civilians", "Abduction/forced disappearance"),
    )
    * 2,
    "Facility/Infrastructure Attack": (("Strategic developments", "Looting/property destruction"),)
    * 2,
    "Unarmed Assault": (("Violence against civilians", "Attack"),) * 2,
    "Unknown": (("Violence against civilians", "Attack"), ("Battles", "Armed clash")),
}
"""ACLED's event and sub-event type of each GTD attack type (docs/gtd.md)."""

_GEO_PRECISION = pa.array([None, 1, 2, 2, 3, 3], pa.int64())
"""ACLED's geo precision of GTD's specificity 1-5 (index = specificity)."""


def _armed(g: Gtd) -> pa.Array:
    targets = pa.array(_ARMED_TARGETS, pa.string())
    return pc.fill_null(pc.is_in(g["targtype1_txt"], value_set=targets), False)


_ATTACKS = pa.array(list(_CROSSWALK), pa.string())


def _types(g: Gtd, position: int) -> pa.Array:
    """The event (``position`` 0) or sub-event type (1) of each incident."""
    attack = pc.fill_null(g["attacktype1_txt"], "Unknown")
    index = pc.fill_null(pc.index_in(attack, value_set=_ATTACKS), len(_CROSSWALK) - 1)
    civilians = pa.array([pair[0][position] for pair in _CROSSWALK.values()], pa.string())
    armed = pa.array([pair[1][position] for pair in _CROSSWALK.values()], pa.string())
    picked = pc.if_else(_armed(g), pc.take(armed, index), pc.take(civilians, index))
    if position == 1:  # suicide bombings are ACLED's own sub-event type
        suicide = pc.and_(
            pc.fill_null(pc.equal(g["suicide"], 1), False),
            pc.equal(attack, "Bombing/Explosion"),
        )
        picked = pc.if_else(suicide, "Suicide bomb", picked)
    return picked


def _disorder_type(g: Gtd) -> pa.Array:
    result: pa.Array = codebook_arrays.lookup(
        _types(g, 1), codebook_arrays.SUB_LABELS, codebook_arrays.SUB_DISORDER
    )
    return result


def _event_date(g: Gtd) -> pa.Array:
    month = pc.if_else(pc.greater(g["imonth"], 0), g["imonth"], 1)
    day = pc.if_else(pc.greater(g["iday"], 0), g["iday"], 1)

    def padded(values: pa.Array, width: int) -> pa.Array:
        return pc.utf8_lpad(pc.cast(values, pa.string()), width, "0")

    text = pc.binary_join_element_wise(padded(g["iyear"], 4), padded(month, 2), padded(day, 2), "-")
    return pc.cast(text, pa.date32())


def _time_precision(g: Gtd) -> pa.Array:
    day_known = pc.and_(pc.greater(g["iday"], 0), pc.greater(g["imonth"], 0))
    approximate = pc.is_valid(g["approxdate"])
    exact = pc.if_else(approximate, 2, 1)
    return pc.cast(pc.if_else(day_known, exact, 3), pa.int64())


def _actor1(g: Gtd) -> pa.Array:
    unknown = pc.equal(g["gname"], "Unknown")
    named = pc.binary_join_element_wise("Unidentified Armed Group (", g["country_txt"], ")", "")
    return pc.if_else(unknown, named, g["gname"])


def _inter1(g: Gtd) -> pa.Array:
    unknown = pc.equal(g["gname"], "Unknown")
    return pc.if_else(unknown, ActorType.POLITICAL_MILITIA.value, ActorType.REBEL_GROUP.value)


def _actor2(g: Gtd) -> pa.Array:
    out = pc.binary_join_element_wise("Civilians (", g["country_txt"], ")", "")
    for target, prefix in _STATE_TARGETS.items():
        state = pc.binary_join_element_wise(prefix, g["country_txt"], "")
        out = pc.if_else(pc.fill_null(pc.equal(g["targtype1_txt"], target), False), state, out)
    militia = pc.is_in(g["targtype1_txt"], value_set=pa.array(_ARMED_TARGETS[2:]))
    group = pc.binary_join_element_wise("Unidentified Armed Group (", g["country_txt"], ")", "")
    return pc.if_else(pc.fill_null(militia, False), group, out)


def _inter2(g: Gtd) -> pa.Array:
    state = pc.is_in(g["targtype1_txt"], value_set=pa.array(list(_STATE_TARGETS)))
    militia = pc.is_in(g["targtype1_txt"], value_set=pa.array(_ARMED_TARGETS[2:]))
    out = pc.if_else(
        pc.fill_null(militia, False),
        ActorType.POLITICAL_MILITIA.value,
        ActorType.CIVILIANS.value,
    )
    return pc.if_else(pc.fill_null(state, False), ActorType.STATE_FORCES.value, out)


def _interaction(g: Gtd) -> pa.Array:
    a, b = actor_codes(_inter1(g)), actor_codes(_inter2(g))
    code = pc.add(pc.multiply(pc.min_element_wise(a, b), 10), pc.max_element_wise(a, b))
    return codebook_arrays.lookup(code, INTERACTION_CODES, INTERACTION_LABELS)


def _civilian_targeting(g: Gtd) -> pa.Array:
    civilians = pc.equal(_inter2(g), ActorType.CIVILIANS.value)
    return pc.if_else(civilians, CIVILIAN_TARGETING, pa.scalar(None, pa.string()))


def _iso(g: Gtd) -> pa.Array:
    names = pc.unique(g["country_txt"]).to_pylist()
    codes = [min(numerics_of_name(n)) if n and numerics_of_name(n) else None for n in names]
    position = pc.index_in(g["country_txt"], value_set=pa.array(names, pa.string()))
    return pc.take(pa.array(codes, pa.int64()), position)


def _location(g: Gtd) -> pa.Array:
    return pc.coalesce(g["city"], g["provstate"], g["country_txt"])


def _geo_precision(g: Gtd) -> pa.Array:
    specificity = pc.fill_null(pc.cast(g["specificity"], pa.int64()), 5)
    return pc.take(_GEO_PRECISION, specificity)


def _source(g: Gtd) -> pa.Array:
    text = pc.coalesce(g["scite1"], g["dbsource"])
    given = np.asarray(pc.is_valid(text), dtype=np.int32)
    offsets = pa.array(np.concatenate([[0], np.cumsum(given)]), pa.int32())
    return pa.ListArray.from_arrays(offsets, pc.drop_null(text))


def _none(kind: pa.DataType) -> Callable[[Gtd], pa.Array]:
    return lambda g: pa.nulls(len(g["eventid"]), kind)


def _fatalities(g: Gtd) -> pa.Array:
    return pc.cast(pc.round(pc.fill_null(g["nkill"], 0.0)), pa.int64())


def _text(value: str | None) -> Callable[[Gtd], pa.Array]:
    return lambda g: pa.array([value] * len(g["eventid"]), pa.string())


def _column(name: str) -> Callable[[Gtd], pa.Array]:
    return lambda g: g[name]


def _cast(name: str, kind: pa.DataType) -> Callable[[Gtd], pa.Array]:
    return lambda g: pc.cast(g[name], kind)


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
        _event_date,
    ),
    ColumnMapping("year", ("iyear",), "direct", "iyear", _cast("iyear", pa.int64())),
    ColumnMapping(
        "time_precision",
        ("imonth", "iday", "approxdate"),
        _T,
        "1 a known day, 2 when approxdate qualifies it, 3 an unknown day or month",
        _time_precision,
    ),
    ColumnMapping(
        "disorder_type", ("attacktype1_txt",), _T, "of the sub-event type", _disorder_type
    ),
    ColumnMapping(
        "event_type",
        ("attacktype1_txt", "targtype1_txt"),
        _T,
        "the attack type, as a battle when the target is armed (crosswalk in docs/gtd.md)",
        lambda g: _types(g, 0),
    ),
    ColumnMapping(
        "sub_event_type",
        ("attacktype1_txt", "targtype1_txt", "suicide"),
        _T,
        "the attack type (Suicide bomb for suicide bombings)",
        lambda g: _types(g, 1),
    ),
    ColumnMapping(
        "actor1", ("gname",), _T, "gname; Unknown as Unidentified Armed Group (country)", _actor1
    ),
    ColumnMapping(
        "assoc_actor_1", (), "lost", "empty: GTD's gname2/3 are other groups", _none(_LIST)
    ),
    ColumnMapping(
        "inter1", ("gname",), _T, "Rebel group for a named group, Political militia", _inter1
    ),
    ColumnMapping(
        "actor2",
        ("targtype1_txt", "country_txt"),
        _T,
        "Military/Police Forces of (country), Unidentified Armed Group, else Civilians",
        _actor2,
    ),
    ColumnMapping("assoc_actor_2", (), "lost", "empty", _none(_LIST)),
    ColumnMapping(
        "inter2", ("targtype1_txt",), _T, "State forces, Political militia or Civilians", _inter2
    ),
    ColumnMapping(
        "interaction",
        ("gname", "targtype1_txt"),
        "synthesized",
        "of inter1 and inter2",
        _interaction,
    ),
    ColumnMapping(
        "civilian_targeting",
        ("targtype1_txt",),
        _T,
        "Civilian targeting when actor2 is civilians",
        _civilian_targeting,
    ),
    ColumnMapping("iso", ("country_txt",), _T, "ISO 3166 numeric of the country name", _iso),
    ColumnMapping(
        "region",
        ("region_txt",),
        _T,
        "GTD's region (not ACLED's)",
        _cast("region_txt", pa.string()),
    ),
    ColumnMapping("country", ("country_txt",), "direct", "country_txt", _column("country_txt")),
    ColumnMapping("admin1", ("provstate",), "direct", "provstate", _column("provstate")),
    ColumnMapping("admin2", (), "lost", "blank: GTD has no second level", _text(None)),
    ColumnMapping("admin3", (), "lost", "blank", _text(None)),
    ColumnMapping(
        "location", ("city", "provstate"), _T, "city, else provstate, else country", _location
    ),
    ColumnMapping("latitude", ("latitude",), "direct", "latitude", _column("latitude")),
    ColumnMapping("longitude", ("longitude",), "direct", "longitude", _column("longitude")),
    ColumnMapping(
        "geo_precision",
        ("specificity",),
        _T,
        "specificity 1 -> 1, 2-3 -> 2, 4-5 (or blank) -> 3",
        _geo_precision,
    ),
    ColumnMapping(
        "source", ("scite1", "dbsource"), _T, "the first citation, else dbsource", _source
    ),
    ColumnMapping("source_scale", (), "lost", "blank: GTD does not grade sources", _text(None)),
    ColumnMapping("notes", ("summary",), "direct", "summary", _column("summary")),
    ColumnMapping(
        "fatalities",
        ("nkill",),
        _T,
        "nkill rounded; blank (unknown) as 0, kept in gtd_nkill",
        _fatalities,
    ),
    ColumnMapping("tags", (), "lost", "empty list", _none(_LIST)),
    ColumnMapping("dataset", (), "constant", "`gtd`", _text("gtd")),
    ColumnMapping("gtd_eventid", ("eventid",), "direct", "eventid", _column("eventid")),
    ColumnMapping("gtd_nkill", ("nkill",), "direct", "nkill, blank when unknown", _column("nkill")),
    ColumnMapping(
        "gtd_specificity", ("specificity",), "direct", "specificity", _column("specificity")
    ),
    ColumnMapping("gtd_approxdate", ("approxdate",), "direct", "approxdate", _column("approxdate")),
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
    frame: pd.DataFrame = read_gtd_table(source, errors=errors).to_pandas(
        types_mapper=pd.ArrowDtype
    )
    frame.attrs["eventdata.dialect"] = _GTD.dialect
    return frame


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
    typed = read_gtd_table(data)
    columns: dict[str, pa.Array] = {}
    for name in typed.column_names:
        column = typed.column(name)
        columns[name] = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
        if pa.types.is_dictionary(columns[name].type):
            columns[name] = pc.cast(columns[name], pa.string())
    arrays = {m.column: m.build(columns) for m in MAPPING}
    arrays["timestamp"] = pa.array([timestamp] * typed.num_rows, pa.int64())
    result: pa.Table = conform(pa.table(arrays))
    return result


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
