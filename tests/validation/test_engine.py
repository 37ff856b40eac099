from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from acled_fixtures import (
    CURRENT_FILES,
    LEGACY_FILES,
    MUTATIONS,
    PRE2023_FILES,
    WARNING_MUTATIONS,
    make_row,
    read_rows,
    shared_file,
    write_csv,
)

from eventdata import Rule, ValidationFailed, validate
from eventdata.rules.base import ColumnarCheck, Severity, to_mask
from eventdata.validation.engine import all_rules


def _rows_with(overrides: dict[str, str], n: int = 5, at: int = 2) -> list[dict[str, str]]:
    rows = [make_row(event_id_cnty=f"IRQ{9000 + i}") for i in range(n)]
    rows[at].update(overrides)
    return rows


def test_clean_rows_pass_with_no_failures() -> None:
    report = validate(pd.DataFrame(_rows_with({})))

    assert report.ok
    assert report.n_rows == 5
    assert report.failures.empty
    assert len(report.valid) == 5
    assert report.invalid.empty


@pytest.mark.parametrize(("overrides", "column", "rule"), MUTATIONS)
def test_each_error_rule_fires_on_exactly_the_faulty_row(
    overrides: dict[str, str], column: str, rule: str
) -> None:
    report = validate(pd.DataFrame(_rows_with(overrides)))

    failures = report.failures
    assert not report.ok
    assert failures[["row", "column", "rule", "severity"]].values.tolist() == [
        [2, column, rule, "error"]
    ]
    assert failures["event_id_cnty"].tolist() == [overrides.get("event_id_cnty", "IRQ9002")]
    assert list(report.invalid.index) == [2]
    assert list(report.valid.index) == [0, 1, 3, 4]


@pytest.mark.parametrize(("overrides", "column", "rule"), WARNING_MUTATIONS)
def test_warning_rules_report_without_failing(
    overrides: dict[str, str], column: str, rule: str
) -> None:
    report = validate(pd.DataFrame(_rows_with(overrides)))

    assert report.ok
    assert report.failures[["row", "column", "rule", "severity"]].values.tolist() == [
        [2, column, rule, "warning"]
    ]
    assert len(report.valid) == 5


def test_failure_records_the_original_text_and_a_message() -> None:
    report = validate(pd.DataFrame(_rows_with({"fatalities": "many"})))

    failure = report.failures.iloc[0]
    assert failure["value"] == "many"
    assert "fatalities" in failure["message"] and "'many'" in failure["message"]
    assert "integer" in failure["message"]


def test_every_row_of_a_duplicate_group_is_named() -> None:
    rows = _rows_with({}, n=6)
    rows[1]["event_id_cnty"] = rows[4]["event_id_cnty"] = rows[5]["event_id_cnty"] = "IRQ1"

    report = validate(pd.DataFrame(rows))

    dup = report.failures[report.failures["rule"] == "duplicate.event_id_cnty"]
    assert dup["row"].tolist() == [1, 4, 5]
    assert set(dup["event_id_cnty"]) == {"IRQ1"}


@pytest.mark.parametrize(
    ("ids", "flagged"),
    [
        (["IRQ1", "IRQ2", "IRQ3", "IRQ4"], []),
        (["IRQ1", "IRQ2", "IRQ1", "IRQ4"], [0, 2]),
        (["IRQ1", "", "IRQ3", ""], []),  # blank ids fail required, not duplicate
        (["IRQ1", "IRQ" + "9" * 40, "IRQ3", "IRQ" + "9" * 40], [1, 3]),  # too long to hash
        (["IRQ" + "9" * 40, "IRQ" + "9" * 39, "IRQ3", "IRQ4"], []),
        (["SOM1\x00", "SOM1", "SOM1\x00\x00", "SOM1"], [1, 3]),  # NUL-padded, not alike
    ],
)
def test_duplicate_ids_are_found_exactly_whatever_their_length(ids, flagged) -> None:
    rows = _rows_with({}, n=len(ids))
    for row, event_id in zip(rows, ids, strict=True):
        row["event_id_cnty"] = event_id

    report = validate(pd.DataFrame(rows), select="duplicate")

    assert sorted(report.failures["row"].tolist()) == flagged


def test_missing_required_column_fails_every_row_once() -> None:
    frame = pd.DataFrame(_rows_with({})).drop(columns=["fatalities"])

    report = validate(frame)

    assert not report.ok
    assert report.counts() == {"columns.missing": 1}
    assert report.failures["row"].isna().all()
    assert len(report.invalid) == 5 and report.valid.empty


