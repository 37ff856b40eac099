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

from eventdata.datasets import DATASETS, Dataset, dataset_of, require
from eventdata.exceptions import InputError, LossyValuesError
from eventdata.schema.columns import LABELLED_KINDS, FieldSpec
from eventdata.schema.text import PANDAS_INDEX_NAMES, RawTable
from eventdata.validation.aggregates import refuse_aggregate
from eventdata.validation.arrays import ColumnMap, LazyArray, blank_to_null
from eventdata.validation.failures import FailureBlock
from eventdata.validation.fieldrules import (
    ParsedColumn,
    parse_column,
)
from eventdata.vocabulary.pre2023 import PRE2023_LACKED_COLUMNS

T = TypeVar("T")


LOSSY_RULES = ("type.", "range.")
"""Failures whose values a reader would have to drop (they do not parse as their type)."""


MISSING_COLUMN_RULE = "columns.missing"


@dataclass
class Parsed:
    """An input parsed into typed columns, with every single-field failure found.

    Attributes:
        raw: the text input.
        columns: the dataset's columns, typed (nulls where blank or invalid).
        extra: names of input columns the dataset does not know (kept as text).
        blocks: failures found while parsing, as blocks of rows per rule.
        missing: required columns absent from the input.
        absent: every dataset column absent from the input and not derived from others.
        dataset: the dataset the input was read as.
    """

    raw: RawTable
    columns: ColumnMap
    extra: list[str]
    blocks: list[FailureBlock] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    absent: set[str] = field(default_factory=set)
    dataset: Dataset = field(default_factory=lambda: DATASETS["acled"])

    @property
    def labelled(self) -> frozenset[str]:
        """Columns whose values are codebook labels."""
        return frozenset(s.name for s in self.dataset.specs if s.kind in LABELLED_KINDS)

    def table(self) -> pa.Table:
        """The parsed columns (the dataset's, then extra text columns) as one table.

        Labels outside the codebook are kept as their text (the rules saw them as missing
        and reported them), so reading never loses a value.
        """
        arrays = []
        labelled = self.labelled
        kinds = {spec.name: spec.kind for spec in self.dataset.specs}
        for name, values in self.columns.items():
            # a column of labels in every row keeps them: its text adds nothing
            if name in labelled and values.null_count and name in self.raw.table.column_names:
                text = blank_to_null(self.raw.table.column(name))
                if kinds[name] == "actor_type":  # code 0: no actor, read as blank
                    zero = pc.equal(pc.utf8_trim_whitespace(text), "0")
                    text = pc.if_else(zero, pa.scalar(None, pa.string()), text)
                values = pc.coalesce(values, text)
            arrays.append(values)
        complete = self.raw.complete()
        arrays += [blank_to_null(complete.table.column(n)) for n in self.extra]  # "" is blank
        return pa.Table.from_arrays(arrays, names=[*self.columns, *self.extra])


def typed_table(parsed: Parsed) -> pa.Table:
    """The parsed input cast to its dataset's Arrow schema; extra columns follow as text."""
    from eventdata.schema.arrow import conform

    result: pa.Table = conform(parsed.table(), schema=parsed.dataset.arrow_schema())
    return result


def _parse_skipped(raw: RawTable, spec: FieldSpec) -> pa.Array:
    values = parse_column(spec, raw.complete().table.column(spec.name)).values
    return values.get() if isinstance(values, LazyArray) else values


def skippable_columns(dataset: Dataset | None = None) -> frozenset[str]:
    """Columns validation need not read from a file: text no built-in rule can fail on."""
    return (dataset or DATASETS["acled"]).skippable


