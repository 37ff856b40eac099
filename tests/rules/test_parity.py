"""Row-wise (``Event.model_validate``) and columnar (``validate``) agree on the same corpus."""

from __future__ import annotations

import random
from pathlib import Path

import acled_fixtures as fixtures
import pytest
from pydantic import ValidationError

from eventdata import Event, validate

# duplicates need the whole table and a missing column the whole file: columnar only
TABLE_LEVEL_RULES = {"duplicate.event_id_cnty", "columns.missing"}


def _row_verdict(row: dict[str, str]) -> tuple[set[str], set[str]]:
    """Columns the model rejects, and the warning rules it reports."""
    try:
        event = Event.model_validate(row)
    except ValidationError as exc:
        return {str(e["loc"][0]) for e in exc.errors()}, set()
    return set(), set(event.warnings())


def _assert_parity(path: Path, rows: list[dict[str, str]]) -> int:
    report = validate(path)
    failures = report.failures
    errors = failures[(failures["severity"] == "error") & ~failures["rule"].isin(TABLE_LEVEL_RULES)]
    warnings = failures[failures["severity"] == "warning"]
    error_columns: dict[int, set[str]] = {}
    for r, column in errors[["row", "column"]].values:
        error_columns.setdefault(int(r), set()).add(column)
    warning_rules: dict[int, set[str]] = {}
    for r, rule in warnings[["row", "rule"]].values:
        warning_rules.setdefault(int(r), set()).add(rule)
    invalid = 0
    for i, row in enumerate(rows):
        model_errors, model_warnings = _row_verdict(row)
        columnar_errors = error_columns.get(i, set())
        if model_errors:
            invalid += 1
            # pydantic stops before cross-field checks when a field fails, so the columnar
            # engine may name more columns; it must name at least the model's, and the
            # verdict must be the same.
            assert model_errors <= columnar_errors, (i, row, model_errors, columnar_errors)
        else:
            assert not columnar_errors, (i, row, columnar_errors)
            assert model_warnings == warning_rules.get(i, set()), (i, row)
    return invalid


@pytest.mark.parametrize("name", fixtures.CURRENT_FILES + fixtures.PRE2023_FILES)
def test_parity_on_real_exports(name: str) -> None:
    path = fixtures.shared_file(name)

    invalid = _assert_parity(path, fixtures.read_rows(path))

    assert invalid == 0


@pytest.mark.parametrize("seed", range(4))
def test_parity_on_a_mutated_corpus(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    rows = [fixtures.make_row(event_id_cnty=f"IRQ{i}") for i in range(240)]
    faults = 0
    for row in rows:
        for _ in range(rng.choice([0, 0, 1, 1, 2])):  # up to two faults per row
            overrides, _column, _rule = rng.choice(fixtures.MUTATIONS + fixtures.WARNING_MUTATIONS)
            if "event_id_cnty" not in overrides:
                row.update(overrides)
                faults += 1
    path = fixtures.write_csv(tmp_path / "corpus.csv", rows)

    invalid = _assert_parity(path, rows)

    assert faults > 100 and invalid > 50


@pytest.mark.parametrize(("overrides", "column", "rule"), fixtures.MUTATIONS)
def test_single_faults_name_the_same_column_both_ways(
    tmp_path: Path, overrides: dict[str, str], column: str, rule: str
) -> None:
    row = fixtures.make_row(**overrides)
    path = fixtures.write_csv(tmp_path / "one.csv", [row])

    model_errors, _ = _row_verdict(row)
    report = validate(path)

    assert model_errors == {column}
    assert set(report.failures["column"]) == {column}
    assert set(report.failures["rule"]) == {rule}


@pytest.mark.parametrize(
    "overrides",
    [
        {"inter1": "8 ", "inter2": " 3", "interaction": " 38"},
        {"fatalities": "3."},
        {"fatalities": "1_000"},
        {"latitude": "1_0"},
        {"event_date": " 2021-07-06"},
        {"event_date": "06 Jul 2021"},
        {"event_date": "2021-07-06T00:00:00"},
        {"timestamp": "99999999999999999999"},
        {"inter1": "0"},
    ],
)
def test_odd_but_plausible_values_get_the_same_verdict_both_ways(
    tmp_path: Path, overrides: dict[str, str]
) -> None:
    row = fixtures.make_row(**overrides)
    path = fixtures.write_csv(tmp_path / "odd.csv", [row])

    model_errors, _ = _row_verdict(row)
    report = validate(path)

    assert set(report.failures["column"]) == model_errors
