"""Value distributions: codebook-derived lookup tables and the weights rows are drawn with.

Indices into :data:`SUBS`, :data:`EVENTS` and :data:`DISORDERS` are the integer codes the
generator works with; :data:`SUB_EVENT_IDX` and :data:`SUB_DISORDER_IDX` map a sub-event
type to its event and disorder type. Weights follow real Somalia and Iraq exports.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from eventdata.vocabulary.codebook import (
    INTERACTIONS,
    ActorType,
    DisorderType,
    EventType,
    SubEventType,
)

__all__ = [
    "ACTOR_LABELS",
    "CROWD_SIZES",
    "DISORDERS",
    "EVENTS",
    "GEO_PRECISION",
    "INTERACTION_LABELS",
    "PATTERNS",
    "SOURCE_SCALES",
    "SUBS",
    "SUB_DISORDER_IDX",
    "SUB_EVENT_IDX",
    "SUB_WEIGHTS",
    "TIME_PRECISION",
    "ZERO_FATALITIES",
    "Pattern",
]

SUBS: tuple[SubEventType, ...] = tuple(SubEventType)
EVENTS: tuple[EventType, ...] = tuple(EventType)
DISORDERS: tuple[DisorderType, ...] = tuple(DisorderType)
SUB_EVENT_IDX = np.array([EVENTS.index(s.event_type) for s in SUBS], dtype=np.int64)
SUB_DISORDER_IDX = np.array([DISORDERS.index(s.disorder_type) for s in SUBS], dtype=np.int64)
ACTOR_LABELS = pa.array([""] + [a.value for a in ActorType])  # index = code
INTERACTION_LABELS = pa.array([INTERACTIONS.get(code, "") for code in range(89)])

_S = SubEventType
# Relative frequencies from real Somalia 2025-26 and Iraq 2024 exports (small floor for
# types absent there).
SUB_WEIGHTS: dict[SubEventType, float] = {
    _S.GOVERNMENT_REGAINS_TERRITORY: 71,
    _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: 23,
    _S.ARMED_CLASH: 2857,
    _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS: 27,
    _S.PROTEST_WITH_INTERVENTION: 20,
    _S.PEACEFUL_PROTEST: 522,
    _S.VIOLENT_DEMONSTRATION: 46,
    _S.MOB_VIOLENCE: 40,
    _S.CHEMICAL_WEAPON: 1,
    _S.AIR_DRONE_STRIKE: 537,
    _S.SUICIDE_BOMB: 5,
    _S.SHELLING_ARTILLERY_MISSILE_ATTACK: 92,
    _S.REMOTE_EXPLOSIVE_LANDMINE_IED: 349,
    _S.GRENADE: 71,
    _S.SEXUAL_VIOLENCE: 8,
    _S.ATTACK: 678,
    _S.ABDUCTION_FORCED_DISAPPEARANCE: 92,
    _S.AGREEMENT: 135,
    _S.ARRESTS: 48,
    _S.CHANGE_TO_GROUP_ACTIVITY: 830,
    _S.DISRUPTED_WEAPONS_USE: 82,
    _S.HEADQUARTERS_OR_BASE_ESTABLISHED: 67,
    _S.LOOTING_PROPERTY_DESTRUCTION: 72,
    _S.NON_VIOLENT_TRANSFER_OF_TERRITORY: 32,
    _S.OTHER: 80,
}

# (inter1, inter2, weight) per sub-event type; inter2 0 means no actor2.
Pattern = tuple[int, int, float]
_BATTLE: tuple[Pattern, ...] = (
    (1, 2, 40), (2, 1, 10), (2, 4, 5), (1, 4, 6), (4, 4, 12), (1, 3, 3), (3, 1, 2),
    (2, 8, 6), (8, 2, 4), (1, 1, 2), (2, 2, 3), (4, 1, 3), (3, 3, 2),
)  # fmt: skip
_REMOTE: tuple[Pattern, ...] = (
    (1, 2, 20), (8, 2, 25), (2, 1, 15), (8, 0, 10), (1, 0, 5), (2, 0, 8), (2, 7, 7),
    (3, 7, 3), (1, 7, 3), (8, 7, 2), (2, 8, 2),
)  # fmt: skip
_VAC: tuple[Pattern, ...] = ((2, 7, 30), (1, 7, 20), (3, 7, 25), (4, 7, 15), (8, 7, 5))
PATTERNS: dict[SubEventType, tuple[Pattern, ...]] = {
    _S.GOVERNMENT_REGAINS_TERRITORY: _BATTLE,
    _S.NON_STATE_ACTOR_OVERTAKES_TERRITORY: _BATTLE,
    _S.ARMED_CLASH: _BATTLE,
    _S.EXCESSIVE_FORCE_AGAINST_PROTESTERS: ((6, 1, 1),),
    _S.PROTEST_WITH_INTERVENTION: ((6, 1, 1),),
    _S.PEACEFUL_PROTEST: ((6, 0, 1),),
    _S.VIOLENT_DEMONSTRATION: ((5, 0, 50), (5, 1, 40), (5, 5, 10)),
    _S.MOB_VIOLENCE: ((5, 7, 70), (5, 5, 15), (5, 1, 15)),
    _S.CHEMICAL_WEAPON: _REMOTE,
    _S.AIR_DRONE_STRIKE: _REMOTE,
    _S.SUICIDE_BOMB: _REMOTE,
    _S.SHELLING_ARTILLERY_MISSILE_ATTACK: _REMOTE,
    _S.REMOTE_EXPLOSIVE_LANDMINE_IED: _REMOTE,
    _S.GRENADE: _REMOTE,
    _S.SEXUAL_VIOLENCE: _VAC,
    _S.ATTACK: _VAC,
    _S.ABDUCTION_FORCED_DISAPPEARANCE: _VAC,
    _S.AGREEMENT: ((2, 4, 2), (1, 4, 2), (4, 4, 3), (1, 0, 2), (1, 8, 1)),
    _S.ARRESTS: ((1, 7, 6), (1, 2, 2), (1, 0, 2)),
    _S.CHANGE_TO_GROUP_ACTIVITY: ((2, 0, 5), (1, 0, 4), (8, 0, 1), (2, 7, 2), (4, 0, 1)),
    _S.DISRUPTED_WEAPONS_USE: ((1, 2, 6), (1, 3, 2), (8, 0, 1), (1, 0, 2)),
    _S.HEADQUARTERS_OR_BASE_ESTABLISHED: ((2, 0, 3), (1, 0, 2)),
    _S.LOOTING_PROPERTY_DESTRUCTION: ((2, 7, 4), (1, 7, 2), (3, 7, 2), (4, 7, 1)),
    _S.NON_VIOLENT_TRANSFER_OF_TERRITORY: ((2, 0, 2), (1, 0, 2), (4, 0, 1)),
    _S.OTHER: ((1, 0, 4), (2, 0, 2), (1, 7, 1), (8, 0, 1)),
}  # fmt: skip

# Probability that an event of each type reports no fatalities.
ZERO_FATALITIES: dict[EventType, float] = {
    EventType.BATTLES: 0.45,
    EventType.PROTESTS: 0.995,
    EventType.RIOTS: 0.90,
    EventType.EXPLOSIONS_REMOTE_VIOLENCE: 0.60,
    EventType.VIOLENCE_AGAINST_CIVILIANS: 0.50,
    EventType.STRATEGIC_DEVELOPMENTS: 0.985,
}

TIME_PRECISION = ((1, 2, 3), (0.93, 0.05, 0.02))
GEO_PRECISION = ((1, 2, 3), (0.68, 0.30, 0.02))
SOURCE_SCALES = (
    ("Other", 3325), ("Local partner-Other", 1898), ("National", 962), ("Other-National", 165),
    ("Subnational-National", 155), ("Regional", 99), ("Subnational", 78),
    ("Other-Subnational", 28), ("National-Regional", 25), ("Other-Regional", 11),
    ("International", 6), ("Other-International", 5), ("New media-National", 2),
    ("Regional-International", 2), ("New media", 1),
)  # fmt: skip
CROWD_SIZES = (
    ("crowd size=no report", 80), ("crowd size= no report", 2), ("crowd size=hundreds", 7),
    ("crowd size=thousands", 2), ("crowd size=dozens", 2), ("crowd size=several", 2),
    ("crowd size=large", 1), ("crowd size=around 30", 2), ("crowd size=100", 2),
)  # fmt: skip
