"""Parsing a text table into typed columns, with every single-field failure found.

Each column is parsed by the single-field rules its :class:`~eventdata.schema.columns.FieldSpec`
implies (in threads for large inputs: pyarrow releases the GIL); dates are decided from the
whole column (:mod:`eventdata.validation.dates`).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import InputError, LossyValuesError
from eventdata.rules.acled import CROSS_FIELD_RULES
from eventdata.rules.lookups import SUB_DISORDER, SUB_LABELS, lookup
from eventdata.schema.columns import FIELD_SPECS, FieldSpec
from eventdata.schema.datasets import detect_dataset
from eventdata.schema.text import RawTable
from eventdata.validation.arrays import ColumnMap, LazyArray, blank_to_null
from eventdata.validation.fieldrules import (
    ParsedColumn,
    parse_column,
)
from eventdata.validation.report import FailureBlock
from eventdata.vocabulary.legacy import LEGACY_EVENT_TYPES
from eventdata.vocabulary.pre2023 import PRE2023_LACKED_COLUMNS

T = TypeVar("T")


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
            lacked = raw.dialect.name == "pre2023" and spec.name in PRE2023_LACKED_COLUMNS
            if spec.required and lacked:  # ACLED's own export of the era lacked it
                blocks.append(lacked_column_warning(spec.name))
            elif spec.required and not derived and raw.table.num_columns:
                missing.append(spec.name)  # reported once, as columns.missing
            spec = dataclasses.replace(spec, required=False)
        jobs.append((spec, text))
    tasks = [_parse_task(raw, spec, text) for spec, text in jobs]
    for (spec, _text), result in zip(jobs, run_all(tasks, rows=n), strict=True):
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


def lacked_column_warning(name: str) -> FailureBlock:
    """One warning for the file: a column ACLED's own export of the era lacked."""
    return FailureBlock(
        rule=MISSING_COLUMN_RULE,
        severity="warning",
        column=name,
        rows=None,
        expected=f"a column named {name!r} (some of ACLED's pre-2023 exports lack it; "
        "it is left blank)",
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

_SERIAL: contextvars.ContextVar[bool] = contextvars.ContextVar("eventdata_serial", default=False)


@contextlib.contextmanager
def serial() -> Iterator[None]:
    """Run the columns and rules of this thread's checks one after another.

    For callers that keep the cores busy themselves (the streamed conversion reads,
    checks and writes on three threads): a thread pool per block would only add work.
    """
    token = _SERIAL.set(True)
    try:
        yield
    finally:
        _SERIAL.reset(token)


def run_all(tasks: Sequence[Callable[[], T]], *, rows: int) -> list[T]:
    """Run the tasks, in order; on a thread per core when the input is large.

    Arrow kernels release the GIL, so columns parse and rules run in parallel (unless
    inside :func:`serial`).
    """
    workers = min(os.cpu_count() or 1, len(tasks))
    if workers < 2 or rows < _THREAD_MIN_ROWS or _SERIAL.get():
        return [task() for task in tasks]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda task: task(), tasks))


def _derive_disorder(sub_event_type: pa.Array) -> pa.Array:
    return lookup(sub_event_type, SUB_LABELS, SUB_DISORDER)


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
    raise LossyValuesError(
        f"column {block.column!r} has values that are not {block.expected} "
        f"(rule {block.rule}) in rows {rows}{more}; reading them would lose them. "
        f"Run {validator}() for every failure, or pass errors='coerce' to read them as "
        "missing values.",
        column=block.column,
        rows=bad,
        path=parsed.raw.source,
    )
