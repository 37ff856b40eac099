"""``eventdata validate``: check files against the ACLED codebook and report every failure."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from eventdata.cli.common import (
    EXIT_ERRORS,
    EXIT_OK,
    EXIT_UNREADABLE,
    InputProblem,
    ReaderOptions,
    count_option,
    dump_json,
    echo_out,
    format_option,
    read_options,
    readable_input,
    repeatable_option,
    split_values,
    write_text_file,
)
from eventdata.cli.datasets import dataset_option, rule_names

if TYPE_CHECKING:
    from eventdata.cli.junit import FileResult
    from eventdata.validation.report import ValidationReport

__all__ = ["check_rule_patterns", "report_document", "validate"]

DEFAULT_TEXT_FAILURES = 20
"""Failures listed per input by the text report unless ``--max-failures`` says otherwise."""


def check_rule_patterns(
    patterns: Sequence[str], option: str, *, dataset: str = "acled"
) -> list[str]:
    """Check that every ``--select``/``--ignore`` pattern names or prefixes a rule.

    Args:
        patterns: rule names or prefixes such as ``vocabulary`` or ``type.fatalities``.
        option: the option name, for the message.
        dataset: ``acled``, ``ucdp`` or ``auto`` (the rules of both).

    Returns:
        The patterns, unchanged.

    Raises:
        click.BadParameter: a pattern matches no rule (exit code 2).

    """
    if not patterns:
        return []
    names = rule_names(dataset)
    for pattern in patterns:
        stem = pattern.rstrip(".")
        if not any(name == stem or name.startswith(stem + ".") for name in names):
            raise click.BadParameter(
                f"no rule is named {pattern!r} or starts with '{stem}.'; "
                "run 'eventdata rules' for the list",
                param_hint=option,
            )
    return list(patterns)


def report_document(
    report: ValidationReport, *, max_failures: int | None, warnings_as_errors: bool
) -> dict[str, Any]:
    """One input's JSON report: the summary, the verdict and the (first) failures.

    Keys: ``source``, ``dialect``, ``dialect_details``, ``dialect_notes``, ``n_rows``,
    ``ok``, ``n_valid``, ``n_invalid``, ``n_errors``, ``n_warnings``, ``counts``
    (``{rule: {severity, count}}``, always complete), ``warnings_as_errors``,
    ``n_failures`` (all of them), ``failures`` (at most ``max_failures``, each with
    ``row``, ``event_id_cnty``, ``column``, ``rule``, ``severity``, ``value``, ``message``).
    """
    failures = report.failure_table
    shown = failures if max_failures is None else failures.slice(0, max_failures)
    document = dict(report.summary())
    document["ok"] = _passed(report, warnings_as_errors)
    document["warnings_as_errors"] = warnings_as_errors
    document["n_failures"] = failures.num_rows
    document["failures"] = shown.to_pylist()
    return document


def _run(
    path: Path,
    dataset: str,
    *,
    select: list[str] | None,
    ignore: list[str] | None,
    read: ReaderOptions,
) -> ValidationReport:
    from eventdata.pipeline.validate import validate as run

    return run(path, select=select, ignore=ignore, dataset=dataset, **read)


def _passed(report: ValidationReport, warnings_as_errors: bool) -> bool:
    return report.ok and not (warnings_as_errors and report.n_warnings > 0)


def _file_result(
    path: Path,
    report: ValidationReport | None,
    error: str,
    started: float,
    select: list[str] | None,
    ignore: list[str] | None,
) -> FileResult:
    from eventdata.cli.junit import FileResult, rules_run

    rules = () if report is None else rules_run(report, select, ignore)
    seconds = time.perf_counter() - started
    return FileResult(str(path), report, rules=rules, seconds=seconds, error=error)


def _error_document(path: Path, message: str) -> dict[str, Any]:
    return {"source": str(path), "ok": False, "error": message}


def _combined(documents: list[dict[str, Any]]) -> dict[str, Any]:
    readable = [d for d in documents if "error" not in d]
    return {
        "ok": all(d["ok"] for d in documents),
        "n_inputs": len(documents),
        "n_unreadable": len(documents) - len(readable),
        "n_rows": sum(d["n_rows"] for d in readable),
        "n_errors": sum(d["n_errors"] for d in readable),
        "n_warnings": sum(d["n_warnings"] for d in readable),
        "reports": documents,
    }


def _text(report: ValidationReport, *, max_failures: int | None, warnings_as_errors: bool) -> str:
    text = report.format_text(
        max_failures=DEFAULT_TEXT_FAILURES if max_failures is None else max_failures
    )
    shown = DEFAULT_TEXT_FAILURES if max_failures is None else max_failures
    total = report.failure_table.num_rows
    if total > shown:
        text += (
            f"\n  ... {total - shown} more; --max-failures N shows more, "
            "--format json lists them all"
        )
    if warnings_as_errors and report.ok and report.n_warnings:
        text += f"\n  FAILED: {report.n_warnings} warnings count as errors (--warnings-as-errors)"
    return text


_VALIDATE_HELP = """\
Validate files against the ACLED codebook and report every failure.

