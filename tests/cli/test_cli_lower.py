from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from records_full import full_records

from eventdata import ACLED_COLUMNS, EventCollection, read_records, write_records
from eventdata.cli.app import cli

jsonschema = pytest.importorskip("jsonschema")  # the records and docs extras
yaml = pytest.importorskip("yaml")  # the records and docs extras

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "baghdad_2021.yaml"


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_lower_writes_the_acled_rows_as_csv(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"

    result = invoke("lower", EXAMPLE, out)

    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert [r["sub_event_type"] for r in rows] == [
        "Air/drone strike",
        "Air/drone strike",
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Disrupted weapons use",
    ]
    assert "no row: '2021-07-06-us-will-respond': a threat response is words" in result.stderr
    assert "wrote" in result.stderr and "5 ACLED rows from 8 records" in result.stderr
    assert (
        "tally of '2021-07-06-us-embassy-drone': attacks on US interests (Iraq, 2021-01-01 to "
        "2021-07-06): claimed 47, found 3 (IRQ1, IRQ3, IRQ4)"
    ) in result.stderr


def test_lower_writes_parquet_with_prefixes(tmp_path: Path) -> None:
    out = tmp_path / "rows.parquet"

    result = invoke("lower", EXAMPLE, out, "--prefix", "Iraq=XIQ", "--start", "100")

    assert result.exit_code == 0, result.output
    ids = pq.read_table(out).column("event_id_cnty").to_pylist()
    assert sorted(ids) == ["SYR100", "XIQ100", "XIQ101", "XIQ102", "XIQ103"]


def test_lower_refuses_other_outputs(tmp_path: Path) -> None:
    result = invoke("lower", EXAMPLE, tmp_path / "rows.xlsx")

    assert result.exit_code == 2
    assert "OUT must end in .csv or .parquet" in result.output


def test_lower_reports_every_problem_with_its_position(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "records:\n  - record_type: attack\n    id: a\n    date: 2021-13-01\n",
        encoding="utf-8",
    )

    result = invoke("lower", bad, tmp_path / "out.csv")

    assert result.exit_code == 2
    assert f"{bad}: 1 problem(s)" in result.stderr
    assert "line 4, column 11: record 'a', field date:" in result.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_validate_and_describe_read_records_files(tmp_path: Path, suffix: str) -> None:
    records = write_records(read_records(EXAMPLE), tmp_path / f"report{suffix}")

    validated = invoke("validate", records)
    described = invoke("describe", records, "--format", "json")

    assert validated.exit_code == 0, validated.output
    assert "OK - 5 rows" in validated.output
    assert described.exit_code == 0, described.output
    assert json.loads(described.stdout)["n_rows"] == 5


def test_a_json_event_list_is_still_read_as_events(tmp_path: Path) -> None:
    from eventdata import lower_records

    events = [e.to_acled() for e in lower_records(read_records(EXAMPLE)).events]
    path = tmp_path / "events.json"
    path.write_text(json.dumps(events), encoding="utf-8")

    result = invoke("validate", path)

    assert result.exit_code == 0, result.output
    assert "5 rows" in result.output


def test_schema_records_validates_the_example(tmp_path: Path) -> None:
    result = invoke("schema", "--records", "--format", "json")

    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    document = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    text = json.loads(json.dumps(document, default=str))  # YAML dates as editors see them
    assert list(jsonschema.Draft7Validator(schema).iter_errors(text)) == []


def test_schema_records_needs_json() -> None:
    result = invoke("schema", "--records", "--format", "markdown")

    assert result.exit_code == 2
    assert "--records prints a JSON Schema: use --format json" in result.output


def test_names_looks_up_a_reference(tmp_path: Path) -> None:
    from eventdata import lower_records

    reference = tmp_path / "reference.csv"
    events = [e.to_acled() for e in lower_records(read_records(EXAMPLE)).events]
    with reference.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ACLED_COLUMNS))
        writer.writeheader()
        writer.writerows(events)

    found = invoke("names", "--reference", reference, "--date", "2021-07-06", "US forces")
    as_json = invoke("names", "--reference", reference, "--format", "json", "Green Zone")
    nothing = invoke("names", "--reference", reference, "--kind", "actor", "Zzyzx")

    assert found.exit_code == 0, found.output
    assert found.stdout.splitlines()[0].startswith(
        "Military Forces of the United States (2021-) (actor, 2021-, score "
    )
    assert json.loads(as_json.stdout)[0]["name"] == "Baghdad - Green Zone"
    assert nothing.exit_code == 1
    assert "no close match for 'Zzyzx'" in nothing.stderr


def test_round_trip_through_the_cli_keeps_every_field(tmp_path: Path) -> None:
    collection: EventCollection = full_records()
    path = write_records(collection, tmp_path / "full.yaml")

    result = invoke("validate", path)

    assert result.exit_code == 0, result.output  # unconfirmed records give no rows
    assert read_records(path) == collection
