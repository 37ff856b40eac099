"""The contract every registered dataset keeps, run over each one (a new dataset inherits it).

Reader refusals, recognition, rule selection and typos, missing columns, duplicate ids,
row accounting, row-wise and columnar parity, and the Parquet round trip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from dataset_fixtures import EXAMPLE_ROWS, FAULTS, Fault, write_rows
from pydantic import ValidationError

from eventdata import (
    CutRecordWarning,
    NotEventDataError,
    UnknownRuleError,
    read_parquet,
    to_parquet,
    validate,
)
from eventdata.datasets import DATASETS, Dataset, dataset_of
from eventdata.pipeline.read import read_dataset_table
from eventdata.validation.engine import all_rules


@pytest.fixture(params=sorted(DATASETS), ids=str)
def dataset(request: pytest.FixtureRequest) -> Dataset:
    return DATASETS[request.param]


def _rows(dataset: Dataset, n: int = 3) -> list[dict[str, str]]:
    make = EXAMPLE_ROWS[dataset.name]
    return [make(**{dataset.id_column: f"{make()[dataset.id_column]}{i}"}) for i in range(n)]


def _table(rows: list[dict[str, str]]) -> pa.Table:
    return pa.Table.from_pylist(rows)


def test_every_registered_dataset_has_an_example_row_and_faults() -> None:
    assert set(EXAMPLE_ROWS) == set(DATASETS) == {name for name, *_ in FAULTS}


def test_every_cross_field_rule_has_a_fault(dataset: Dataset) -> None:
    fired = {rule for name, _overrides, _column, rule in FAULTS if name == dataset.name}

    assert {rule.name for rule in dataset.rules} - fired == set()


@pytest.mark.parametrize("fault", FAULTS, ids=[f"{f[0]}-{f[3]}-{i}" for i, f in enumerate(FAULTS)])
def test_each_fault_fails_its_row_the_same_way_row_wise_and_columnar(
    tmp_path: Path, fault: Fault
) -> None:
    name, overrides, column, rule = fault
    dataset = DATASETS[name]
    valid, faulty = _rows(dataset, 2)
    faulty.update(overrides)
    path = write_rows(tmp_path / "faults.csv", [valid, faulty])

    report = validate(path, dataset=name)
    blamed, severity = _declared(dataset, rule)
    failures = report.failures[["row", "column", "rule", "severity"]].values.tolist()

    assert failures == [[1, column, rule, severity]]
    assert column == blamed  # the rule's declaration names the same column
    if severity == "error":
        with pytest.raises(ValidationError) as caught:
            dataset.model.model_validate(faulty)
        assert {str(e["loc"][0]) for e in caught.value.errors()} == {column}
        assert (report.valid.index.tolist(), report.invalid.index.tolist()) == ([0], [1])
    else:
        assert set(dataset.model.model_validate(faulty).warnings()) == {rule}  # type: ignore[attr-defined]
        assert report.ok


def _declared(dataset: Dataset, name: str) -> tuple[str, str]:
    """The column a dataset's rule blames and its severity (cross-field or per column)."""
    return next(
        (column, severity) for rule, severity, column, _ in all_rules(dataset) if rule == name
    )


def test_the_example_rows_are_valid_row_by_row_and_columnar(dataset: Dataset) -> None:
    rows = _rows(dataset)

    report = validate(_table(rows), dataset=dataset)
    models = [dataset.model.model_validate(row) for row in rows]

    assert report.ok, report.format_text()
    assert len(models) == 3


def test_a_table_is_recognised_as_its_dataset(dataset: Dataset) -> None:
    columns = list(EXAMPLE_ROWS[dataset.name]())

    assert dataset_of(columns) is dataset
    assert (
        validate(_table(_rows(dataset))).dialect.name
        == validate(_table(_rows(dataset)), dataset=dataset.name).dialect.name
    )


PAIRS = [(a, b) for a in sorted(DATASETS) for b in sorted(DATASETS) if a != b]


@pytest.mark.parametrize(("name", "other"), PAIRS, ids=[f"{a}-reads-{b}" for a, b in PAIRS])
def test_every_reader_refuses_another_datasets_table(name: str, other: str) -> None:
    dataset = DATASETS[name]
    table = _table(_rows(DATASETS[other]))

    with pytest.raises(NotEventDataError) as refused:
        read_dataset_table(table, dataset=dataset)
    with pytest.raises(NotEventDataError):
        validate(table, dataset=dataset)

    message = str(refused.value)
    assert f"is not {dataset.title} data" in message
    assert f"read it with {DATASETS[other].reader}()" in message


def test_every_reader_refuses_a_table_of_no_dataset(dataset: Dataset) -> None:
    table = pa.table({"country": ["Nigeria"], "week": ["2011-01-01"], "incidents": ["3"]})

    with pytest.raises(NotEventDataError, match=f"is not {dataset.title} data"):
        read_dataset_table(table, dataset=dataset)


def test_a_misspelt_rule_is_refused_with_a_suggestion(dataset: Dataset) -> None:
    first = all_rules(dataset)[0][0]

    with pytest.raises(UnknownRuleError) as refused:
        validate(_table(_rows(dataset)), dataset=dataset, select=[first + "x"])

    assert first in str(refused.value)


