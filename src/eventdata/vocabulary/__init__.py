"""The ACLED codebook as types."""

from eventdata.vocabulary.codebook import (
    CIVILIAN_TARGETING,
    INTERACTIONS,
    SOURCE_SCALE_PARTS,
    ActorType,
    DisorderType,
    EventType,
    GeoPrecision,
    SubEventType,
    TimePrecision,
    interaction_code,
    interaction_from_label,
    interaction_label,
)

__all__ = [
    "CIVILIAN_TARGETING",
    "INTERACTIONS",
    "SOURCE_SCALE_PARTS",
    "ActorType",
    "DisorderType",
    "EventType",
    "GeoPrecision",
    "SubEventType",
    "TimePrecision",
    "interaction_code",
    "interaction_from_label",
    "interaction_label",
]
