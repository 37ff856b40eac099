"""Vectorized builders of the ACLED columns mapped from UCDP GED.

Each builder takes the typed GED columns by name (:data:`Ged`) and returns one output
column as a pyarrow array; :data:`eventdata.sources.ucdp_mapping.MAPPING` declares which
builder makes which column. The country-name lookup (:data:`UCDP_COUNTRY_ALPHA3`) and the
precision tables live here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.rules import lookups as codebook_arrays
from eventdata.rules.lookups import INTERACTION_CODES, INTERACTION_LABELS, actor_codes
from eventdata.vocabulary.codebook import (
    CIVILIAN_TARGETING,
    ActorType,
    EventType,
    SubEventType,
)
from eventdata.vocabulary.countries import COUNTRIES

__all__ = [
    "GEO_PRECISION",
    "TIME_PRECISION",
    "UCDP_COUNTRY_ALPHA3",
    "Ged",
    "actor2",
    "admin",
    "civilian_targeting",
    "event_id",
    "event_type",
    "fatalities",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "location",
    "lookup",
    "notes",
    "source",
    "sub_event_type",
    "year",
]

Ged = Mapping[str, pa.Array]
"""Typed GED columns by name (:func:`eventdata.validation.ged.ged_arrow_schema`)."""

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

GEO_PRECISION = pa.array([None, 1, 2, 2, 3, 3, 3, 3], pa.int64())
"""ACLED ``geo_precision`` (1-3) indexed by GED ``where_prec`` (1-7)."""
TIME_PRECISION = pa.array([None, 1, 2, 2, 3, 3], pa.int64())
"""ACLED ``time_precision`` (1-3) indexed by GED ``date_prec`` (1-5)."""

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


# -- generic builders -------------------------------------------------------------------------


def lookup(table: pa.Array, name: str) -> Callable[[Ged], pa.Array]:
    """Build ``table`` indexed by the GED column ``name``."""
    return lambda g: pc.take(table, g[name])


def admin(name: str) -> Callable[[Ged], pa.Array]:
    """Build the GED admin column ``name`` without its unit word."""

    def build(g: Ged) -> pa.Array:
        return pc.replace_substring_regex(g[name], _ADMIN_SUFFIX, "")

    return build


# -- column builders --------------------------------------------------------------------------


def _one_sided(g: Ged) -> pa.Array:
    return pc.fill_null(pc.equal(g["type_of_violence"], _ONE_SIDED), False)


def event_id(g: Ged) -> pa.Array:
    """Return ``GED`` + id."""
    return pc.binary_join_element_wise("GED", pc.cast(g["id"], pa.string()), "")


def year(g: Ged) -> pa.Array:
    """Return the year of ``date_start``."""
    return pc.cast(pc.year(g["date_start"]), pa.int64())


def event_type(g: Ged) -> pa.Array:
    """Return the ACLED event type of ``type_of_violence``."""
    return pc.if_else(
        _one_sided(g), EventType.VIOLENCE_AGAINST_CIVILIANS.value, EventType.BATTLES.value
    )


def sub_event_type(g: Ged) -> pa.Array:
    """Return the ACLED sub-event type of ``type_of_violence``."""
    return pc.if_else(_one_sided(g), SubEventType.ATTACK.value, SubEventType.ARMED_CLASH.value)


def actor2(g: Ged) -> pa.Array:
    """Return ``side_b``, civilians of one-sided violence named as ACLED names them."""
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


def inter1(g: Ged) -> pa.Array:
    """Return the ACLED actor type of ``side_a``."""
    return _actor_type(g["side_a"], g)


def inter2(g: Ged) -> pa.Array:
    """Return the ACLED actor type of ``side_b``."""
    return _actor_type(g["side_b"], g, civilians=_one_sided(g))


def interaction(g: Ged) -> pa.Array:
    """Return ACLED's interaction label of inter1 and inter2."""
    a, b = actor_codes(inter1(g)), actor_codes(inter2(g))
    code = pc.add(pc.multiply(pc.min_element_wise(a, b), 10), pc.max_element_wise(a, b))
    return codebook_arrays.lookup(code, INTERACTION_CODES, INTERACTION_LABELS)


def civilian_targeting(g: Ged) -> pa.Array:
    """Return ``Civilian targeting`` for one-sided violence, else null."""
    return pc.if_else(_one_sided(g), CIVILIAN_TARGETING, pa.scalar(None, pa.string()))


def iso(g: Ged) -> pa.Array:
    """Return the ISO 3166-1 numeric code of the country name (null when unknown)."""
    return pc.take(_ISO_CODES, pc.index_in(g["country"], value_set=_ISO_NAMES))


def location(g: Ged) -> pa.Array:
    """Return ``where_coordinates``, else ``adm_2``, ``adm_1``, ``country``."""
    return pc.coalesce(g["where_coordinates"], g["adm_2"], g["adm_1"], g["country"])


def _split_unique(value: str | None) -> list[str]:
    if not value:
        return []
    parts = [p.strip() for p in re.split(r";", value)]
    return list(dict.fromkeys(p for p in parts if p))


def source(g: Ged) -> pa.Array:
    """Return the sources split on ``;``, duplicates dropped."""
    text = pc.coalesce(g["source_office"], g["source_original"])
    return pa.array([_split_unique(v) for v in text.to_pylist()], pa.list_(pa.string()))


def notes(g: Ged) -> pa.Array:
    """Return ``Headline: <source_headline>. Location: <where_description>``."""
    headline = pc.binary_join(pc.split_pattern(g["source_headline"], ";"), "; ")
    parts = [
        pc.binary_join_element_wise("Headline: ", headline, ""),
        pc.binary_join_element_wise("Location: ", g["where_description"], ""),
    ]
    both = pc.binary_join_element_wise(parts[0], parts[1], ". ")
    return pc.coalesce(both, parts[0], parts[1])


def fatalities(g: Ged) -> pa.Array:
    """Return the lowest of ``low``, ``best`` and ``high``."""
    return pc.min_element_wise(g["low"], g["best"], g["high"])
