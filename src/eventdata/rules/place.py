# ruff: noqa: D205  (a rule's docstring opens with its description, one paragraph)
"""The country and region vocabulary checks, for rows and for columns.

ACLED's ``country`` and ``region`` are text; these predicates compare them with the
countries table (ISO 3166-1 short names and ACLED's common names, see
:mod:`eventdata.vocabulary.acled_countries`) and ACLED's regions.
They are warning rules, because ACLED adds names: an unknown name is reported, never
refused. Rows of a combined table whose ``dataset`` column names another dataset (UCDP
GED's own country and region names) are not compared.

The columnar forms normalise each *distinct* country name once (a column holds few), then
compare (iso, name) pairs, encoded as integers, with one vectorized set lookup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.rules.base import rule
from eventdata.vocabulary.acled_countries import (
    ACLED_COUNTRY_NAMES,
    ACLED_REGIONS,
    ACLED_SEAS,
    country_names,
    is_sea,
    name_key,
    sea_regions,
)
from eventdata.vocabulary.countries import COUNTRIES

__all__ = ["ACLED_DATASET", "CountryOfIso", "KnownRegion", "SeaRegion"]

_ISO_NUMERIC = pa.array([c.numeric for c in COUNTRIES], pa.int64())
_PREFERRED_NAME = pa.array(
    [ACLED_COUNTRY_NAMES.get(c.numeric, (c.name,))[0] for c in COUNTRIES], pa.string()
)
_KEY_IDS: dict[str, int] = {
    key: i for i, key in enumerate(sorted({k for c in COUNTRIES for k in country_names(c.numeric)}))
}
_PAIR_BASE = len(_KEY_IDS) + 1
_VALID_PAIRS = pa.array(
    sorted(
        c.numeric * _PAIR_BASE + _KEY_IDS[key]
        for c in COUNTRIES
        for key in country_names(c.numeric)
    ),
    pa.int64(),
)
_REGIONS = pa.array(sorted(ACLED_REGIONS))


ACLED_DATASET = "acled"
"""Rows of a combined table whose ``dataset`` is another (``ucdp-ged``) use its names."""


def _mask(values: pa.Array | pa.ChunkedArray, c: Mapping[str, pa.Array]) -> np.ndarray:
    if "dataset" in c:
        dataset = pc.fill_null(c["dataset"], "")
        acled = pc.or_(pc.equal(dataset, ""), pc.equal(dataset, ACLED_DATASET))
        values = pc.and_(values, acled)
    filled = pc.fill_null(values, False)
    return np.asarray(filled.to_numpy(zero_copy_only=False), dtype=bool)


def _other_dataset(v: Mapping[str, Any]) -> bool:
    return v.get("dataset") not in (None, "", ACLED_DATASET)


def _distinct(countries: pa.Array | pa.ChunkedArray) -> tuple[list[str | None], pa.Array]:
    """The distinct country names and, per row, the index of its name among them."""
    values = countries
    if pa.types.is_dictionary(values.type):
        values = pc.cast(values, pa.string())
    distinct = pc.unique(values)
    return distinct.to_pylist(), pc.index_in(values, value_set=distinct)


def _per_row(
    flags: list[Any], index: pa.Array | pa.ChunkedArray, type_: pa.DataType
) -> pa.Array | pa.ChunkedArray:
    """A value per distinct name spread to the rows (each name looked up once)."""
    return pc.take(pa.array(flags, type_), index)


def _given(text: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """True where a text cell holds more than white space (blank ones fail not_empty)."""
    if pa.types.is_dictionary(text.type):
        text = pc.cast(text, pa.string())
    return pc.and_(pc.greater(pc.utf8_length(text), 0), pc.invert(pc.utf8_is_space(text)))


_SEA_NAMES = {name_key(sea): sea for sea in ACLED_SEAS}
_SEA_PAIRS = pa.array(
    sorted(f"{sea}\x1f{region}" for sea, rs in ACLED_SEAS.items() for region in rs)
)


@rule("country.iso", severity="warning", inputs=("country", "iso"))
class CountryOfIso:
    """country is a name of the row's iso: ISO's short name or ACLED's common name
    (Syria for 760); rows whose iso is not an ISO code (bodies of water) and rows whose
    `dataset` column names another dataset are not compared. A warning, since ACLED adds
    names.

    Expected: the country of iso (e.g. Iraq for 368)
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        """Whether one row's country is not a name of its ISO ``iso`` (other codes pass)."""
        keys = country_names(v["iso"])
        if not keys or is_sea(v["country"]) or _other_dataset(v):
            return False
        return name_key(v["country"]) not in keys

    @staticmethod
    def columnar(c: Mapping[str, pa.Array]) -> np.ndarray:
        """Per row, whether the country is not a name of iso."""
        iso = c["iso"]
        names, index = _distinct(c["country"])
        ids = [-1 if n is None else _KEY_IDS.get(name_key(n), -1) for n in names]
        pairs = pc.add(
            pc.multiply(pc.cast(iso, pa.int64()), _PAIR_BASE), _per_row(ids, index, pa.int64())
        )
        known = pc.is_in(pairs, value_set=_VALID_PAIRS)
        seas = [n is not None and is_sea(n) for n in names]
        if any(seas):  # a sea has no ISO country to match
            known = pc.or_(known, pc.fill_null(_per_row(seas, index, pa.bool_()), False))
        is_iso = pc.is_in(iso, value_set=_ISO_NUMERIC)
        return _mask(pc.and_(pc.and_(is_iso, pc.invert(known)), _given(c["country"])), c)

    @staticmethod
    def explain(c: Mapping[str, pa.Array]) -> pa.Array:
        """The country name expected for each row's iso (ACLED's name where it has one)."""
        return pc.take(_PREFERRED_NAME, pc.index_in(c["iso"], value_set=_ISO_NUMERIC))