def test_unknown_columns_are_kept_in_valid_and_invalid_rows() -> None:
    rows = _rows_with({"fatalities": "x"})
    for row in rows:
        row["my_coder"] = "ab"

    report = validate(pd.DataFrame(rows))

    assert report.valid["my_coder"].tolist() == ["ab"] * 4
    assert report.invalid.loc[2, "my_coder"] == "ab"
    assert report.invalid.loc[2, "fatalities"] == "x"


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (None, ["range"], {"type.fatalities": 1, "fatalities.high": 1}),
        (["range"], None, {"range.latitude": 1}),
        (None, ["fatalities.high", "type"], {"range.latitude": 1}),
        (["type.fatalities"], None, {"type.fatalities": 1}),
    ],
)
def test_rules_are_selected_and_ignored_by_name_or_family(
    select: list[str] | None, ignore: list[str] | None, expected: dict[str, int]
) -> None:
    rows = _rows_with({"fatalities": "x"}, n=4, at=0)
    rows[1]["latitude"] = "91"
    rows[2]["fatalities"] = "5000"

    report = validate(pd.DataFrame(rows), select=select, ignore=ignore)

    assert report.counts() == expected


def _house_rule(name: str, severity: Severity, column: str, columnar: ColumnarCheck) -> Rule:
    """A user rule, as a team would add one for its own coding conventions."""
    return Rule(
        name=name,
        severity=severity,
        column=column,
        description=f"Our desk's convention for {column}.",
        expected=f"{column} as our desk writes it",
        columnar=columnar,
    )


def test_user_rules_run_columnar_and_report_like_built_in_ones() -> None:
    no_acled_source = _house_rule(
        "house.source_named",
        "error",
        "source",
        lambda c: to_mask(pc.equal(pc.list_value_length(c["source"]), 0)),
    )
    rows = _rows_with({"source": ""})

    report = validate(pd.DataFrame(rows), rules=[no_acled_source])

    assert report.counts() == {"house.source_named": 1}
    assert report.failures["row"].tolist() == [2]


def test_raise_if_failed_names_rows_rules_and_values() -> None:
    report = validate(pd.DataFrame(_rows_with({"year": "2020"})))

    with pytest.raises(ValidationFailed, match=r"row 2 \(IRQ9002\).*year.*'2020'"):
        report.raise_if_failed()


def test_report_exports_json_and_parquet(tmp_path: Path) -> None:
    import json

    import pyarrow.parquet as pq

    report = validate(pd.DataFrame(_rows_with({"year": "2020"})))

    document = json.loads(report.to_json(tmp_path / "r.json"))
    report.to_parquet(tmp_path / "r.parquet")

    assert document["ok"] is False and document["n_rows"] == 5
    assert document["failures"][0]["event_id_cnty"] == "IRQ9002"
    assert document["counts"] == {"year.event_date": {"severity": "error", "count": 1}}
    assert json.loads((tmp_path / "r.json").read_text()) == document
    assert pq.read_table(tmp_path / "r.parquet").column("rule").to_pylist() == ["year.event_date"]
    assert "FAILED" in str(report) and "year.event_date" in report.format_text()


def test_every_rule_has_a_unique_name_and_a_description() -> None:
    rules = all_rules()
    names = [r[0] for r in rules]

    assert len(names) == len(set(names))
    assert all(r[1] in ("error", "warning") and r[3] for r in rules)
    assert {"hierarchy.sub_event_type", "duplicate.event_id_cnty", "range.latitude"} <= set(names)


# -- real data -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CURRENT_FILES + PRE2023_FILES + LEGACY_FILES)
def test_every_real_export_validates_without_errors(name: str) -> None:
    report = validate(shared_file(name))

    assert report.ok, report.format_text()
    assert report.n_errors == 0
    assert len(report.valid) == report.n_rows > 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_faults_injected_into_real_rows_are_found_at_their_exact_rows(
    tmp_path: Path, seed: int
) -> None:
    rows = read_rows(shared_file("iraq_2024-01_2024-03_prefix.csv"))
    rng = random.Random(seed)
    targets = sorted(rng.sample(range(len(rows)), 12))
    expected = {}
    for row_index in targets:
        overrides, column, rule = rng.choice(MUTATIONS)
        if rule.startswith(("hierarchy", "interaction", "actor2", "not_empty.event_id")):
            overrides, column, rule = ({"year": "1999"}, "year", "year.event_date")
        rows[row_index].update(overrides)
        expected[row_index] = (column, rule)
    path = write_csv(tmp_path / "faulty.csv", rows)

    report = validate(path)

    errors = report.failures[report.failures["severity"] == "error"]
    found = {int(r): (c, u) for r, c, u in errors[["row", "column", "rule"]].values}
    assert found == expected
    assert len(errors) == len(expected)
    assert list(report.invalid.index) == targets
    assert len(report.valid) + len(report.invalid) == report.n_rows == len(rows)


