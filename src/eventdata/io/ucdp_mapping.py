"""Mapping UCDP GED events onto the ACLED-style event table.

:func:`ged_to_acled` turns GED rows into rows of the canonical ACLED table (the 31 columns
of :func:`eventdata.read_acled`) plus extra columns that keep what identifies the GED row
(``dataset``, ``ged_id``, ``relid``, ...), so GED and ACLED events can share one table or
one Parquet dataset and be told apart by ``dataset``.

:data:`MAPPING` declares, once, how each output column is made: from which GED columns,
whether the value is carried as it is (``direct``), approximated, synthesized, a constant,
or lost (ACLED has the column, GED has nothing to fill it with). The same declaration
computes the columns and generates the table in ``docs/ucdp.md`` (:func:`mapping_markdown`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.io.ucdp import read_ged_table, rules_markdown
from eventdata.models.event import ACLED_COLUMNS
from eventdata.models.ged import GED_COLUMNS
from eventdata.validation.rules import actor_codes
from eventdata.vocabulary.codebook import (
    CIVILIAN_TARGETING,
    INTERACTIONS,
    ActorType,
    DisorderType,
    EventType,
    SubEventType,
)
from eventdata.vocabulary.countries import COUNTRIES

__all__ = [
    "DATASET",
    "EXTRA_COLUMNS",
    "MAPPING",
    "UCDP_COUNTRY_ALPHA3",
    "ColumnMapping",
    "ged_to_acled",
    "lost_ged_columns",
    "mapping_markdown",
    "update_docs",
]

DATASET = "ucdp-ged"
"""Value of the ``dataset`` column on rows mapped from GED."""

How = Literal["direct", "approximated", "synthesized", "constant", "lost"]
Ged = Mapping[str, pa.Array]
"""Typed GED columns by name (:func:`eventdata.io.ucdp.ged_arrow_schema`)."""


@dataclass(frozen=True)
class ColumnMapping:
    """How one output column is made from GED columns.

    Attributes:
        column: the output column (an ACLED column or one of :data:`EXTRA_COLUMNS`).
        ged: the GED columns it is made from (empty for constants and lost columns).
        how: ``direct``, ``approximated``, ``synthesized``, ``constant`` or ``lost``.
        rule: how the value is made, in words (the docs table shows it).
        build: computes the column from the typed GED columns.

    """

    column: str
    ged: tuple[str, ...]
    how: How
    rule: str
    build: Callable[[Ged], pa.Array]


# -- lookups ----------------------------------------------------------------------------------

UCDP_COUNTRY_ALPHA3: dict[str, str] = {
    "Bolivia": "BOL",
    "Bosnia-Herzegovina": "BIH",
    "Brunei": "BRN",
    "Cambodia (Kampuchea)": "KHM",
    "Cape Verde": "CPV",
    "Czech Republic": "CZE",
    "DR Congo (Zaire)": "COD",
    "East Timor": "TLS",
    "Iran": "IRN",
    "Ivory Coast": "CIV",
    "Kingdom of eSwatini (Swaziland)": "SWZ",
    "Laos": "LAO",
    "Macedonia, FYR": "MKD",
    "Madagascar (Malagasy)": "MDG",
    "Moldova": "MDA",
    "Myanmar (Burma)": "MMR",
    "North Korea": "PRK",
    "Russia (Soviet Union)": "RUS",
    "Serbia (Yugoslavia)": "SRB",
    "South Korea": "KOR",
    "Syria": "SYR",
    "Tanzania": "TZA",
    "Turkey": "TUR",
    "United Kingdom": "GBR",
    "Venezuela": "VEN",
    "Vietnam (North Vietnam)": "VNM",
    "Yemen (North Yemen)": "YEM",
    "Zimbabwe (Rhodesia)": "ZWE",
}
"""UCDP country names that differ from ISO 3166-1 short names, with their alpha-3 code.

