"""The columnar validation engine.

``validate`` reads any input as text (:func:`~eventdata.io.readers.read_raw`), parses each
column with the rules derived from the :class:`~eventdata.Event` fields, runs the
cross-field rules on the parsed arrays, and collects every failure with its row into a
:class:`~eventdata.validation.report.ValidationReport`. No pydantic object is built.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import InputError
from eventdata.io.dialects import LEGACY_EVENT_TYPES, detect_dataset
from eventdata.io.readers import RawTable, read_raw
from eventdata.validation.arrays import ColumnMap, LazyArray, blank_to_null
from eventdata.validation.fieldrules import (
    FIELD_SPECS,
    FieldSpec,
    ParsedColumn,
    iter_rule_names,
    parse_column,
)
from eventdata.validation.report import FailureBlock, ValidationReport
from eventdata.validation.rules import CROSS_FIELD_RULES, Rule, to_mask
from eventdata.validation.selection import check_rule_patterns, rule_selected
from eventdata.vocabulary.codebook import SubEventType

__all__ = [
    "Parsed",
    "all_rules",
    "check_rule_patterns",
    "check_rules",
    "collect_failures",
    "parse",
    "refuse_lossy",
    "rule_selected",
    "table_rules",
    "validate",
]

T = TypeVar("T")
DUPLICATE_RULE = "duplicate.event_id_cnty"
LOSSY_RULES = ("type.", "range.")
"""Failures whose values a reader would have to drop (they do not parse as their type)."""
MISSING_COLUMN_RULE = "columns.missing"
NO_ACTOR_CODE_COLUMNS = frozenset({"inter1", "inter2"})
"""Actor-type columns where numeric files write ``0`` for "no actor" (read as blank)."""


@dataclass
class Parsed:
    """An input parsed into typed columns, with every single-field failure found.

    Attributes:
        raw: the text input.
        columns: the 31 ACLED columns, typed (nulls where blank or invalid).
        extra: names of input columns the schema does not know (kept as text).
        blocks: failures found while parsing, as blocks of rows per rule.
        missing: required columns absent from the input.
        absent: every ACLED column absent from the input and not derived from others.
    """

    raw: RawTable
    columns: ColumnMap
    extra: list[str]
    blocks: list[FailureBlock] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    absent: set[str] = field(default_factory=set)
    labelled: frozenset[str] = frozenset(
        s.name for s in FIELD_SPECS if s.kind in ("enum", "actor_type", "interaction")
    )

    def table(self) -> pa.Table:
        """The parsed columns (31 ACLED columns, then extra text columns) as one table.

        Labels outside the codebook are kept as their text (the rules saw them as missing
        and reported them), so reading never loses a value.
        """
        arrays = []
        for name, values in self.columns.items():
            if name in self.labelled and name in self.raw.table.column_names:
                text = blank_to_null(self.raw.table.column(name))
                if name in NO_ACTOR_CODE_COLUMNS:  # code 0: no actor, read as blank
                    zero = pc.equal(pc.utf8_trim_whitespace(text), "0")
                    text = pc.if_else(zero, pa.scalar(None, pa.string()), text)
                values = pc.coalesce(values, text)
            arrays.append(values)
        complete = self.raw.complete()
        arrays += [_array(complete.table.column(n)) for n in self.extra]
        return pa.Table.from_arrays(arrays, names=[*self.columns, *self.extra])


def _parse_skipped(raw: RawTable, spec: FieldSpec) -> pa.Array:
    values = parse_column(spec, raw.complete().table.column(spec.name)).values
    return values.get() if isinstance(values, LazyArray) else values


def skippable_columns() -> frozenset[str]:
    """Columns validation need not read from a CSV: text no built-in rule can fail on.

    Free text (``notes`` is about half the bytes of an export), admin names and the
    ``; ``-joined lists: a CSV cell is never null, so their required-checks cannot fail.
    """
    read_by_rules = {name for rule in CROSS_FIELD_RULES for name in rule.inputs}
    return frozenset(
        spec.name
        for spec in FIELD_SPECS
        if spec.kind in ("text", "list") and not spec.min_length and spec.name not in read_by_rules
    )


def _array(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Columns stay chunked as read: compute kernels take them as they are, copying nothing."""
    return column