def test_row_accounting_holds_on_every_input_kind(tmp_path: Path) -> None:
    rows = _rows_with({"fatalities": "x"}, n=7)
    frame = pd.DataFrame(rows)
    inputs = [frame, pa.Table.from_pandas(frame), write_csv(tmp_path / "e.csv", rows)]

    reports = [validate(data) for data in inputs]

    for report in reports:
        assert report.n_rows == 7
        assert len(report.valid) + len(report.invalid) == 7
        assert np.array_equal(report.invalid_rows, [2])


@pytest.mark.parametrize(
    ("dataset", "warned"), [("", True), ("acled", True), ("ucdp-ged", False), (None, True)]
)
def test_id_prefix_is_only_checked_on_acled_rows_of_combined_tables(
    dataset: str | None, warned: bool
) -> None:
    rows = _rows_with({"event_id_cnty": "GED123"})
    frame = pd.DataFrame(rows)
    if dataset is not None:
        frame["dataset"] = dataset

    report = validate(frame)

    assert report.counts() == ({"event_id_cnty.country_prefix": 1} if warned else {})


@pytest.mark.parametrize("value", ["2021-02-30", "2021-04-31", "30 February 2021", "2021-02-29"])
def test_impossible_dates_are_rejected_not_rolled_over(value: str) -> None:
    report = validate(pd.DataFrame(_rows_with({"event_date": value, "year": "2021"})))

    assert report.counts() == {"type.event_date": 1}


def test_null_cells_in_typed_inputs_are_required_failures() -> None:
    frame = pd.DataFrame(_rows_with({}))
    table = pa.Table.from_pandas(frame, preserve_index=False)
    index = table.column_names.index("fatalities")
    fatalities = pa.array(["0", "0", None, "0", "0"])
    table = table.set_column(index, "fatalities", fatalities)

    report = validate(table)

    assert report.counts() == {"required.fatalities": 1}
    assert report.failures["row"].tolist() == [2]


def test_header_only_input_validates_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(",".join(make_row()) + "\n")

    report = validate(path)

    assert report.ok and report.n_rows == 0
    assert report.valid.empty and report.failures.empty


# -- review regressions ------------------------------------------------------------------------


@pytest.mark.parametrize("column", ["event_id_cnty", "actor1", "region", "country", "location"])
def test_missing_required_text_column_is_reported(column: str) -> None:
    frame = pd.DataFrame(_rows_with({})).drop(columns=[column])

    report = validate(frame)

    assert report.counts() == {"columns.missing": 1}
    assert report.failures["column"].tolist() == [column]


@pytest.mark.parametrize("column", ["event_id_cnty", "actor1", "location"])
def test_null_required_text_fails_but_blank_admin_names_do_not(column: str) -> None:
    frame = pd.DataFrame(_rows_with({"admin1": ""}))
    frame[column] = frame[column].astype(object)
    frame.loc[2, column] = None

    report = validate(frame)

    assert report.counts() == {f"required.{column}": 1}
    assert report.invalid_rows.tolist() == [2]


def test_inter1_code_zero_is_not_an_actor_type() -> None:
    report = validate(pd.DataFrame(_rows_with({"inter1": "0"})))

    assert report.counts() == {"required.inter1": 1}


@pytest.mark.parametrize(
    ("overrides", "rule"),
    [
        ({"timestamp": "99999999999999999999"}, "range.timestamp"),
        ({"fatalities": "3000000000"}, "range.fatalities"),
        ({"year": "40000"}, "range.year"),
    ],
)
def test_huge_integers_are_range_failures_and_the_rest_still_splits(
    overrides: dict[str, str], rule: str
) -> None:
    report = validate(pd.DataFrame(_rows_with(overrides)))

    assert report.counts() == {rule: 1}
    assert len(report.valid) == 4 and len(report.invalid) == 1


