"""Checking a CSV / JSON Lines input block by block, as one input.

Each block is parsed and validated with global row numbers. Duplicate ``event_id_cnty``
values across blocks are found with an index of every id seen
(:class:`~eventdata.pipeline.id_index.IdIndex`): a block's rows whose id an earlier block
has are reported with the block; the earlier rows, already written, are moved out at the
end (:mod:`eventdata.pipeline.late_duplicates`), so every row of a group is reported, as
``to_parquet`` does. The summaries of the blocks add up to the summary of the whole input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import InputError, ValidationFailed
from eventdata.io.blocks import read_ahead
from eventdata.io.normalize import normalize
from eventdata.io.prefetch import Prefetch
from eventdata.io.readers import check_read_options
from eventdata.pipeline.date_style import DateTracker, is_open_date_style, settle_date_style
from eventdata.pipeline.id_index import IdIndex
from eventdata.pipeline.late_duplicates import add_late_to_summary, duplicate_failures
from eventdata.pipeline.write import Checked, check_raw, rejected_rows
from eventdata.schema.text import Dialect, RawTable
from eventdata.validation.engine import DUPLICATE_RULE
from eventdata.validation.failures import failure_lines
from eventdata.validation.memo import block_memo
from eventdata.validation.parse import serial

__all__ = [
    "Block",
    "SeenIds",
    "checked_blocks",
    "merge_summary",
    "policy_message",
    "shift_rows",
]


class SeenIds:
    """64-bit hashes of every event id written so far, as sorted numpy arrays.

    Hashes come from :func:`~eventdata.pipeline.id_index.id_hashes`; membership only (no
    confirmation on the text, unlike :class:`~eventdata.pipeline.id_index.IdIndex`).
    """

    def __init__(self) -> None:
        self._parts: list[np.ndarray] = []

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        """True where a hash was added before."""
        order = np.argsort(hashes, kind="stable")
        query = hashes[order]
        hit = np.zeros(len(query), dtype=bool)
        for part in self._parts:
            idx = np.minimum(np.searchsorted(part, query), len(part) - 1)
            hit |= part[idx] == query
        found = np.empty(len(hashes), dtype=bool)
        found[order] = hit
        return found

    def add(self, hashes: np.ndarray) -> None:
        """Remember hashes; sorted runs are merged like a log-structured merge tree."""
        if not len(hashes):
            return
        self._parts.append(np.sort(hashes))
        while len(self._parts) > 1 and len(self._parts[-2]) <= 2 * len(self._parts[-1]):
            newer = self._parts.pop()
            merged = np.concatenate([self._parts.pop(), newer])
            merged.sort(kind="stable")  # two sorted runs: a linear merge
            self._parts.append(merged)


def _cross_block_duplicates(checked: Checked, index: IdIndex, offset: int) -> Checked:
    """Report the rows whose id an earlier block has; index the block's ids."""
    ids = checked.table.column("event_id_cnty")  # as parsed: what the block's check compares
    failures = checked.failures
    flagged_rows = failures.filter(pc.equal(failures["rule"], DUPLICATE_RULE))["row"]
    already = np.zeros(checked.table.num_rows, dtype=bool)
    already[np.asarray(flagged_rows.to_numpy(zero_copy_only=False), dtype=np.int64)] = True
    repeated = index.add(ids, offset, already)
    rows = np.flatnonzero(repeated & ~already)
    if not len(rows):
        return checked
    raw = checked.raw
    text = raw.column("event_id_cnty") if "event_id_cnty" in raw.column_names else ids
    extra = duplicate_failures(rows, pc.take(text, pa.array(rows, pa.int64())).combine_chunks())
    invalid = checked.invalid.copy()
    invalid[rows] = True
    summary = dict(checked.summary or {})
    summary["counts"] = {k: dict(v) for k, v in summary.get("counts", {}).items()}
    add_late_to_summary(summary, failures=len(rows), newly_invalid=0)
    summary.update(n_invalid=int(invalid.sum()), n_valid=int((~invalid).sum()))
    return Checked(
        table=checked.table,
        raw=checked.raw,
        invalid=invalid,
        failures=pa.concat_tables([checked.failures, extra]),
        summary=summary,
        dialect=checked.dialect,
    )


def merge_summary(
    total: dict[str, Any] | None, part: dict[str, Any] | None
) -> dict[str, Any] | None:
    """Add the summary of a block to the running ``total`` (updated in place, returned)."""
    if part is None:
        return total
    if total is None:
        return {**part, "counts": {k: dict(v) for k, v in part.get("counts", {}).items()}}
    for key in ("n_rows", "n_valid", "n_invalid", "n_errors", "n_warnings"):
        total[key] = total.get(key, 0) + part.get(key, 0)
    total["ok"] = bool(total.get("ok")) and bool(part.get("ok"))
    for rule, entry in part.get("counts", {}).items():
        merged = total["counts"].setdefault(rule, {"severity": entry["severity"], "count": 0})
        merged["count"] += entry["count"]
    return total


