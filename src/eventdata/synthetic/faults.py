"""Corrupt a valid table in known ways: :func:`inject_faults`, :class:`Fault`, :data:`FAULT_KINDS`.

Each chosen row gets exactly one fault, so a validator's findings can be checked row by
row against the returned list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.synthetic.arrays import BoolArray, IntArray
from eventdata.vocabulary.codebook import INTERACTIONS, DisorderType, EventType, SubEventType

__all__ = ["FAULT_KINDS", "Fault", "inject_faults"]

_S = SubEventType


class Fault(NamedTuple):
    """One injected fault: the row (0-based), the column a validator should blame, the kind."""

    row: int
    column: str
    kind: str


FAULT_KINDS: dict[str, str] = {
    "sub_event_type.wrong_event_type": "sub_event_type",
    "disorder_type.wrong": "disorder_type",
    "interaction.inconsistent": "interaction",
    "inter2.without_actor2": "inter2",
    "year.mismatch": "year",
    "latitude.out_of_range": "latitude",
    "geo_precision.out_of_range": "geo_precision",
    "time_precision.out_of_range": "time_precision",
    "fatalities.negative": "fatalities",
    "fatalities.not_integer": "fatalities",
    "event_date.invalid": "event_date",
    "actor1.empty": "actor1",
    "event_type.unknown": "event_type",
    "civilian_targeting.invalid": "civilian_targeting",
    "event_id_cnty.duplicate": "event_id_cnty",
}
"""Fault kinds :func:`inject_faults` knows, each with the column a validator should blame.

Each fault breaks exactly one rule:

- ``sub_event_type.wrong_event_type``: a sub-event type of another event type with the
  same disorder type (so ``disorder_type`` stays consistent).
- ``disorder_type.wrong``: another valid disorder type.
- ``interaction.inconsistent``: a valid interaction label that inter1/inter2 do not give.
- ``inter2.without_actor2``: ``actor2`` (and ``assoc_actor_2``) blanked, ``inter2`` kept.
- ``year.mismatch``: ``year`` one more than the year of ``event_date``.
- ``latitude.out_of_range``: ``95.0000``.
- ``geo_precision.out_of_range``: ``4``; ``time_precision.out_of_range``: ``0``.
- ``fatalities.negative``: ``-1``; ``fatalities.not_integer``: ``abc``.
- ``event_date.invalid``: ``2024-13-45``.
- ``actor1.empty``: ``""``.
- ``event_type.unknown``: ``Political unrest``.
- ``civilian_targeting.invalid``: ``Yes`` (on rows that are not Violence against civilians).
- ``event_id_cnty.duplicate``: rows are corrupted in pairs; the later row of a pair gets
  the id of the earlier one and *both* rows are listed.
"""

_SWAP_SUB: dict[SubEventType, SubEventType] = {
    **{s: _S.AIR_DRONE_STRIKE for s in EventType.BATTLES.sub_event_types},
    **{s: _S.ARMED_CLASH for s in EventType.EXPLOSIONS_REMOTE_VIOLENCE.sub_event_types},
    **{s: _S.ARMED_CLASH for s in EventType.VIOLENCE_AGAINST_CIVILIANS.sub_event_types},
    _S.MOB_VIOLENCE: _S.ARMED_CLASH,
    _S.PROTEST_WITH_INTERVENTION: _S.VIOLENT_DEMONSTRATION,
    _S.PEACEFUL_PROTEST: _S.VIOLENT_DEMONSTRATION,
    _S.VIOLENT_DEMONSTRATION: _S.PEACEFUL_PROTEST,
}
"""A sub-event type of another event type with the same disorder type."""

_SD = DisorderType.STRATEGIC_DEVELOPMENTS.value
_PV = DisorderType.POLITICAL_VIOLENCE.value

_REWRITES: dict[str, Callable[[str], str]] = {
    "sub_event_type.wrong_event_type": lambda v: _SWAP_SUB[SubEventType(v)].value,
    "disorder_type.wrong": lambda v: _PV if v == _SD else _SD,
    "interaction.inconsistent": lambda v: (
        INTERACTIONS[11] if v == INTERACTIONS[88] else INTERACTIONS[88]
    ),
    "year.mismatch": lambda v: str(int(v) + 1),
}
"""Faults that rewrite the blamed column's value of each row from its current value."""


