"""ACLED's own event-id prefixes: a global export draws no false prefix warning."""

from __future__ import annotations

import pandas as pd
from acled_fixtures import make_row

from eventdata import validate
from eventdata.vocabulary.acled_countries import ACLED_PREFIXES, acled_prefix, event_id_prefixes
from eventdata.vocabulary.countries import alpha3_from_numeric, country_from_numeric


def prefix_warnings(rows: list[dict[str, str]]) -> list[str]:
    failures = validate(pd.DataFrame(rows)).failures
    hits = failures[failures["rule"].str.contains("prefix")]
    return sorted(hits["value"].astype(str))


def test_the_codes_reported_against_a_2020_global_export_are_known() -> None:
    for code, numeric in {"ALG": 12, "BUR": 108, "GUI": 324, "CHI": 156}.items():
        assert acled_prefix(numeric) == code
        assert event_id_prefixes(numeric) == {code, alpha3_from_numeric(numeric)}


def test_every_own_code_validates_and_a_wrong_one_still_warns() -> None:
    rows = [
        make_row(
            event_id_cnty=f"{p.code}{1000 + i}",
            iso=str(p.numeric),
            country=country_from_numeric(p.numeric).name,
        )
        for i, p in enumerate(ACLED_PREFIXES)
    ]
    wrong = make_row(event_id_cnty="ALG999999", iso="324", country="Guinea")

    assert prefix_warnings(rows) == []
    assert prefix_warnings([*rows, wrong]) == ["ALG999999"]


def test_each_code_says_where_it_comes_from() -> None:
    assert all(p.seen and p.code.isalpha() and len(p.code) == 3 for p in ACLED_PREFIXES)
    assert all(p.code != alpha3_from_numeric(p.numeric) for p in ACLED_PREFIXES)
