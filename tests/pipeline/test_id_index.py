"""The id index of streamed conversion: hashes, duplicates across blocks, late rows."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pyarrow as pa
import pytest

from eventdata.pipeline.id_index import IdIndex, id_hashes


def test_hash_depends_on_the_bytes_only_not_on_block_or_chunking():
    alone = id_hashes(pa.array(["SOM1", "SOM123456789012345"]))
    chunked = pa.chunked_array([pa.array(["x", "SOM1"]), pa.array(["SOM123456789012345"])])

    assert id_hashes(chunked.slice(1)).tolist() == alone.tolist()
    assert id_hashes(pa.array(["SOM123456789012345", "SOM1", "é"]))[:2].tolist() == [
        alone[1],
        alone[0],
    ]


@pytest.mark.parametrize(
    "ids", [["a", "b", "ab", "ba"], ["SOM1", "SOM10", "SOM1\x00"], ["", "é", "e", "ée"]]
)
def test_distinct_ids_get_distinct_hashes(ids):
    assert len(set(id_hashes(pa.array(ids)).tolist())) == len(ids)


def _add(index: IdIndex, block: list[str | None], offset: int) -> list[bool]:
    counts = Counter(x for x in block if x)
    flagged = np.array([bool(x) and counts[x] > 1 for x in block])
    return index.add(pa.array(block, pa.string()), offset, flagged).tolist()


def test_rows_repeating_an_earlier_block_are_found_and_first_rows_come_back_late():
    index = IdIndex()

    first = _add(index, ["A1", "A2", "A3", "A2"], 0)
    second = _add(index, ["B1", "A1", "", None], 4)
    third = _add(index, ["C1", "A3", "C1", "B1", "A2"], 8)
    rows, ids, valid = index.late_rows()

    assert first == [False] * 4
    assert second == [False, True, False, False]
    assert third == [False, True, False, True, True]
    # A2's first rows were reported by their own block; blanks are never duplicates
    assert rows.tolist() == [0, 2, 4] and ids.to_pylist() == ["A1", "A3", "B1"]
    assert valid.tolist() == [True, True, True]


def test_late_rows_say_which_were_invalid_already():
    index = IdIndex()
    _add(index, ["A1", "A2"], 0)
    index.note_invalid(np.array([False, True]), 0)
    _add(index, ["A2", "A1"], 2)

    rows, _ids, valid = index.late_rows()

    assert rows.tolist() == [0, 1] and valid.tolist() == [True, False]


def test_many_blocks_merge_runs_and_still_find_every_repeat():
    index = IdIndex()
    for block in range(40):
        _add(index, [f"X{block * 10 + i}" for i in range(10)], block * 10)

    found = _add(index, ["X0", "X399", "X200", "new"], 400)

    assert found == [True, True, True, False]
    assert index.late_rows()[0].tolist() == [0, 200, 399]
