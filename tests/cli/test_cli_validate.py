import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventdata.cli import main
from eventdata.cli.app import cli

RECORDS_EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "baghdad_2021.yaml"


def test_valid_file_exits_0(run_cli, valid_csv):
    result = run_cli("validate", valid_csv)

    assert result.returncode == 0, result.stderr
    assert "OK - 5 rows" in result.stdout


def test_invalid_file_json_report_names_row_id_and_column(run_cli, invalid_csv):
    result = run_cli("validate", invalid_csv, "--format", "json")

    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["n_rows"] == 5
    assert report["n_invalid"] == 2
    assert report["counts"]["type.fatalities"] == {"severity": "error", "count": 1}
    first = report["failures"][0]
    assert set(first) == {
        "row", "event_id_cnty", "column", "rule", "severity", "value", "message"
    }  # fmt: skip
    assert (first["row"], first["event_id_cnty"], first["column"], first["value"]) == (
        1,
        "IRQ2",
        "fatalities",
        "many",
    )
    assert report["failures"][1]["event_id_cnty"] == "IRQ4"
    assert report["failures"][1]["column"] == "event_type"


def test_unreadable_inputs_exit_2_without_traceback(run_cli, tmp_path, garbage_file):
    missing = tmp_path / "missing.csv"

    result = run_cli("validate", missing, garbage_file)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{missing}: no such file or directory" in result.stderr
    assert str(garbage_file) in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "x.csv", "--select", "no_such_rule"],
        ["validate", "x.csv", "--format", "xml"],
        ["validate", "x.csv", "--max-failures", "-1"],
        ["nonsense"],
    ],
)
def test_bad_usage_exits_2(args):
    assert main(args) == 2


def test_text_report_lists_first_failures(invalid_csv):
    result = CliRunner().invoke(cli, ["validate", str(invalid_csv), "--max-failures", "1"])

    assert result.exit_code == 1
    assert "type.fatalities" in result.output
    assert "row 1 [IRQ2]" in result.output
    assert "'many'" in result.output
    assert "IRQ4" not in result.output.split("first 1 of 2 failures:")[1]
    assert "1 more" in result.output


def test_max_failures_limits_failures_but_not_counts(invalid_csv):
    result = CliRunner().invoke(
        cli, ["validate", str(invalid_csv), "--format", "json", "--max-failures", "1"]
    )

    report = json.loads(result.output)
    assert len(report["failures"]) == 1
    assert report["n_failures"] == 2
    assert sum(entry["count"] for entry in report["counts"].values()) == 2


@pytest.mark.parametrize(
    ("options", "code", "rules"),
    [
        (["--select", "vocabulary"], 1, {"vocabulary.event_type"}),
        (["--select", "type,vocabulary"], 1, {"type.fatalities", "vocabulary.event_type"}),
        (["--ignore", "vocabulary", "--ignore", "type.fatalities"], 0, set()),
    ],
)
def test_select_and_ignore(invalid_csv, options, code, rules):
    result = CliRunner().invoke(cli, ["validate", str(invalid_csv), "--format", "json", *options])

    assert result.exit_code == code
    assert set(json.loads(result.output)["counts"]) == rules


def test_warnings_as_errors(make_csv):
    path = make_csv("warn.csv", {"fatalities": "5000"})

    relaxed = CliRunner().invoke(cli, ["validate", str(path)])
    strict = CliRunner().invoke(cli, ["validate", str(path), "--warnings-as-errors"])

    assert relaxed.exit_code == 0
    assert strict.exit_code == 1
    assert "--warnings-as-errors" in strict.output


def test_several_paths_give_one_json_document_and_output_file(
    valid_csv, invalid_csv, tmp_path: Path
):
    out = tmp_path / "report.json"

    result = CliRunner().invoke(
        cli,
        ["validate", str(valid_csv), str(invalid_csv), "--format", "json", "-o", str(out)],
    )

    assert result.exit_code == 1
    document = json.loads(result.output)
    assert json.loads(out.read_text()) == document
    assert document["ok"] is False
    assert document["n_inputs"] == 2
    assert [r["ok"] for r in document["reports"]] == [True, False]


def test_unreadable_input_in_json_mode_is_reported_in_the_document(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "nope.csv"), "--format", "json"])

    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert "no such file" in document["error"]


def test_unexpected_error_names_the_file_without_traceback(valid_csv, monkeypatch):
    import eventdata.pipeline.validate as engine

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.delenv("EVENTDATA_TRACEBACK", raising=False)
    monkeypatch.setattr(engine, "validate", broken)

    result = CliRunner().invoke(cli, ["validate", str(valid_csv)])

    assert result.exit_code == 2
    assert f"{valid_csv}: unexpected RuntimeError: boom" in result.stderr
    assert "EVENTDATA_TRACEBACK=1" in result.stderr


def test_ucdp_ged_is_recognised(shared_data):
    path = shared_data / "ucdp" / "ged231_iraq_syria.csv"

    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json"])

    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["dialect"] == "ucdp-ged"
    assert report["n_rows"] == 284


def test_validating_a_file_loads_only_what_the_file_needs(run_python, valid_csv):
    # start-up of a small validate: a path never loads the rich records or the sources
    code = (
        "import sys\n"
        "from eventdata.cli import main\n"
        f"code = main(['validate', {str(valid_csv)!r}])\n"
        "heavy = ('eventdata.models.records', 'eventdata.models.collection', "
        "'eventdata.sources', 'eventdata.analysis', 'eventdata.reporting', 'eventdata.dask')\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )

    result = run_python(code)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("0 []")


def test_warnings_are_said_as_the_command_says_errors(run_cli: Any, tmp_path: Path) -> None:
    pytest.importorskip("yaml", reason="PyYAML (the records extra) reads the records file")
    text = RECORDS_EXAMPLE.read_text(encoding="utf-8")
    records = tmp_path / "records.yaml"
    records.write_text(text.replace("region: Middle East", "region: Middle Earth"))

    result = run_cli("validate", records)

    warned = [line for line in result.stderr.splitlines() if "Middle Earth" in line]
    assert warned and all(line.startswith("Warning: place '") for line in warned)
    assert ".py:" not in result.stderr  # no file and line of the framework's