def _array(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Columns stay chunked as read: compute kernels take them as they are, copying nothing."""
    return column


def _markers_to_blank(text: pa.Array, markers: tuple[str, ...]) -> pa.Array:
    """Cells holding one of the dataset's blank markers (GED's ``NA``) as blank cells."""
    if not markers:
        return text
    hit = pc.is_in(pc.utf8_trim_whitespace(text), value_set=pa.array(markers, pa.string()))
    return pc.if_else(pc.fill_null(hit, False), "", text)


def prepare(raw: RawTable, dataset: Dataset) -> RawTable:
    """Ready a text table for its dataset's parser.

    Names the dataset's dialect, drops a leading row-name column (R's ``write.csv``) and
    gives older column names (the dataset's ``aliases``) their current ones.
    """
    names = raw.table.column_names
    if names and names[0] in PANDAS_INDEX_NAMES and dataset.recognises(names[1:]):
        raw.table = raw.table.drop_columns([names[0]])
        raw.dialect.notes.append(f"dropped the row-name column {names[0]!r} (a row number)")
        names = raw.table.column_names
    renamed = {old: new for old, new in dataset.aliases.items() if old in names}
    if renamed and not set(renamed.values()) & set(names):
        raw.table = raw.table.rename_columns([renamed.get(n, n) for n in raw.table.column_names])
        shown = ", ".join(f"{old} -> {new}" for old, new in renamed.items())
        raw.dialect.notes.append(f"renamed the older columns {shown}")
    if dataset.dialect is not None:
        raw.dialect.name = dataset.dialect
    return raw


def parse(raw: RawTable, dataset: Dataset | None = None) -> Parsed:
    """Parse every column of a text table by its dataset's specs; never raises on bad values.

    Args:
        raw: the input as text.
        dataset: the dataset to read it as; recognised from the columns when None.

    Raises:
        NotEventDataError: the table is not one event per row, or not ``dataset``
            (naming the reader that fits).
        InputError: its dates can be read in several ways.
    """
    if dataset is None:
        dataset = dataset_of(raw.column_names, source=raw.source)
    else:
        require(dataset, raw.column_names, source=raw.source)
    refuse_aggregate(raw.table, source=raw.source)  # counts with an event_date are no events
    raw = prepare(raw, dataset)
    n = raw.n_rows
    present = set(raw.column_names)
    derivable = {d.column for d in dataset.derived if raw.dialect.name not in d.unless_dialects}
    columns = ColumnMap()
    blocks: list[FailureBlock] = []
    missing: list[str] = []
    jobs: list[tuple[FieldSpec, pa.Array]] = []
    for spec in dataset.specs_for(raw.dialect.name):
        if spec.name in raw.skipped:  # parsed from the full file only if asked for
            columns[spec.name] = LazyArray(functools.partial(_parse_skipped, raw, spec))
            continue
        if spec.name in present:
            text = _markers_to_blank(_array(raw.table.column(spec.name)), dataset.blank_markers)
        else:
            text = pa.nulls(n, pa.string())
            lacked = raw.dialect.name == "pre2023" and spec.name in PRE2023_LACKED_COLUMNS
            if spec.required and lacked:  # ACLED's own export of the era lacked it
                blocks.append(lacked_column_warning(spec.name))
            elif spec.required and spec.name not in derivable and raw.table.num_columns:
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
    if dataset.inspect is not None:
        raw.dialect.notes.extend(dataset.inspect(raw))
    derived = set()
    for item in dataset.derived:
        if item.column in derivable and item.column not in present and n > 0:
            columns[item.column] = item.compute(columns)
            raw.dialect.notes.append(item.note)
            derived.add(item.column)
    extra = [name for name in raw.table.column_names if name not in columns]
    absent = {name for name in columns if name not in present} - derived
    return Parsed(
        raw=raw,
        columns=columns,
        extra=extra,
        blocks=blocks,
        missing=missing,
        absent=absent,
        dataset=dataset,
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


def refuse_lossy(parsed: Parsed, *, validator: str, action: str = "reading them") -> None:
    """Raise when reading would lose values that do not parse as their column's type.

    The one loss check of every reader and writer.

    Args:
        parsed: the parse result.
        validator: the call that lists every failure, named in the message.
        action: what would lose them (``"reading them"``, ``"writing them as ACLED CSV"``).

    Raises:
        InputError: naming the column, the rule and the first rows.
    """
    lossy = [b for b in parsed.blocks if b.rule.startswith(LOSSY_RULES) and b.rows is not None]
    if not lossy:
        return
    lines = []
    for block in lossy:
        rows: list[int] = [] if block.rows is None else block.rows.tolist()
        raw = parsed.raw.table
        if block.column not in raw.column_names:  # a column validation skipped
            raw = parsed.raw.complete().table
        values = pc.take(raw.column(block.column), pa.array(rows[:3], pa.int64())).to_pylist()
        shown = ", ".join(f"row {r} {v!r}" for r, v in zip(rows, values, strict=False))
        more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
        lines.append(f"  {block.column}: {shown}{more} (not {block.expected}; {block.rule})")
    fix = (
        "or pass errors='coerce' to read them as missing values"
        if action == "reading them"
        else "fix the values, or read the input with errors='coerce' first"
    )
    first: list[int] = [] if lossy[0].rows is None else lossy[0].rows.tolist()
    raise LossyValuesError(
        f"has values that do not parse as their column's type, and {action} would lose "
        "them (rows are 0-based positions in the input):\n"
        + "\n".join(lines)
        + f"\nRun {validator} for every failure, {fix}.",
        column=lossy[0].column,
        rows=first,
        path=parsed.raw.source,
    )
