"""Checking a CSV / JSON Lines input block by block, as one input.

Each block is parsed and validated with global row numbers. Duplicate ``event_id_cnty``
values across blocks are found with a 64-bit hash of every id seen (8 bytes per row): only
the later occurrences are reported (earlier ones were already written and stay valid),
unlike ``to_parquet``, which reports every row of a group (docs/parquet.md). The summaries of the
blocks add up to the summary of the whole input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import ValidationFailed
from eventdata.io.blocks import iter_text_blocks, prefetch
from eventdata.io.readers import read_raw
from eventdata.pipeline.write import Checked, check_raw, rejected_rows
from eventdata.validation.engine import DUPLICATE_RULE
from eventdata.validation.report import FAILURE_SCHEMA, failure_lines

__all__ = ["Block", "SeenIds", "checked_blocks", "merge_summary", "policy_message", "shift_rows"]


class SeenIds:
    """64-bit hashes of every event id written so far, as sorted numpy arrays."""

    def __init__(self) -> None:
        self._parts: list[np.ndarray] = []

    @staticmethod
    def hashes(ids: pa.ChunkedArray | pa.Array) -> np.ndarray:
        """A 64-bit hash (SipHash, via pandas) per id."""
        values = pc.fill_null(ids, "").to_numpy(zero_copy_only=False)
        return np.asarray(pd.util.hash_array(np.asarray(values, dtype=object), categorize=False))

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


def _cross_block_duplicates(checked: Checked, seen: SeenIds, offset: int) -> Checked:
    ids = checked.table.column("event_id_cnty")
    hashes = SeenIds.hashes(ids)
    blank = np.asarray(pc.fill_null(pc.equal(ids, ""), True).to_numpy(zero_copy_only=False))
    repeated = seen.contains(hashes) & ~blank
    seen.add(hashes[~blank])
    if not repeated.any():
        return checked
    flagged = checked.failures.filter(pc.equal(checked.failures["rule"], DUPLICATE_RULE))
    already = np.zeros(len(repeated), dtype=bool)
    already[np.asarray(flagged["row"].to_numpy(zero_copy_only=False), dtype=np.int64)] = True
    rows = np.flatnonzero(repeated & ~already)
    if not len(rows):
        return checked
    values = pc.take(ids, pa.array(rows))
    shown = pc.binary_join_element_wise("'", values, "'", "")
    message = pc.binary_join_element_wise(
        "event_id_cnty: ",
        shown,
        f" fails {DUPLICATE_RULE}; expected an id no other row has (an earlier block of "
        "the input has it)",
        "",
    )
    n = len(rows)
    extra = pa.table(
        [
            pa.array(rows, pa.int64()),
            values,
            pa.array(["event_id_cnty"] * n),
            pa.array([DUPLICATE_RULE] * n),
            pa.array(["error"] * n),
            values,
            message,
        ],
        schema=FAILURE_SCHEMA,
    )
    invalid = checked.invalid.copy()
    invalid[rows] = True
    summary = dict(checked.summary or {})
    counts = {k: dict(v) for k, v in summary.get("counts", {}).items()}
    entry = counts.setdefault(DUPLICATE_RULE, {"severity": "error", "count": 0})
    entry["count"] += n
    summary.update(
        counts=counts,
        ok=False,
        n_errors=summary.get("n_errors", 0) + n,
        n_invalid=int(invalid.sum()),
        n_valid=int((~invalid).sum()),
    )
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
) -> Iterator[Block]:
    """The blocks of ``src`` checked in turn; the reading runs a block ahead on a thread.

    The date style is decided on the first block (or given) and kept for the others, so
    every block reads its dates the same way.
    """
    seen = SeenIds()
    offset = 0
    texts = prefetch(
        iter_text_blocks(src, block_size=block_size, reader=reader, encoding=encoding),
        name="read",
    )
    for text, done, flags in texts:
        raw = read_raw(text, date_format=date_format)
        del text
        raw.dialect.format = kind
        raw.source = src
        for name, value in flags.items():
            setattr(raw.dialect, name, value)
        checked = check_raw(raw, validate=validate)
        date_format = date_format or raw.dialect.date_format
        if validate:
            checked = _cross_block_duplicates(checked, seen, offset)
        rejected = rejected_rows(checked, row_offset=offset) if checked.invalid.any() else None
        n_rows = raw.n_rows
        del raw
        checked.raw = _EMPTY  # the text is no longer needed: free it early
        checked.report = None
        yield Block(checked, rejected, offset, done)
        offset += n_rows


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
