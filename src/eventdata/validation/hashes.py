"""64-bit hashes of event ids, computed columnar: to find duplicates without a hash table.

Equal ids hash alike, so ids whose hashes are all distinct are all distinct; a hash shared
by two rows is confirmed on the text. The streamed converter's index of the ids of every
block (:mod:`eventdata.pipeline.id_index`) and the engine's duplicate check use them.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.validation.memo import remembered

__all__ = ["contiguous_ids", "id_hashes"]

_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * _MIX1
    x = x ^ (x >> np.uint64(27))
    x = x * _MIX2
    return np.asarray(x ^ (x >> np.uint64(31)), dtype=np.uint64)


def contiguous_ids(ids: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Ids as one ``string`` array, null as ``""``."""
    if isinstance(ids, pa.ChunkedArray):
        ids = ids.combine_chunks() if ids.num_chunks != 1 else ids.chunk(0)
    return pc.fill_null(pc.cast(ids, pa.string()), "")


def id_hashes(ids: pa.Array | pa.ChunkedArray, /) -> np.ndarray:
    """A 64-bit hash of each id's bytes (null as ``""``), without a Python loop per row.

    The ids are padded with NUL bytes to a multiple of 8 bytes by one Arrow kernel, read
    as 64-bit words and folded with a mixing function; the hash depends on the bytes and
    the length only, so the same id hashes alike in every block. Inside
    :func:`~eventdata.validation.memo.block_memo`, ids hashed before are not hashed again.
    """
    text = contiguous_ids(ids)
    hashes: np.ndarray = remembered("id_hashes", text, lambda: _hash(text))
    return np.array(hashes, dtype=np.uint64)  # a copy: the caller may change it


def _hash(text: pa.Array) -> np.ndarray:
    n = len(text)
    if not n:
        return np.zeros(0, dtype=np.uint64)
    lengths = np.asarray(pc.binary_length(text).to_numpy(zero_copy_only=False), np.int64)
    width = max(8, -(-int(lengths.max()) // 8) * 8)
    padded = pc.ascii_rpad(text, width=width, padding="\x00")
    first = int(np.frombuffer(padded.buffers()[1], dtype=np.int32)[padded.offset])
    data = np.frombuffer(padded.buffers()[2], dtype=np.uint8)[first : first + n * width]
    words = data.view(np.uint64).reshape(n, width // 8)
    with np.errstate(over="ignore"):
        h = _mix(lengths.astype(np.uint64) ^ _MIX2)
        for j in range(width // 8):
            longer = lengths > 8 * j
            if j == 0:
                h = _mix(h ^ words[:, 0])
            elif longer.any():
                h[longer] = _mix(h[longer] ^ words[longer, j])
    return h
