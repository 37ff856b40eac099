import json

import pytest
from click.testing import CliRunner

from eventdata.cli.app import cli


def test_describe_real_export_json(run_cli, shared_data):
    path = shared_data / "acled" / "iraq_2024-01_2024-03_prefix.csv"

    result = run_cli("describe", path, "--format", "json")

    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["n_rows"] == 299
    assert document["dialect"] == "current"
    assert document["date_range"][0].startswith("2024-0")
    assert sum(document["counts"]["event_type"].values()) == 299
    assert sum(document["counts"]["year"].values()) == 299
    assert document["counts"]["country"] == {"Iraq": 299}
    assert 0 < len(document["top_actors"]) <= 10
    assert document["fatalities"] >= 0


def test_describe_missing_file_exits_2(run_cli, tmp_path):
    result = run_cli("describe", tmp_path / "nope.csv")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "nope.csv: no such file or directory" in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "acled/afghanistan_2020-03_pre2023_exporttool.csv",
        "acled/africa_2016_v6_pandas.csv",
        "acled/exporttool_sample_2024-11.csv",
    ],
)
def test_describe_text_on_other_dialects(shared_data, name):
    result = CliRunner().invoke(cli, ["describe", str(shared_data / name)])

    assert result.exit_code == 0, result.output
    assert "rows (" in result.output
    assert "event types:" in result.output
    assert "top actors (actor1 and actor2 combined)" in result.output


def test_describe_counts_actors_from_both_columns(valid_csv):
    result = CliRunner().invoke(cli, ["describe", str(valid_csv), "--format", "json"])

    document = json.loads(result.output)
    assert document["top_actors"] == {
        "Military Forces of Iraq (2022-)": 5,
        "Islamic State (Iraq)": 5,
    }
    assert document["fatalities"] == 1 + 2 + 0 + 1 + 2
    assert document["date_range"] == ["2024-01-03", "2024-01-03"]


def test_describe_ucdp_ged(shared_data):

    result = CliRunner().invoke(
        cli, ["describe", str(shared_data / "ucdp" / "ged231_iraq_syria.csv"), "--format", "json"]
    )

    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["dataset"] == "ucdp"
    assert document["n_rows"] == 284
    assert document["counts"]["country"] == {"Syria": 265, "Iraq": 19}
