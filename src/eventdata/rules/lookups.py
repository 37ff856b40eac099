"""The codebook as Arrow lookup arrays, built once for every columnar rule and writer."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.vocabulary.codebook import INTERACTIONS, ActorType, SubEventType

__all__ = [
    "ACTOR_CODES",
    "ACTOR_LABELS",
    "INTERACTION_CODES",
    "INTERACTION_LABELS",
    "SUB_DISORDER",
    "SUB_EVENT",
    "SUB_LABELS",
    "actor_codes",
    "lookup",
]

SUB_LABELS = pa.array([s.value for s in SubEventType])
"""Every sub-event type label, in codebook order."""
SUB_EVENT = pa.array([s.event_type.value for s in SubEventType])
"""The event type of each entry of :data:`SUB_LABELS`."""
SUB_DISORDER = pa.array([s.disorder_type.value for s in SubEventType])
"""The disorder type of each entry of :data:`SUB_LABELS`."""
ACTOR_LABELS = pa.array([a.value for a in ActorType])
"""Actor-type labels, in code order (code = index + 1)."""
ACTOR_CODES = pa.array([a.code for a in ActorType], pa.int64())
"""Actor-type codes, aligned with :data:`ACTOR_LABELS`."""
INTERACTION_LABELS = pa.array(list(INTERACTIONS.values()))
"""Interaction labels, aligned with :data:`INTERACTION_CODES`."""
INTERACTION_CODES = pa.array(list(INTERACTIONS), pa.int64())
"""The codebook's interaction codes."""


def lookup(keys: pa.Array, key_table: pa.Array, value_table: pa.Array) -> pa.Array:
    """``value_table`` at the position of each key in ``key_table``; null where absent."""
    return pc.take(value_table, pc.index_in(keys, value_set=key_table))


def actor_codes(labels: pa.Array) -> pa.Array:
    """Numeric codes (1-8) of actor-type labels; null for blank or unknown labels."""
    return pc.add(pc.index_in(labels, value_set=ACTOR_LABELS), 1)
