"""``eventdata validate --format junit``: JUnit XML that CI systems read as test results."""

import xml.etree.ElementTree as ET

from eventdata.validation.engine import all_rules

# The elements and attributes of the JUnit XML that Jenkins, GitLab, Azure Pipelines and
# GitHub's test-report actions read (Ant's JUnit schema, as the Jenkins plugin documents it).
JUNIT_ELEMENTS = {
    "testsuites": {"name", "tests", "failures", "errors", "time"},
    "testsuite": {"name", "tests", "failures", "errors", "skipped", "time"},
    "properties": set(),
    "property": {"name", "value"},
    "testcase": {"name", "classname", "time", "file"},
    "failure": {"message", "type"},
    "error": {"message", "type"},
    "system-out": set(),
}
REQUIRED = {
    "testsuite": {"name", "tests", "failures", "errors"},
    "testcase": {"name", "classname"},
    "failure": {"message"},
    "error": {"message"},
}
ACLED_RULES = [name for name, *_ in all_rules()]


def _junit(run_cli, *args, cwd=None):
    result = run_cli("validate", *args, "--format", "junit", cwd=cwd)
    return result, ET.fromstring(result.stdout)


def _cases(suite):
    return {case.get("name"): case for case in suite.findall("testcase")}


def test_one_test_case_per_rule_and_file_failures_with_row_and_message(
    run_cli, invalid_csv, valid_csv
):
    result, root = _junit(run_cli, invalid_csv.name, valid_csv.name, cwd=invalid_csv.parent)

    assert result.returncode == 1, result.stderr
    assert root.tag == "testsuites"
    invalid, valid = root.findall("testsuite")
    assert (invalid.get("name"), valid.get("name")) == ("invalid.csv", "valid.csv")  # as given
    assert list(_cases(valid)) == ACLED_RULES
    assert list(_cases(invalid)) == ACLED_RULES
    assert [c.get("classname") for c in invalid.findall("testcase")] == ["invalid.csv"] * len(
        ACLED_RULES
    )
    failed = {c.get("name"): c.find("failure") for c in invalid if c.find("failure") is not None}
    assert sorted(failed) == ["type.fatalities", "vocabulary.event_type"]
    fatalities = failed["type.fatalities"]
    assert fatalities.get("message") == "1 row fails type.fatalities (error)"
    assert fatalities.get("type") == "error"
    assert fatalities.text.startswith("row 1 [IRQ2]: ")
    assert "'many'" in fatalities.text
    assert failed["vocabulary.event_type"].text.startswith("row 3 [IRQ4]: ")
    assert valid.find(".//failure") is None
    assert (invalid.get("tests"), invalid.get("failures"), invalid.get("errors")) == (
        str(len(ACLED_RULES)),
        "2",
        "0",
    )
    assert root.get("tests") == str(2 * len(ACLED_RULES))
    assert (root.get("failures"), root.get("errors")) == ("2", "0")


def test_only_the_element_names_junit_consumers_read(run_cli, invalid_csv, tmp_path, make_csv):
    warned = make_csv("warned.csv", {"fatalities": "1500"}, {})
    missing = tmp_path / "missing.csv"

    result, root = _junit(run_cli, invalid_csv, warned, missing)

    assert result.returncode == 2
    assert result.stdout.startswith("<?xml version=")
    for element in root.iter():
        assert element.tag in JUNIT_ELEMENTS, element.tag
        assert set(element.attrib) <= JUNIT_ELEMENTS[element.tag], element.attrib
        assert REQUIRED.get(element.tag, set()) <= set(element.attrib), element.attrib
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases)
        assert int(suite.get("errors")) == sum(c.find("error") is not None for c in cases)
        assert float(suite.get("time")) >= 0


def test_an_unreadable_input_is_one_error_case(run_cli, tmp_path, valid_csv):
    missing = tmp_path / "missing.csv"

    result, root = _junit(run_cli, missing, valid_csv)

    assert result.returncode == 2
    broken = root.find("testsuite")
    (case,) = broken.findall("testcase")
    assert case.get("name") == "read"
    error = case.find("error")
    assert error.get("message") == f"{missing}: no such file or directory"
    assert root.get("errors") == "1"
    assert len(root.findall("testsuite")) == 2


def test_warnings_pass_with_their_rows_unless_warnings_count_as_errors(run_cli, make_csv):
    warned = make_csv("warned.csv", {}, {"fatalities": "1500"})

    passing, root = _junit(run_cli, warned)
    failing, strict = _junit(run_cli, warned, "--warnings-as-errors")

    assert passing.returncode == 0
    case = _cases(root.find("testsuite"))["fatalities.high"]
    assert case.find("failure") is None
    assert "row 1 [IRQ2]: " in case.find("system-out").text
    assert failing.returncode == 1
    failure = _cases(strict.find("testsuite"))["fatalities.high"].find("failure")
    assert failure.get("type") == "warning"
    assert failure.text.startswith("row 1 [IRQ2]: ")


def test_select_and_max_failures_shape_the_cases(run_cli, make_csv):
    broken = make_csv("broken.csv", *[{"fatalities": "many"}] * 4)

    result, root = _junit(run_cli, broken, "--select", "type", "--max-failures", "2")

    assert result.returncode == 1
    cases = _cases(root.find("testsuite"))
    assert set(cases) == {n for n in ACLED_RULES if n.startswith("type.")}
    failure = cases["type.fatalities"].find("failure")
    assert failure.get("message") == "4 rows fail type.fatalities (error)"
    assert failure.text.splitlines() == [
        failure.text.splitlines()[0],
        failure.text.splitlines()[1],
        "... 2 more (--max-failures N lists more)",
    ]
    assert failure.text.startswith("row 0 [IRQ1]: ")
    assert failure.text.splitlines()[1].startswith("row 1 [IRQ2]: ")


def test_a_ged_file_gets_the_ged_rules_as_test_cases(run_cli):
    from pathlib import Path

    from eventdata.datasets import DATASETS

    sample = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample_ged.csv"

    result, root = _junit(run_cli, sample)

    assert result.returncode == 0, result.stderr
    cases = _cases(root.find("testsuite"))
    assert list(cases) == [name for name, *_ in all_rules(DATASETS["ucdp"])]
    warned = cases["deaths.low_best_high"]
    assert warned.find("failure") is None
    assert warned.find("system-out").text.startswith("3 rows fail deaths.low_best_high (warning)")
