import re

import pytest

from eventdata.vocabulary.acled_countries import (
    ACLED_COUNTRY_NAMES,
    ACLED_PREFIXES,
    ACLED_REGIONS,
    acled_prefix,
    country_names,
    event_id_prefixes,
    is_acled_region,
    name_key,
    numerics_of_name,
)
from eventdata.vocabulary.countries import alpha3_from_numeric, country_from_numeric


def test_prefix_table_has_one_code_per_country_none_an_iso_code_of_it() -> None:
    assert len({p.numeric for p in ACLED_PREFIXES}) == len(ACLED_PREFIXES)
    assert len({p.code for p in ACLED_PREFIXES}) == len(ACLED_PREFIXES)
    for entry in ACLED_PREFIXES:
        assert re.fullmatch(r"[A-Z]{3}", entry.code)
        assert entry.code != alpha3_from_numeric(entry.numeric)
        assert numerics_of_name(entry.seen.split(":")[0]) == {entry.numeric}


@pytest.mark.parametrize(
    ("numeric", "expected"),
    [(566, "NIG"), (729, "SUD"), (180, "DRC"), (120, "CAO"), (854, "BFO"), (562, "NIR")]
    + [(368, "IRQ"), (706, "SOM"), (4, "AFG"), (784, "ARE")],
)
def test_acled_prefix_is_acleds_own_code_else_iso_alpha3(numeric: int, expected: str) -> None:
    assert acled_prefix(numeric) == expected


def test_acled_prefix_of_a_non_iso_code_is_refused() -> None:
    with pytest.raises(ValueError, match="not an ISO 3166-1 numeric"):
        acled_prefix(0)


@pytest.mark.parametrize(
    ("numeric", "expected"),
    [(566, {"NGA", "NIG"}), (368, {"IRQ"}), (0, set())],
)
def test_event_id_prefixes_accepts_both_codes(numeric: int, expected: set[str]) -> None:
    assert event_id_prefixes(numeric) == expected


@pytest.mark.parametrize(
    ("name", "numerics"),
    [
        ("Iraq", {368}),
        ("Syria", {760}),
        ("Syrian Arab Republic", {760}),
        ("Ivory Coast", {384}),
        ("Côte d'Ivoire", {384}),
        ("cote d ivoire", {384}),
        ("Democratic Republic of Congo", {180}),
        ("Bolivia", {68}),
        ("United States", {840}),
        ("the Netherlands", {528}),
        ("eSwatini", {748}),
        ("Narnia", set()),
        ("Middle Earth", set()),
    ],
)
def test_country_names_are_iso_and_acled_names(name: str, numerics: set[int]) -> None:
    assert numerics_of_name(name) == numerics
    for numeric in numerics:
        assert name_key(name) in country_names(numeric)


def test_every_acled_name_belongs_to_an_iso_code() -> None:
    for numeric, names in ACLED_COUNTRY_NAMES.items():
        country_from_numeric(numeric)
        assert all(numerics_of_name(n) == {numeric} for n in names), numeric


@pytest.mark.parametrize(
    ("region", "known"),
    [("Middle East", True), ("Caucasus and Central Asia", True), ("Middle Earth", False)]
    + [("middle east", False), ("Eastern Africa", True)],
)
def test_regions(region: str, known: bool) -> None:
    assert is_acled_region(region) is known
    assert (region in ACLED_REGIONS) is known
