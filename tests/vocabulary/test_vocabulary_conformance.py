"""ACLED's own prefixes, country names and regions against real exports and known rows."""

from __future__ import annotations

import pandas as pd
import pytest
from acled_fixtures import (
    CURRENT_FILES,
    PRE2023_FILES,
    make_row,
    placed_row,
    read_rows,
    shared_file,
)

from eventdata import Event, validate

PREFIX_RULE = "event_id_cnty.country_prefix"
PLACE_RULES = ("country.iso", "region.acled")

# Every real export with current-style ids (country letters, then a number) and an iso column.
CURRENT_STYLE_IDS = sorted(
    [
        *CURRENT_FILES,
        *PRE2023_FILES,
        "bangladesh_2022-2024_excel_long.csv",
        "kenya_2016-2021_bom_yyyymmdd.csv",
        "ukraine_2022-2024_exporttool_numeric.csv",
    ]
)
# ACLED v6 (2016) ids are a number and "RTA" with no country letters, and there is no iso.
V6_FILES = ["africa_2014-2016_v6_cp1252.csv", "africa_2016_v6_pandas.csv"]


@pytest.mark.parametrize("name", CURRENT_STYLE_IDS)
def test_real_exports_get_no_prefix_country_or_region_warning(name: str) -> None:
    report = validate(shared_file(name))

    counts = report.counts()
    assert report.n_rows > 0
    assert {r: counts.get(r, 0) for r in (PREFIX_RULE, *PLACE_RULES)} == dict.fromkeys(
        (PREFIX_RULE, *PLACE_RULES), 0
    ), report.format_text()


@pytest.mark.parametrize("name", V6_FILES)
def test_v6_ids_carry_no_country_letters_so_the_prefix_rule_does_not_apply(name: str) -> None:
    path = shared_file(name)
    ids = pd.read_csv(path, encoding="cp1252", usecols=lambda c: c.lower() == "event_id_cnty")
    report = validate(path)

    assert ids.iloc[:, 0].str.fullmatch(r"\d+RTA").all()
    assert report.counts().get(PREFIX_RULE, 0) == 0


def _nigeria(event_id: str) -> dict[str, str]:
    return placed_row("Abuja", event_id_cnty=event_id, actor2="Unidentified Armed Group (Nigeria)")


@pytest.mark.parametrize(
    ("event_id", "warned"),
    [("NIG2941", False), ("NGA2941", False), ("NGR2941", True), ("NIGX2941", True)]
    + [("IRQ2941", True), ("2941", False)],
)
def test_nigerian_ids_may_use_acleds_code_or_iso(event_id: str, warned: bool) -> None:
    row = _nigeria(event_id)

    columnar = validate(pd.DataFrame([row])).counts().get(PREFIX_RULE, 0)
    row_wise = PREFIX_RULE in Event.model_validate(row).warnings()

    assert (columnar, row_wise) == (int(warned), warned)


def test_the_real_iraq_rows_keep_passing_row_by_row() -> None:
    rows = read_rows(shared_file("iraq_2024-01_2024-03_prefix.csv"))

    warned = [r["event_id_cnty"] for r in rows if PREFIX_RULE in Event.model_validate(r).warnings()]

    assert warned == []


def _verdicts(row: dict[str, str]) -> tuple[dict[str, int], set[str]]:
    counts = validate(pd.DataFrame([row])).counts()
    columnar = {r: counts[r] for r in PLACE_RULES if r in counts}
    row_wise = set(Event.model_validate(row).warnings()) & set(PLACE_RULES)
    return columnar, row_wise


@pytest.mark.parametrize(
    ("overrides", "warned"),
    [
        ({}, set()),
        ({"country": "Syria", "iso": "760"}, set()),
        ({"country": "Syrian Arab Republic", "iso": "760"}, set()),
        ({"country": "Red Sea", "iso": "0"}, set()),  # not ISO: free text
        ({"country": "Narnia"}, {"country.iso"}),
        ({"country": "Iraq", "iso": "760"}, {"country.iso"}),
        ({"region": "Middle Earth"}, {"region.acled"}),
        ({"country": "Narnia", "region": "Middle Earth"}, {"country.iso", "region.acled"}),
    ],
)
def test_country_and_region_vocabulary_warn_alike_in_rows_and_columns(
    overrides: dict[str, str], warned: set[str]
) -> None:
    columnar, row_wise = _verdicts(make_row(**overrides))

    assert columnar == dict.fromkeys(warned, 1)
    assert row_wise == warned


def test_country_warning_names_the_expected_country() -> None:
    report = validate(pd.DataFrame([make_row(country="Iraq", iso="760")]))

    failures = report.failures
    message = failures.loc[failures["rule"] == "country.iso", "message"].iloc[0]
    assert "'Iraq'" in message and "Syria" in message


@pytest.mark.parametrize(("dataset", "warned"), [("", 2), ("acled", 2), ("ucdp-ged", 0)])
def test_place_vocabulary_is_only_checked_on_acled_rows_of_combined_tables(
    dataset: str, warned: int
) -> None:
    frame = pd.DataFrame([make_row(country="Narnia", region="Middle Earth")])
    frame["dataset"] = dataset

    counts = validate(frame).counts()

    assert sum(counts.get(r, 0) for r in PLACE_RULES) == warned
