"""Validation on the workers, the shuffle of ids, and the report built on the client.

Each worker parses its partition and runs every rule except the whole-table ones
(:func:`~eventdata.validation.engine.check_rules` with ``whole_table=False``), returning
its failures with partition-local rows. Its ids stay on the worker, split into one bucket
per reducer by a 64-bit hash; reducer ``k`` receives bucket ``k`` of every partition (the
only shuffle: ids, never rows) and runs the duplicate rule itself on them, so equal ids
always meet. The client adds the partition offsets and builds one report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.dask._report import DistributedReport, rows_message_table
from eventdata.dask._sources import Sources, read_partition
from eventdata.exceptions import InputError
from eventdata.pipeline.checked_blocks import shift_rows
from eventdata.pipeline.date_style import DateTracker, is_open_date_style
from eventdata.pipeline.id_index import id_hashes
from eventdata.rules.base import Rule
from eventdata.schema.text import Dialect
from eventdata.validation.arrays import ColumnMap
from eventdata.validation.engine import (
    DUPLICATE_RULE,
    check_rules,
    collect_failures,
    rule_selected,
    table_rules,
)
from eventdata.validation.failures import FAILURE_SCHEMA, FailureBlock
from eventdata.validation.parse import parse
from eventdata.validation.report import ValidationReport

__all__ = ["Checked", "check_all"]

ID = "event_id_cnty"


@dataclass
class Checked:
    """What a worker returns for its partition (small: failures, not rows)."""

    n_rows: int
    dialect: Dialect
    blocks: list[FailureBlock]
    failures: pa.Table
    has_ids: bool
    dates: DateTracker | None = None
    date_style: str | None = None
    open_dates: bool = False


def _shuffled_rule() -> Rule:
    rules = table_rules()
    unknown = [r.name for r in rules if r.name != DUPLICATE_RULE]
    if unknown:  # pragma: no cover - a new whole-table rule needs its own reduction here
        raise NotImplementedError(f"eventdata.dask cannot run whole-table rule(s) {unknown}")
    return rules[0]


def check_partition(
    part: Any,
    index: int,
    *,
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    rules: Sequence[Rule],
    skip: Collection[str],
    buckets: int,
    date_format: str | None = None,
) -> tuple[Checked, list[pa.Table] | None]:
    """Parse and check one partition (a worker task); its ids split into ``buckets``.

    With ``date_format`` None the partition decides its date style itself and returns its
    dates, so the client can decide the whole input's (see :func:`check_all`).
    """
    raw = read_partition(part, skip=skip)
    raw.dialect.date_format = date_format
    dates = None
    if date_format is None:
        dates = DateTracker()
        dates.add(raw)
    try:
        parsed = parse(raw)
    except InputError as exc:
        if dates is None or not is_open_date_style(exc):
            raise
        empty = Checked(raw.n_rows, raw.dialect, [], FAILURE_SCHEMA.empty_table(), False)
        return dataclasses.replace(empty, dates=dates, open_dates=True), None
    blocks = collect_failures(
        parsed,
        rules=check_rules(rules, whole_table=False, dataset=parsed.dataset),
        select=select,
        ignore=ignore,
    )
    failures = ValidationReport(parsed=parsed, blocks=blocks).failure_table
    has_ids = ID not in parsed.absent
    checked = Checked(
        n_rows=raw.n_rows,
        dialect=raw.dialect,
        blocks=[dataclasses.replace(b, details=None) for b in blocks],
        failures=failures,
        has_ids=has_ids,
        dates=dates,
        date_style=raw.dialect.date_format,
    )
    if not has_ids or buckets == 0:
        return checked, None
    ids = parsed.columns[ID]
    text = raw.table.column(ID)
    hashes = id_hashes(ids)
    table = pa.table(
        {
            "id": ids,
            "text": text,
            "part": pa.array(np.full(raw.n_rows, index, dtype=np.int32)),
            "row": pa.array(np.arange(raw.n_rows, dtype=np.int64)),
        }
    )
    bucket = hashes % np.uint64(buckets)
    return checked, [table.filter(pa.array(bucket == k)) for k in range(buckets)]


def first(pair: tuple[Checked, Any]) -> Checked:
    """The checked partition of a worker's result."""
    return pair[0]


def bucket_of(pair: tuple[Checked, list[pa.Table] | None], k: int) -> pa.Table | None:
    """Bucket ``k`` of a worker's ids."""
    return None if pair[1] is None else pair[1][k]


def bucket_duplicates(*parts: pa.Table | None) -> pa.Table:
    """The rows of one bucket that the duplicate rule flags: ``part``, ``row``, ``text``."""
    tables = [t for t in parts if t is not None]
    table = pa.concat_tables(tables) if tables else None
    if table is None or not table.num_rows:
        return pa.table({"part": pa.array([], pa.int32()), "row": [], "text": []}).cast(
            pa.schema([("part", pa.int32()), ("row", pa.int64()), ("text", pa.string())])
        )
    mask = np.asarray(_shuffled_rule().columnar(ColumnMap({ID: table["id"]})), dtype=bool)
    return table.filter(pa.array(mask)).select(["part", "row", "text"])


