"""The CLI's --dataset choices are the library's datasets (kept static for a fast start)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from dataset_fixtures import EXAMPLE_ROWS, write_rows

from eventdata.cli.app import cli
from eventdata.cli.datasets import DATASETS as CLI_CHOICES
from eventdata.datasets import DATASETS


def test_dataset_choices_are_auto_then_every_dataset() -> None:
    assert CLI_CHOICES == ("auto", *DATASETS)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_dataset_validates_describes_and_lists_its_rules(name, tmp_path) -> None:
    path = write_rows(tmp_path / "in.csv", [EXAMPLE_ROWS[name]()])
    runner = CliRunner()

    validated = runner.invoke(cli, ["validate", str(path), "--dataset", name])
    described = runner.invoke(cli, ["describe", str(path), "--format", "json"])
    rules = runner.invoke(cli, ["rules", "--dataset", name, "--format", "json"])
    schema = runner.invoke(cli, ["schema", "--dataset", name])

    assert validated.exit_code == 0, validated.output
    assert json.loads(described.output)["dataset"] == name
    assert {r["name"] for r in json.loads(rules.output)} >= {DATASETS[name].duplicate_rule}
    assert DATASETS[name].id_column in schema.output


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_naming_another_dataset_exits_2_naming_the_reader(name, tmp_path) -> None:
    other = next(n for n in sorted(DATASETS) if n != name)
    path = write_rows(tmp_path / "in.csv", [EXAMPLE_ROWS[other]()])

    result = CliRunner().invoke(cli, ["validate", str(path), "--dataset", name])

    assert result.exit_code == 2
    assert f"is not {DATASETS[name].title} data" in result.output
    assert DATASETS[other].reader in result.output
