"""Per-block memo: a result computed once per column (the same buffers), inside a block only."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa

from eventdata.validation.hashes import id_hashes
from eventdata.validation.memo import block_memo, remembered


def _counting() -> tuple[list[int], Callable[[], int]]:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    return calls, compute


def test_outside_a_block_nothing_is_remembered() -> None:
    column = pa.array(["a", "b"])
    calls, compute = _counting()
    remembered("k", column, compute)
    remembered("k", column, compute)
    assert len(calls) == 2


def test_same_buffers_reuse_the_result_other_values_do_not() -> None:
    column = pa.array(["a", "b", "c"])
    calls, compute = _counting()
    with block_memo():
        first = remembered("k", column, compute)
        again = remembered("k", pa.chunked_array([column]), compute)
        other_kind = remembered("j", column, compute)
        equal_copy = remembered("k", pa.array(["a", "b", "c"]), compute)
        sliced = remembered("k", column.slice(1), compute)
    assert first == again == 1
    assert (other_kind, equal_copy, sliced) == (2, 3, 4)
    with block_memo():  # a new block remembers nothing of the last
        assert remembered("k", column, compute) == 5


def test_id_hashes_inside_a_block_equal_and_independent() -> None:
    ids = pa.array(["SOM1", "SOM2", None, "SOM1"])
    plain = id_hashes(ids)
    with block_memo():
        first = id_hashes(ids)
        first[:] = 0  # a caller's change does not reach the remembered hashes
        second = id_hashes(ids)
    assert np.array_equal(second, plain)
    assert plain[0] == plain[3] and plain[0] != plain[1]
