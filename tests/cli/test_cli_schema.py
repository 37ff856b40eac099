import json

import pytest
from click.testing import CliRunner

from eventdata.cli.app import cli


def test_help_and_version_start_without_pandas(run_python):
    code = (
        "import sys\n"
        "from eventdata.cli import main\n"
        "codes = [main(['--help']), main(['--version']), main(['validate', '--help'])]\n"
        "print(codes, 'pandas' in sys.modules, 'pyarrow' in sys.modules)\n"
    )
    result = run_python(code)

    assert result.returncode == 0, result.stderr
    assert "Examples:" in result.stdout
    assert "eventdata, version" in result.stdout
    assert result.stdout.strip().endswith("[0, 0, 0] False False")


def test_schema_arrow_lists_every_column():
    from eventdata import arrow_schema

    result = CliRunner().invoke(cli, ["schema"])

    assert result.exit_code == 0
    for field in arrow_schema():
        assert field.name in result.output
    assert "dictionary<int32, string>" in result.output


def test_schema_json_schema_is_the_event_model():
    from eventdata import Event

    result = CliRunner().invoke(cli, ["schema", "--format", "json-schema"])

    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(json.dumps(Event.model_json_schema()))


def test_schema_markdown_is_generated():
    from eventdata.schema.arrow import schema_markdown

    result = CliRunner().invoke(cli, ["schema", "--format", "markdown"])

    assert result.output == schema_markdown()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_rules_lists_every_rule(fmt):
    from eventdata.validation.engine import all_rules

    result = CliRunner().invoke(cli, ["rules", "--format", fmt])

    assert result.exit_code == 0
    names = [rule[0] for rule in all_rules()]
    if fmt == "json":
        listed = json.loads(result.output)
        assert [r["name"] for r in listed] == names
        assert set(listed[0]) == {"name", "severity", "column", "description"}
    else:
        for name in names:
            assert name in result.output


def test_rules_for_ucdp():

    result = CliRunner().invoke(cli, ["rules", "--dataset", "ucdp", "--format", "json"])

    assert result.exit_code == 0
    assert "deaths.low_best_high" in {r["name"] for r in json.loads(result.output)}