@rule("region.acled", severity="warning", inputs=("region",))
class KnownRegion:
    """region is one of ACLED's regions (rows whose `dataset` column names another
    dataset are not compared). A warning, since ACLED adds regions.

    Expected: one of ACLED's regions (e.g. Middle East, Eastern Africa)
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        """Whether one row's region is not one of ACLED's regions."""
        return v["region"] not in ACLED_REGIONS and not _other_dataset(v)

    @staticmethod
    def columnar(c: Mapping[str, pa.Array]) -> np.ndarray:
        """Per row, whether the region is not one of ACLED's regions."""
        unknown = pc.invert(pc.is_in(c["region"], value_set=_REGIONS))
        return _mask(pc.and_(unknown, _given(c["region"])), c)


@rule("country.sea_region", severity="warning", inputs=("country", "region"), column="region")
class SeaRegion:
    """an event in international waters (country is a sea, e.g. Red Sea, since May 2026)
    carries a region the sea borders (Red Sea: Eastern Africa, Northern Africa or Middle
    East). A warning, since ACLED may place seas anew.

    Expected: a region the sea borders
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        """Whether one row's country is a sea whose events do not carry the row's region."""
        if not is_sea(v["country"]) or _other_dataset(v):
            return False
        return v["region"] not in sea_regions(v["country"])

    @staticmethod
    def columnar(c: Mapping[str, pa.Array]) -> np.ndarray:
        """Per row, whether the country is a sea whose events do not carry the region."""
        countries, regions = c["country"], c["region"]
        names, index = _distinct(countries)
        official = [_SEA_NAMES.get(name_key(n)) if n is not None else None for n in names]
        if not any(official):  # no sea: nothing to check
            return np.zeros(len(countries), dtype=bool)
        if pa.types.is_dictionary(regions.type):
            regions = pc.cast(regions, pa.string())
        canonical = _per_row(official, index, pa.string())
        pairs = pc.binary_join_element_wise(canonical, pc.fill_null(regions, ""), "\x1f")
        wrong = pc.invert(pc.fill_null(pc.is_in(pairs, value_set=_SEA_PAIRS), False))
        return _mask(pc.and_(pc.is_valid(canonical), wrong), c)
