"""The columnar validation engine: a text table in, a report out.

:func:`validate_table` takes an input as text (a :class:`~eventdata.schema.text.RawTable`),
parses each column with the rules derived from the :class:`~eventdata.Event` fields, runs the
cross-field rules on the parsed arrays, and collects every failure with its row into a
:class:`~eventdata.validation.report.ValidationReport`. No pydantic object is built.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.rules.acled import CROSS_FIELD_RULES
from eventdata.rules.base import Rule, to_mask
from eventdata.schema.datasets import UCDP_GED, dataset_named, dataset_of
from eventdata.schema.text import RawTable
from eventdata.validation.fieldrules import (
    iter_rule_names,
)
from eventdata.validation.parse import MISSING_COLUMN_RULE, Parsed, parse, run_all
from eventdata.validation.report import FailureBlock, ValidationReport
from eventdata.validation.selection import check_rule_patterns, rule_selected

__all__ = [
    "Parsed",
    "all_rules",
    "check_rule_patterns",
    "check_rules",
    "collect_failures",
    "parse",
    "rule_selected",
    "table_rules",
    "validate_table",
]

DUPLICATE_RULE = "duplicate.event_id_cnty"


def all_rules() -> list[tuple[str, str, str, str]]:
    """Every built-in rule as ``(name, severity, column, description)``, for docs and CLI."""
    out = []
    for name, family, spec in iter_rule_names():
        description = {
            "required": f"{spec.name} is present and not blank.",
            "type": f"{spec.name} parses as {spec.kind}.",
            "range": f"{spec.name} lies within its bounds.",
            "vocabulary": f"{spec.name} is an ACLED label.",
            "not_empty": f"{spec.name} is not blank (empty or white space only).",
        }[family]
        out.append((name, "error", spec.name, description))
    out.append((MISSING_COLUMN_RULE, "error", "", "Every required ACLED column is in the input."))
    for rule in (*_table_rules(), *CROSS_FIELD_RULES):
        out.append((rule.name, rule.severity, rule.column, rule.description))
    return out


@functools.cache
def _table_rules() -> tuple[Rule, ...]:
    """Rules that need the whole table, so have no row-wise form."""
    return (
        Rule(
            name=DUPLICATE_RULE,
            severity="error",
            column="event_id_cnty",
            description="event_id_cnty is unique; every row of a duplicate group is reported.",
            expected="an id no other row has (every row of the group is reported)",
            columnar=lambda c: _duplicates(c["event_id_cnty"]),
            inputs=("event_id_cnty",),
        ),
    )


def table_rules() -> tuple[Rule, ...]:
    """The rules that need the whole table (duplicate ids): a partitioned run does them once."""
    return _table_rules()


def check_rules(rules: Iterable[Rule] = (), *, whole_table: bool = True) -> tuple[Rule, ...]:
    """The rules :func:`check` runs: whole-table rules, cross-field rules, then ``rules``.

    Args:
        rules: extra rules, run last.
        whole_table: include :func:`table_rules`; a partitioned run leaves them out and
            runs them over the whole input itself.
    """
    return (*(_table_rules() if whole_table else ()), *CROSS_FIELD_RULES, *rules)


def _duplicates(ids: pa.Array) -> np.ndarray:
    if len(pc.unique(ids)) == len(ids):  # the common case, one hash pass
        return np.zeros(len(ids), dtype=bool)
    counts = pc.value_counts(ids)
    repeated = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
    if len(repeated) == 0:
        return np.zeros(len(ids), dtype=bool)
    return to_mask(pc.and_(pc.is_in(ids, value_set=repeated), pc.not_equal(ids, "")))


def collect_failures(
    parsed: Parsed,
    *,
    rules: Sequence[Rule],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    missing_hint: str = "ACLED's current export has it",
) -> list[FailureBlock]:
    """Every failure of a parsed input: its parse failures, missing columns and ``rules``.

    Rules run in parallel on large inputs; a rule is skipped when a column it reads is
    absent from the input. Shared by ACLED and UCDP GED validation.
    """
    blocks = [b for b in parsed.blocks if rule_selected(b.rule, select, ignore)]
    if parsed.missing and rule_selected(MISSING_COLUMN_RULE, select, ignore):
        for name in parsed.missing:
            blocks.append(
                FailureBlock(
                    rule=MISSING_COLUMN_RULE,
                    severity="error",
                    column=name,
                    rows=None,
                    expected=f"a column named {name!r} ({missing_hint})",
                )
            )
    context = parsed.columns.with_extra(
        {name: parsed.raw.table.column(name) for name in parsed.extra}
    )
    active = [
        rule
        for rule in rules
        if rule_selected(rule.name, select, ignore) and not parsed.absent.intersection(rule.inputs)
    ]
    tasks = [functools.partial(rule.columnar, context) for rule in active]
    for rule, result in zip(active, run_all(tasks, rows=parsed.raw.n_rows), strict=True):
        mask = np.asarray(result, dtype=bool)
        if len(mask) != parsed.raw.n_rows:
            raise ValueError(
                f"rule {rule.name!r} returned {len(mask)} values for {parsed.raw.n_rows} rows"
            )
        rows = np.flatnonzero(mask)
        if len(rows):
            details = None
            if rule.explain is not None:
                details = pc.take(rule.explain(context), pa.array(rows, pa.int64()))
            blocks.append(
                FailureBlock(
                    rule=rule.name,
                    severity=rule.severity,
                    column=rule.column,
                    rows=rows,
                    expected=rule.expected,
                    details=details,
                )
            )
    return blocks


def check(
    parsed: Parsed,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    rules: Iterable[Rule] = (),
) -> ValidationReport:
    """Run every ACLED rule (and ``rules``) over a parsed input and build the report."""
    blocks = collect_failures(
        parsed,
        rules=check_rules(rules),
        select=select,
        ignore=ignore,
    )
    return ValidationReport(parsed=parsed, blocks=blocks)


def validate_table(
    raw: RawTable,
    /,
    *,
    dataset: str = "auto",
    rules: Iterable[Rule] = (),
    select: str | Sequence[str] | None = None,
    ignore: str | Sequence[str] | None = None,
) -> ValidationReport:
    """Validate a text table against its dataset's codebook, reporting every failure.

    Args:
        raw: the input as text, as :func:`~eventdata.io.readers.read_raw` gives it.
        dataset: ``"auto"`` (recognised from the columns), or a name in
            :data:`~eventdata.schema.datasets.DATASETS` (``"acled"``, ``"ucdp"``).
        rules: extra :class:`~eventdata.rules.base.Rule` objects to run (ACLED only).
        select: only run rules whose name equals or starts with one of these.
        ignore: skip rules whose name equals or starts with one of these.

    Returns:
        The report.

    Raises:
        NotEventDataError: the table is not one event per row (an aggregate table).
        UnknownRuleError: ``select`` or ``ignore`` names no rule.
        ValueError: ``dataset`` names no dataset.
    """
    rules = tuple(rules)
    if dataset == "auto":
        found = dataset_of(raw.column_names, source=raw.source)
    else:
        found = dataset_named(dataset)
    if found is UCDP_GED:
        from eventdata.validation.ged import check_ged, ged_rules

        names = [rule[0] for rule in ged_rules()]
        select = check_rule_patterns(select, names, option="select")
        ignore = check_rule_patterns(ignore, names, option="ignore")
        return check_ged(raw.complete(), select=select, ignore=ignore)
    names = [rule[0] for rule in all_rules()] + [rule.name for rule in rules]
    select = check_rule_patterns(select, names, option="select")
    ignore = check_rule_patterns(ignore, names, option="ignore")
    return check(parse(raw), select=select, ignore=ignore, rules=rules)