def test_named_index_is_kept_as_a_column() -> None:
    frame = pd.DataFrame(_rows_with({})).set_index("event_id_cnty")

    report = validate(frame)

    assert report.ok
    assert report.valid["event_id_cnty"].tolist() == [f"IRQ900{i}" for i in range(5)]


def test_filtered_frames_validate_without_an_index_column() -> None:
    frame = pd.DataFrame(_rows_with({}))
    subset = frame[frame["event_id_cnty"] != "IRQ9001"]

    report = validate(subset)

    assert report.ok and report.n_rows == 4
    assert list(report.valid.columns) == list(make_row())


@pytest.mark.parametrize(
    ("frame", "fragment"),
    [
        (pd.DataFrame([[1, 2]], columns=["a", "a"]), "repeated column names"),
        (pd.DataFrame({"a": [1, "x", 2.5]}), "cannot be read"),
    ],
)
def test_unconvertible_frames_raise_input_error(frame: pd.DataFrame, fragment: str) -> None:
    from eventdata import InputError

    with pytest.raises(InputError, match=fragment):
        validate(frame)


def test_current_file_without_sub_event_type_is_not_taken_for_legacy() -> None:
    frame = pd.DataFrame(_rows_with({})).drop(columns=["sub_event_type"])

    report = validate(frame)

    assert report.dialect.name == "current"
    assert report.counts() == {"columns.missing": 1}


def test_empty_api_response_is_zero_rows_and_ok(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text('{"success": true, "data": []}')

    report = validate(path)

    assert report.ok and report.n_rows == 0


def test_unknown_labels_are_kept_when_read() -> None:
    from eventdata import read_acled

    rows = _rows_with({"event_type": "Explosions/remote violence", "inter1": "State Forces"})

    frame = read_acled(pd.DataFrame(rows))

    assert frame.loc[2, "event_type"] == "Explosions/remote violence"
    assert frame.loc[2, "inter1"] == "State Forces"


def test_csv_columns_skipped_while_validating_are_read_for_the_split(tmp_path: Path) -> None:
    from eventdata import read_acled

    rows = _rows_with({"fatalities": "x"})
    rows[0]["notes"] = 'Interception: a drone, "shot down", over\nthe Green Zone.'
    path = write_csv(tmp_path / "e.csv", rows)

    report = validate(path)

    assert "notes" in report._parsed.raw.skipped
    expected = read_acled(path, errors="coerce").drop(index=2)
    assert report.valid["notes"].tolist() == expected["notes"].tolist()
    assert report.valid["source"].tolist() == expected["source"].tolist()
    assert report.invalid.loc[2, "notes"] == rows[2]["notes"]


def test_a_file_changed_after_validation_is_not_silently_mixed(tmp_path: Path) -> None:
    from eventdata import InputError

    path = write_csv(tmp_path / "e.csv", _rows_with({}))
    report = validate(path)
    write_csv(path, _rows_with({}, n=6))

    with pytest.raises(InputError, match="changed since it was validated"):
        report.valid  # noqa: B018


def test_user_rules_can_read_every_column_of_a_csv(tmp_path: Path) -> None:
    needs_notes = _house_rule(
        "house.notes_mention_date",
        "warning",
        "notes",
        lambda c: to_mask(pc.invert(pc.starts_with(c["notes"], "On "))),
    )
    path = write_csv(tmp_path / "e.csv", _rows_with({"notes": "On 6 July 2021, ..."}))

    report = validate(path, rules=[needs_notes])

    assert report.counts() == {"house.notes_mention_date": 4}


@pytest.mark.parametrize(("whole_table", "expected"), [(True, [1, 4]), (False, [])])
def test_check_rules_leave_out_the_whole_table_rules_on_request(
    whole_table: bool, expected: list[int]
) -> None:
    from eventdata.io.readers import read_raw
    from eventdata.validation.engine import check_rules, collect_failures, table_rules
    from eventdata.validation.parse import parse

    rows = _rows_with({}, n=6)
    rows[1]["event_id_cnty"] = rows[4]["event_id_cnty"] = "IRQ1"
    parsed = parse(read_raw(pd.DataFrame(rows)))

    blocks = collect_failures(parsed, rules=check_rules(whole_table=whole_table))

    flagged = [b.rows.tolist() for b in blocks if b.rule == "duplicate.event_id_cnty"]
    assert flagged == ([expected] if expected else [])
    assert [r.name for r in table_rules()] == ["duplicate.event_id_cnty"]
