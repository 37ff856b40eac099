import re

import pytest
from acled_fixtures import CURRENT_FILES, PRE2023_FILES, read_rows, shared_file

from eventdata.vocabulary.countries import (
    COUNTRIES,
    Country,
    alpha3_from_numeric,
    country_from_alpha3,
    country_from_numeric,
    event_id_prefix,
    numeric_from_alpha3,
)

# Files with an ``iso`` column (current dialect, and pre-2023 export-tool dialect).
ISO_FILES = sorted([*CURRENT_FILES, *PRE2023_FILES])


def test_table_has_every_iso_3166_1_country_once() -> None:
    assert len(COUNTRIES) == 249
    assert len({c.numeric for c in COUNTRIES}) == 249
    assert len({c.alpha3 for c in COUNTRIES}) == 249
    assert len({c.name for c in COUNTRIES}) == 249
    assert all(re.fullmatch(r"[A-Z]{3}", c.alpha3) for c in COUNTRIES)
    assert all(1 <= c.numeric <= 999 for c in COUNTRIES)


@pytest.mark.parametrize(
    ("numeric", "alpha3", "name"),
    [
        (4, "AFG", "Afghanistan"),
        (275, "PSE", "Palestine, State of"),
        (368, "IRQ", "Iraq"),
        (384, "CIV", "Côte d'Ivoire"),
        (414, "KWT", "Kuwait"),
        (512, "OMN", "Oman"),
        (634, "QAT", "Qatar"),
        (682, "SAU", "Saudi Arabia"),
        (706, "SOM", "Somalia"),
        (728, "SSD", "South Sudan"),
        (729, "SDN", "Sudan"),
        (760, "SYR", "Syrian Arab Republic"),
        (784, "ARE", "United Arab Emirates"),
        (804, "UKR", "Ukraine"),
        (887, "YEM", "Yemen"),
        (180, "COD", "Congo, Democratic Republic of the"),
        (178, "COG", "Congo"),
        (90, "SLB", "Solomon Islands"),
        (248, "ALA", "Åland Islands"),
    ],
)
def test_lookups_both_ways(numeric: int, alpha3: str, name: str) -> None:
    country = Country(numeric, alpha3, name)
    assert country_from_numeric(numeric) == country
    assert country_from_numeric(str(numeric)) == country
    assert country_from_numeric(f"{numeric:03d}") == country
    assert country_from_alpha3(alpha3) == country
    assert country_from_alpha3(alpha3.lower()) == country
    assert alpha3_from_numeric(numeric) == alpha3
    assert numeric_from_alpha3(alpha3) == numeric


@pytest.mark.parametrize("code", [0, 999, 383, "", "abc", "-4"])
def test_unknown_numeric_codes_raise(code: int | str) -> None:
    with pytest.raises(ValueError, match="not an ISO 3166-1 numeric"):
        country_from_numeric(code)


@pytest.mark.parametrize("code", ["XKX", "", "IR", "IRQQ", "ZZZ"])
def test_unknown_alpha3_codes_raise(code: str) -> None:
    with pytest.raises(ValueError, match="not an ISO 3166-1 alpha-3"):
        country_from_alpha3(code)


@pytest.mark.parametrize(
    ("event_id", "prefix"),
    [("IRQ50538", "IRQ"), ("SOM49639", "SOM"), ("AFG44631", "AFG"), ("8188RTA", ""), ("", "")],
)
def test_event_id_prefix(event_id: str, prefix: str) -> None:
    assert event_id_prefix(event_id) == prefix


@pytest.mark.parametrize("name", ISO_FILES)
def test_real_event_id_prefixes_are_alpha3_of_iso(name: str) -> None:
    rows = read_rows(shared_file(name))
    assert rows
    mismatches = [
        (r["event_id_cnty"], r["iso"])
        for r in rows
        if event_id_prefix(r["event_id_cnty"]) != alpha3_from_numeric(r["iso"])
    ]
    assert mismatches == []


def test_real_pre2023_iso3_column_agrees() -> None:
    rows = read_rows(shared_file(PRE2023_FILES[0]))
    assert {(r["iso"], r["iso3"]) for r in rows} == {("4", "AFG")}
    assert all(numeric_from_alpha3(r["iso3"]) == int(r["iso"]) for r in rows)
