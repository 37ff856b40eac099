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

from eventdata.datasets import DATASETS, Dataset, dataset_of, require, resolve
from eventdata.rules.base import Rule, to_mask
from eventdata.schema.columns import FieldSpec
from eventdata.schema.text import RawTable
from eventdata.validation.fieldrules import (
    iter_rule_names,
)
from eventdata.validation.hashes import id_hashes
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
    "rules_markdown",
    "table_rules",
    "validate_table",
]

DUPLICATE_RULE = "duplicate.event_id_cnty"
"""ACLED's duplicate-id rule (every dataset's is ``duplicate.<id column>``)."""


def _dataset(dataset: Dataset | None) -> Dataset:
    return DATASETS["acled"] if dataset is None else dataset


def all_rules(dataset: Dataset | None = None) -> list[tuple[str, str, str, str]]:
    """Every built-in rule of ``dataset`` (ACLED when None), for docs and the command line.

    Returns:
        ``(name, severity, column, description)`` per rule.
    """
    dataset = _dataset(dataset)
    out = []
    for name, family, spec in iter_rule_names(dataset.specs):
        description = {
            "required": f"{spec.name} is present and not blank.",
            "type": f"{spec.name} parses as {spec.kind.replace('_', ' ')}.",
            "range": f"{spec.name} is {_bounds(spec)}.",
            "vocabulary": f"{spec.name} is a label of the {dataset.title} codebook.",
            "not_empty": f"{spec.name} is not blank (empty or white space only).",
        }[family]
        out.append((name, "error", spec.name, description))
    every = f"Every required {dataset.title} column is in the input."
    out.append((MISSING_COLUMN_RULE, "error", "", every))
    for rule in (*table_rules(dataset), *dataset.rules):
        out.append((rule.name, rule.severity, rule.column, rule.description))
    return out


def _bounds(spec: FieldSpec) -> str:
    parts = [f">= {spec.ge:g}" if spec.ge is not None else "", ""]
    parts[1] = f"<= {spec.le:g}" if spec.le is not None else ""
    return " and ".join(p for p in parts if p)


@functools.cache
def table_rules(dataset: Dataset | None = None) -> tuple[Rule, ...]:
    """Rules that need the whole table (duplicate ids), so have no row-wise form.

    A partitioned run leaves them out of its parts and runs them over the whole input.
    """
    column = _dataset(dataset).id_column
    return (
        Rule(
            name=f"duplicate.{column}",
            severity="error",
            column=column,
            description=f"{column} is unique; every row of a duplicate group is reported.",
            expected="an id no other row has (every row of the group is reported)",
            columnar=lambda c: _duplicates(c[column]),
            inputs=(column,),
        ),
    )


def check_rules(
    rules: Iterable[Rule] = (), *, whole_table: bool = True, dataset: Dataset | None = None
) -> tuple[Rule, ...]:
    """The rules :func:`check` runs: whole-table rules, cross-field rules, then ``rules``.

    Args:
        rules: extra rules, run last.
        whole_table: include :func:`table_rules`; a partitioned run leaves them out and
            runs them over the whole input itself.
        dataset: whose rules (ACLED when None).
    """
    dataset = _dataset(dataset)
    return (*(table_rules(dataset) if whole_table else ()), *dataset.rules, *rules)


_HASHED_ID_BYTES = 32
"""Ids up to this long are told apart by their hashes (the hashing pads each to it)."""


def _all_distinct(ids: pa.Array | pa.ChunkedArray) -> bool:
    """Whether no two ids are equal, proven the cheap way where there is one.

    Short text ids are hashed (:func:`~eventdata.validation.hashes.id_hashes`) and the
    hashes sorted, several times cheaper than Arrow's hash table: equal ids hash alike, so
    no hash seen twice proves no id seen twice. A hash seen twice (a duplicate, or two ids
    that share a hash) answers False: the caller counts the ids exactly.
    """
    if pa.types.is_string(ids.type) and len(ids):
        longest = pc.max(pc.binary_length(ids)).as_py()
        if longest is not None and longest <= _HASHED_ID_BYTES:
            hashes = np.sort(id_hashes(ids))
            return not bool((hashes[1:] == hashes[:-1]).any())
    return len(pc.unique(ids)) == len(ids)


def _duplicates(ids: pa.Array) -> np.ndarray:
    if _all_distinct(ids):  # the common case
        return np.zeros(len(ids), dtype=bool)
    counts = pc.value_counts(ids)
    repeated = pc.drop_null(
        pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
    )
    if pa.types.is_string(repeated.type) or pa.types.is_large_string(repeated.type):
        repeated = pc.filter(repeated, pc.not_equal(repeated, ""))
    if len(repeated) == 0:
        return np.zeros(len(ids), dtype=bool)
    return to_mask(pc.is_in(ids, value_set=repeated))


def rules_markdown(dataset: Dataset | None = None) -> str:
    """Every rule of ``dataset`` as a Markdown table (for the docs' rule pages)."""
    lines = ["| rule | severity | column | checks |", "|---|---|---|---|"]
    for name, severity, column, description in all_rules(dataset):
        where = f"`{column}`" if column else "-"
        lines.append(f"| `{name}` | {severity} | {where} | {description} |")
    return "\n".join(lines) + "\n"


def collect_failures(
    parsed: Parsed,
    *,
    rules: Sequence[Rule],
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> list[FailureBlock]:
    """Every failure of a parsed input: its parse failures, missing columns and ``rules``.

    Rules run in parallel on large inputs; a rule is skipped when a column it reads is
    absent from the input. The same for every dataset.
    """
    missing_hint = parsed.dataset.missing_hint or f"{parsed.dataset.title} files have it"
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
    """Run every rule of the parsed input's dataset (and ``rules``) and build the report."""
    blocks = collect_failures(
        parsed,
        rules=check_rules(rules, dataset=parsed.dataset),
        select=select,
        ignore=ignore,
    )
    return ValidationReport(parsed=parsed, blocks=blocks)


def validate_table(
    raw: RawTable,
    /,
    *,
    dataset: str | Dataset = "auto",
    rules: Iterable[Rule] = (),
    select: str | Sequence[str] | None = None,
    ignore: str | Sequence[str] | None = None,
) -> ValidationReport:
    """Validate a text table against its dataset's codebook, reporting every failure.

    Args:
        raw: the input as text, as :func:`~eventdata.io.readers.read_raw` gives it.
        dataset: ``"auto"`` (recognised from the columns), a registered name
            (:data:`eventdata.datasets.DATASETS`: ``"acled"``, ``"ucdp"``, ``"gtd"``) or a
            :class:`~eventdata.datasets.Dataset`.
        rules: extra :class:`~eventdata.rules.base.Rule` objects to run.
        select: only run rules whose name equals or starts with one of these.
        ignore: skip rules whose name equals or starts with one of these.

    Returns:
        The report.

    Raises:
        NotEventDataError: the table is not one event per row (an aggregate table), or
            not the dataset asked for.
        UnknownRuleError: ``select`` or ``ignore`` names no rule.
        ValueError: ``dataset`` names no dataset.
    """
    rules = tuple(rules)
    found = resolve(dataset)
    if found is None:
        found = dataset_of(raw.column_names, source=raw.source)
    else:
        require(found, raw.column_names, source=raw.source)
    names = [rule[0] for rule in all_rules(found)] + [rule.name for rule in rules]
    select = check_rule_patterns(select, names, option="select")
    ignore = check_rule_patterns(ignore, names, option="ignore")
    return check(parse(raw, found), select=select, ignore=ignore, rules=rules)