PATH is a CSV, JSON, JSON Lines or Parquet file, or a Parquet dataset directory, of
ACLED data (any dialect) or UCDP GED. The text report gives counts per rule and the
first failures with row (0-based data record), event_id_cnty, column, value and
message.

\b
Examples:
  eventdata validate acled.csv
  eventdata validate a.csv b.csv --format json --max-failures 10 | jq .ok
  eventdata validate acled.csv --select vocabulary,hierarchy
  eventdata validate acled.csv --ignore fatalities.high --warnings-as-errors
  eventdata validate acled.csv --output report.json
  eventdata validate data/*.csv --format junit > validation.xml

Exit code: 0 no errors, 1 errors found, 2 an input cannot be read or bad usage.
"""


@click.command(help=_VALIDATE_HELP, short_help="Validate files and report every failure.")
@click.argument(
    "paths", nargs=-1, required=True, metavar="PATH...", type=click.Path(path_type=Path)
)
@format_option(
    "text: a readable report; json: one JSON document on stdout; junit: JUnit XML on "
    "stdout (one test case per rule and file) for CI systems that show test results.",
    choices=("text", "json", "junit"),
)
@count_option(
    "--max-failures",
    minimum=0,
    help=f"List at most N failures per input (text default {DEFAULT_TEXT_FAILURES}, "
    "json default all; junit: per rule and file, default 20); counts per rule stay complete.",
)
@repeatable_option(
    "--select",
    metavar="RULE",
    help="Run only rules named RULE or starting with 'RULE.' (e.g. vocabulary); "
    "repeatable or comma-separated.",
)
@repeatable_option(
    "--ignore",
    metavar="RULE",
    help="Skip rules named RULE or starting with 'RULE.'; repeatable or comma-separated.",
)
@click.option(
    "--warnings-as-errors",
    is_flag=True,
    help="Fail (exit 1) on warnings too.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    metavar="FILE",
    help="Also write the JSON report to FILE (written atomically).",
)
@dataset_option
@read_options
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    max_failures: int | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    warnings_as_errors: bool,
    output: Path | None,
    dataset: str,
    read: ReaderOptions,
) -> None:
    """Validate files against the ACLED codebook and report every failure."""
    selected = check_rule_patterns(split_values(select), "--select", dataset=dataset) or None
    ignored = check_rule_patterns(split_values(ignore), "--ignore", dataset=dataset) or None

    documents: list[dict[str, Any]] = []
    results: list[FileResult] = []
    status = EXIT_OK
    for path in paths:
        started = time.perf_counter()
        try:
            with readable_input(path, also=(ValueError,)):
                report = _run(path, dataset, select=selected, ignore=ignored, read=read)
        except InputProblem as problem:
            message = problem.format_message()
            click.echo(f"Error: {message}", err=True)
            documents.append(_error_document(path, message))
            if fmt == "junit":
                results.append(_file_result(path, None, message, started, selected, ignored))
            status = EXIT_UNREADABLE
            continue
        if fmt == "junit":  # the rules run per file are listed only there
            results.append(_file_result(path, report, "", started, selected, ignored))
        document = report_document(
            report, max_failures=max_failures, warnings_as_errors=warnings_as_errors
        )
        documents.append(document)
        if not document["ok"] and status == EXIT_OK:
            status = EXIT_ERRORS
        if fmt == "text":
            echo_out(
                _text(report, max_failures=max_failures, warnings_as_errors=warnings_as_errors)
            )
    document_out = documents[0] if len(documents) == 1 else _combined(documents)
    if fmt == "json":
        echo_out(dump_json(document_out))
    elif fmt == "junit":
        from eventdata.cli.junit import junit_xml

        echo_out(
            junit_xml(results, max_failures=max_failures, warnings_as_errors=warnings_as_errors)
        )
    elif len(documents) > 1:
        passed = sum(1 for d in documents if d["ok"])
        unreadable = sum(1 for d in documents if "error" in d)
        echo_out(
            f"{len(documents)} inputs: {passed} passed, "
            f"{len(documents) - passed - unreadable} failed, {unreadable} unreadable"
        )
    if output is not None:
        write_text_file(output, dump_json(document_out) + "\n")
    ctx.exit(status)