GED's ``country_id`` is a Gleditsch-Ward code, not ACLED's ISO numeric ``iso``; ``iso`` is
found from the country name: an ISO short name, or a name listed here.
"""

_NUMERIC_BY_ALPHA3 = {c.alpha3: c.numeric for c in COUNTRIES}
_ISO_BY_NAME: dict[str, int] = {c.name: c.numeric for c in COUNTRIES}
_ISO_BY_NAME.update({name: _NUMERIC_BY_ALPHA3[a3] for name, a3 in UCDP_COUNTRY_ALPHA3.items()})
_ISO_NAMES = pa.array(list(_ISO_BY_NAME))
_ISO_CODES = pa.array(list(_ISO_BY_NAME.values()), pa.int64())

# GED where_prec 1-7 -> ACLED geo_precision 1-3; GED date_prec 1-5 -> ACLED time_precision 1-3
_GEO_PRECISION = pa.array([None, 1, 2, 2, 3, 3, 3, 3], pa.int64())
_TIME_PRECISION = pa.array([None, 1, 2, 2, 3, 3], pa.int64())

_ADMIN_UNITS = (
    "agency|cercle|city|commune|constituency|county|department|département|district|"
    "governorate|island|krai|lga|municipality|oblast|prefecture|province|raion|rayon|"
    "regency|region|republic|state|sub-district|territory|zone"
)
_ADMIN_SUFFIX = rf"\s+(?:{_ADMIN_UNITS})$"

_STATE = ActorType.STATE_FORCES.value
_EXTERNAL = ActorType.EXTERNAL_OTHER_FORCES.value
_REBEL = ActorType.REBEL_GROUP.value
_CIVILIANS = ActorType.CIVILIANS.value
_ONE_SIDED = 3


# -- builders ---------------------------------------------------------------------------------


def _null(kind: pa.DataType) -> Callable[[Ged], pa.Array]:
    return lambda g: pa.nulls(len(g["id"]), kind)


def _const(value: Any, kind: pa.DataType) -> Callable[[Ged], pa.Array]:
    return lambda g: pa.array([value] * len(g["id"]), kind)


def _empty_list(g: Ged) -> pa.Array:
    return pa.array([[]] * len(g["id"]), pa.list_(pa.string()))


def _one_sided(g: Ged) -> pa.Array:
    return pc.fill_null(pc.equal(g["type_of_violence"], _ONE_SIDED), False)


def _event_id(g: Ged) -> pa.Array:
    return pc.binary_join_element_wise("GED", pc.cast(g["id"], pa.string()), "")


def _year(g: Ged) -> pa.Array:
    return pc.cast(pc.year(g["date_start"]), pa.int64())


def _event_type(g: Ged) -> pa.Array:
    return pc.if_else(
        _one_sided(g), EventType.VIOLENCE_AGAINST_CIVILIANS.value, EventType.BATTLES.value
    )


def _sub_event_type(g: Ged) -> pa.Array:
    return pc.if_else(_one_sided(g), SubEventType.ATTACK.value, SubEventType.ARMED_CLASH.value)


def _actor2(g: Ged) -> pa.Array:
    civilians = pc.and_(_one_sided(g), pc.equal(g["side_b"], "Civilians"))
    named = pc.binary_join_element_wise("Civilians (", g["country"], ")", "")
    return pc.if_else(civilians, named, g["side_b"])


def _actor_type(side: pa.Array, g: Ged, *, civilians: pa.Array | None = None) -> pa.Array:
    own = pc.binary_join_element_wise("Government of ", g["country"], "")
    kind = pc.if_else(
        pc.fill_null(pc.starts_with(side, "Government of "), False), _EXTERNAL, _REBEL
    )
    kind = pc.if_else(pc.fill_null(pc.equal(side, own), False), _STATE, kind)
    if civilians is not None:
        kind = pc.if_else(civilians, _CIVILIANS, kind)
    return kind


def _inter1(g: Ged) -> pa.Array:
    return _actor_type(g["side_a"], g)


def _inter2(g: Ged) -> pa.Array:
    return _actor_type(g["side_b"], g, civilians=_one_sided(g))


_INTERACTION_CODES = pa.array(list(INTERACTIONS), pa.int64())
_INTERACTION_LABELS = pa.array(list(INTERACTIONS.values()))


def _interaction(g: Ged) -> pa.Array:
    a, b = actor_codes(_inter1(g)), actor_codes(_inter2(g))
    code = pc.add(pc.multiply(pc.min_element_wise(a, b), 10), pc.max_element_wise(a, b))
    return pc.take(_INTERACTION_LABELS, pc.index_in(code, value_set=_INTERACTION_CODES))


def _civilian_targeting(g: Ged) -> pa.Array:
    return pc.if_else(_one_sided(g), CIVILIAN_TARGETING, pa.scalar(None, pa.string()))


def _iso(g: Ged) -> pa.Array:
    return pc.take(_ISO_CODES, pc.index_in(g["country"], value_set=_ISO_NAMES))


def _admin(column: str) -> Callable[[Ged], pa.Array]:
    def build(g: Ged) -> pa.Array:
        return pc.replace_substring_regex(g[column], _ADMIN_SUFFIX, "")

    return build


def _location(g: Ged) -> pa.Array:
    return pc.coalesce(g["where_coordinates"], g["adm_2"], g["adm_1"], g["country"])


def _lookup(table: pa.Array, column: str) -> Callable[[Ged], pa.Array]:
    return lambda g: pc.take(table, g[column])


def _split_unique(value: str | None) -> list[str]:
    if not value:
        return []
    parts = [p.strip() for p in re.split(r";", value)]
    return list(dict.fromkeys(p for p in parts if p))


def _source(g: Ged) -> pa.Array:
    text = pc.coalesce(g["source_office"], g["source_original"])
    return pa.array([_split_unique(v) for v in text.to_pylist()], pa.list_(pa.string()))


def _notes(g: Ged) -> pa.Array:
    headline = pc.binary_join(pc.split_pattern(g["source_headline"], ";"), "; ")
    parts = [
        pc.binary_join_element_wise("Headline: ", headline, ""),
        pc.binary_join_element_wise("Location: ", g["where_description"], ""),
    ]
    both = pc.binary_join_element_wise(parts[0], parts[1], ". ")
    return pc.coalesce(both, parts[0], parts[1])


def _fatalities(g: Ged) -> pa.Array:
    return pc.min_element_wise(g["low"], g["best"], g["high"])


def _column(name: str) -> Callable[[Ged], pa.Array]:
    return lambda g: g[name]


_TEXT = pa.string()
_INT = pa.int64()

MAPPING: tuple[ColumnMapping, ...] = (
    ColumnMapping("event_id_cnty", ("id",), "synthesized", "`GED` + id, e.g. GED300380", _event_id),
    ColumnMapping(
        "event_date",
        ("date_start",),
        "approximated",
        "date_start, the earliest possible day (ACLED would record the middle of a week or "
        "month); ged_date_end keeps the end of the span",
        _column("date_start"),
    ),
    ColumnMapping("year", ("date_start",), "direct", "year of date_start", _year),
    ColumnMapping(
        "time_precision",
        ("date_prec",),
        "approximated",
        "date_prec 1 -> 1; 2 (2-6 days), 3 (week) -> 2; 4 (month), 5 (year or longer) -> 3. "
        "ACLED records nothing vaguer than a month: date_prec 5 becomes 3",
        _lookup(_TIME_PRECISION, "date_prec"),
    ),
    ColumnMapping(
        "disorder_type",
        (),
        "constant",
        "Political violence (the disorder type of both sub-event types used)",
        _const(DisorderType.POLITICAL_VIOLENCE.value, _TEXT),
    ),
    ColumnMapping(
        "event_type",
        ("type_of_violence",),
        "approximated",
        "type_of_violence 1 (state-based), 2 (non-state) -> Battles; 3 (one-sided) -> "
        "Violence against civilians",
        _event_type,
    ),
    ColumnMapping(
        "sub_event_type",
        ("type_of_violence",),
        "approximated",
        "1, 2 -> Armed clash; 3 -> Attack. GED does not record the tactic (air strike, "
        "shelling, IED), so Explosions/Remote violence never occurs",
        _sub_event_type,
    ),
    ColumnMapping("actor1", ("side_a",), "direct", "side_a", _column("side_a")),
    ColumnMapping(
        "assoc_actor_1", (), "lost", "empty list: GED has no associated actors", _empty_list
    ),
    ColumnMapping(
        "inter1",
        ("side_a", "country"),
        "approximated",
        "`Government of <country>` -> State forces; another government -> External/Other "
        "forces; any other side -> Rebel group (GED's event file does not tell rebel groups "
        "from political or identity militias)",
        _inter1,
    ),
    ColumnMapping(
        "actor2",
        ("side_b", "type_of_violence", "country"),
        "approximated",
        "side_b; in one-sided violence GED's `Civilians` becomes `Civilians (<country>)` as "
        "ACLED names them",
        _actor2,
    ),
    ColumnMapping(
        "assoc_actor_2", (), "lost", "empty list: GED has no associated actors", _empty_list
    ),
    ColumnMapping(
        "inter2",
        ("side_b", "type_of_violence", "country"),
        "approximated",
        "as inter1; side_b of one-sided violence -> Civilians",
        _inter2,
    ),
    ColumnMapping(
        "interaction",
        ("side_a", "side_b", "type_of_violence", "country"),
        "approximated",
        "ACLED's interaction label of inter1 and inter2",
        _interaction,
    ),
    ColumnMapping(
        "civilian_targeting",
        ("type_of_violence",),
        "approximated",
        "`Civilian targeting` when type_of_violence is 3, else blank",
        _civilian_targeting,
    ),
    ColumnMapping(
        "iso",
        ("country",),
        "approximated",
        "ISO 3166-1 numeric code found from the country name (GED's country_id is a "
        "Gleditsch-Ward code, not ISO); blank for a name neither ISO nor "
        "UCDP_COUNTRY_ALPHA3 knows",
        _iso,
    ),
    ColumnMapping(
        "region",
        ("region",),
        "approximated",
        "GED's region (Africa, Americas, Asia, Europe, Middle East), coarser than ACLED's",
        _column("region"),
    ),
    ColumnMapping(
        "country",
        ("country",),
        "approximated",
        "GED's country name, e.g. DR Congo (Zaire) where ACLED writes Democratic Republic of Congo",
        _column("country"),
    ),
    ColumnMapping(
        "admin1",
        ("adm_1",),
        "approximated",
        "adm_1 without its unit word (`Idlib governorate` -> `Idlib`)",
        _admin("adm_1"),
    ),
    ColumnMapping(
        "admin2",
        ("adm_2",),
        "approximated",
        "adm_2 without its unit word (`Ariha district` -> `Ariha`)",
        _admin("adm_2"),
    ),
    ColumnMapping("admin3", (), "lost", "blank: GED has no third-level unit", _null(_TEXT)),
    ColumnMapping(
        "location",
        ("where_coordinates", "adm_2", "adm_1", "country"),
        "approximated",
        "where_coordinates (the place the coordinates mark), else adm_2, adm_1, country",
        _location,
    ),
    ColumnMapping("latitude", ("latitude",), "direct", "latitude", _column("latitude")),
    ColumnMapping("longitude", ("longitude",), "direct", "longitude", _column("longitude")),
    ColumnMapping(
        "geo_precision",
        ("where_prec",),
        "approximated",
        "where_prec 1 -> 1; 2 (25 km), 3 (admin2) -> 2; 4 (admin1), 5, 6 (country), 7 (sea "
        "or air) -> 3",
        _lookup(_GEO_PRECISION, "where_prec"),
    ),
    ColumnMapping(
        "source",
        ("source_office", "source_original"),
        "approximated",
        "source_office split on `;`, duplicates dropped; source_original when "
        "source_office is blank",
        _source,
    ),
    ColumnMapping(
        "source_scale", (), "lost", "blank: GED does not grade source scale", _null(_TEXT)
    ),
    ColumnMapping(
        "notes",
        ("source_headline", "where_description"),
        "synthesized",
        "`Headline: <source_headline>. Location: <where_description>`",
        _notes,
    ),
    ColumnMapping(
        "fatalities",
        ("low", "best", "high"),
        "approximated",
        "the lowest of low, best and high: ACLED codes the lowest reported figure. "
        "ged_best keeps UCDP's best estimate",
        _fatalities,
    ),
    ColumnMapping("tags", (), "lost", "empty list: GED has no tags", _empty_list),
    ColumnMapping(
        "timestamp",
        (),
        "constant",
        "the `timestamp=` argument (default 0): GED has no per-row revision time",
        _const(0, _INT),
    ),
    ColumnMapping("dataset", (), "constant", f"`{DATASET}`", _const(DATASET, _TEXT)),
    ColumnMapping("ged_id", ("id",), "direct", "id", _column("id")),
    ColumnMapping("relid", ("relid",), "direct", "relid", _column("relid")),
    ColumnMapping("ged_best", ("best",), "direct", "best (UCDP's best estimate)", _column("best")),
    ColumnMapping(
        "ged_date_end",
        ("date_end",),
        "direct",
        "date_end, the end of the span",
        _column("date_end"),
    ),
)
"""How every output column is made, in output order: 31 ACLED columns, then extras."""

EXTRA_COLUMNS: tuple[str, ...] = tuple(m.column for m in MAPPING if m.column not in ACLED_COLUMNS)
"""Columns after the 31 ACLED ones: ``dataset``, ``ged_id``, ``relid``, ``ged_best``, ..."""


def lost_ged_columns() -> tuple[str, ...]:
    """GED columns no output column is made from, in GED file order."""
    used = {name for m in MAPPING for name in m.ged}
    return tuple(name for name in GED_COLUMNS if name not in used)


# -- the mapping ------------------------------------------------------------------------------


def _mapped_table(ged: pa.Table, *, timestamp: int) -> pa.Table:
    columns = {name: _array(ged.column(name)) for name in GED_COLUMNS}
    arrays = {}
    for mapping in MAPPING:
        arrays[mapping.column] = mapping.build(columns)
    arrays["timestamp"] = pa.array([timestamp] * ged.num_rows, _INT)
    table = pa.table(arrays)
    try:
        from eventdata.io.arrow import conform
    except ImportError:  # pragma: no cover - before the Arrow schema exists
        return table
    result: pa.Table = conform(table)
    return result


def _array(column: pa.ChunkedArray) -> pa.Array:
    return column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)


def ged_to_acled(data: Any, /, *, timestamp: int = 0) -> pa.Table | pd.DataFrame:
    """Map UCDP GED events onto ACLED's columns.

    Each GED row becomes one row with the 31 canonical ACLED columns, then ``dataset``
    (``"ucdp-ged"``), ``ged_id``, ``relid``, ``ged_best`` and ``ged_date_end``. How each
    column is made, what is approximated and what is lost is declared in :data:`MAPPING`
    and tabulated in ``docs/ucdp.md``. The result validates with
    :func:`eventdata.validation.engine.validate` (a row whose country name has no ISO code
    fails ``required.iso``).

    Args:
        data: GED rows: what :func:`~eventdata.io.ucdp.read_ged` returns, a GED Arrow
            table (text or typed), or a path to a GED file.
        timestamp: the ``timestamp`` (Unix seconds) written on every row, e.g. the GED
            release date; GED has no per-row revision time.

    Returns:
        A pyarrow Table (canonical ACLED schema) when ``data`` is a Table, else a pandas
        DataFrame with Arrow-backed dtypes.

    Raises:
        InputError: ``data`` cannot be read or holds GED values that do not parse.

    """
    table = _mapped_table(read_ged_table(data), timestamp=timestamp)
    if isinstance(data, pa.Table):
        return table
    try:
        from eventdata.io.arrow import table_to_pandas
    except ImportError:  # pragma: no cover - before the Arrow schema exists
        return table.to_pandas(types_mapper=pd.ArrowDtype)
    return table_to_pandas(table)


# -- documentation ----------------------------------------------------------------------------


def mapping_markdown() -> str:
    """Render the mapping as a Markdown table, then the GED columns it does not carry."""
    lines = ["| output column | from GED | how | rule |", "|---|---|---|---|"]
    for m in MAPPING:
        ged = ", ".join(f"`{name}`" for name in m.ged) or "-"
        lines.append(f"| `{m.column}` | {ged} | {m.how} | {m.rule} |")
    lost = ", ".join(f"`{name}`" for name in lost_ged_columns())
    lines += ["", f"GED columns not carried into the ACLED table: {lost}."]
    return "\n".join(lines) + "\n"


_BLOCKS: dict[str, Callable[[], str]] = {"mapping": mapping_markdown, "rules": rules_markdown}


def _replacement(block: str) -> Callable[[re.Match[str]], str]:
    return lambda match: match.group(1) + block + match.group(2)


def update_docs(text: str) -> str:
    """Replace the generated blocks of ``docs/ucdp.md`` with what the code declares.

    A block sits between ``<!-- generated:NAME -->`` and ``<!-- end:NAME -->`` lines,
    NAME being ``mapping`` or ``rules``.
    """
    for name, generate in _BLOCKS.items():
        pattern = re.compile(
            rf"(<!-- generated:{name} -->\n).*?(<!-- end:{name} -->)", flags=re.DOTALL
        )
        text = pattern.sub(_replacement(generate()), text)
    return text


if __name__ == "__main__":  # pragma: no cover - `python -m eventdata.io.ucdp_mapping docs/ucdp.md`
    from pathlib import Path

    page = Path(sys.argv[1])
    page.write_text(update_docs(page.read_text(encoding="utf-8")), encoding="utf-8")
