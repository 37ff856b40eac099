"""``eventdata validate --format junit``: the report as JUnit XML, for CI systems that show tests.

One ``<testsuite>`` per input file and one ``<testcase>`` per rule that ran on it (the
``classname`` is the file, the ``name`` the rule), so GitLab, Jenkins, Azure Pipelines and
GitHub's test-report actions list every rule of every file. A rule the file breaks is a
``<failure>`` whose text holds the failing rows, each with its row, ``event_id_cnty``,
column, value and message; an input that cannot be read is one ``<error>`` test case.
Warnings are failures with ``--warnings-as-errors``; otherwise the test case passes and
lists them in ``<system-out>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

    from eventdata.validation.report import ValidationReport

__all__ = ["DEFAULT_JUNIT_FAILURES", "FileResult", "junit_xml", "rules_run"]

DEFAULT_JUNIT_FAILURES = 20
"""Failing rows listed per test case (rule and file) unless ``--max-failures`` says otherwise."""

READ_CASE = "read"
"""The name of the one test case of an input that cannot be read."""


@dataclass(frozen=True)
class FileResult:
    """One input's outcome: its report, or the reason it could not be read.

    Attributes:
        source: the path as given on the command line.
        report: the validation report; None when the input could not be read.
        rules: the rules that ran on it, in the order to list them.
        seconds: how long reading and validating took.
        error: why the input could not be read (when ``report`` is None).
    """

    source: str
    report: ValidationReport | None
    rules: tuple[str, ...] = ()
    seconds: float = 0.0
    error: str = ""


def rules_run(
    report: ValidationReport, select: Sequence[str] | None, ignore: Sequence[str] | None
) -> tuple[str, ...]:
    """The rules that ran for a report: its dataset's rules as selected, and every one that failed.

    Args:
        report: a validation report of any dataset.
        select: the ``--select`` patterns, or None for every rule.
        ignore: the ``--ignore`` patterns, or None.
    """
    from eventdata.cli.datasets import rule_names
    from eventdata.validation.selection import rule_selected

    names = [n for n in rule_names(report.dataset.name) if rule_selected(n, select, ignore)]
    names += [n for n in report.counts() if n not in names]  # never lose a failure
    return tuple(dict.fromkeys(names))


def _row_line(failure: dict[str, object]) -> str:
    """``row 185 [AFG1002]: <message>``; the message names the column, value and rule."""
    where = "whole input" if failure["row"] is None else f"row {failure['row']}"
    ident = f" [{failure['event_id_cnty']}]" if failure["event_id_cnty"] else ""
    return f"{where}{ident}: {failure['message']}"


def _case(
    source: str,
    report: ValidationReport,
    rule: str,
    *,
    max_failures: int,
    warnings_as_errors: bool,
) -> tuple[ET.Element, bool]:
    """One rule on one file; returns the element and whether it failed."""
    import xml.etree.ElementTree as ET  # only when a report is written

    import pyarrow.compute as pc

    case = ET.Element("testcase", name=rule, classname=source, file=source, time="0")
    table = report.failure_table
    mine = table.filter(pc.equal(table["rule"], rule))
    if mine.num_rows == 0:
        return case, False
    severity = str(mine["severity"][0].as_py())
    lines = [_row_line(f) for f in mine.slice(0, max_failures).to_pylist()]
    if mine.num_rows > max_failures:
        lines.append(f"... {mine.num_rows - max_failures} more (--max-failures N lists more)")
    verb = "row fails" if mine.num_rows == 1 else "rows fail"
    message = f"{mine.num_rows} {verb} {rule} ({severity})"
    failed = severity == "error" or warnings_as_errors
    if failed:
        failure = ET.SubElement(case, "failure", message=message, type=severity)
        failure.text = "\n".join(lines)
    else:
        out = ET.SubElement(case, "system-out")
        out.text = message + "\n" + "\n".join(lines)
    return case, failed


def _suite(result: FileResult, *, max_failures: int, warnings_as_errors: bool) -> ET.Element:
    import xml.etree.ElementTree as ET  # only when a report is written

    suite = ET.Element("testsuite", name=result.source, time=f"{result.seconds:.3f}")
    failures = errors = 0
    if result.report is None:
        case = ET.SubElement(
            suite, "testcase", name=READ_CASE, classname=result.source, file=result.source, time="0"
        )
        ET.SubElement(case, "error", message=result.error, type="unreadable").text = result.error
        errors = 1
    else:
        properties = ET.SubElement(suite, "properties")
        summary = result.report.summary()
        for key in ("dialect", "n_rows", "n_valid", "n_invalid"):
            ET.SubElement(properties, "property", name=key, value=str(summary[key]))
        for rule in result.rules:
            case, failed = _case(
                result.source,
                result.report,
                rule,
                max_failures=max_failures,
                warnings_as_errors=warnings_as_errors,
            )
            suite.append(case)
            failures += failed
    suite.set("tests", str(len(suite.findall("testcase"))))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    return suite


def junit_xml(
    results: Sequence[FileResult], *, max_failures: int | None, warnings_as_errors: bool
) -> str:
    """The JUnit XML document of one ``eventdata validate`` run.

    Args:
        results: one entry per input, in command-line order.
        max_failures: failing rows listed per test case (default
            :data:`DEFAULT_JUNIT_FAILURES`); the message always gives the full count.
        warnings_as_errors: warnings fail their test case too.

    Returns:
        The document, with an XML declaration, as text.
    """
    import xml.etree.ElementTree as ET  # only when a report is written

    limit = DEFAULT_JUNIT_FAILURES if max_failures is None else max_failures
    root = ET.Element("testsuites", name="eventdata validate")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    seconds = 0.0
    for result in results:
        suite = _suite(result, max_failures=limit, warnings_as_errors=warnings_as_errors)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
        seconds += result.seconds
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{seconds:.3f}")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
