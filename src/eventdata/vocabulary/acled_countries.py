"""ACLED's own country vocabulary: event-id prefixes, country names and regions.

ACLED numbers events per country with a three-letter prefix (``IRQ50538``). For most
countries it is the ISO 3166-1 alpha-3 code of the row's ``iso``, but countries ACLED has
covered since its African beginnings keep ACLED's own codes (``NIG`` for Nigeria, not
``NGA``). :data:`ACLED_PREFIXES` declares those codes once; the
``event_id_cnty.country_prefix`` rule accepts either code and lowering numbers events with
ACLED's. Every entry says where the code was seen, so it can be checked again.

ACLED's ``country`` column uses common names (``Syria``, ``Ivory Coast``), not ISO's short
names; :func:`country_names` gives the names accepted for an ISO numeric code and
:data:`ACLED_REGIONS` the regions ACLED assigns countries to.

Since May 2026 events in international waters (beyond 12 nautical miles) carry the sea's
name as ``country`` (``Red Sea`` instead of ``Yemen``); :data:`ACLED_SEAS` declares those
names with the regions their events may carry, and :func:`is_sea` recognises them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from eventdata.vocabulary.countries import COUNTRIES, alpha3_from_numeric, country_from_numeric

__all__ = [
    "ACLED_COUNTRY_NAMES",
    "ACLED_PREFIXES",
    "ACLED_REGIONS",
    "ACLED_SEAS",
    "AcledPrefix",
    "acled_prefix",
    "country_names",
    "event_id_prefixes",
    "is_acled_region",
    "is_sea",
    "sea_regions",
    "name_key",
    "numerics_of_name",
    "place_name_warnings",
]


class AcledPrefix(NamedTuple):
    """An event-id prefix of ACLED's own, where it differs from the ISO alpha-3 code.

    Attributes:
        numeric: ISO 3166-1 numeric code of the country (ACLED's ``iso``), e.g. 566.
        code: ACLED's prefix, e.g. ``NIG``.
        seen: where the code was seen in ACLED data, for anyone re-checking it.

    """

    numeric: int
    code: str
    seen: str


_SAMPLE_2010 = (
    "ACLED API sample of 31 December 2010 kept in a public repository "
    "(rows NIG2941 Abuja, SUD1082 Al Watanya)"
)
_GLOBAL_EXPORT = (
    "a real global ACLED export whose prefix warnings were reported against this rule; "
    "the code is the country's Correlates of War abbreviation, as ACLED's Africa codes are"
)

_ISSUE_REPORT = (
    "one of the prefixes a real global export of 2020 drew false prefix warnings for "
    "(ALG, BUR, CHI, GUI, ...)"
)
_COW = (
    "ACLED's Africa codes are the Correlates of War abbreviations (NIG, SUD, DRC, CAO, BFO, "
    "NIR are seen in real data); declared from that convention"
)

# fmt: off
ACLED_PREFIXES: tuple[AcledPrefix, ...] = (
    AcledPrefix(566, "NIG", "Nigeria: " + _SAMPLE_2010),
    AcledPrefix(729, "SUD", "Sudan: " + _SAMPLE_2010),
    AcledPrefix(180, "DRC", "Democratic Republic of Congo: " + _GLOBAL_EXPORT),
    AcledPrefix(120, "CAO", "Cameroon: " + _GLOBAL_EXPORT),
    AcledPrefix(854, "BFO", "Burkina Faso: " + _GLOBAL_EXPORT),
    AcledPrefix(562, "NIR", "Niger: " + _GLOBAL_EXPORT),
    AcledPrefix(12, "ALG", "Algeria: " + _ISSUE_REPORT + "; a public column reference of an "
                "ACLED export gives event_id_cnty ALG40 (29 January 1997)"),
    AcledPrefix(108, "BUR", "Burundi: " + _ISSUE_REPORT),
    AcledPrefix(324, "GUI", "Guinea: " + _ISSUE_REPORT + "; " + _COW),
    AcledPrefix(156, "CHI", "China: " + _ISSUE_REPORT + "; the country is inferred (CHN is "
                "China's ISO code, Chad and Chile have their own)"),
    AcledPrefix(24, "ANG", "Angola: " + _COW),
    AcledPrefix(72, "BOT", "Botswana: " + _COW),
    AcledPrefix(140, "CEN", "Central African Republic: " + _COW),
    AcledPrefix(148, "CHA", "Chad: " + _COW),
    AcledPrefix(178, "CON", "Republic of Congo: " + _COW),
    AcledPrefix(226, "EQG", "Equatorial Guinea: " + _COW),
    AcledPrefix(270, "GAM", "Gambia: " + _COW),
    AcledPrefix(384, "CDI", "Ivory Coast: " + _COW),
    AcledPrefix(426, "LES", "Lesotho: " + _COW),
    AcledPrefix(450, "MAG", "Madagascar: " + _COW),
    AcledPrefix(454, "MAW", "Malawi: " + _COW),
    AcledPrefix(478, "MAA", "Mauritania: " + _COW),
    AcledPrefix(504, "MOR", "Morocco: " + _COW),
    AcledPrefix(508, "MZM", "Mozambique: " + _COW),
    AcledPrefix(694, "SIE", "Sierra Leone: " + _COW),
    AcledPrefix(710, "SAF", "South Africa: " + _COW),
    AcledPrefix(748, "SWA", "eSwatini: " + _COW),
    AcledPrefix(834, "TAZ", "Tanzania: " + _COW),
    AcledPrefix(768, "TOG", "Togo: " + _COW),
    AcledPrefix(894, "ZAM", "Zambia: " + _COW),
    AcledPrefix(716, "ZIM", "Zimbabwe: " + _COW),
)
"""ACLED's own event-id prefixes, one per country; countries not listed use ISO alpha-3."""

ACLED_REGIONS: frozenset[str] = frozenset({
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
    "South Asia", "Southeast Asia", "East Asia", "Middle East", "Europe",
    "Caucasus and Central Asia", "Central America", "South America", "Caribbean",
    "North America", "Oceania", "Antarctica",
})
"""The regions of ACLED's ``region`` column (ACLED adds none often; new ones warn)."""

_AFRICA_EAST = ("Eastern Africa", "Northern Africa", "Middle East")
ACLED_SEAS: Mapping[str, frozenset[str]] = MappingProxyType({
    name: frozenset(regions) for name, regions in {
        "Red Sea": _AFRICA_EAST,
        "Gulf of Aden": ("Eastern Africa", "Middle East"),
        "Arabian Sea": ("Middle East", "South Asia", "Eastern Africa"),
        "Gulf of Oman": ("Middle East", "South Asia"),
        "Persian Gulf": ("Middle East",),
        "Indian Ocean": ("Eastern Africa", "Southern Africa", "South Asia", "Southeast Asia",
                         "Middle East", "Oceania"),
        "Mediterranean Sea": ("Europe", "Middle East", "Northern Africa"),
        "Black Sea": ("Europe", "Caucasus and Central Asia"),
        "Sea of Azov": ("Europe",),
        "Caspian Sea": ("Caucasus and Central Asia", "Middle East"),
        "Baltic Sea": ("Europe",),
        "North Sea": ("Europe",),
        "Gulf of Guinea": ("Western Africa", "Middle Africa"),
        "Atlantic Ocean": ("Western Africa", "Middle Africa", "Southern Africa", "Europe",
                           "North America", "Central America", "South America", "Caribbean"),
        "Caribbean Sea": ("Caribbean", "Central America", "South America"),
        "Gulf of Mexico": ("North America", "Central America"),
        "Pacific Ocean": ("Oceania", "Southeast Asia", "East Asia", "North America",
                          "Central America", "South America"),
        "South China Sea": ("Southeast Asia", "East Asia"),
        "East China Sea": ("East Asia",),
        "Yellow Sea": ("East Asia",),
        "Sea of Japan": ("East Asia",),
        "Philippine Sea": ("Southeast Asia", "East Asia"),
        "Bay of Bengal": ("South Asia", "Southeast Asia"),
        "Andaman Sea": ("Southeast Asia", "South Asia"),
        "Coral Sea": ("Oceania",),
    }.items()
})
"""Bodies of water ACLED names as ``country`` (May 2026 on), with the regions their
events may carry. A sea name is accepted whatever the row's ``iso``; its region must be
one of these."""

ACLED_COUNTRY_NAMES: Mapping[int, tuple[str, ...]] = MappingProxyType({
    44: ("Bahamas",), 68: ("Bolivia",), 92: ("British Virgin Islands",), 96: ("Brunei",),
    132: ("Cape Verde",), 158: ("Taiwan",), 178: ("Republic of Congo",),
    180: ("Democratic Republic of Congo",), 203: ("Czech Republic",),
    238: ("Falkland Islands",), 248: ("Aland Islands",), 270: ("Gambia",),
    275: ("Palestine",), 336: ("Vatican City",), 364: ("Iran",), 384: ("Ivory Coast",),
    408: ("North Korea",), 410: ("South Korea",), 418: ("Laos",), 498: ("Moldova",),
    528: ("Netherlands",), 531: ("Curacao",), 534: ("Sint Maarten",), 583: ("Micronesia",),
    626: ("East Timor",), 638: ("Reunion",), 643: ("Russia",), 652: ("Saint-Barthelemy",),
    663: ("Saint-Martin",), 704: ("Vietnam",), 748: ("eSwatini", "Swaziland"),
    760: ("Syria",), 792: ("Turkey",), 807: ("North Macedonia", "Macedonia"),
    826: ("United Kingdom",), 834: ("Tanzania",), 840: ("United States",),
    850: ("Virgin Islands, U.S.",), 862: ("Venezuela",),
})
"""ACLED's country names where they differ from ISO's English short names."""
# fmt: on

_PREFIX_BY_NUMERIC: Mapping[int, str] = MappingProxyType(
    {p.numeric: p.code for p in ACLED_PREFIXES}
)


def name_key(name: str) -> str:
    """Compare country names without case, accents, punctuation or a leading "the"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", plain.casefold()).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _names_by_numeric() -> dict[int, frozenset[str]]:
    names: dict[int, set[str]] = {}
    for country in COUNTRIES:
        keys = names.setdefault(country.numeric, set())
        keys.add(name_key(country.name))
        keys.add(name_key(country.name.split(" (")[0]))  # "Bolivia (Plurinational ...)"
    for numeric, aliases in ACLED_COUNTRY_NAMES.items():
        names.setdefault(numeric, set()).update(name_key(a) for a in aliases)
    return {numeric: frozenset(keys) for numeric, keys in names.items()}


_NAMES: Mapping[int, frozenset[str]] = MappingProxyType(_names_by_numeric())
_NUMERICS: Mapping[str, frozenset[int]] = MappingProxyType(
    {
        key: frozenset(n for n, keys in _NAMES.items() if key in keys)
        for key in {k for keys in _NAMES.values() for k in keys}
    }
)


def country_names(numeric: int, /) -> frozenset[str]:
    """Return the comparison keys (:func:`name_key`) of the names of an ISO numeric code.

    Empty for a code that is not ISO 3166-1 (ACLED's bodies of water, Kosovo).
    """
    return _NAMES.get(numeric, frozenset())


def numerics_of_name(name: str, /) -> frozenset[int]:
    """Return the ISO numeric codes a country name belongs to; empty when it is unknown."""
    return _NUMERICS.get(name_key(name), frozenset())


_SEA_KEYS: Mapping[str, str] = MappingProxyType({name_key(n): n for n in ACLED_SEAS})


def is_sea(name: str, /) -> bool:
    """Whether ``name`` is one of :data:`ACLED_SEAS` (compared as :func:`name_key` does)."""
    return name_key(name) in _SEA_KEYS


def sea_regions(name: str, /) -> frozenset[str]:
    """The regions a sea's events may carry; empty for a name that is not a sea."""
    sea = _SEA_KEYS.get(name_key(name))
    return ACLED_SEAS[sea] if sea is not None else frozenset()


def is_acled_region(region: str, /) -> bool:
    """Whether ``region`` is one of :data:`ACLED_REGIONS` (exact spelling)."""
    return region in ACLED_REGIONS


def acled_prefix(numeric: int, /) -> str:
    """Return the prefix ACLED gives event ids of a country: ``acled_prefix(566) == "NIG"``.

    ACLED's own code where :data:`ACLED_PREFIXES` has one, else the ISO alpha-3 code.

    Raises:
        ValueError: if the code is not an ISO 3166-1 numeric code.

    """
    code = _PREFIX_BY_NUMERIC.get(numeric)
    return code if code is not None else alpha3_from_numeric(numeric)


def event_id_prefixes(numeric: int, /) -> frozenset[str]:
    """Return every prefix an ACLED id of the country may carry: ISO alpha-3 and ACLED's.

    Empty for a code that is not ISO 3166-1.
    """
    try:
        iso = alpha3_from_numeric(numeric)
    except ValueError:
        return frozenset()
    own = _PREFIX_BY_NUMERIC.get(numeric)
    return frozenset({iso} if own is None else {iso, own})


def place_name_warnings(country: str, iso: int, region: str, /, *, where: str) -> list[str]:
    """Check a place's country and region against the tables; return what is unknown.

    Args:
        country: the place's country name.
        iso: its ISO 3166-1 numeric code; other codes (bodies of water) leave ``country``
            free text.
        region: its ACLED region.
        where: how messages name the place, e.g. ``"place 'Abuja'"``.

    Returns:
        One message per unknown name: a country name not known for ``iso``, a region not
        in :data:`ACLED_REGIONS`.

    Raises:
        ValueError: the country name belongs to another ISO code than ``iso``.

    """
    found: list[str] = []
    if is_sea(country):
        regions = sea_regions(country)
        if region not in regions:
            found.append(
                f"{where}: region {region!r} is not a region of {country}'s events "
                f"({', '.join(sorted(regions))})"
            )
        return found
    try:
        iso_name = country_from_numeric(iso).name
    except ValueError:
        iso_name = None
    if iso_name is not None:
        owners = numerics_of_name(country)
        if owners and iso not in owners:
            named = ", ".join(f"{n} ({country_from_numeric(n).name})" for n in sorted(owners))
            raise ValueError(
                f"{where}: country {country!r} is the country of iso {named}, but iso is "
                f"{iso} ({iso_name}); fix the country or the iso"
            )
        if not owners:
            found.append(
                f"{where}: country {country!r} is not a name the countries table knows for "
                f"iso {iso} ({iso_name}); check the spelling"
            )
    if not is_acled_region(region):
        found.append(
            f"{where}: region {region!r} is not one of ACLED's regions "
            f"({', '.join(sorted(ACLED_REGIONS))})"
        )
    return found