@dataclass
class Block:
    """One checked block.

    Attributes:
        checked: the block, parsed and validated (``raw`` already freed).
        rejected: its invalid rows as text with global row numbers, when any.
        offset: the input row number of its first row.
        bytes_done: input bytes consumed up to its end.

    """

    checked: Checked
    rejected: pa.Table | None
    offset: int
    bytes_done: int


def checked_blocks(
    src: Path,
    *,
    block_size: int,
    validate: bool,
    kind: str,
    reader: str,
    date_format: str | None = None,
    encoding: str | None = None,
    index: IdIndex | None = None,
    texts: Prefetch | None = None,
) -> Iterator[Block]:
    """The blocks of ``src`` checked in turn; the reading runs a block ahead on a thread.

    The date style is decided on the first block (or given) and kept for the others, so
    every block reads its dates the same way; when the first block's dates read two ways,
    it is decided from every block's, and at the end the style every block's dates decide
    is checked against it (:mod:`~eventdata.pipeline.date_style`: a
    :class:`~eventdata.pipeline.date_style.DateStyleSettled` asks to run again), as a
    whole-file read decides it. ``index`` collects the ids of every block
    (see :class:`~eventdata.pipeline.id_index.IdIndex`), for the groups found late.
    ``texts`` is the reader when the caller started it already (see :func:`read_ahead`).
    """
    index = IdIndex() if index is None else index
    offset = 0
    tracker = DateTracker() if date_format is None else None
    if texts is None:
        texts = read_ahead(src, block_size=block_size, reader=reader, encoding=encoding)
    try:
        for text, done, flags in texts:
            # the check, the index of ids and the date tracker read the same columns:
            # what they compute alike is computed once (validation/memo.py)
            with block_memo():
                raw = _block_raw(text, flags, date_format)
                try:
                    block, style = _check_block(
                        raw, flags, offset, done, src, kind, validate, index
                    )
                except InputError as exc:
                    if offset or date_format is not None or not is_open_date_style(exc):
                        raise
                    # the first block's dates read two ways: decide as a whole file would
                    date_format = settle_date_style(
                        src, block_size=block_size, reader=reader, encoding=encoding
                    )
                    raw = _block_raw(text, flags, date_format)
                    block, style = _check_block(
                        raw, flags, offset, done, src, kind, validate, index
                    )
                del text
                date_format = date_format or style
                offset += raw.n_rows
                if tracker is not None:
                    tracker.add(raw)
                del raw
            yield block
        if tracker is not None:  # before the caller commits anything
            tracker.check(date_format, src)
    finally:
        texts.close()


def _block_raw(text: pa.Table, flags: dict[str, Any], date_format: str | None) -> RawTable:
    """One block as a text table, read with the file's delimiter (decimal commas follow it)."""
    check_read_options(date_format=date_format, on_truncated="raise")
    # one chunk per column: 1 MiB batches would cost every kernel of the check a call
    # per batch (a third more CPU for the whole conversion); the CSV reader gathers its
    # batches on its own thread already, and combining a single chunk copies nothing
    text = text.combine_chunks()
    raw = normalize(text, Dialect(format="table", delimiter=flags.get("delimiter", ",")), None)
    raw.dialect.date_format = date_format
    return raw


def _check_block(
    raw: RawTable,
    flags: dict[str, Any],
    offset: int,
    done: int,
    src: Path,
    kind: str,
    validate: bool,
    index: IdIndex,
) -> tuple[Block, str | None]:
    """Check one block (with duplicates across blocks); the block and the date style."""
    raw.dialect.format = kind
    raw.source = src
    for name, value in flags.items():
        setattr(raw.dialect, name, value)
    with serial():  # the reader and the writer use the other core
        checked = check_raw(raw, validate=validate)
    if validate:
        checked = _cross_block_duplicates(checked, index, offset)
        index.note_invalid(checked.invalid, offset)
    rejected = rejected_rows(checked, row_offset=offset) if checked.invalid.any() else None
    checked.raw = _EMPTY  # the text is no longer needed: free it early
    checked.report = None
    return Block(checked, rejected, offset, done), raw.dialect.date_format


_EMPTY = pa.table({})


def policy_message(block: Block, src: Path) -> ValidationFailed:
    """The refusal of ``on_invalid="raise"`` for a block with errors (its first five)."""
    lines = failure_lines(block.checked.failures, offset=block.offset)
    summary = (
        "rows break error rules (first failures below; conversion stopped at the block "
        f"starting at row {block.offset})"
    )
    return ValidationFailed(
        f"{src}: {summary}:\n" + "\n".join(lines), summary=summary, failures=lines
    )


def shift_rows(failures: pa.Table, offset: int) -> pa.Table:
    """A block's failure table with input row numbers (``offset`` added)."""
    if not offset:
        return failures
    return failures.set_column(0, "row", pc.add(failures["row"], offset))