def test_selecting_a_rule_family_runs_only_it(dataset: Dataset) -> None:
    rows = _rows(dataset)
    rows[1][dataset.id_column] = rows[0][dataset.id_column]

    selected = validate(_table(rows), dataset=dataset, select=["duplicate"])
    ignored = validate(_table(rows), dataset=dataset, ignore=["duplicate"])

    assert selected.counts() == {dataset.duplicate_rule: 2}
    assert ignored.ok


def test_duplicate_ids_report_every_row_of_the_group(dataset: Dataset) -> None:
    rows = _rows(dataset)
    rows[2][dataset.id_column] = rows[0][dataset.id_column]

    report = validate(_table(rows), dataset=dataset)

    failures = report.failures
    assert sorted(failures.loc[failures["rule"] == dataset.duplicate_rule, "row"]) == [0, 2]
    assert (len(report.valid), len(report.invalid)) == (1, 2)


def test_a_missing_required_column_is_one_failure_and_every_row_invalid(
    dataset: Dataset,
) -> None:
    required = next(
        s.name
        for s in dataset.specs
        if s.required
        and s.name not in dataset.markers | dataset.identifying
        and s.name != dataset.id_column
    )
    rows = [{k: v for k, v in row.items() if k != required} for row in _rows(dataset)]

    report = validate(_table(rows), dataset=dataset)

    assert report.counts() == {"columns.missing": 1}
    assert report.failures["column"].tolist() == [required]
    assert len(report.invalid) == 3


def test_every_row_ends_valid_or_invalid(dataset: Dataset) -> None:
    rows = _rows(dataset, 4)
    numeric = next(s.name for s in dataset.specs if s.kind == "integer" and s.name in rows[0])
    rows[1][numeric] = "many"

    report = validate(_table(rows), dataset=dataset)

    assert report.failures["rule"].tolist() == [f"type.{numeric}"]
    assert report.invalid.index.tolist() == [1]
    assert len(report.valid) + len(report.invalid) == report.n_rows == 4
    with pytest.raises(ValidationError):
        dataset.model.model_validate(rows[1])


def test_failures_name_the_row_id(dataset: Dataset) -> None:
    rows = _rows(dataset, 2)
    numeric = next(s.name for s in dataset.specs if s.kind == "integer" and s.name in rows[0])
    rows[1][numeric] = "many"

    report = validate(_table(rows), dataset=dataset)

    shown = report.failures["event_id_cnty"].tolist()
    assert shown == [dataset.failure_id_prefix + rows[1][dataset.id_column]]


def test_a_csv_file_round_trips_through_parquet(dataset: Dataset, tmp_path: Path) -> None:
    src = write_rows(tmp_path / "in.csv", _rows(dataset))

    result = to_parquet(src, tmp_path / "out.parquet", dataset=dataset)
    typed = read_dataset_table(src, dataset=dataset)

    assert result.rows_written == 3
    back = read_parquet(tmp_path / "out.parquet")
    assert list(back.columns[: len(dataset.columns)]) == list(dataset.columns)
    expected = typed.to_pandas(types_mapper=pd.ArrowDtype)
    assert (
        back[dataset.id_column].astype(str).tolist()
        == expected[dataset.id_column].astype(str).tolist()
    )


def test_the_typed_table_has_the_datasets_schema(dataset: Dataset) -> None:
    typed = read_dataset_table(_table(_rows(dataset)), dataset=dataset)

    schema = dataset.arrow_schema()
    assert typed.schema.names[: len(schema)] == schema.names
    assert [f.type for f in typed.schema][: len(schema)] == [f.type for f in schema]


def _reader(dataset: Dataset) -> Any:
    import eventdata

    return getattr(eventdata, dataset.reader.rpartition(".")[2])


def test_every_reader_takes_the_same_read_options(dataset: Dataset, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "rows.csv", _rows(dataset))
    data = path.read_bytes().rstrip(b"\r\n")
    last = data.rindex(b"\n") + 1
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: last + (len(data) - last) // 2])  # the last record cut in half
    read = _reader(dataset)

    whole = read(path, encoding="utf-8", date_format=None, sheet=None)
    with pytest.warns(CutRecordWarning):
        complete = read(cut, errors="coerce", on_truncated="invalid")
    with pytest.raises(
        TypeError, match=rf"{read.__name__}\(\) (takes no option|got an un).*delimiter"
    ):
        read(path, delimiter=";")

    assert len(whole) == len(complete) == 3


def test_the_read_options_of_every_reader_are_read_acleds_and_read_raws() -> None:
    import inspect

    from eventdata import read_acled
    from eventdata.io.readers import ReadKeywords
    from eventdata.pipeline.read import ReaderOptions

    options = set(ReaderOptions.__annotations__)

    assert options <= set(inspect.signature(read_acled).parameters)
    assert options <= set(ReadKeywords.__annotations__)


def test_a_mapping_refuses_an_option_naming_itself(tmp_path: Path) -> None:
    from eventdata import gtd_to_acled

    path = write_rows(tmp_path / "g.csv", _rows(DATASETS["gtd"]))

    with pytest.raises(TypeError, match=r"eventdata.gtd_to_acled\(\) takes no option errors"):
        gtd_to_acled(path, errors="coerce")