def inject_faults(
    table: pa.Table,
    /,
    *,
    seed: int = 0,
    rate: float = 0.01,
    kinds: Sequence[str] | None = None,
) -> tuple[pa.Table, list[Fault]]:
    """Corrupt chosen rows of a valid table in known ways, one fault per chosen row.

    Args:
        table: a valid all-string table, e.g. from :func:`generate_events`.
        seed: seed of the random choice of rows.
        rate: share of rows to corrupt; ``round(rate * num_rows)`` rows are chosen,
            spread evenly over the kinds.
        kinds: fault kinds to use (keys of :data:`FAULT_KINDS`); all by default.

    Returns:
        The corrupted table (same schema) and the faults sorted by row, each naming the
        row, the column a validator should blame and the kind.

    Raises:
        ValueError: for an unknown kind, a rate outside [0, 1], or too few rows that
            a kind can corrupt.

    """
    chosen_kinds = list(FAULT_KINDS) if kinds is None else list(kinds)
    unknown = [k for k in chosen_kinds if k not in FAULT_KINDS]
    if unknown:
        raise ValueError(f"unknown fault kind(s) {unknown}; known: {list(FAULT_KINDS)}")
    if not 0 <= rate <= 1:
        raise ValueError(f"rate must be within [0, 1], got {rate}")
    n = table.num_rows
    counts = _fault_counts(chosen_kinds, round(rate * n))
    rng = np.random.default_rng(seed)
    text = {name: np.asarray(table.column(name).to_numpy(zero_copy_only=False), dtype=object)
            for name in ("sub_event_type", "disorder_type", "event_type", "actor2")}  # fmt: skip
    sub = text["sub_event_type"]
    compound = DisorderType.POLITICAL_VIOLENCE_DEMONSTRATIONS.value
    eligible: dict[str, BoolArray] = {
        "sub_event_type.wrong_event_type": np.isin(sub, [s.value for s in _SWAP_SUB])
        & (text["disorder_type"] != compound),
        "inter2.without_actor2": text["actor2"] != "",
        "civilian_targeting.invalid": text["event_type"]
        != EventType.VIOLENCE_AGAINST_CIVILIANS.value,
    }
    used = np.zeros(n, dtype=bool)
    picked: dict[str, IntArray] = {}
    duplicate_pairs = np.zeros((0, 2), dtype=np.int64)
    for kind, count in zip(chosen_kinds, counts, strict=True):
        pool = np.flatnonzero(eligible.get(kind, np.ones(n, dtype=bool)) & ~used)
        if kind == "event_id_cnty.duplicate":
            pairs = _same_country_pairs(table, pool, count // 2, rng)
            used[pairs] = True
            duplicate_pairs = pairs
            picked[kind] = np.sort(pairs.ravel())
            continue
        if pool.size < count:
            raise ValueError(f"only {pool.size} rows can take fault {kind!r}, need {count}")
        rows = np.sort(rng.choice(pool, size=count, replace=False))
        used[rows] = True
        picked[kind] = rows

    edits: dict[str, dict[int, str]] = {}

    def edit(column: str, rows: IntArray, values: Sequence[str] | str) -> None:
        target = edits.setdefault(column, {})
        vals = [values] * len(rows) if isinstance(values, str) else list(values)
        for row, value in zip(rows.tolist(), vals, strict=True):
            target[row] = value

    def column_values(column: str, rows: IntArray) -> list[str]:
        return [str(v) for v in pc.take(table.column(column), pa.array(rows)).to_pylist()]

    faults: list[Fault] = []
    for kind, rows in picked.items():
        column = FAULT_KINDS[kind]
        faults.extend(Fault(int(r), column, kind) for r in rows)
        if kind in _REWRITES:
            edit(column, rows, [_REWRITES[kind](v) for v in column_values(column, rows)])
        elif kind == "inter2.without_actor2":
            edit("actor2", rows, "")
            edit("assoc_actor_2", rows, "")
        elif kind == "event_id_cnty.duplicate":
            edit(column, duplicate_pairs[:, 1], column_values(column, duplicate_pairs[:, 0]))
        else:
            edit(column, rows, _FAULT_VALUES[kind])

    faults.sort()
    return _apply(table, edits), faults


def _fault_counts(kinds: list[str], total: int) -> list[int]:
    """``total`` faults spread evenly over ``kinds``; duplicates come in pairs."""
    counts = [total // len(kinds) + (i < total % len(kinds)) for i in range(len(kinds))]
    if "event_id_cnty.duplicate" in kinds:
        i = kinds.index("event_id_cnty.duplicate")
        if counts[i] % 2 and len(kinds) > 1:
            counts[i] -= 1
            counts[(i + 1) % len(kinds)] += 1
        elif counts[i] % 2:
            counts[i] -= 1
    return counts


def _apply(table: pa.Table, edits: dict[str, dict[int, str]]) -> pa.Table:
    """The table with each column's edited cells (row -> new text) replaced."""
    for column, changes in edits.items():
        rows = np.fromiter(changes, dtype=np.int64, count=len(changes))
        order = np.argsort(rows)
        mask = np.zeros(table.num_rows, dtype=bool)
        mask[rows] = True
        values = pa.array([changes[int(r)] for r in rows[order]], pa.string())
        original = table.column(column).combine_chunks()
        replaced = pc.replace_with_mask(original, pa.array(mask), values)
        table = table.set_column(table.schema.get_field_index(column), column, replaced)
    return table


def _same_country_pairs(
    table: pa.Table, pool: IntArray, count: int, rng: np.random.Generator
) -> npt.NDArray[np.int64]:
    """Choose ``count`` disjoint pairs of rows from ``pool`` whose ``iso`` is the same.

    A duplicated id then keeps a prefix that matches the row's country, so the fault
    breaks uniqueness only. Returns an array of shape (count, 2), earlier row first.
    """
    shuffled = rng.permutation(pool)
    iso = pc.dictionary_encode(pc.take(table.column("iso"), pa.array(shuffled)))
    keys = np.asarray(iso.combine_chunks().indices, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    rows, keys = shuffled[order], keys[order]
    group_start = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    rank = np.arange(rows.size) - np.repeat(group_start, np.diff(np.r_[group_start, rows.size]))
    starts = np.flatnonzero((rank % 2 == 0) & (np.r_[keys[1:] == keys[:-1], False]))
    if starts.size < count:
        raise ValueError(
            f"only {starts.size} same-country row pairs can take fault "
            f"'event_id_cnty.duplicate', need {count}"
        )
    chosen = rng.choice(starts, size=count, replace=False)
    return np.sort(np.stack([rows[chosen], rows[chosen + 1]], axis=1), axis=1)


_FAULT_VALUES: dict[str, str] = {
    "latitude.out_of_range": "95.0000",
    "geo_precision.out_of_range": "4",
    "time_precision.out_of_range": "0",
    "fatalities.negative": "-1",
    "fatalities.not_integer": "abc",
    "event_date.invalid": "2024-13-45",
    "actor1.empty": "",
    "event_type.unknown": "Political unrest",
    "civilian_targeting.invalid": "Yes",
}