def _dialect(results: list[Checked]) -> Dialect:
    chosen = next((r.dialect for r in results if r.n_rows), results[0].dialect)
    legacy = {r.dialect.name == "legacy" for r in results if r.n_rows}
    if len(legacy) > 1:
        raise InputError(
            "some partitions read as the legacy (v6/v7) dialect and others not; give every "
            "file the same columns, or validate the files one by one"
        )
    return chosen


def _duplicate_failures(
    client: Any, futures: list[Any], offsets: np.ndarray, buckets: int
) -> tuple[FailureBlock, pa.Table] | None:
    reduced = [
        client.submit(bucket_duplicates, *[client.submit(bucket_of, f, k) for f in futures])
        for k in range(buckets)
    ]
    flagged = pa.concat_tables(client.gather(reduced))
    if not flagged.num_rows:
        return None
    rows = pc.add(
        pc.take(pa.array(offsets, pa.int64()), flagged["part"]), flagged["row"]
    ).to_numpy()
    order = np.argsort(rows, kind="stable")
    rule = _shuffled_rule()
    block = FailureBlock(
        rule=rule.name,
        severity=rule.severity,
        column=rule.column,
        rows=rows[order],
        expected=rule.expected,
    )
    text = flagged["text"].take(pa.array(order)).combine_chunks()
    return block, rows_message_table(block, text)


def check_all(
    client: Any,
    sources: Sources,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    rules: Sequence[Rule] = (),
    skip: Collection[str] = (),
) -> tuple[DistributedReport, list[int]]:
    """Validate every partition on the cluster; the report and the partitions' sizes."""
    args = sources.submit_args(client)
    duplicates = rule_selected(DUPLICATE_RULE, select, ignore)
    workers = max(1, len(client.nthreads()))
    buckets = min(workers, len(args)) if duplicates else 0
    options = {"select": select, "ignore": ignore, "rules": rules, "skip": skip}

    def submit(i: int, part: Any, date_format: str | None) -> Any:
        return client.submit(
            check_partition,
            part,
            i,
            **options,
            buckets=buckets,
            date_format=date_format,
            pure=False,
        )

    futures = [submit(i, part, None) for i, part in enumerate(args)]
    results: list[Checked] = client.gather([client.submit(first, f) for f in futures])
    style = _date_style(results, sources.source)
    again = [i for i, r in enumerate(results) if r.open_dates or r.date_style != style]
    if again and style is not None:  # decide as a whole-file read: every partition's dates
        for i in again:
            futures[i] = submit(i, args[i], style)
        redone = client.gather([client.submit(first, futures[i]) for i in again])
        for i, result in zip(again, redone, strict=True):
            results[i] = result
    sizes = [r.n_rows for r in results]
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    blocks: list[FailureBlock] = []
    tables: list[pa.Table] = []
    whole: set[tuple[str, str]] = set()
    for result, offset in zip(results, offsets, strict=True):
        for block in result.blocks:
            if block.rows is not None:
                blocks.append(dataclasses.replace(block, rows=block.rows + offset))
            elif (block.rule, block.column) not in whole:  # a missing column: once
                whole.add((block.rule, block.column))
                blocks.append(block)
        rowed = result.failures.filter(pc.is_valid(result.failures["row"]))
        tables.append(shift_rows(rowed, int(offset)))
    tables.append(_whole_input_failures(results))
    if buckets and all(r.has_ids for r in results):
        found = _duplicate_failures(client, futures, offsets, buckets)
        if found is not None:
            blocks.append(found[0])
            tables.append(found[1])
    del futures
    report = DistributedReport(
        blocks=blocks,
        failure_table=pa.concat_tables([t.cast(FAILURE_SCHEMA) for t in tables]),
        n_rows=int(sum(sizes)),
        dialect=_dialect(results),
        source=sources.source,
    )
    return report, sizes


def _date_style(results: list[Checked], source: Any) -> str | None:
    """The date style every partition's dates decide together, as a whole-file read does."""
    every = DateTracker()
    for result in results:
        if result.dates is not None:
            every.merge(result.dates)
    return every.decided(source)


def _whole_input_failures(results: list[Checked]) -> pa.Table:
    """The failures without a row (missing columns), once each, not once per partition."""
    seen: set[tuple[str, str]] = set()
    keep: list[dict[str, Any]] = []
    for result in results:
        whole = result.failures.filter(pc.is_null(result.failures["row"]))
        for record in whole.to_pylist():
            if (record["rule"], record["column"]) not in seen:
                seen.add((record["rule"], record["column"]))
                keep.append(record)
    return pa.Table.from_pylist(keep, schema=FAILURE_SCHEMA)