def _specs_for(dialect: str) -> tuple[FieldSpec, ...]:
    if dialect != "legacy":
        return FIELD_SPECS
    relaxed = {"sub_event_type", "disorder_type", "iso", "timestamp", "region"}
    out = []
    for spec in FIELD_SPECS:
        if spec.name == "event_type":
            spec = dataclasses.replace(spec, vocabulary=LEGACY_EVENT_TYPES)
        elif spec.name in relaxed:
            spec = dataclasses.replace(spec, required=False, nullable=True, min_length=None)
        out.append(spec)
    return tuple(out)


_DERIVED = {"disorder_type"}  # derived from sub_event_type when the dialect lacks it


def parse(raw: RawTable) -> Parsed:
    """Parse every ACLED column of a text table; never raises on bad values.

    Raises:
        NotEventDataError: the table is not one event per row.
        InputError: the table is UCDP GED (naming the functions that read it), or its
            dates can be read in several ways.
    """
    if detect_dataset(raw.column_names, source=raw.source) == "ucdp":
        raise InputError(
            "is a UCDP GED table, not ACLED: read it with eventdata.read_ged(), validate "
            "it with eventdata.validate() (which recognises it), or map it to ACLED columns "
            "with eventdata.ged_to_acled()",
            path=raw.source,
        )
    n = raw.n_rows
    present = set(raw.column_names)
    columns = ColumnMap()
    blocks: list[FailureBlock] = []
    missing: list[str] = []
    jobs: list[tuple[FieldSpec, pa.Array]] = []
    for spec in _specs_for(raw.dialect.name):
        if spec.name in raw.skipped:  # parsed from the full file only if asked for
            columns[spec.name] = LazyArray(functools.partial(_parse_skipped, raw, spec))
            continue
        if spec.name in present:
            text = _array(raw.table.column(spec.name))
        else:
            text = pa.nulls(n, pa.string())
            derived = spec.name in _DERIVED and raw.dialect.name != "legacy"
            if spec.required and not derived and raw.table.num_columns:
                missing.append(spec.name)  # reported once, as columns.missing
            spec = dataclasses.replace(spec, required=False)
        jobs.append((spec, text))
    tasks = [_parse_task(raw, spec, text) for spec, text in jobs]
    for (spec, _text), result in zip(jobs, _run_all(tasks, rows=n), strict=True):
        columns[spec.name] = result.values
        for check in result.checks:
            blocks.append(
                FailureBlock(
                    rule=check.rule,
                    severity="error",
                    column=spec.name,
                    rows=np.flatnonzero(check.mask),
                    expected=check.expected,
                )
            )
    if "actor2" not in present and "event_id_cnty" in present and n:
        ids = raw.table.column("event_id_cnty")
        if pc.count_distinct(ids).as_py() < n:
            raw.dialect.notes.append(
                "no actor2 column and event ids repeat: this looks like a one-row-per-actor "
                "(long or monadic) table, whose repeated ids are reported as duplicates"
            )
    derive = raw.dialect.name != "legacy" and "disorder_type" not in present and n > 0
    if derive:  # as Event does: pre-2023 files, and any file without the column
        columns["disorder_type"] = _derive_disorder(columns["sub_event_type"])
        raw.dialect.notes.append("derived disorder_type from sub_event_type")
    extra = [name for name in raw.table.column_names if name not in columns]
    absent = {name for name in columns if name not in present}
    if derive:
        absent -= _DERIVED
    return Parsed(
        raw=raw, columns=columns, extra=extra, blocks=blocks, missing=missing, absent=absent
    )


def _parse_task(raw: RawTable, spec: FieldSpec, text: pa.Array) -> Callable[[], ParsedColumn]:
    """The parse of one column; a date column is read with the input's year and date format."""
    if spec.kind != "date":
        return functools.partial(parse_column, spec, text)
    return functools.partial(parse_dates_of, raw, spec, text)


def parse_dates_of(raw: RawTable, spec: FieldSpec, text: pa.Array) -> ParsedColumn:
    """Parse the date column ``spec`` of ``raw``, deciding its style from the whole column.

    Raises:
        InputError: the dates can be read in several ways (naming the option that settles
            it), or the given date format is no style.
    """
    year = raw.table.column("year") if "year" in raw.table.column_names else None
    try:
        result = parse_column(spec, text, year=year, date_format=raw.dialect.date_format)
    except ValueError as exc:  # AmbiguousDates, or an unknown date_format
        raise InputError(f"column {spec.name!r}: {exc}", path=raw.source) from exc
    if raw.dialect.date_format is None:
        raw.dialect.date_format = result.date_style
    return result


_THREAD_MIN_ROWS = 50_000  # below this, threads cost more than they save


def _run_all(tasks: Sequence[Callable[[], T]], *, rows: int) -> list[T]:
    """Run the tasks, in order; on a thread per core when the input is large.

    Arrow kernels release the GIL, so columns parse and rules run in parallel.
    """
    workers = min(os.cpu_count() or 1, len(tasks))
    if workers < 2 or rows < _THREAD_MIN_ROWS:
        return [task() for task in tasks]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda task: task(), tasks))


_SUB = pa.array([s.value for s in SubEventType])
_SUB_DISORDER = pa.array([s.disorder_type.value for s in SubEventType])


def _derive_disorder(sub_event_type: pa.Array) -> pa.Array:
    return pc.take(_SUB_DISORDER, pc.index_in(sub_event_type, value_set=_SUB))


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
    for rule, result in zip(active, _run_all(tasks, rows=parsed.raw.n_rows), strict=True):
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


def refuse_lossy(parsed: Parsed, *, validator: str) -> None:
    """Raise when reading would lose values that do not parse as their column's type.

    Args:
        parsed: the parse result.
        validator: the function that lists every failure, named in the message.

    Raises:
        InputError: naming the column, the rule and the first rows.
    """
    lossy = [b for b in parsed.blocks if b.rule.startswith(LOSSY_RULES) and b.rows is not None]
    if not lossy:
        return
    block = lossy[0]
    bad: list[int] = [] if block.rows is None else block.rows.tolist()
    rows = ", ".join(str(r) for r in bad[:5])
    more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
    raise InputError(
        f"column {block.column!r} has values that are not {block.expected} "
        f"(rule {block.rule}) in rows {rows}{more}; reading them would lose them. "
        f"Run {validator}() for every failure, or pass errors='coerce' to read them as "
        "missing values.",
        path=parsed.raw.source,
    )


def validate(
    data: Any,
    /,
    *,
    select: str | Sequence[str] | None = None,
    ignore: str | Sequence[str] | None = None,
    rules: Iterable[Rule] = (),
    dataset: str = "auto",
    date_format: str | None = None,
    encoding: str | None = None,
) -> ValidationReport:
    """Validate event data against its codebook, columnar, reporting every failure.

    Args:
        data: a pandas or polars DataFrame, a pyarrow Table, or a path (``str`` or
            ``Path``) to CSV, JSON / JSON Lines (including saved ACLED API responses),
            Excel or Parquet.
        select: only run rules whose name equals or starts with one of these
            (``"vocabulary"`` selects ``vocabulary.event_type`` and the rest).
        ignore: skip rules whose name equals or starts with one of these.
        rules: extra :class:`~eventdata.validation.rules.Rule` objects to run; their
            ``columnar`` callables receive the parsed columns by name.
        dataset: ``"auto"`` (recognise UCDP GED by its columns, else ACLED), ``"acled"``
            or ``"ucdp"``.
        date_format: the style of the date column (``"%d-%m-%y"``, ...; docs/dialects.md);
            decided from the whole column and ``year`` when None.
        encoding: the text encoding of a CSV file; detected when None.

    Returns:
        The report: ``ok``, ``n_rows``, ``failures``, ``valid``, ``invalid`` and more.

    Raises:
        InputError: the input cannot be read at all (missing file, garbage bytes), or its
            dates can be read in several ways (pass ``date_format``).
        NotEventDataError: the input is not one event per row (an aggregate table).
        UnknownRuleError: ``select`` or ``ignore`` names no rule.
    """
    rules = tuple(rules)
    if dataset not in ("auto", "acled", "ucdp"):
        raise ValueError(f"dataset must be 'auto', 'acled' or 'ucdp', got {dataset!r}")
    if isinstance(data, RawTable):
        raw = data
    else:  # user rules may read any column: skip nothing for them
        skip = () if rules or dataset == "ucdp" else skippable_columns()
        raw = read_raw(data, skip=skip, encoding=encoding, date_format=date_format)
    if dataset == "auto":
        dataset = detect_dataset(raw.column_names, source=raw.source)
    if dataset == "ucdp":
        from eventdata.io.ucdp import ged_rules, validate_ged

        names = [rule[0] for rule in ged_rules()]
        select = check_rule_patterns(select, names, option="select")
        ignore = check_rule_patterns(ignore, names, option="ignore")
        return validate_ged(raw.complete(), select=select, ignore=ignore)
    names = [rule[0] for rule in all_rules()] + [rule.name for rule in rules]
    select = check_rule_patterns(select, names, option="select")
    ignore = check_rule_patterns(ignore, names, option="ignore")
    return check(parse(raw), select=select, ignore=ignore, rules=rules)
